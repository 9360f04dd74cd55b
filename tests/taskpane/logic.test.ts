import type { Finding } from "../../src/core/model/findings";
import { priorFromJson } from "../../src/core/narrative/prior";
import {
  cellLinkLabel,
  countBySeverity,
  debounce,
  DEFAULT_FILTER,
  emptyPriorForm,
  errorMessage,
  filterFindings,
  formatCellRef,
  formatCounts,
  formToPrior,
  groupByTable,
  isDarkColor,
  narrativeLines,
  OTHER_GROUP,
  priorToForm,
  recognitionSummary,
  tableFilterOptions,
  tableLabel,
  validatePriorForm,
} from "../../src/taskpane/logic";

const cell = (sheet: string, row: number, col: number) => ({ sheet, row, col });

const findings: Finding[] = [
  {
    rule: "F7",
    severity: "error",
    message: "表3 合计不等",
    table: "3",
    cells: [cell("表3", 6, 2)],
    expected: "1.00",
    actual: "2.00",
  },
  { rule: "F1", severity: "warning", message: "表1 尾差", table: "1", cells: [cell("表1", 11, 5), cell("表2", 3, 1)] },
  { rule: "MISSING", severity: "error", message: "缺少表5", table: "5", cells: [] },
  { rule: "DUP", severity: "info", message: "工作簿级提示", cells: [cell("封面", 0, 0)] },
  { rule: "F2", severity: "error", message: "表1 第二条", table: "1", cells: [cell("表1", 12, 5)] },
];

describe("counts and summary", () => {
  test("countBySeverity counts each severity", () => {
    expect(countBySeverity(findings)).toEqual({ error: 3, warning: 1, info: 1 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0 });
    expect(formatCounts(countBySeverity(findings))).toBe("错误 3 · 警告 1 · 提示 1");
  });

  test("recognitionSummary lists missing tables in official order", () => {
    const s = recognitionSummary([{ id: "7" }, { id: "1" }, { id: "3-3" }]);
    expect(s.found).toBe(3);
    expect(s.total).toBe(14);
    expect(s.missing).toHaveLength(11);
    expect(s.missing.slice(0, 3)).toEqual(["1-1", "1-2", "2"]);
    expect(s.missing).not.toContain("3-3");
  });

  test("tableLabel uses the official name", () => {
    expect(tableLabel("1")).toBe("表1 部门收支总表");
    expect(tableLabel("2-1")).toBe("表2-1 财政拨款支出预算表（部门经济分类科目）");
  });
});

describe("grouping and filtering", () => {
  test("groupByTable orders by official table order, errors first inside a group, table-less last", () => {
    const groups = groupByTable(findings);
    expect(groups.map((g) => g.key)).toEqual(["1", "3", "5", OTHER_GROUP]);
    expect(groups[0].findings.map((f) => f.rule)).toEqual(["F2", "F1"]);
    const same: Finding[] = ["A", "B", "C"].map((rule) => ({
      rule,
      severity: "warning",
      message: rule,
      table: "3",
      cells: [],
    }));
    expect(groupByTable(same)[0].findings.map((f) => f.rule)).toEqual(["A", "B", "C"]);
    expect(groups[3].label).toBe("其他");
    expect(groups.reduce((n, g) => n + g.findings.length, 0)).toBe(findings.length);
  });

  test("filterFindings by severity and table", () => {
    expect(filterFindings(findings, DEFAULT_FILTER)).toHaveLength(5);
    expect(filterFindings(findings, { severities: new Set(["error"]), table: "all" }).map((f) => f.rule)).toEqual([
      "F7",
      "MISSING",
      "F2",
    ]);
    expect(
      filterFindings(findings, { severities: new Set(["error", "warning"]), table: "1" }).map((f) => f.rule),
    ).toEqual(["F1", "F2"]);
    expect(filterFindings(findings, { severities: new Set(["info"]), table: OTHER_GROUP }).map((f) => f.rule)).toEqual([
      "DUP",
    ]);
    expect(filterFindings(findings, { severities: new Set(), table: "all" })).toEqual([]);
  });

  test("tableFilterOptions lists only tables with findings", () => {
    expect(tableFilterOptions(findings).map((o) => o.key)).toEqual(["all", "1", "3", "5", OTHER_GROUP]);
  });

  test("cell formatting", () => {
    expect(formatCellRef(cell("表1", 11, 5))).toBe("表1!F12");
    expect(formatCellRef(cell("Sheet 2", 0, 26))).toBe("Sheet 2!AA1");
    expect(cellLinkLabel(cell("表1", 11, 5))).toBe("定位到单元格 表1!F12");
    expect(cellLinkLabel(cell("表2", 3, 1), true)).toBe("定位到对应单元格 表2!B4");
  });
});

