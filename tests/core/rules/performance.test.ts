import { correctModel } from "./model-builder";
import { findings, first, only, P, W } from "./helpers";

describe("F31 / PERF-WEIGHT", () => {
  it("Σ weights ≠ 90: error at the project's first weight cell, listing every weight cell", () => {
    const m = correctModel();
    const ind = P(m).projects[0].indicators[0];
    ind.weight = 30;
    ind.weightText = "30";
    const f = only(m, "F31");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表6!K5");
    expect(f.cells).toHaveLength(6);
    expect(f.expected).toBe("90");
    expect(f.actual).toBe("100");
  });

  it("honours weightTotal 100", () => {
    const fs = findings(correctModel(), "F31", { weightTotal: 100 });
    expect(fs).toHaveLength(4); // three projects and 部门整体
    expect(fs[0].message).toContain("应为100");
  });

  it("a non-integer weight is PERF-WEIGHT at that cell, and F31 is not repeated", () => {
    const m = correctModel();
    const ind = P(m).projects[1].indicators[1];
    ind.weight = 30.5;
    ind.weightText = "30.5";
    const f = only(m, "PERF-WEIGHT");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe(`表6!K${ind.row + 1}`);
    expect(findings(m, "F31")).toEqual([]);
  });

  it("a text weight is PERF-WEIGHT", () => {
    const m = correctModel();
    const ind = W(m).indicators[0];
    ind.weight = undefined;
    ind.weightText = "二十";
    expect(only(m, "PERF-WEIGHT").message).toContain("不是数字");
  });
});

describe("PERF-LEVEL1", () => {
  it("a T project without 满意度 warns at the project name", () => {
    const m = correctModel();
    const p = P(m).projects[0];
    p.indicators = p.indicators.filter((i) => !i.level1.startsWith("满意度"));
    const f = only(m, "PERF-LEVEL1");
    expect(f.severity).toBe("warning");
    expect(first(f)).toBe("表6!B5");
    expect(f.message).toContain("缺少满意度指标");
  });

  it("R and Y projects need only 产出 and 效益", () => {
    const m = correctModel();
    expect(P(m).projects[1].indicators.some((i) => i.level1.startsWith("满意度"))).toBe(false);
    expect(findings(m, "PERF-LEVEL1")).toEqual([]);
    P(m).projects[2].indicators = P(m).projects[2].indicators.filter((i) => !i.level1.startsWith("效益"));
    expect(first(only(m, "PERF-LEVEL1"))).toBe(`表6!B${P(m).projects[2].row + 1}`);
  });
});

describe("PERF-LEVEL2", () => {
  it("a variant name (可持续发展指标) warns at the 二级 cell", () => {
    const m = correctModel();
    const ind = P(m).projects[0].indicators[3];
    ind.level2 = "可持续发展指标";
    const f = only(m, "PERF-LEVEL2");
    expect(f.severity).toBe("warning");
    expect(first(f)).toBe("表6!F8");
  });

  it("满意度指标 under 满意度 and a 二级 of another 一级 both warn", () => {
    const m = correctModel();
    P(m).projects[0].indicators[4].level2 = "满意度指标";
    P(m).projects[0].indicators[0].level2 = "社会效益指标";
    const fs = findings(m, "PERF-LEVEL2");
    expect(fs.map(first)).toEqual(["表6!F5", "表6!F9"]);
    expect(fs[0].message).toContain("属于效益指标");
  });
});

describe("PERF-DIRECTION", () => {
  it("≥ with 反向指标 is an error at the direction cell", () => {
    const m = correctModel();
    P(m).projects[0].indicators[0].direction = "反向指标";
    const f = only(m, "PERF-DIRECTION");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表6!L5");
    expect(f.expected).toBe("正向指标");
  });

  it("a blank direction on quantitative rows is one info per project; 定性 may be blank", () => {
    const m = correctModel();
    P(m).projects[0].indicators[1].direction = "";
    P(m).projects[0].indicators[2].direction = "";
    const f = only(m, "PERF-DIRECTION");
    expect(f.severity).toBe("info");
    expect(f.cells.map((c) => c.row)).toEqual([5, 6]);
  });

  it("定性 with 反向 is an error", () => {
    const m = correctModel();
    P(m).projects[0].indicators[3].direction = "反向指标";
    expect(only(m, "PERF-DIRECTION").severity).toBe("error");
  });
});

describe("PERF-VALUE", () => {
  it("an unknown 指标性质 is an error at the nature cell", () => {
    const m = correctModel();
    P(m).projects[0].indicators[0].nature = "约";
    const f = only(m, "PERF-VALUE");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表6!H5");
  });

  it("placeholder and non-numeric values are errors", () => {
    const m = correctModel();
    P(m).projects[0].indicators[0].value = "*";
    P(m).projects[0].indicators[1].value = "较好";
    const fs = findings(m, "PERF-VALUE");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["error", "表6!I5"],
      ["error", "表6!I6"],
    ]);
    expect(fs[0].message).toContain("占位符");
  });

  it("a 时效 target may be a date", () => {
    const m = correctModel();
    P(m).projects[0].indicators[2].value = "2024年12月底前";
    expect(findings(m, "PERF-VALUE")).toEqual([]);
    P(m).projects[0].indicators[0].value = "2024年12月底前"; // a 数量 target must be a number
    expect(first(only(m, "PERF-VALUE"))).toBe("表6!I5");
  });

  it("a quantitative row without unit is an error; a 定性 row with unit a warning; an empty name a warning", () => {
    const m = correctModel();
    P(m).projects[0].indicators[0].unit = "";
    P(m).projects[0].indicators[3].unit = "项";
    P(m).projects[0].indicators[4].level3 = "";
    const fs = findings(m, "PERF-VALUE");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["error", "表6!J5"],
      ["warning", "表6!J8"],
      ["warning", "表6!G9"],
    ]);
  });
});

describe("PERF-PLAUSIBLE", () => {
  it("a 数量 ceiling and a 满意度 without % are infos", () => {
    const m = correctModel();
    P(m).projects[0].indicators[0].nature = "≤";
    P(m).projects[0].indicators[0].direction = "反向指标";
    P(m).projects[0].indicators[4].unit = "分";
    const fs = findings(m, "PERF-PLAUSIBLE");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["info", "表6!H5"],
      ["info", "表6!J9"],
    ]);
  });
});
