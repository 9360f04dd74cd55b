/**
 * The web page's host-free parts in Node: the per-file check against the CLI's output on the same bytes, the batch
 * items, the grid's geometry and marks, file names. The page itself is tested in Chromium (tests/e2e/web.e2e.test.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCliIn } from "../support/run-cli";
import type { Finding } from "../../src/core/model/findings";
import type { SheetData } from "../../src/core/model/workbook";
import { toBatchReport } from "../../src/core/report/batch";
import { checkBytes } from "../../src/web/check";
import { baseName, jsonText } from "../../src/web/files";
import {
  ROW_HEIGHT,
  MAX_COLUMNS,
  cellKey,
  columnWidths,
  displayText,
  indexMerges,
  sheetExtent,
  sheetMarks,
  visibleRows,
} from "../../src/web/grid";
import { batchItems } from "../../src/web/batch-items";

const ROOT = path.resolve(__dirname, "../..");
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "budget-web-logic-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("checkBytes (what each worker runs)", () => {
  test.each(["seed-as-published.xlsx", "seed-corrected.xlsx"])(
    "%s: the report is exactly validate --json",
    async (name) => {
      fs.copyFileSync(path.join(ROOT, "examples", name), path.join(tmp, name));
      const { outcome } = checkBytes(name, new Uint8Array(fs.readFileSync(path.join(tmp, name))));
      const run = await runCliIn(tmp, "validate", name, "--json");
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(jsonText(outcome.report)).toBe(run.stdout);
      expect(outcome.department).toBe("凉山州科学技术协会");
      expect(outcome.findings).toHaveLength(outcome.report.findings.length);
      // The page's findings are in the report's order, so its list and the JSON read alike.
      expect(outcome.findings.map((f) => f.rule)).toEqual(outcome.report.findings.map((f) => f.rule));
    },
  );

  test.each([
    ["text.xlsx", Buffer.from("单位,金额\n科协,1\n")],
    ["empty.xlsx", Buffer.alloc(0)],
    ["cut.xlsx", fs.readFileSync(path.join(ROOT, "examples/seed-corrected.xlsx")).subarray(0, 2000)],
  ])("%s: unreadable, with the reason the CLI prints", async (name, bytes) => {
    fs.writeFileSync(path.join(tmp, name), bytes);
    const { outcome, workbook } = checkBytes(name, new Uint8Array(bytes));
    const run = await runCliIn(tmp, "validate", name, "--json");
    expect(run.code).toBe(2);
    expect(workbook).toBeUndefined();
    expect(outcome).toEqual({ ok: false, file: name, error: run.stderr.trim() });
  });

  test("batch items give the batch object's summary", () => {
    const ok = checkBytes(
      "a.xlsx",
      new Uint8Array(fs.readFileSync(path.join(ROOT, "examples/seed-as-published.xlsx"))),
    ).outcome;
    const bad = checkBytes("b.xlsx", new Uint8Array(Buffer.from("x"))).outcome;
    const batch = toBatchReport(batchItems([ok, bad]));
    expect(batch.files[1]).toEqual({ file: "b.xlsx", error: (bad as { error: string }).error });
    expect(batch.summary.files).toBe(2);
    expect(batch.summary.unreadable).toBe(1);
    if (!ok.ok) throw new Error("example unreadable");
    expect(batch.summary.error).toBe(ok.findings.filter((f) => f.severity === "error").length);
    expect(batch.summary.warning).toBe(ok.findings.filter((f) => f.severity === "warning").length);
  });
});

describe("grid helpers", () => {
  const sheet: SheetData = {
    name: "表1",
    rows: [["部门收支总表"], [], ["项目", "预算数", null, 0.1 + 0.2], ["一般公共预算拨款收入", 753.7, true]],
    merges: [
      { top: 0, left: 0, bottom: 0, right: 3 },
      { top: 2, left: 1, bottom: 3, right: 2 },
    ],
  };

  test("display text: numbers without binary noise, booleans as Excel shows them", () => {
    expect(displayText(0.1 + 0.2)).toBe("0.3");
    expect(displayText(753.7)).toBe("753.7");
    expect(displayText(true)).toBe("TRUE");
    expect(displayText(null)).toBe("");
    expect(displayText(undefined)).toBe("");
  });

  test("extent counts merges; widths grow with CJK text and skip merged titles", () => {
    expect(sheetExtent(sheet)).toEqual({ rows: 4, cols: 4, allCols: 4 });
    const w = columnWidths(sheet, 4);
    expect(w[0]).toBeGreaterThan(100); // 一般公共预算拨款收入
    expect(w[0]).toBeLessThanOrEqual(260);
    expect(w[3]).toBe(56);
    const wide: SheetData = { name: "w", rows: [new Array(MAX_COLUMNS + 20).fill(1)] };
    expect(sheetExtent(wide)).toEqual({ rows: 1, cols: MAX_COLUMNS, allCols: MAX_COLUMNS + 20 });
  });

  test("merged ranges: masters and covered cells", () => {
    const m = indexMerges(sheet.merges, 4);
    expect(m.masters.has(cellKey(0, 0))).toBe(true);
    expect(m.covered.get(cellKey(0, 3))).toBe(cellKey(0, 0));
    expect(m.covered.get(cellKey(3, 2))).toBe(cellKey(2, 1));
    expect(m.covered.has(cellKey(2, 1))).toBe(false);
  });

  test("marks: worst severity per cell, other sides included, merged cells mark their master, other sheets ignored", () => {
    const f = (severity: Finding["severity"], cells: [string, number, number][]): Finding => ({
      rule: "T",
      severity,
      message: "m",
      cells: cells.map(([s, row, col]) => ({ sheet: s, row, col })),
    });
    const marks = sheetMarks(
      [
        f("info", [["表1", 3, 0]]),
        f("error", [
          ["表2", 9, 9],
          ["表1", 3, 0],
        ]),
        f("warning", [["表1", 3, 2]]),
        f("warning", [["表1", 0, 2]]),
      ],
      "表1",
      indexMerges(sheet.merges, 4),
    );
    expect(marks.get(cellKey(3, 0))).toBe("error");
    expect(marks.get(cellKey(2, 1))).toBe("warning"); // C4 lies in the B3:C4 range
    expect(marks.get(cellKey(0, 0))).toBe("warning");
    expect(marks.has(cellKey(9, 9))).toBe(false);
    expect(marks.size).toBe(3);
  });

  test("visible rows: the viewport plus overscan, clamped", () => {
    expect(visibleRows(0, 10 * ROW_HEIGHT, 30000, 2)).toEqual({ first: 0, last: 12 });
    expect(visibleRows(1000 * ROW_HEIGHT, 10 * ROW_HEIGHT, 30000, 2)).toEqual({ first: 998, last: 1012 });
    expect(visibleRows(0, 10 * ROW_HEIGHT, 5, 2)).toEqual({ first: 0, last: 4 });
  });

  test("file names of the downloads", () => {
    expect(baseName("凉山州科协.xlsx")).toBe("凉山州科协");
    expect(baseName("dir/a.b.xlsx")).toBe("a.b");
    expect(baseName("noext")).toBe("noext");
  });
});
