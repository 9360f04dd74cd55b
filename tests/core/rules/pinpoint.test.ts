/**
 * Pinpointing single wrong amounts (scripts/mutation-sweep.ts measures it over the whole corrected example):
 *   - 表2 支出总计 = 本年支出 (+ 结转下年) in every column (F9), so a wrong fund cell of the 支出总计 line breaks two
 *     equations and is highlighted first, not the line's 合计;
 *   - diagnosis does not single out one of several cells that the broken equations share equally (parts of a group
 *     sum read by two equations): one finding says so, at the rule's own cell.
 */
import { checkEachRule, runRules } from "../../../src/core/rules";
import { addr, correctModel, perf, setAmount, summaryLine } from "./model-builder";
import { findings, first, S } from "./helpers";

const loud = (fs: ReturnType<typeof runRules>) => fs.filter((f) => f.severity !== "info");
/** Loud findings that are, or keep in related, the F29/F30 sums (the small model also lacks indicators). */
const sums = (fs: ReturnType<typeof runRules>) =>
  loud(fs).filter((f) => [f.rule, ...(f.related ?? []).map((r) => r.rule)].some((r) => r === "F29" || r === "F30"));

describe("F9: 支出总计 column by column", () => {
  it("holds on the correct model", () => {
    expect(findings(correctModel(), "F9")).toEqual([]);
  });

  it("a wrong 一般公共预算 cell of 支出总计 breaks the row formula and 支出总计 = 本年支出, and is highlighted first", () => {
    const m = correctModel();
    const t = S(m, "2");
    const grand = summaryLine(t, "expense", "grandTotal");
    setAmount(t, grand, "gpb", "101.00");
    const wrong = addr(grand.amounts.gpb.cell);

    const raw = findings(m, "F9");
    expect(raw).toHaveLength(2);
    const column = raw.find((f) => f.message.includes("本年支出") && f.message.includes("一般公共预算"));
    expect(column).toBeDefined();
    expect(column!.expected).toBe("100.00");
    expect(column!.actual).toBe("101.00");

    const after = loud(runRules(m));
    expect(after.length).toBeGreaterThan(0);
    for (const f of after) expect(first(f)).toBe(wrong);
  });

  it("a wrong 合计 cell of 支出总计 is still highlighted itself", () => {
    const m = correctModel();
    const t = S(m, "2");
    const grand = summaryLine(t, "expense", "grandTotal");
    setAmount(t, grand, "total", "101.00");
    const after = loud(runRules(m));
    expect(after).toHaveLength(1);
    expect(first(after[0])).toBe(addr(grand.amounts.total.cell));
    expect(after[0].related!.length).toBeGreaterThanOrEqual(3);
  });
});

describe("diagnosis: equally shared cells", () => {
  const withProjects = (r1: string, r2: string) => {
    const m = correctModel();
    // 表3-1 人员经费 is 45.00: two 人员类 projects share it.
    m.tables["6"] = perf("100.00", [
      { name: "科普宣传项目", category: "T", budget: "40.00", indicators: [] },
      { name: "工资支出", category: "R", budget: r1, indicators: [] },
      { name: "社保缴费", category: "R", budget: r2, indicators: [] },
      { name: "定额公用经费", category: "Y", budget: "15.00", indicators: [] },
    ]);
    return m;
  };

  it("the correct variant raises no F29/F30", () => {
    const m = withProjects("30.00", "15.00");
    expect(loud(runRules(m)).filter((f) => f.rule === "F29" || f.rule === "F30")).toEqual([]);
  });

  it("one of two 人员类 projects off: one finding says it cannot tell which of the two, naming both first", () => {
    const m = withProjects("30.00", "16.00");
    const t6 = m.tables["6"]!;
    const [, r1, r2] = t6.projects;
    const raw = checkEachRule(m).filter((f) => f.rule === "F29" || f.rule === "F30");
    expect(raw).toHaveLength(2);
    const after = sums(runRules(m));
    expect(after).toHaveLength(1);
    // Both projects are in both equations: nothing singles one out.
    expect(after[0].message).toMatch(/无法判断哪一处有误/);
    expect(after[0].related!.map((r) => r.rule).sort()).toEqual(["F29", "F30"]);
    expect(after[0].cells.slice(0, 2).map(addr).sort()).toEqual([addr(r1.budgetCell), addr(r2.budgetCell)].sort());
  });

  it("the only 人员类 project off is still singled out", () => {
    const m = correctModel();
    const t6 = m.tables["6"]!;
    const r = t6.projects.find((p) => p.category === "R")!;
    r.budget = { fen: r.budget!.fen + 1_000_000, cell: r.budget!.cell };
    const after = sums(runRules(m));
    expect(after).toHaveLength(1);
    expect(first(after[0])).toBe(addr(r.budgetCell));
    expect(after[0].related!.map((x) => x.rule).sort()).toEqual(["F29", "F30"]);
  });
});
