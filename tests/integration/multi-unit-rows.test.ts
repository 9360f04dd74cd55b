/**
 * Unit rows that carry only a code or only a name (issue #7): a department of 10 units sharing project names, built
 * with each variant, gives every table its tree (department → unit → 类/款/项; 3-2 unit → group → project; 表6 unit →
 * project), raises no error or warning, and a single wrong cell of unit 7 is cells[0] of the one finding it raises.
 */
import { correctedSeed2024 } from "../../examples/data/corrected";
import type { LayoutOptions } from "../../scripts/examples/build-workbook";
import type { LedgerTable } from "../../src/core/model/tables";
import type { WorkbookData } from "../../src/core/model/workbook";
import { addr, buildAndRead, cellValue, check, describeFinding, loud, Locator, plus, withCell } from "./support";

const UNITS = 10;
const variants: ["code" | "name" | "both", string][] = [
  ["code", "单位行只有代码"],
  ["name", "单位行只有名称"],
  ["both", "单位行有代码和名称"],
];

/** The org rows of a ledger table: the department first, then its units. */
function orgs(t: LedgerTable) {
  return t.rows.filter((r) => r.kind === "org");
}

describe.each(variants)("10 units, unit rows: %s (%s)", (unitRows) => {
  const layout: LayoutOptions = { units: UNITS, sharedProjectNames: true, unitRows };
  let wb: WorkbookData;
  let loc: Locator;
  beforeAll(async () => {
    wb = await buildAndRead(correctedSeed2024(), layout);
    loc = Locator.of(correctedSeed2024(), layout);
  });

  it("every unit table builds department → unit → lines, and 表6 unit → project", () => {
    const { model } = check(wb);
    for (const id of ["1-1", "1-2", "2-1", "3-1", "3-2"] as const) {
      const t = model.tables[id]!;
      const o = orgs(t);
      expect([id, o.length]).toEqual([id, UNITS + 1]);
      const dept = o[0];
      expect([id, dept.children.map((c) => t.rows[c].kind)]).toEqual([id, Array(UNITS).fill("org")]);
      if (id === "1-1") continue;
      for (const u of o.slice(1)) {
        const kids = u.children.map((c) => t.rows[c]);
        expect(kids.length).toBeGreaterThan(0);
        if (id === "3-2") {
          // unit → group (功能科目 line) → project
          expect(kids.every((k) => k.kind === "group")).toBe(true);
          expect(kids.every((k) => k.children.every((c) => t.rows[c].kind === "item"))).toBe(true);
        } else {
          // unit → coded lines (1-2 prints the 项 lines; 2-1 / 3-1 the 类 lines with their 款 under them)
          expect([id, kids.filter((k) => !(k.kind === "item" && k.code)).map((k) => k.name)]).toEqual([id, []]);
          if (id !== "1-2") {
            expect(kids.every((k) => k.code!.length === 3 && k.children.length > 0)).toBe(true);
            expect(kids.every((k) => k.children.every((c) => t.rows[c].code!.startsWith(k.code!)))).toBe(true);
          } else expect(kids.every((k) => k.code!.length === 7)).toBe(true);
        }
      }
      if (id === "1-2") {
        const items = o.slice(1).map((u) => u.children.length);
        expect(new Set(items).size).toBe(1);
      }
    }
    const t6 = model.tables["6"]!;
    const shared = t6.projects.filter((p) => p.name === "学术交流活动业务经费");
    expect(shared).toHaveLength(UNITS);
    expect(new Set(shared.map((p) => p.unitName)).size).toBe(UNITS);
  });

  it("a correct department raises no error or warning", () => {
    expect(loud(check(wb).findings).map(describeFinding)).toEqual([]);
  });

  const unit7 = 6;
  const cases: [string, Parameters<Locator["at"]>][] = [
    ["表1-2 学术交流活动 项目支出", ["1-2", (t) => t.unitIndex === unit7 && t.code === "2060704", "project"]],
    ["表3-1 办公费", ["3-1", (t) => t.unitIndex === unit7 && t.code === "30201", "total"]],
    ["表3-2 学术交流活动业务经费", ["3-2", (t) => t.unitIndex === unit7 && t.name === "学术交流活动业务经费", "total"]],
    [
      "表6 学术交流活动业务经费 预算数",
      [
        "6",
        (t) =>
          t.kind === "indicator" &&
          t.unitIndex === unit7 &&
          t.name === "学术交流活动业务经费" &&
          t.indicatorIndex === 0,
        "budget",
      ],
    ],
  ];
  it.each(cases)("a wrong %s of unit 7 is pinpointed", (_label, at) => {
    const l = loc.at(...at);
    const cell = { sheet: l.sheet, row: l.row, col: l.col };
    const found = loud(check(withCell(wb, cell, plus(cellValue(wb, cell), 1))).findings);
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found.map((f) => addr(f.cells[0]))).toEqual([addr(cell)]);
  });
});
