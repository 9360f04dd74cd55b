/**
 * A compact builder of BudgetModel objects for the narrative tests, and the seed (凉山州科学技术协会 2024)
 * with its corrected figures: grand total 753.71, 卫生健康 23.50, 表6 人员类 Σ 415.01.
 */
import { scaleDecimal } from "../../../src/core/model/money";
import type {
  Amount,
  BudgetModel,
  LedgerRow,
  LedgerTable,
  PerfProject,
  PerfTable,
  RowKind,
  SummaryLine,
  SummaryTable,
  TableId,
} from "../../../src/core/model/tables";

/** "753.71" (万元) -> 分, exactly. */
export function w(text: string): number {
  const v = scaleDecimal(text, 6);
  if (v === undefined) throw new Error(`bad amount ${text}`);
  return v;
}

function amount(text: string, sheet: string, row: number, col: number): Amount {
  return { fen: w(text), cell: { sheet, row, col } };
}

function base(id: TableId, title: string, columns: string[]) {
  return {
    id,
    sheet: `表${id}`,
    title,
    titleCell: { sheet: `表${id}`, row: 0, col: 0 },
    unit: "万元" as const,
    unitFen: 1_000_000,
    department: "凉山州科学技术协会",
    top: 0,
    left: 0,
    bottom: 100,
    right: 20,
    headerTop: 2,
    headerBottom: 4,
    columns: columns.map((key, i) => ({ key, label: key, col: i + 3 })),
    empty: false,
  };
}

/** [kind, code, name, {columnKey: "万元"}]; kind "t" total, "o" org, "g" group, "i" item. Parents by code prefix. */
export type RowSpec = ["t" | "o" | "g" | "i", string, string, Record<string, string>];

const KINDS: Record<string, RowKind> = { t: "total", o: "org", g: "group", i: "item" };

export function ledger(
  id: TableId,
  columns: string[],
  specs: RowSpec[],
  codeKind: LedgerTable["codeKind"] = "functional",
): LedgerTable {
  const sheet = `表${id}`;
  const rows: LedgerRow[] = specs.map(([k, code, name, amounts], i) => ({
    row: 5 + i,
    kind: KINDS[k],
    code: code || undefined,
    name,
    amounts: Object.fromEntries(
      Object.entries(amounts).map(([key, v]) => [key, amount(v, sheet, 5 + i, 3 + columns.indexOf(key))]),
    ),
    children: [],
  }));
  // Parent = nearest earlier row whose code is a prefix (items), else the last group/org/total above.
  rows.forEach((r, i) => {
    for (let j = i - 1; j >= 0; j--) {
      const p = rows[j];
      const isParent =
        r.kind === "item" && r.code && p.kind === "item" && p.code
          ? r.code.startsWith(p.code) && r.code !== p.code
          : p.kind !== "item" &&
            p.kind !== r.kind &&
            (r.kind === "item" || p.kind === "total" || (p.kind === "org" && r.kind === "group"));
      if (isParent) {
        r.parent = j;
        p.children.push(i);
        break;
      }
    }
  });
  const empty = rows.every((r) => Object.keys(r.amounts).length === 0);
  return { ...base(id, id, columns), kind: "ledger", codeKind, rows, empty };
}

export function summary(
  id: "1" | "2",
  income: [string, string, Record<string, string>][],
  expense: [string, string, Record<string, string>][],
): SummaryTable {
  const sheet = `表${id}`;
  const line = (
    side: "income" | "expense",
    [key, label, amounts]: [string, string, Record<string, string>],
    i: number,
  ): SummaryLine => ({
    row: 5 + i,
    side,
    label,
    labelCell: { sheet, row: 5 + i, col: side === "income" ? 0 : 2 },
    key,
    amounts: Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, amount(v, sheet, 5 + i, 3)])),
  });
  return {
    ...base(id, id, []),
    kind: "summary",
    income: income.map((l, i) => line("income", l, i)),
    expense: expense.map((l, i) => line("expense", l, i)),
  };
}

/** [name, category, budget, goal] */
export function perf(projects: [string, "R" | "Y" | "T", string, string][]): PerfTable {
  const sheet = "表6";
  return {
    ...base("6", "部门项目支出绩效目标表", []),
    kind: "perf",
    projects: projects.map(([name, category, budget, goal], i): PerfProject => ({
      row: 6 + i,
      unitName: "229001-凉山州科学技术协会",
      name,
      nameCell: { sheet, row: 6 + i, col: 1 },
      category,
      budget: amount(budget, sheet, 6 + i, 2),
      budgetCell: { sheet, row: 6 + i, col: 2 },
      goal,
      indicators: [],
    })),
  };
}

// ------------------------------------------------------------------ the seed, corrected

