/** Recognition of every table in the seed's layout (hand-built grids, see fixtures.ts). */
import { recognizeWorkbook } from "../../../src/core/recognition";
import type { LedgerRow, LedgerTable } from "../../../src/core/model/tables";
import { ECON_21, FUNC_ITEMS, fen, seedWorkbook } from "./fixtures";

const { model, issues } = recognizeWorkbook(seedWorkbook());
const T = model.tables;

function byName(t: LedgerTable, name: string, nth = 0): LedgerRow {
  const rows = t.rows.filter((r) => r.name === name);
  if (!rows[nth]) throw new Error(`no row ${name}`);
  return rows[nth];
}
const idx = (t: LedgerTable, r: LedgerRow) => t.rows.indexOf(r);

describe("seed layout: the whole workbook", () => {
  test("finds every table present, no issue, year and department", () => {
    expect(Object.keys(T).sort()).toEqual(["1", "1-2", "2", "2-1", "3", "3-1", "3-2", "3-3", "4", "6", "7"].sort());
    expect(issues).toEqual([]);
    expect(model.unrecognizedSheets).toEqual([]);
    expect(model.duplicates).toEqual([]);
    expect(model.year).toBe(2024);
    expect(model.department).toBe("凉山州科学技术协会");
  });
  test("every table reads its unit and department line", () => {
    for (const t of Object.values(T)) {
      expect(t!.unit).toBe("万元");
      expect(t!.unitFen).toBe(1_000_000);
      expect(t!.unitCell).toBeDefined();
    }
    expect(T["1-2"]!.department).toBe("凉山州科学技术协会");
  });
});

describe("表1 部门收支总表", () => {
  const t = T["1"]!;
  test("income keys and amounts", () => {
    expect(t.kind).toBe("summary");
    expect(t.income.map((l) => l.key)).toEqual([
      "gpb",
      "fund",
      "soe",
      "business",
      "operating",
      "other",
      "currentTotal",
      "carryover",
      "grandTotal",
    ]);
    expect(t.income[0].amounts.amount.fen).toBe(fen("753.70"));
    expect(t.income[0].label).toBe("一、一般公共预算拨款收入");
    // Blank amounts are listed with no amount.
    expect(t.income[1].amounts).toEqual({});
    expect(t.income[7].amounts).toEqual({});
  });
  test("expense lines map every 类 name to its code", () => {
    expect(t.expense).toHaveLength(30);
    const keys = t.expense.map((l) => l.key);
    expect(keys.slice(0, 6)).toEqual(["class:201", "class:202", "class:203", "class:204", "class:205", "class:206"]);
    expect(keys).toContain("class:224");
    expect(keys).toContain("class:234");
    expect(keys.slice(-2)).toEqual(["currentTotal", "grandTotal"]);
    const sci = t.expense.find((l) => l.key === "class:206")!;
    expect(sci.amounts.amount.fen).toBe(fen("570.41"));
    expect(sci.labelCell).toEqual({ sheet: "1 部门收支总表", row: sci.row, col: 2 });
    expect(t.expense.find((l) => l.key === "class:221")!.amounts.amount.fen).toBe(fen("27.57"));
  });
  test("bounds and header", () => {
    expect(t.top).toBe(0);
    expect(t.headerTop).toBe(2);
    expect(t.headerBottom).toBe(3);
    expect(t.bottom).toBe(3 + 31);
    expect(t.empty).toBe(false);
  });
});

