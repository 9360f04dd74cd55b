/**
 * Fault localisation: after every rule has run, the cell that every broken equation shares becomes cells[0]
 * (runRules), while each rule on its own keeps its own choice (checkEachRule).
 */
import { checkEachRule, runRules } from "../../../src/core/rules";
import { addr, correctModel, row, setAmount } from "./model-builder";
import { L } from "./helpers";

describe("localizeFaults (through runRules)", () => {
  it("one wrong basic amount in 1-2 is highlighted first by its row sum, its column sum and F20", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    const target = row(t, "2080505");
    setAmount(t, target, "basic", "12.10"); // 合计 (12.00) and the 合计 line (60.00) are left as they were
    const wrongCell = addr(target.amounts.basic.cell);

    const raw = checkEachRule(m).filter((f) => f.severity !== "info");
    const rules = raw.map((f) => f.rule).sort();
    expect(rules).toEqual(expect.arrayContaining(["SUM-COLUMN", "SUM-ROW"]));
    // On its own, each rule points at the total of its equation, not at the wrong cell.
    expect(raw.filter((f) => addr(f.cells[0]) === wrongCell)).toHaveLength(0);

    const localized = runRules(m).filter((f) => f.severity !== "info");
    expect(localized).toHaveLength(raw.length);
    for (const f of localized) {
      expect(addr(f.cells[0])).toBe(wrongCell);
      expect(f.cells.map(addr)).toContain(wrongCell);
    }
  });

  it("a wrong 合计 cell is what every broken equation points at, including the row sum and the cross-table check", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    const total = row(t, "合计");
    setAmount(t, total, "basic", "60.30");
    const wrongCell = addr(total.amounts.basic.cell);
    const raw = checkEachRule(m).filter((f) => f.severity !== "info");
    // On its own, SUM-ROW blames the row's 合计 column and F19 the 3-1 side.
    expect(
      raw
        .filter((f) => addr(f.cells[0]) !== wrongCell)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(["F19", "SUM-ROW"]);
    const after = runRules(m).filter((f) => f.severity !== "info");
    expect(after.map((f) => f.rule).sort()).toEqual(["F19", "SUM-COLUMN", "SUM-ROW"]);
    for (const f of after) expect(addr(f.cells[0])).toBe(wrongCell);
  });

  it("an item whose own row formula still holds is not blamed for a gap elsewhere", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    // Both 合计 and 基本支出 of the item change together (the row formula holds): the item's column sums break,
    // and no single cell explains every broken equation, so each rule keeps its own cell.
    const target = row(t, "2080505");
    setAmount(t, target, "basic", "12.10");
    setAmount(t, target, "total", "12.10");
    const raw = checkEachRule(m).filter((f) => f.severity !== "info");
    const localized = runRules(m).filter((f) => f.severity !== "info");
    expect(localized.map((f) => addr(f.cells[0]))).toEqual(raw.map((f) => addr(f.cells[0])));
  });
});
