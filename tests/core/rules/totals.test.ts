import { correctModel, ledger, row, setAmount, summaryLine } from "./model-builder";
import { findings, first, L, only, S } from "./helpers";

describe("SUM-COLUMN", () => {
  it("errs when a parent differs from its single child beyond 0.005", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    setAmount(t, row(t, "合计"), "basic", "60.01");
    const f = only(m, "SUM-COLUMN");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表1-2!F4");
    expect(f.cells[1]).toEqual(row(t, "测试单位").amounts.basic.cell);
    expect(f.expected).toBe("60.00");
    expect(f.actual).toBe("60.01");
  });

  it("4 parts: a gap of 0.02 is 尾差 (bound 0.020), 0.03 is an error", () => {
    const m = correctModel();
    const t = L(m, "3-1");
    setAmount(t, row(t, "301"), "total", "45.02");
    setAmount(t, row(t, "合计"), "total", "60.02"); // keep the 合计 line consistent with its children
    const w = only(m, "SUM-COLUMN");
    expect(w.severity).toBe("warning");
    expect(first(w)).toBe("表3-1!E5");
    expect(w.message).toContain("0.020万元");
    expect(w.message).toContain("尾差");
    expect(w.cells).toHaveLength(5);

    setAmount(t, row(t, "301"), "total", "45.03");
    setAmount(t, row(t, "合计"), "total", "60.03");
    const e = only(m, "SUM-COLUMN");
    expect(e.severity).toBe("error");
    expect(e.message).toContain("超出4项尾差允许范围±0.020万元");
  });

  it("scales the bound to a table in 元", () => {
    const m = correctModel();
    const mk = (total: string) =>
      ledger(
        "3-2",
        ["total"],
        [
          [0, "total", "", "合计", total],
          [1, "group", "", "科普活动", total],
          [2, "item", "206 07 02", "项目甲", "200000.00"],
          [2, "item", "206 07 02", "项目乙", "200000.00"],
        ],
        { unit: "元" },
      );
    m.tables["3-2"] = mk("400000.01");
    const w = only(m, "SUM-COLUMN"); // only the group line is off (the 合计 equals the group)
    expect(w.severity).toBe("warning");
    expect(w.message).toContain("0.010元");
    m.tables["3-2"] = mk("400000.02");
    expect(only(m, "SUM-COLUMN").severity).toBe("error");
  });
});

describe("repeated department and unit lines", () => {
  const repeated = () => {
    const m = correctModel();
    m.tables["3"] = ledger(
      "3",
      ["total", "current", "carryover"],
      [
        [0, "total", "", "合计", "100.00", "100.00", null],
        [1, "org", "", "测试部门", "100.00", "100.00", null],
        [2, "org", "", "测试单位", "100.00", "100.00", null],
        [3, "item", "206 07 01", "机构运行", "30.01", "30.01", null],
        [3, "item", "206 07 02", "科普活动", "40.00", "40.00", null],
        [3, "item", "208 05 05", "机关事业单位基本养老保险缴费支出", "12.00", "12.00", null],
        [3, "item", "208 05 06", "机关事业单位职业年金缴费支出", "8.00", "8.00", null],
        [3, "item", "221 02 01", "住房公积金", "10.00", "10.00", null],
      ],
    );
    return m;
  };

  it("SUM-COLUMN reports a gap once, at the 合计 line the others repeat", () => {
    const fs = findings(repeated(), "SUM-COLUMN");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["warning", "表3!E4"],
      ["warning", "表3!F4"],
    ]);
    expect(fs[0].cells.slice(0, 3).map((c) => c.row)).toEqual([3, 4, 5]);
    expect(fs[0].message).toContain("0.025万元");
  });

  it("SUM-ROW reports a repeated line's gap once, at the top", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    for (const r of [row(t, "合计"), row(t, "测试单位")]) setAmount(t, r, "total", "100.01");
    expect(findings(m, "SUM-ROW").map(first)).toEqual(["表1-2!E4"]);
  });
});

describe("SUM-ROW with several units", () => {
  it("reports each unit's gap, not the 合计 that only adds them up", () => {
    const m = correctModel();
    m.tables["1-2"] = ledger(
      "1-2",
      ["total", "basic", "project"],
      [
        [0, "total", "", "合计", "100.00", "60.02", "40.00"],
        [1, "org", "", "单位甲", "50.00", "30.01", "20.00"],
        [2, "item", "206 07 01", "机构运行", "50.00", "30.01", "20.00"],
        [1, "org", "", "单位乙", "50.00", "30.01", "20.00"],
        [2, "item", "206 07 01", "机构运行", "50.00", "30.01", "20.00"],
      ],
    );
    const fs = findings(m, "SUM-ROW");
    // Each line: 50.00 vs 50.01 over 2 parts is 尾差; the 合计 (100.00 vs 100.02) is their sum and is not repeated.
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["warning", "表1-2!E5"], // the unit lines (their single item repeats them)
      ["warning", "表1-2!E7"],
    ]);
  });
});