describe("表2 财政拨款收支预算总表", () => {
  const t = T["2"]!;
  test("income lines under 本年收入 and 上年结转", () => {
    expect(t.income.map((l) => l.key)).toEqual([
      "currentTotal",
      "gpb",
      "fund",
      "soe",
      "carryover",
      "carryover.gpb",
      "carryover.fund",
      "carryover.soe",
    ]);
    expect(t.income[1].amounts.amount.fen).toBe(fen("753.70"));
  });
  test("expense lines with total / gpb / fund / soe", () => {
    expect(t.expense[0].key).toBe("currentTotal");
    expect(t.expense[0].amounts.total.fen).toBe(fen("753.70"));
    expect(t.expense[0].amounts.gpb.fen).toBe(fen("753.70"));
    const health = t.expense.find((l) => l.key === "class:210")!;
    expect(health.label).toBe("卫生健康支出");
    expect(Object.keys(health.amounts).sort()).toEqual(["gpb", "total"]);
    expect(health.amounts.total.fen).toBe(fen("23.49"));
    expect(t.columns.map((c) => c.key)).toEqual([
      "income.amount",
      "expense.total",
      "expense.gpb",
      "expense.fund",
      "expense.soe",
    ]);
  });
});

describe("表1-2 部门支出总表", () => {
  const t = T["1-2"]!;
  test("columns", () => {
    expect(t.columns.map((c) => c.key)).toEqual(["total", "basic", "project"]);
    expect(t.codeKind).toBe("functional");
  });
  test("rows, kinds, codes", () => {
    expect(t.rows.map((r) => r.kind)).toEqual(["total", "org", "org", ...FUNC_ITEMS.map(() => "item")]);
    expect(t.rows.slice(3).map((r) => r.code)).toEqual(FUNC_ITEMS.map(([c, k, x]) => c + k + x));
    const run = byName(t, "机构运行");
    expect(run.unitCode).toBe("229001");
    expect(run.codeCells!.map((c) => c.col)).toEqual([0, 1, 2]);
    expect(run.amounts.total.fen).toBe(fen("289.04"));
    expect(run.amounts.basic.fen).toBe(fen("289.04"));
    expect(run.amounts.project).toBeUndefined();
    expect(t.rows[0].amounts.project.fen).toBe(fen("281.37"));
  });
  test("tree: total ← department ← unit ← items", () => {
    expect(t.rows[0].children).toEqual([1]);
    expect(t.rows[1].parent).toBe(0);
    expect(t.rows[2].parent).toBe(1);
    expect(t.rows[2].name).toBe("凉山州科学技术协会");
    for (let i = 3; i < t.rows.length; i++) expect(t.rows[i].parent).toBe(2);
    expect(t.rows[2].children).toHaveLength(FUNC_ITEMS.length);
  });
});

describe("表3 一般公共预算支出预算表", () => {
  const t = T["3"]!;
  test("columns and the '229 机构运行' name cells", () => {
    expect(t.columns.map((c) => c.key)).toEqual(["total", "current", "carryover"]);
    const run = byName(t, "机构运行");
    expect(run.code).toBe("2060701");
    expect(run.unitCode).toBe("229");
    expect(run.amounts.current.fen).toBe(fen("289.04"));
    expect(byName(t, "凉山州科学技术协会部门").kind).toBe("org");
  });
});

describe("表2-1 财政拨款支出预算表（部门经济分类科目）", () => {
  const t = T["2-1"]!;
  test("title in the header's first line, unit from the line above", () => {
    expect(t.title).toBe("财政拨款支出预算表（部门经济分类科目）");
    expect(t.titleCell.row).toBe(1);
    expect(t.unitCell!.row).toBe(0);
    expect(t.headerTop).toBe(2);
    expect(t.headerBottom).toBe(4);
    expect(t.codeKind).toBe("economic");
  });
  test("block.fund.part column keys", () => {
    const keys = t.columns.map((c) => c.key);
    expect(keys.slice(0, 5)).toEqual(["grand", "cur.total", "cur.gpb.sub", "cur.gpb.basic", "cur.gpb.proj"]);
    expect(keys).toContain("adv.soe.proj");
    expect(keys).toContain("carry.fund.basic");
    expect(keys).toContain("carry.ret.sub");
    expect(keys).toHaveLength(2 + 10 * 3);
    expect(t.columns.find((c) => c.key === "carry.ret.proj")!.col).toBe(35);
  });
  test("类 ← 款 ← sub-items carrying the 款's code", () => {
    const cls = byName(t, "工资福利支出");
    expect(cls.kind).toBe("item");
    expect(cls.code).toBe("301");
    const unit = t.rows.find((r) => r.kind === "org" && r.name === "凉山州科学技术协会")!;
    expect(cls.parent).toBe(idx(t, unit));
    const allowance = byName(t, "津贴补贴");
    expect(allowance.code).toBe("30102");
    expect(allowance.parent).toBe(idx(t, cls));
    for (const n of ["艰苦边远地区津贴", "其他国家津贴补贴", "地方出台津贴补贴"]) {
      expect(byName(t, n).code).toBe("30102");
      expect(byName(t, n).parent).toBe(idx(t, allowance));
    }
    expect(byName(t, "基本离休费").parent).toBe(idx(t, byName(t, "离休费")));
    expect(t.rows.filter((r) => r.kind === "item")).toHaveLength(ECON_21.length);
    expect(allowance.amounts["cur.gpb.basic"].fen).toBe(fen("40.21"));
    expect(byName(t, "办公费").amounts["cur.gpb.proj"].fen).toBe(fen("4.50"));
  });
});