describe("prior-year form", () => {
  test("round trip keeps decimal strings exact and nests the keys", () => {
    const form = emptyPriorForm();
    form.year = "2023";
    form.total = "614.51";
    form["threePublic.reception"] = "１.２０";
    form["procurement.goods"] = "1,234.5";
    form["assets.vehicles"] = "2";
    form["reasons.total"] = " 人员增加 ";
    const prior = formToPrior(form);
    expect(prior).toEqual({
      year: 2023,
      total: "614.51",
      threePublic: { reception: "1.20" },
      procurement: { goods: "1234.5" },
      assets: { vehicles: 2 },
      reasons: { total: "人员增加" },
    });
    const back = priorToForm(prior);
    expect(back.total).toBe("614.51");
    expect(back["threePublic.reception"]).toBe("1.20");
    expect(back.year).toBe("2023");
    expect(back["reasons.total"]).toBe("人员增加");
    expect(back.agencyOperating).toBe("");
  });

  test("a fully filled form is accepted by the narrative's prior reader without problems", () => {
    const form = emptyPriorForm();
    for (const key of Object.keys(form) as (keyof typeof form)[]) form[key] = key.startsWith("reasons.") ? "原因" : "1";
    form.year = "2023";
    form["threePublic.total"] = "4";
    const { prior, problems } = priorFromJson(formToPrior(form));
    expect(problems).toEqual([]);
    expect(prior.year).toBe(2023);
    expect(priorToForm(prior)).toEqual(form);
  });

  test("priorToForm tolerates garbage", () => {
    expect(priorToForm(undefined)).toEqual(emptyPriorForm());
    expect(priorToForm({ total: { x: 1 }, threePublic: "abc" }).total).toBe("");
  });

  test("validatePriorForm reports Chinese messages for bad numbers only", () => {
    const form = emptyPriorForm();
    form.year = "23";
    form.total = "六百";
    form["assets.vehicles"] = "1.5";
    form["reasons.total"] = "任意文字";
    form.agencyOperating = "12.3";
    const errors = validatePriorForm(form);
    expect(Object.keys(errors).sort()).toEqual(["assets.vehicles", "total", "year"]);
    expect(errors.total).toMatch(/请输入数字/);
    expect(validatePriorForm(emptyPriorForm())).toEqual({});
  });
});

describe("narrative and messages", () => {
  test("isDarkColor", () => {
    expect(isDarkColor("#1f1f1f")).toBe(true);
    expect(isDarkColor("#FFFFFF")).toBe(false);
    expect(isDarkColor("#f3f2f1")).toBe(false);
    expect(isDarkColor(undefined)).toBe(false);
    expect(isDarkColor("red")).toBe(false);
  });

  test("narrativeLines drops blank lines", () => {
    expect(narrativeLines("第三部分\n\n一、收支\r\n  正文  \n")).toEqual(["第三部分", "一、收支", "  正文"]);
  });

  test("errorMessage never shows a stack trace and translates Office codes", () => {
    const e = new Error("boom\n    at foo (x.js:1:1)");
    expect(errorMessage("校验", e)).toBe("校验失败：boom");
    expect(errorMessage("标记", { code: "AccessDenied", message: "x" })).toBe(
      "标记失败：没有权限修改工作簿（工作簿可能处于只读或保护状态）",
    );
    expect(errorMessage("读取", undefined)).toBe("读取失败，请重试。");
    expect(errorMessage("校验", new TypeError("Cannot read properties of undefined (reading 'rows')"))).toBe(
      "校验失败：程序内部错误，请将工作簿发给维护人员。（Cannot read properties of undefined (reading 'rows')）",
    );
    const gatewayError = Object.assign(new Error("标记失败：Bad colour（InvalidArgument）\nat x"), {
      name: "ExcelGatewayError",
    });
    expect(errorMessage("校验", gatewayError)).toBe("标记失败：Bad colour（InvalidArgument）");
    const known = Object.assign(
      new Error(
        "标注问题单元格失败：The response payload size has exceeded the limit.（ResponsePayloadSizeLimitExceeded）",
      ),
      {
        name: "ExcelGatewayError",
        code: "ResponsePayloadSizeLimitExceeded",
      },
    );
    expect(errorMessage("校验", known)).toBe("标注问题单元格失败：数据量超过 Excel 网页版的单次响应上限（5 MB）");
  });

  test("debounce calls once after the last call and can be cancelled", () => {
    jest.useFakeTimers();
    try {
      const fn = jest.fn();
      const d = debounce(fn, 500);
      d();
      jest.advanceTimersByTime(300);
      d();
      jest.advanceTimersByTime(300);
      expect(fn).not.toHaveBeenCalled();
      jest.advanceTimersByTime(200);
      expect(fn).toHaveBeenCalledTimes(1);
      d();
      d.cancel();
      jest.advanceTimersByTime(1000);
      expect(fn).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
