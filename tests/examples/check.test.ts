/** The arithmetic check: the corrected data satisfies every formula; the published data fails where SLIPS says. */
import { seed2024 } from "../../examples/data/seed2024";
import { correctedSeed2024 } from "../../examples/data/corrected";
import { SLIP_SPECS, SLIPS } from "../../examples/data/slips";
import { checkSeed, describeFailure } from "../../scripts/examples/check-seed";
import { fen } from "../../examples/data/dec";

describe("checkSeed on the corrected data", () => {
  const { failures, count } = checkSeed(correctedSeed2024());

  it("holds every applicable formula, parent sum, row sum and 绩效 rule exactly", () => {
    expect(failures.map(describeFailure)).toEqual([]);
    expect(count).toBeGreaterThan(1000);
  });

  it("has Σ 权重 = 90 for every project and 753.71 as the department total everywhere", () => {
    const d = correctedSeed2024();
    for (const p of d.tables["6"].projects) {
      expect([p.name, p.indicators.reduce((s, i) => s + Number(i.weight), 0)]).toEqual([p.name, 90]);
    }
    expect(d.tables["6"].departmentBudget).toBe("753.71");
    expect(d.tables["7"].totalFunds).toBe("753.71");
    const projects = d.tables["6"].projects.reduce((s, p) => s + fen(p.budget), 0);
    expect(projects).toBe(fen("753.71"));
  });
});

describe("checkSeed on the published data", () => {
  const { failures } = checkSeed(seed2024());

  it("finds the known slips with the right verdicts", () => {
    const lines = failures.map(describeFailure);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[F7\] 表1-2 rounding: 合 计/),
        expect.stringMatching(/^\[F8\] 表1-2 rounding: Σ 1-2 项 of 类 210/),
        expect.stringMatching(/^\[F16\] 表3 rule: .*学术交流活动的/),
        expect.stringMatching(/^\[F33\] 表7 mismatch: 资金总额 = 表1 支出总计 \(expected 753.70, found 300.569\)/),
        expect.stringMatching(/^\[F32\] 表6 mismatch: 凉山州全民科学素质提升专项/),
        expect.stringMatching(/^\[F30\] 表6 rounding: Σ R projects/),
      ]),
    );
  });

  it("every failure is in a table where SLIPS lists a slip, and every rounding verdict is listed as rounding", () => {
    const slipTables = new Set(SLIPS.map((s) => s.table));
    for (const f of failures) expect([f.table, slipTables.has(f.table)]).toEqual([f.table, true]);
    const roundingTables = new Set(SLIPS.filter((s) => s.kind === "rounding").map((s) => s.table));
    for (const f of failures.filter((x) => x.verdict === "rounding")) expect(roundingTables.has(f.table)).toBe(true);
  });

  it("has one blank-direction slip per quantitative row without 指标方向性", () => {
    const blank = seed2024()
      .tables["6"].projects.flatMap((p) => p.indicators)
      .filter((i) => !i.direction && i.nature !== "定性").length;
    expect(SLIP_SPECS.filter((s) => s.column === "direction")).toHaveLength(blank);
    expect(failures.filter((f) => /指标方向性/.test(f.what))).toHaveLength(blank);
  });
});
