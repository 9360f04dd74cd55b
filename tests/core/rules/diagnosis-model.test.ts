/**
 * Fault diagnosis on the small model (runRules): the broken equations one wrong cell explains become ONE finding
 * whose cells[0] is that cell, each equation kept in `related` with its own rule and first cell; each rule on its own
 * (checkEachRule) still reports its own equation, with the `equation` diagnosis reads.
 */
import { checkEachRule, runRules } from "../../../src/core/rules";
import { addr, correctModel, row, setAmount } from "./model-builder";
import { L } from "./helpers";

const loud = (fs: ReturnType<typeof runRules>) => fs.filter((f) => f.severity !== "info");

describe("diagnoseFaults (through runRules)", () => {
  it("one wrong basic amount in 1-2: its row sum, its column sum and F20 become one finding at the cell", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    const target = row(t, "2080505");
    setAmount(t, target, "basic", "12.10"); // 合计 (12.00) and the 合计 line (60.00) are left as they were
    const wrongCell = addr(target.amounts.basic.cell);

    const raw = loud(checkEachRule(m));
    expect(raw.map((f) => f.rule)).toEqual(expect.arrayContaining(["SUM-COLUMN", "SUM-ROW", "F20"]));
    // On its own, each rule points at the total of its equation, not at the wrong cell, and carries its equation.
    expect(raw.filter((f) => addr(f.cells[0]) === wrongCell)).toHaveLength(0);
    for (const f of raw) expect(f.equation!.terms.map((x) => addr(x.cell))).toContain(wrongCell);

    const after = loud(runRules(m));
    expect(after).toHaveLength(1);
    expect(addr(after[0].cells[0])).toBe(wrongCell);
    expect(after[0].expected).toBe("12.00");
    expect(after[0].actual).toBe("12.10");
    expect(after[0].related!.map((r) => r.rule).sort()).toEqual(raw.map((f) => f.rule).sort());
    for (const r of after[0].related!) expect(after[0].cells.map(addr)).toContain(addr(r.cells[0]));
    expect(after[0]).not.toHaveProperty("equation");
  });

  it("a wrong 合计 cell: the row sum, the column sum and the cross-table check become one finding at it", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    const total = row(t, "合计");
    setAmount(t, total, "basic", "60.30");
    const wrongCell = addr(total.amounts.basic.cell);
    const after = loud(runRules(m));
    expect(after).toHaveLength(1);
    expect(addr(after[0].cells[0])).toBe(wrongCell);
    expect(after[0].related!.map((r) => r.rule).sort()).toEqual(["F19", "SUM-COLUMN", "SUM-ROW"]);
  });

  it("an item whose 合计 and 基本支出 changed together (its row formula holds) is one finding naming both cells", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    const target = row(t, "2080505");
    setAmount(t, target, "basic", "12.10");
    setAmount(t, target, "total", "12.10");
    const after = loud(runRules(m));
    expect(after).toHaveLength(1);
    expect(after[0].cells.slice(0, 2).map(addr).sort()).toEqual(
      [addr(target.amounts.basic.cell), addr(target.amounts.total.cell)].sort(),
    );
    // The most detailed column of the row formula first.
    expect(addr(after[0].cells[0])).toBe(addr(target.amounts.basic.cell));
    expect(after[0].message).toMatch(/2栏同差/);
  });
});
