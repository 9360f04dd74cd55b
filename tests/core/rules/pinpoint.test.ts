/**
 * Pinpointing single wrong amounts (scripts/mutation-sweep.ts measures it over the whole corrected example):
 *   - 表2 支出总计 = 本年支出 (+ 结转下年) in every column (F9), so a wrong fund cell of the 支出总计 line breaks two
 *     equations and is highlighted first, not the line's 合计;
 *   - localizeFaults does not single out one of several cells that the broken equations share equally (parts of a
 *     group sum read by two equations): the rule's own choice stays.
 */
import { checkEachRule, runRules } from "../../../src/core/rules";
import { addr, correctModel, perf, setAmount, summaryLine } from "./model-builder";
import { findings, first, S } from "./helpers";

const loud = (fs: ReturnType<typeof runRules>) => fs.filter((f) => f.severity !== "info");

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
    expect(after.length).toBeGreaterThanOrEqual(3);
    for (const f of after) expect(first(f)).toBe(addr(grand.amounts.total.cell));
  });
});

describe("localizeFaults: equally shared cells", () => {
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

  it("one of two 人员类 projects off: F29 keeps its own cell instead of blaming the first project", () => {
    const m = withProjects("30.00", "16.00");
    const t6 = m.tables["6"]!;
    const [, r1] = t6.projects;
    const dept = addr(t6.departmentLine!.budget!.cell);
    const raw = checkEachRule(m).filter((f) => f.rule === "F29" || f.rule === "F30");
    const after = runRules(m).filter((f) => f.rule === "F29" || f.rule === "F30");
    expect(after.map((f) => f.rule).sort()).toEqual(["F29", "F30"]);
    // Both projects are in both equations: nothing singles one out, so every rule keeps its own choice.
    expect(after.map((f) => first(f))).toEqual(raw.map((f) => first(f)));
    expect(first(after.find((f) => f.rule === "F29")!)).toBe(dept);
    expect(first(after.find((f) => f.rule === "F30")!)).toBe(addr(r1.budgetCell));
  });

  it("the only 人员类 project off is still singled out", () => {
    const m = correctModel();
    const t6 = m.tables["6"]!;
    const r = t6.projects.find((p) => p.category === "R")!;
    r.budget = { fen: r.budget!.fen + 1_000_000, cell: r.budget!.cell };
    const after = loud(runRules(m)).filter((f) => f.rule === "F29" || f.rule === "F30");
    expect(after.length).toBe(2);
    for (const f of after) expect(first(f)).toBe(addr(r.budgetCell));
  });
});