describe("表3-1 一般公共预算基本支出预算表", () => {
  const t = T["3-1"]!;
  test("economic codes from the 单位代码 column, the longest kept", () => {
    expect(t.columns.map((c) => c.key)).toEqual(["total", "personnel", "public"]);
    expect(byName(t, "工资福利支出").code).toBe("301");
    expect(byName(t, "基本工资").code).toBe("30101");
    const hard = byName(t, "艰苦边远地区津贴");
    expect(hard.code).toBe("301020101");
    expect(hard.codeCells!.map((c) => c.col)).toEqual([0, 1, 2]);
    expect(hard.unitCode).toBeUndefined();
    expect(hard.parent).toBe(idx(t, byName(t, "津贴补贴")));
    expect(byName(t, "年终一次性奖金").parent).toBe(idx(t, byName(t, "奖金")));
    expect(byName(t, "基本工资").parent).toBe(idx(t, byName(t, "工资福利支出")));
  });
  test("the unit line keeps its unit code and parents the 类 lines", () => {
    const unit = t.rows.find((r) => r.unitCode === "229001")!;
    expect(unit.kind).toBe("org");
    expect(unit.code).toBeUndefined();
    for (const n of ["工资福利支出", "商品和服务支出", "对个人和家庭的补助"])
      expect(byName(t, n).parent).toBe(idx(t, unit));
    expect(byName(t, "离休费").amounts.personnel.fen).toBe(fen("16.29"));
  });
});

describe("表3-2 一般公共预算项目支出预算表", () => {
  const t = T["3-2"]!;
  test("groups head their projects", () => {
    expect(t.rows.map((r) => r.kind)).toEqual([
      "total",
      "org",
      "org",
      "group",
      "item",
      "group",
      "item",
      "item",
      "item",
      "item",
    ]);
    const g = byName(t, "其他科学技术普及支出");
    expect(g.children.map((i) => t.rows[i].name)).toEqual([
      "凉山州级科普专项经费",
      "天府科技云服务项目",
      "科创中国·天府科技云服务大会",
      "“最美科技工作者”评选活动",
    ]);
    expect(t.rows[g.children[0]].code).toBe("2060799");
    expect(g.parent).toBe(2);
    expect(byName(t, "科普宣传活动业务经费").amounts.total.fen).toBe(fen("12.00"));
  });
});

describe("表3-3 and 表4", () => {
  test("三公 columns under merged headers", () => {
    const t = T["3-3"]!;
    expect(t.columns.map((c) => c.key)).toEqual([
      "total",
      "overseas",
      "vehicleSubtotal",
      "vehiclePurchase",
      "vehicleOperation",
      "reception",
    ]);
    expect(t.codeKind).toBe("none");
    const unit = t.rows[1];
    expect(unit.kind).toBe("org");
    expect(unit.unitCode).toBe("229001");
    expect(unit.parent).toBe(0);
    expect(unit.amounts.vehicleOperation.fen).toBe(fen("9.70"));
    expect(unit.amounts.reception.fen).toBe(fen("0.19"));
    expect(unit.amounts.vehiclePurchase).toBeUndefined();
  });
  test("an empty table: 合计 only, no-data cell found", () => {
    const t = T["4"]!;
    expect(t.empty).toBe(true);
    expect(t.rows.map((r) => r.kind)).toEqual(["total"]);
    expect(t.noDataCell).toEqual({ sheet: "9 基金", row: 6, col: 4 });
    expect(t.columns.map((c) => c.key)).toEqual(["total", "basic", "project"]);
    expect(T["3-3"]!.empty).toBe(false);
  });
});