const CLASSES: [string, string, string][] = [
  ["206", "六、科学技术支出", "570.41"],
  ["208", "八、社会保障和就业支出", "132.23"],
  ["210", "十、卫生健康支出", "23.50"],
  ["221", "二十、住房保障支出", "27.57"],
];

/** [code, name, basic, project] of the 15 项 lines (表1-2 / 表3). */
export const SEED_ITEMS: [string, string, string, string][] = [
  ["2060701", "机构运行", "289.04", ""],
  ["2060702", "科普活动", "", "12.00"],
  ["2060703", "青少年科技活动", "", "2.80"],
  ["2060704", "学术交流活动", "", "12.00"],
  ["2060799", "其他科学技术普及支出", "", "228.00"],
  ["2069999", "其他科学技术支出", "", "26.57"],
  ["2080501", "行政单位离退休", "80.86", ""],
  ["2080502", "事业单位离退休", "2.35", ""],
  ["2080505", "机关事业单位基本养老保险缴费支出", "32.68", ""],
  ["2080506", "机关事业单位职业年金缴费支出", "16.34", ""],
  ["2101101", "行政单位医疗", "8.26", ""],
  ["2101102", "事业单位医疗", "2.81", ""],
  ["2101103", "公务员医疗补助", "9.36", ""],
  ["2101199", "其他行政事业单位医疗支出", "3.07", ""],
  ["2210201", "住房公积金", "27.57", ""],
];

function sum(values: string[]): string {
  const f = values.reduce((s, v) => s + (v ? w(v) : 0), 0);
  return (f / 1_000_000).toFixed(2);
}

export const SEED_PROJECTS_32: [string, string, string][] = [
  ["2060702", "科普宣传活动业务经费", "12.00"],
  ["2060703", "青少年科技活动", "2.80"],
  ["2060704", "学术交流活动业务经费", "12.00"],
  ["2060799", "凉山州级科普专项经费", "128.00"],
  ["2060799", "天府科技云服务项目", "25.00"],
  ["2060799", "科创中国·天府科技云服务大会", "50.00"],
  ["2060799", "“最美科技工作者”评选活动", "25.00"],
  ["2069999", "老科技工作者科普活动保障经费", "12.00"],
  ["2069999", "凉山州全民科学素质提升专项", "14.57"],
];

const R_PROJECTS: [string, string][] = [
  ["州本级工资支出（行政）", "153.72"],
  ["州本级工资支出（事业）", "33.88"],
  ["州本级目标绩效（行政）", "20.35"],
  ["州本级目标绩效（事业）", "23.00"],
  ["州本级在职工资附加性支出(行政)", "53.92"],
  ["州本级在职工资附加性支出(事业)", "21.91"],
  ["州本级离休人员经费(行政)", "11.33"],
  ["州本级退休(职)人员生活补助(行政)", "53.53"],
  ["州本级退休（职）人员生活补助（事业）", "2.18"],
  ["州本级其他人员类支出（事业）", "3.54"],
  ["州本级其他工资及附加支出（行政）", "17.21"],
  ["州本级其他工资及附加支出(事业)", "2.21"],
  ["州本级离退休(职)人员经费(行政)", "17.86"],
  ["州本级离退休(职)人员经费(事业)", "0.37"],
];
const Y_PROJECTS: [string, string][] = [
  ["州本级定额公用经费（行政）", "13.20"],
  ["州本级定额公用经费（事业）", "6.00"],
  ["州本级公务用车运行维护费(行政)", "9.70"],
  ["州本级其他公用经费（行政）", "14.44"],
  ["州本级在职人员工会经费、福利费(行政)", "4.02"],
  ["州本级在职人员工会经费、福利费(事业)", "1.26"],
  ["州本级离休人员公用经费(行政离休)", "0.45"],
  ["州本级退休人员公用经费(行政退休)", "3.73"],
  ["州本级退休人员公用经费（事业退休）", "0.16"],
  ["州本级体检经费（行政）", "3.56"],
  ["州本级体检经费（事业）", "0.81"],
];
export const GOALS = {
  kepu: "以青少年科技创新大赛及各类科技活动为抓手，组织青创赛获奖学生开展科学研学活动。",
  youth: "用于开展科学家（精神）进校园等活动，培养青少年科学兴趣、科技创新精神和实践能力。",
  special: "围绕省科协天府科技云服务重点工作，继续深入开展学术交流，传播科学思想。",
  cloud: "凉山州科协体制外配备从事天府科技云服务“保姆式”专职工作人员。",
  kcz: "“科创会”是省科协在中国科协指导下联合省委组织部等共同主办的科技服务大会。",
  zuimei: "通过“最美科技工作者”评选活动，大力弘扬新时代科学家精神。",
  old: "该项目围绕认真学习贯彻党的二十大精神进行农村科普和城市科普活动。",
  suzhi: "年度依据中央贯彻实施《全民科学素质行动纲要》等决策部署开展工作。",
  xueshu: "开展凉山州第二届“最美科技工作者”评选和人才慰问活动。",
  basic: "严格执行相关政策，保障工资及时、足额发放或社保及时、足额缴纳。",
};

