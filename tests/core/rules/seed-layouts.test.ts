/**
 * The corrected seed in other layouts (元, joined codes, text amounts, several units, tables combined on one sheet):
 * the rules must stay silent (no error, no warning) whatever the layout. Built in memory with the example builder.
 */
import { buildBudgetWorkbook, workbookToBuffer, type LayoutOptions } from "../../../scripts/examples/build-workbook";
import { correctedSeed2024 } from "../../../examples/data/corrected";
import { readXlsxBuffer } from "../../../src/hosts/xlsx/reader";
import { recognizeWorkbook } from "../../../src/core/recognition";
import { runRules } from "../../../src/core/rules";
import { addr } from "./model-builder";

const LAYOUTS: [string, LayoutOptions][] = [
  ["元 and joined codes", { unit: "元", codeStyle: "joined" }],
  ["text amounts with separators", { amountsAs: "text" }],
  ["three budget units", { units: 3 }],
  [
    "combined sheets and offsets",
    {
      combine: [
        ["1", "1-1", "1-2"],
        ["4", "4-1", "5"],
      ],
      offset: { rows: 2, cols: 1 },
    },
  ],
];

describe.each(LAYOUTS)("corrected seed, %s", (_name, layout) => {
  it("raises no error and no warning", async () => {
    const buf = await workbookToBuffer(buildBudgetWorkbook(correctedSeed2024(), layout));
    const { model } = recognizeWorkbook(readXlsxBuffer(buf, "layout.xlsx"));
    expect(Object.keys(model.tables)).toHaveLength(14);
    const loud = runRules(model).filter((f) => f.severity !== "info");
    expect(loud.map((f) => `${f.rule} ${addr(f.cells[0])} ${f.message}`)).toEqual([]);
  });
});

describe("as-published seed, joined codes", () => {
  it("raises every error and warning slip at its cell", async () => {
    const { slipsFor } = await import("../../../examples/data/slips");
    const { seed2024 } = await import("../../../examples/data/seed2024");
    // With several units the 尾差 of 表1-2/2-1/3 sits on each unit line (合计 = Σ units exactly), not on the
    // 合计 line where slipsFor() places it; that layout is left out here (reported to the lead).
    const layout: LayoutOptions = { codeStyle: "joined", offset: { rows: 1, cols: 2 } };
    const buf = await workbookToBuffer(buildBudgetWorkbook(seed2024(), layout));
    const fs = runRules(recognizeWorkbook(readXlsxBuffer(buf, "published.xlsx")).model);
    const missing = slipsFor(layout)
      .filter((s) => s.kind === "error" || s.kind === "warning" || s.kind === "rounding")
      .filter((s) => !/三级指标 is empty|指标方向性 is blank/.test(s.what)) // see seed.test.ts
      // At the slip's cell: a finding's cells[0], or the first cell of an equation a diagnosed fault keeps in related.
      .filter(
        (s) =>
          !fs.some(
            (f) =>
              [f.cells[0], ...(f.related ?? []).map((r) => r.cells[0])].some(
                (c) => addr(c) === `${s.sheet}!${s.address}`,
              ) && f.severity === (s.kind === "error" ? "error" : "warning"),
          ),
      )
      .map((s) => `${s.kind} ${s.sheet}!${s.address} ${s.what}`);
    expect(missing).toEqual([]);
  });
});
