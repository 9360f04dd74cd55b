/**
 * Fault diagnosis (issue #7) on the corrected example: each of the reported cases is ONE error/warning
 * finding whose cells[0] is the cell to fix, with the equations it breaks kept in `related`; and the CLI's two
 * outputs carry `related` (JSON: never `equation`; text: indented under the fault).
 */
import { correctedSeed2024 } from "../../../examples/data/corrected";
import type { Finding } from "../../../src/core/model/findings";
import type { CellRef, CellValue, WorkbookData } from "../../../src/core/model/workbook";
import { formatTextReport, toJsonReport } from "../../../src/cli/report";
import { addr, cellValue, check, loud, Locator, plus, readExample, withCell } from "../../integration/support";

const wb = readExample("seed-corrected.xlsx");
const loc = Locator.of(correctedSeed2024());
const at = (table: Parameters<Locator["at"]>[0], code: string, column: string): CellRef => {
  const l = loc.at(table, { kind: "item", code }, column);
  return { sheet: l.sheet, row: l.row, col: l.col };
};
const set = (book: WorkbookData, c: CellRef, v: CellValue) => withCell(book, c, v);
const describe1 = (f: Finding) => `${f.severity} ${f.rule} ${addr(f.cells[0])} ${f.message}`;

function only(book: WorkbookData): Finding {
  const found = loud(check(book).findings);
  expect(found.map(describe1)).toHaveLength(1);
  return found[0];
}

describe("the issue's reported cases, each one finding at the cell to fix", () => {
  it("starts from a clean workbook", () => {
    expect(loud(check(wb).findings)).toEqual([]);
  });

  it("an item changed in 表1-2 (合计 and 基本支出 together) is shown at 表1-2, not at 表1", () => {
    const total = at("1-2", "2080505", "total");
    const basic = at("1-2", "2080505", "basic");
    const book = set(set(wb, total, plus(cellValue(wb, total), 1)), basic, plus(cellValue(wb, basic), 1));
    const f = only(book);
    expect(f.cells.slice(0, 2).map(addr).sort()).toEqual([addr(total), addr(basic)].sort());
    expect(f.table).toBe("1-2");
    expect(f.related!.length).toBeGreaterThan(1);
  });

  it("办公费 changed in 表3-1 (its 302 subtotal broken too) is shown at 办公费", () => {
    const c = at("3-1", "30201", "public");
    const f = only(set(wb, c, plus(cellValue(wb, c), 1)));
    expect(addr(f.cells[0])).toBe(addr(c));
    expect(f.message).toMatch(/办公费/);
    expect(f.related!.map((r) => r.rule)).toEqual(expect.arrayContaining(["SUM-ROW", "SUM-COLUMN"]));
  });

  it("水费 and 电费 swapped in 表3-1: each disagreement names the 表3-1 cell first and 表2-1 second", () => {
    const rows = ["30205", "30206"].map((code) => ({
      total: at("3-1", code, "total"),
      pub: at("3-1", code, "public"),
    }));
    const [w, e] = rows.map((r) => cellValue(wb, r.total));
    let book = wb;
    book = set(set(book, rows[0].total, e), rows[0].pub, e);
    book = set(set(book, rows[1].total, w), rows[1].pub, w);
    const found = loud(check(book).findings);
    expect(found).toHaveLength(2);
    const t31 = loc.sheetOf("3-1");
    const t21 = loc.sheetOf("2-1");
    for (const f of found) {
      expect(f.cells[0].sheet).toBe(t31);
      expect(f.cells[1].sheet).toBe(t21);
      expect(f.message).toMatch(/无法判断哪一处有误/);
    }
    expect(found.map((f) => f.cells[0].row).sort()).toEqual(rows.map((r) => r.total.row).sort());
  });

  it("a code changed in 表3-2 to one that does not exist is shown at the code", () => {
    const l = loc.at("3-2", (t) => t.kind === "item" && t.code === "2060799", "code");
    const c: CellRef = { sheet: l.sheet, row: l.row, col: l.col };
    const found = loud(check(set(wb, c, "98")).findings); // 2060799 → 2060798, a code no table has
    expect(found.map(describe1)).toHaveLength(1);
    expect(addr(found[0].cells[0])).toBe(addr(c));
    expect(found.filter((f) => addr(f.cells[0]) !== addr(c)).map(describe1)).toEqual([]);
  });

  it("a negative 邮电费 in 表3-1 is shown at itself, its broken sums folded under it", () => {
    const total = at("3-1", "30207", "total");
    const pub = at("3-1", "30207", "public");
    const f = only(set(wb, pub, -Number(cellValue(wb, pub))));
    expect(addr(f.cells[0])).toBe(addr(pub));
    expect(f.rule).toBe("AMOUNT-NEGATIVE");
    expect(f.related!.length).toBeGreaterThan(0);
    expect(f.cells.map(addr)).toContain(addr(total));
  });
});

describe("the CLI outputs of a diagnosed fault", () => {
  const c = at("3-1", "30201", "public");
  const result = check(set(wb, c, plus(cellValue(wb, c), 1)));

  it("JSON: one finding with related entries (rule, message, cells), never the internal equation", () => {
    const json = toJsonReport("book.xlsx", result);
    const loudJson = json.findings.filter((f) => f.severity !== "info");
    expect(loudJson).toHaveLength(1);
    expect(loudJson[0].related!.length).toBeGreaterThan(1);
    for (const r of loudJson[0].related!) {
      expect(Object.keys(r).sort()).toEqual(["cells", "message", "rule"]);
      expect(loudJson[0].cells).toContainEqual(r.cells[0]);
    }
    expect(JSON.stringify(json)).not.toMatch(/"equation"|"terms"|"coef"/);
  });

  it("text: the fault once, the equations it throws off indented under it", () => {
    const text = formatTextReport("book.xlsx", result);
    const lines = text.split("\n");
    const head = lines.findIndex((l) => /^ {4}\[/.test(l) && l.includes("办公费"));
    expect(head).toBeGreaterThan(0);
    const under = lines
      .slice(head + 1)
      .filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith("        └")));
    expect(under.length).toBe(result.findings.find((f) => f.severity !== "info")!.related!.length);
    expect(text).toMatch(/错误 1 个/);
  });
});