export function seedPerf(): PerfTable {
  return perf([
    ["学术交流业务经费", "T", "12.00", GOALS.xueshu],
    ["老科技工作者科普活动保障经费", "T", "12.00", GOALS.old],
    ["科普宣传活动业务经费", "T", "12.00", GOALS.kepu],
    ["凉山州全民科学素质提升专项", "T", "14.57", GOALS.suzhi],
    ["凉山州级科普专项经费", "T", "128.00", GOALS.special],
    ["天府科技云服务项目", "T", "25.00", GOALS.cloud],
    ["青少年科技活动", "Y", "2.80", GOALS.youth],
    ...R_PROJECTS.map(([n, b]): [string, "R", string, string] => [n, "R", b, GOALS.basic]),
    ["科创中国.天府科技云服务大会", "T", "50.00", GOALS.kcz],
    ["“最美科技工作者”评选活动", "T", "25.00", GOALS.zuimei],
    ...Y_PROJECTS.map(([n, b]): [string, "Y", string, string] => [
      n,
      "Y",
      b,
      "提高预算编制质量，严格执行预算，保障单位正常运转。",
    ]),
  ]);
}

/** The seed's 14 tables (those the narrative reads), corrected. */
export function seedModel(): BudgetModel {
  const total = "753.71";
  const t1 = summary(
    "1",
    [
      ["gpb", "一、一般公共预算拨款收入", { amount: total }],
      ["fund", "二、政府性基金预算拨款收入", {}],
      ["soe", "三、国有资本经营预算拨款收入", {}],
      ["business", "四、事业收入", {}],
      ["currentTotal", "本年收入合计", { amount: total }],
      ["carryover", "七、上年结转", {}],
      ["grandTotal", "收入总计", { amount: total }],
    ],
    [
      ["class:201", "一、一般公共服务支出", {}],
      ...CLASSES.map(([c, l, v]): [string, string, Record<string, string>] => [`class:${c}`, l, { amount: v }]),
      ["currentTotal", "本年支出合计", { amount: total }],
      ["grandTotal", "支出总计", { amount: total }],
    ],
  );
  const t2 = summary(
    "2",
    [
      ["currentTotal", "一、本年收入", { amount: total }],
      ["gpb", "一般公共预算拨款收入", { amount: total }],
      ["fund", "政府性基金预算拨款收入", {}],
      ["soe", "国有资本经营预算拨款收入", {}],
      ["carryover", "二、上年结转", {}],
      ["carryover.gpb", "一般公共预算拨款收入", {}],
    ],
    [
      ["currentTotal", "一、本年支出", { total, gpb: total }],
      ["class:201", "一般公共服务支出", {}],
      ...CLASSES.map(([c, l, v]): [string, string, Record<string, string>] => [
        `class:${c}`,
        l.replace(/^.*、/, ""),
        { total: v, gpb: v },
      ]),
    ],
  );
  const item12 = SEED_ITEMS.map(([c, n, b, p]): RowSpec => [
    "i",
    c,
    n,
    Object.fromEntries(Object.entries({ total: sum([b, p]), basic: b, project: p }).filter(([, v]) => v !== "")),
  ]);
  const t12 = ledger(
    "1-2",
    ["total", "basic", "project"],
    [
      ["t", "", "合计", { total, basic: "472.34", project: "281.37" }],
      ["o", "", "凉山州科学技术协会", { total, basic: "472.34", project: "281.37" }],
      ...item12,
    ],
  );
  const t3 = ledger(
    "3",
    ["total", "current", "carryover"],
    [
      ["t", "", "合计", { total, current: total }],
      ["o", "", "凉山州科学技术协会部门", { total, current: total }],
      ...SEED_ITEMS.map(([c, n, b, p]): RowSpec => ["i", c, n, { total: sum([b, p]), current: sum([b, p]) }]),
    ],
  );
  const t31 = ledger(
    "3-1",
    ["total", "personnel", "public"],
    [
      ["t", "", "合计", { total: "472.34", personnel: "415.01", public: "57.33" }],
      ["o", "", "凉山州科学技术协会", { total: "472.34", personnel: "415.01", public: "57.33" }],
      ["i", "301", "工资福利支出", { total: "336.14", personnel: "336.14" }],
      ["i", "30101", "基本工资", { total: "81.35", personnel: "81.35" }],
      ["i", "30102", "津贴补贴", { total: "40.21", personnel: "40.21" }],
      ["i", "301020101", "艰苦边远地区津贴", { total: "5.38", personnel: "5.38" }],
      ["i", "30103", "奖金", { total: "96.71", personnel: "96.71" }],
      ["i", "30107", "绩效工资", { total: "13.72", personnel: "13.72" }],
      ["i", "30108", "机关事业单位基本养老保险缴费", { total: "32.68", personnel: "32.68" }],
      ["i", "30109", "职业年金缴费", { total: "16.34", personnel: "16.34" }],
      ["i", "30110", "职工基本医疗保险缴费", { total: "12.06", personnel: "12.06" }],
      ["i", "30111", "公务员医疗补助缴费", { total: "9.70", personnel: "9.70" }],
      ["i", "30112", "其他社会保障缴费", { total: "2.26", personnel: "2.26" }],
      ["i", "30113", "住房公积金", { total: "27.57", personnel: "27.57" }],
      ["i", "30199", "其他工资福利支出", { total: "3.54", personnel: "3.54" }],
      ["i", "302", "商品和服务支出", { total: "57.33", public: "57.33" }],
      ["i", "30201", "办公费", { total: "1.20", public: "1.20" }],
      ["i", "30202", "印刷费", { total: "0.60", public: "0.60" }],
      ["i", "30205", "水费", { total: "0.30", public: "0.30" }],
      ["i", "30206", "电费", { total: "0.70", public: "0.70" }],
      ["i", "30207", "邮电费", { total: "0.40", public: "0.40" }],
      ["i", "30211", "差旅费", { total: "4.61", public: "4.61" }],
      ["i", "30213", "维修（护）费", { total: "0.50", public: "0.50" }],
      ["i", "30215", "会议费", { total: "1.50", public: "1.50" }],
      ["i", "30217", "公务接待费", { total: "0.19", public: "0.19" }],
      ["i", "30226", "劳务费", { total: "5.00", public: "5.00" }],
      ["i", "30228", "工会经费", { total: "2.67", public: "2.67" }],
      ["i", "30229", "福利费", { total: "5.48", public: "5.48" }],
      ["i", "30231", "公务用车运行维护费", { total: "9.70", public: "9.70" }],
      ["i", "30239", "其他交通费用", { total: "12.94", public: "12.94" }],
      ["i", "30299", "其他商品和服务支出", { total: "11.54", public: "11.54" }],
      ["i", "303", "对个人和家庭的补助", { total: "78.87", personnel: "78.87" }],
      ["i", "30301", "离休费", { total: "16.29", personnel: "16.29" }],
      ["i", "30399", "其他对个人和家庭的补助", { total: "62.57", personnel: "62.57" }],
    ],
    "economic",
  );
  const groups = new Map<string, string>([
    ["2060702", "科普活动"],
    ["2060703", "青少年科技活动"],
    ["2060704", "学术交流活动"],
    ["2060799", "其他科学技术普及支出"],
    ["2069999", "其他科学技术支出"],
  ]);
  const specs32: RowSpec[] = [
    ["t", "", "合计", { total: "281.37" }],
    ["o", "", "凉山州科学技术协会", { total: "281.37" }],
  ];
  for (const [code, gname] of groups) {
    const ps = SEED_PROJECTS_32.filter(([c]) => c === code);
    specs32.push(["g", "", gname, { total: sum(ps.map(([, , v]) => v)) }]);
    for (const [c, n, v] of ps) specs32.push(["i", c, n, { total: v }]);
  }
  const t32 = ledger("3-2", ["total"], specs32);
  const t33 = ledger(
    "3-3",
    ["total", "overseas", "vehicleSubtotal", "vehiclePurchase", "vehicleOperation", "reception"],
    [
      ["t", "", "合计", { total: "9.89", vehicleSubtotal: "9.70", vehicleOperation: "9.70", reception: "0.19" }],
      [
        "o",
        "",
        "凉山州科学技术协会",
        { total: "9.89", vehicleSubtotal: "9.70", vehicleOperation: "9.70", reception: "0.19" },
      ],
    ],
    "none",
  );
  const t4 = ledger("4", ["total", "basic", "project"], [["t", "", "合计", {}]]);
  const t5 = ledger("5", ["total", "basic", "project"], [["t", "", "合计", {}]]);
  return {
    tables: {
      "1": t1,
      "1-2": t12,
      "2": t2,
      "3": t3,
      "3-1": t31,
      "3-2": t32,
      "3-3": t33,
      "4": t4,
      "5": t5,
      "6": seedPerf(),
    },
    duplicates: [],
    unrecognizedSheets: [],
    year: 2024,
    department: "凉山州科学技术协会",
  };
}

export const SEED_PRIOR = {
  year: 2023,
  total: 614.51,
  threePublic: { total: 10.89, overseas: 0, reception: 0.19, vehiclePurchase: 0, vehicleOperation: 10.7 },
  agencyOperating: 51.3,
};