describe("表6 项目支出绩效目标表", () => {
  const t = T["6"]!;
  test("department line and projects", () => {
    expect(t.departmentLine!.name).toBe("229-凉山州科学技术协会部门");
    expect(t.departmentLine!.budget!.fen).toBe(fen("753.70"));
    expect(t.projects.map((p) => [p.projectCode, p.category, p.budget!.fen])).toEqual([
      ["51340022T000000278902", "T", fen("12.00")],
      ["51340024R000010184587", "R", fen("153.72")],
      ["51340024Y000010282374", "Y", fen("13.20")],
    ]);
    expect(t.projects[1].name).toBe("州本级工资支出（行政）");
    expect(t.projects.every((p) => p.unitName === "229001-凉山州科学技术协会")).toBe(true);
  });
  test("a wrapped goal keeps its first cell", () => {
    const p = t.projects[0];
    expect(p.goal).toBe("开展凉山州第二届“最美科技工作者”评选和人才慰问活动。意在大力推动和实施创新驱动发展战略。");
    expect(p.goalCell).toEqual({ sheet: "10 绩效目标", row: p.row, col: 3 });
  });
  test("indicators: levels filled down, nature normalised, weights parsed", () => {
    const ind = t.projects[0].indicators;
    expect(ind.map((i) => [i.level1, i.level2])).toEqual([
      ["产出指标", "数量指标"],
      ["产出指标", "质量指标"],
      ["效益指标", "社会效益指标"],
      ["效益指标", "满意度指标"],
      ["成本指标", "经济成本指标"],
    ]);
    expect(ind.map((i) => i.nature)).toEqual(["≤", "≥", "定性", "≥", "≤"]);
    expect(ind.map((i) => i.weight)).toEqual([10, 10, 10, 10, 20]);
    expect(ind[1].cells.level1).toEqual(ind[0].cells.level1);
    expect(ind[0].direction).toBe("反向指标");
    expect(ind[2].value).toBe("促进科学技术的繁荣和发展");
    expect(t.projects[1].indicators.map((i) => i.nature)).toEqual(["=", "="]);
    expect(t.projects[1].indicators.reduce((s, i) => s + (i.weight ?? 0), 0)).toBe(90);
  });
});

describe("表7 部门整体支出绩效目标表", () => {
  const t = T["7"]!;
  test("label/value blocks", () => {
    expect(t.departmentName).toBe("凉山州科学技术协会部门");
    expect(t.totalFunds!.fen).toBe(fen("300.569"));
    expect(t.fiscalFunds!.fen).toBe(fen("300.569"));
    expect(t.otherFunds!.fen).toBe(0);
    expect(t.totalFundsCell).toEqual({ sheet: "11 整体绩效", row: 5, col: 1 });
    expect(t.overallGoal).toMatch(/^依据州委州政府/);
    expect(t.tasks.map((x) => x.name)).toEqual(["科普宣传活动业务经费", "学会能力提升计划", "青少年科技活动"]);
    expect(t.tasks[0].content).toMatch(/12 万元$/);
  });
  test("indicators", () => {
    expect(t.indicators.map((i) => [i.level1, i.level2, i.nature, i.weight])).toEqual([
      ["产出指标", "数量指标", "=", 20],
      ["产出指标", "质量指标", "≥", 10],
      ["效益指标", "社会效益指标", "定性", 20],
      ["成本指标", "经济成本指标", "≤", 20],
    ]);
    expect(t.indicators[3].value).toBe("300.569");
    expect(t.unit).toBe("万元");
  });
});