describe("SUM-ROW", () => {
  it("errs when 合计 ≠ 基本 + 项目 on a line", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    setAmount(t, row(t, "2060701"), "total", "30.01");
    const f = only(m, "SUM-ROW");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表1-2!E6");
    expect(f.cells).toEqual([row(t, "2060701").amounts.total.cell, row(t, "2060701").amounts.basic.cell]);
  });

  it("3-3: 0.01 over two parts is 尾差", () => {
    const m = correctModel();
    const t = L(m, "3-3");
    setAmount(t, row(t, "测试单位"), "total", "10.01");
    const fs = findings(m, "SUM-ROW");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([["warning", "表3-3!E5"]]);
    expect(fs[0].message).toContain("0.010万元");
  });

  it("3-3: vehicle subtotal = purchase + operation", () => {
    const m = correctModel();
    const t = L(m, "3-3");
    setAmount(t, row(t, "合计"), "vehiclePurchase", "1.00");
    const f = findings(m, "SUM-ROW").find((x) => x.message.includes("vehicleSubtotal"));
    expect(f?.severity).toBe("error");
    expect(first(f!)).toBe("表3-3!G4");
  });
});

describe("表1 formulas", () => {
  it("F1: 本年收入合计 = Σ income lines", () => {
    const m = correctModel();
    setAmount(S(m, "1"), summaryLine(S(m, "1"), "income", "business"), "amount", "1.00");
    const f = only(m, "F1");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表1!B8");
    expect(f.expected).toBe("101.00");
  });

  it("F2: 收入总计 = 本年收入合计 + 上年结转", () => {
    const m = correctModel();
    setAmount(S(m, "1"), summaryLine(S(m, "1"), "income", "grandTotal"), "amount", "100.02");
    expect(first(only(m, "F2"))).toBe("表1!B10");
  });

  it("F3: 0.01 over three class lines is 尾差 with bound 0.015", () => {
    const m = correctModel();
    setAmount(S(m, "1"), summaryLine(S(m, "1"), "expense", "class:206"), "amount", "70.01");
    const f = only(m, "F3");
    expect(f.severity).toBe("warning");
    expect(first(f)).toBe("表1!D8");
    expect(f.message).toContain("0.015万元");
  });

  it("F4: 支出总计 = 收入总计, and = 本年支出合计 + 结转下年 (formula lines; no 结转下年 line counts as 0)", () => {
    const m = correctModel();
    setAmount(S(m, "1"), summaryLine(S(m, "1"), "expense", "grandTotal"), "amount", "100.10");
    const f = findings(m, "F4");
    expect(f.map((x) => [x.severity, first(x), x.expected, x.actual])).toEqual([
      ["error", "表1!D9", "100.00", "100.10"],
      ["error", "表1!D9", "100.00", "100.10"],
    ]);
    expect(f.map((x) => x.message)).toEqual([
      expect.stringContaining('表1["支出总计"].预算数 = 表1["收入总计"].预算数'),
      expect.stringContaining('表1["支出总计"].预算数 = 表1["本年支出合计"].预算数 + 表1["结转下年"].预算数'),
    ]);
  });

  it("F4: 本年收入合计 = 本年支出合计 without carry-over (code), and 支出总计 = 本年支出合计 (formula)", () => {
    const m = correctModel();
    setAmount(S(m, "1"), summaryLine(S(m, "1"), "expense", "currentTotal"), "amount", "99.00");
    expect(findings(m, "F4").map((x) => [first(x), x.expected, x.actual])).toEqual([
      ["表1!D9", "99.00", "100.00"],
      ["表1!D8", "100.00", "99.00"],
    ]);
  });
});

describe("F9 (表2)", () => {
  it("flags a line whose 合计 ≠ Σ funds, and the column sum as 尾差", () => {
    const m = correctModel();
    const t = S(m, "2");
    setAmount(t, summaryLine(t, "expense", "class:206"), "gpb", "70.01");
    const fs = findings(m, "F9");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["error", "表2!D5"],
      ["warning", "表2!E4"],
    ]);
  });

  it("flags 本年收入 ≠ Σ three funds", () => {
    const m = correctModel();
    const t = S(m, "2");
    setAmount(t, summaryLine(t, "income", "fund"), "amount", "2.00");
    expect(first(only(m, "F9"))).toBe("表2!B4");
  });

  it("flags 收入总计 ≠ 支出总计", () => {
    const m = correctModel();
    const t = S(m, "2");
    setAmount(t, summaryLine(t, "income", "grandTotal"), "amount", "101.00");
    const f = only(m, "F9");
    expect(first(f)).toBe("表2!D8");
    expect(f.expected).toBe("101.00");
  });
});
