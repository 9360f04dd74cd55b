/**
 * Sampled mutation sweep (scripts/mutation-sweep.ts): every 5th amount cell of the corrected example, +1.00 in its
 * table's unit, checked with the whole engine. Guards the pinpoint rate against regressions:
 *   - overall, at least MIN_PINPOINT_RATE of the mutants have an error/warning whose cells[0] is the mutated cell
 *     (the rate achieved when this test was written, rounded down);
 *   - no mutant goes unmentioned (every wrong amount is at least listed in a finding);
 *   - outside 表6 every sampled mutant is pinpointed. 表6's 人员类 (R) and 运转类 (Y) project budgets are only checked
 *     as group sums (部门行 = Σ projects, Σ R = 表3-1 人员经费, Σ Y outside 表3-2 = 表3-1 公用经费), so which project of
 *     the group is off cannot be known; those mutants are listed, not pinpointed.
 * The full sweep (every cell, +1.00 and +0.01): node -r ts-node/register/transpile-only scripts/mutation-sweep.ts
 */
import { address, findingsPerFault, readCorrected, sweep, rate, tellable } from "../../scripts/mutation-sweep";
import { checkWorkbook } from "../../src/core/engine";

const MIN_PINPOINT_RATE = 0.95;

describe("mutation sweep (every 5th amount cell, +1.00)", () => {
  const wb = readCorrected();
  const result = sweep(wb, [1], 5);

  it("starts from a clean workbook", () => {
    expect(checkWorkbook(wb).findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("samples a meaningful number of cells across the tables", () => {
    expect(result.cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(result.cases.map((c) => c.table)).size).toBeGreaterThanOrEqual(8);
  });

  it(`pinpoints at least ${MIN_PINPOINT_RATE * 100}% of the mutants`, () => {
    expect(rate(result.total["1"])).toBeGreaterThanOrEqual(MIN_PINPOINT_RATE);
  });

  it("mentions every mutated cell in some error or warning", () => {
    expect(
      result.cases.filter((c) => c.outcome === "missed").map((c) => `${c.table} ${address(c.cell)} ${c.what}`),
    ).toEqual([]);
  });

  it("raises at most 1.2 error/warning findings per fault on average (one fault, one finding)", () => {
    expect(findingsPerFault(result.cases)).toBeLessThanOrEqual(1.2);
    expect(
      result.cases
        .filter((c) => c.loud > 1)
        .map((c) => `${c.table} ${address(c.cell)} ${c.what}: ${c.findings.join(" ; ")}`),
    ).toEqual([]);
  });

  it("pinpoints every mutant where the data can tell which cell is wrong", () => {
    const off = result.cases.filter((c) => tellable(c) && c.outcome !== "pinpointed");
    expect(off.map((c) => `${c.table} ${address(c.cell)} ${c.what}: ${c.outcome}`)).toEqual([]);
  });

  it("pinpoints every sampled mutant outside 表6", () => {
    const off = result.cases.filter((c) => c.table !== "6" && c.outcome !== "pinpointed");
    expect(off.map((c) => `${c.table} ${address(c.cell)} ${c.what}: ${c.outcome} | ${c.findings.join(" ; ")}`)).toEqual(
      [],
    );
  });
});
