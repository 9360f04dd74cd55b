/**
 * Hand-built grids in the seed's layout (../shared/seed/000_6281e0e5f963d3fa.txt 第二部分), independent of the
 * example workbook builder, plus helpers to place them on sheets with offsets and to turn a builder plan into
 * WorkbookData.
 */
import type { CellValue, SheetData, WorkbookData } from "../../../src/core/model/workbook";

export type Cell = CellValue | undefined;
export type Block = Cell[][];

export interface FixtureOptions {
  /** 万元 (default) or 元 (amounts × 10000). */
  unit?: "万元" | "元";
  /** Amounts written as text with thousands separators ("7,537,000.00"). */
  amountsAsText?: boolean;
  /** One 科目编码 column instead of 类|款|项. */
  joinedCodes?: boolean;
}

/** A 万元 decimal string as a cell in the requested unit / form. Exact (string arithmetic). */
export function amt(dec: string, o: FixtureOptions = {}): Cell {
  if (dec === "") return null;
  const neg = dec.startsWith("-");
  const [i, f = ""] = (neg ? dec.slice(1) : dec).split(".");
  let text: string;
  if (o.unit === "元") {
    const yuanFrac = f.padEnd(6, "0"); // 万元 → 元: shift 4 places, keep 2 decimals
    const intPart = String(Number(i + yuanFrac.slice(0, 4)));
    text = `${intPart}.${yuanFrac.slice(4, 6)}`;
  } else {
    text = `${i}.${f.padEnd(2, "0")}`;
  }
  if (neg) text = `-${text}`;
  if (o.amountsAsText) {
    const [ip, fp] = text.split(".");
    return `${ip.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fp}`;
  }
  return Number(text);
}

/** 分 of a 万元 decimal string: the value recognition must return whatever the layout. */
export function fen(dec: string): number {
  const [i, f = ""] = dec.split(".");
  return Number(i) * 1_000_000 + Number(f.padEnd(6, "0"));
}

/** Stacks blocks on one sheet: `rowOffset` blank rows and `colOffset` blank columns first, `gap` rows between. */
export function place(blocks: Block[], opts: { rowOffset?: number; colOffset?: number; gap?: number } = {}): Cell[][] {
  const rows: Cell[][] = [];
  let r = opts.rowOffset ?? 0;
  const c0 = opts.colOffset ?? 0;
  blocks.forEach((b, k) => {
    if (k > 0) r += opts.gap ?? 2;
    for (const line of b) {
      const row: Cell[] = [];
      line.forEach((v, c) => {
        if (v !== undefined && v !== null) row[c0 + c] = v;
      });
      rows[r] = row;
      r++;
    }
  });
  return rows;
}

export function sheet(name: string, rows: Cell[][]): SheetData {
  return { name, rows };
}

export function workbook(...sheets: SheetData[]): WorkbookData {
  return { sheets };
}

/** Minimal shape of scripts/examples/build-workbook.ts's plan, to convert it to WorkbookData. */
export interface PlanLike {
  sheets: { name: string; cells: { row: number; col: number; value: string | number }[] }[];
}

export function fromPlan(plan: PlanLike): WorkbookData {
  return {
    sheets: plan.sheets.map((s) => {
      const rows: Cell[][] = [];
      for (const c of s.cells) (rows[c.row] ??= [])[c.col] = c.value;
      return { name: s.name, rows };
    }),
  };
}

const DEPT = "凉山州科学技术协会";
const deptLine = (width: number, unit: string): Block => {
  const row: Cell[] = new Array(width).fill(null);
  row[0] = `部门：${DEPT}`;
  row[width - 1] = `金额单位：${unit}`;
  return [row];
};

// ------------------------------------------------------------------------------------------ 表1

// Dense on purpose: a list to read across, as in the printed table.
// prettier-ignore
const CLASS_ROWS: [string, string][] = [
  ["一、一般公共服务支出", ""], ["二、外交支出", ""], ["三、国防支出", ""], ["四、公共安全支出", ""], ["五、教育支出", ""],
  ["六、科学技术支出", "570.41"], ["七、文化旅游体育与传媒支出", ""], ["八、社会保障和就业支出", "132.23"],
  ["九、社会保险基金支出", ""], ["十、卫生健康支出", "23.49"], ["十一、节能环保支出", ""], ["十二、城乡社区支出", ""],
  ["十三、农林水支出", ""], ["十四、交通运输支出", ""], ["十五、资源勘探工业信息等支出", ""], ["十六、商业服务业等支出", ""],
  ["十七、金融支出", ""], ["十八、援助其他地区支出", ""], ["十九、自然资源海洋气象等支出", ""], ["二十、住房保障支出", "27.57"],
  ["二十一、粮油物资储备支出", ""], ["二十二、国有资本经营预算支出", ""], ["二十三、灾害防治及应急管理支出", ""],
  ["二十四、其他支出", ""], ["二十五、债务还本支出", ""], ["二十六、债务付息支出", ""], ["二十七、债务发行费用支出", ""],
  ["二十八、抗疫特别国债安排的支出", ""],
];

export function table1(o: FixtureOptions = {}, title = "部门收支总表"): Block {
  const a = (d: string) => amt(d, o);
  const income: [string, string][] = [
    ["一、一般公共预算拨款收入", "753.70"],
    ["二、政府性基金预算拨款收入", ""],
    ["三、国有资本经营预算拨款收入", ""],
    ["四、事业收入", ""],
    ["五、事业单位经营收入", ""],
    ["六、其他收入", ""],
  ];
  const rows: Block = [
    [title],
    ...deptLine(4, o.unit ?? "万元"),
    ["收 入", null, "支 出", null],
    ["项 目", "预算数", "项 目", "预算数"],
  ];
  CLASS_ROWS.forEach(([ex, exAmt], i) => {
    const inc = income[i];
    rows.push([inc ? inc[0] : null, inc ? a(inc[1]) : null, ex, a(exAmt)]);
  });
  rows.push(["本年收入合计", a("753.70"), "本年支出合计", a("753.70")]);
  rows.push(["七、上年结转", null, null, null]);
  rows.push(["收入总计", a("753.70"), "支出总计", a("753.70")]);
  return rows;
}

// ------------------------------------------------------------------------------------------ 表2

export function table2(o: FixtureOptions = {}): Block {
  const a = (d: string) => amt(d, o);
  const income: [string, string][] = [
    ["一般公共预算拨款收入", "753.70"],
    ["政府性基金预算拨款收入", ""],
    ["国有资本经营预算拨款收入", ""],
    ["二、上年结转", ""],
    ["一般公共预算拨款收入", ""],
    ["政府性基金预算拨款收入", ""],
    ["国有资本经营预算拨款收入", ""],
  ];
  const rows: Block = [
    ["财政拨款收支预算总表"],
    ...deptLine(7, o.unit ?? "万元"),
    ["收 入", null, "支 出", null, null, null, null],
    ["项 目", "预算数", "项 目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ["一、本年收入", a("753.70"), "一、本年支出", a("753.70"), a("753.70"), null, null],
  ];
  CLASS_ROWS.forEach(([label, v], i) => {
    const inc = income[i];
    rows.push([
      inc ? inc[0] : null,
      inc ? a(inc[1]) : null,
      label.replace(/^[一二三四五六七八九十]+、/, ""),
      a(v),
      a(v),
      null,
      null,
    ]);
  });
  return rows;
}

// ------------------------------------------------------------------------------------------ 1-2 and 3 (functional)

/** [类, 款, 项, name, basic, project] */
export const FUNC_ITEMS: [string, string, string, string, string, string][] = [
  ["206", "07", "01", "机构运行", "289.04", ""],
  ["206", "07", "02", "科普活动", "", "12.00"],
  ["206", "07", "03", "青少年科技活动", "", "2.80"],
  ["206", "07", "04", "学术交流活动", "", "12.00"],
  ["206", "07", "99", "其他科学技术普及支出", "", "228.00"],
  ["206", "99", "99", "其他科学技术支出", "", "26.57"],
  ["208", "05", "01", "行政单位离退休", "80.86", ""],
  ["208", "05", "02", "事业单位离退休", "2.35", ""],
  ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "32.68", ""],
  ["208", "05", "06", "机关事业单位职业年金缴费支出", "16.34", ""],
  ["210", "11", "01", "行政单位医疗", "8.26", ""],
  ["210", "11", "02", "事业单位医疗", "2.81", ""],
  ["210", "11", "03", "公务员医疗补助", "9.36", ""],
  ["210", "11", "99", "其他行政事业单位医疗支出", "3.07", ""],
  ["221", "02", "01", "住房公积金", "27.57", ""],
];

/** Code cells: 类|款|项 or one joined column. */
function codeCells(parts: (string | null)[], o: FixtureOptions): Cell[] {
  if (!o.joinedCodes) return parts;
  const j = parts.filter((p) => p).join("");
  return [j === "" ? null : j];
}

/** 表1-2 as printed: the seed's unnamed department line right after 合计. */
export function table12(o: FixtureOptions = {}): Block {
  const a = (d: string) => amt(d, o);
  const n = o.joinedCodes ? 1 : 3;
  const blank = new Array(n).fill(null);
  const rows: Block = [
    ["部门支出总表"],
    ...deptLine(n + 5, o.unit ?? "万元"),
    o.joinedCodes
      ? ["科目编码", "单位代码", "单位名称（科目）", "合计", "基本支出", "项目支出"]
      : ["科目编码", null, null, "单位代码", "单位名称（科目）", "合计", "基本支出", "项目支出"],
  ];
  if (!o.joinedCodes) rows.push(["类", "款", "项", null, null, null, null, null]);
  rows.push([...blank, null, "合 计", a("753.70"), a("472.34"), a("281.37")]);
  rows.push([...blank, null, null, a("753.70"), a("472.34"), a("281.37")]);
  rows.push([...blank, null, DEPT, a("753.70"), a("472.34"), a("281.37")]);
  for (const [c, k, x, name, basic, project] of FUNC_ITEMS) {
    rows.push([...codeCells([c, k, x], o), "229001", name, a(basic || project), a(basic), a(project)]);
  }
  return rows;
}

/** 表3 as printed: "229 机构运行" in the name cell, no 单位代码 column. */
export function table3(o: FixtureOptions = {}): Block {
  const a = (d: string) => amt(d, o);
  const n = o.joinedCodes ? 1 : 3;
  const blank = new Array(n).fill(null);
  const rows: Block = [
    ["一般公共预算支出预算表"],
    ...deptLine(n + 4, o.unit ?? "万元"),
    ["项 目", ...new Array(n).fill(null), "合 计", "当年财政拨款 安排", "上年结转安排"],
    ["科目编码", ...new Array(n - 1).fill(null), "单位名称（科目）", null, null, null],
  ];
  if (!o.joinedCodes) rows.push(["类", "款", "项", null, null, null, null]);
  rows.push([...blank, "合 计", a("753.70"), a("753.70"), null]);
  rows.push([...blank, null, a("753.70"), a("753.70"), null]);
  rows.push([...blank, `${DEPT}部门`, a("753.70"), a("753.70"), null]);
  for (const [c, k, x, name, basic, project] of FUNC_ITEMS) {
    const v = basic || project;
    rows.push([...codeCells([c, k, x], o), `229 ${name}`, a(v), a(v), null]);
  }
  return rows;
}

// ------------------------------------------------------------------------------------------ 2-1 (economic)

/** [类, 款, name, total, basic, project]; 类 lines have a code of 3 digits only. */
export const ECON_21: [string, string, string, string, string, string][] = [
  ["301", "", "工资福利支出", "336.14", "336.14", ""],
  ["301", "01", "基本工资", "81.35", "81.35", ""],
  ["301", "02", "津贴补贴", "40.21", "40.21", ""],
  ["301", "02", "艰苦边远地区津贴", "5.38", "5.38", ""],
  ["301", "02", "其他国家津贴补贴", "1.04", "1.04", ""],
  ["301", "02", "地方出台津贴补贴", "33.80", "33.80", ""],
  ["302", "", "商品和服务支出", "338.70", "57.33", "281.37"],
  ["302", "01", "办公费", "5.70", "1.20", "4.50"],
  ["302", "27", "委托业务费", "333.00", "56.13", "276.87"],
  ["303", "", "对个人和家庭的补助", "78.87", "78.87", ""],
  ["303", "01", "离休费", "16.29", "16.29", ""],
  ["303", "01", "基本离休费", "8.04", "8.04", ""],
];

/** 表2-1 in the seed's layout: 部门/单位 lines above the title, the title in the first header line. */
export function table21(o: FixtureOptions = {}): Block {
  const a = (d: string) => amt(d, o);
  const W = 36;
  const line = (cells: [number, Cell][]): Cell[] => {
    const r: Cell[] = new Array(W).fill(null);
    for (const [c, v] of cells) r[c] = v;
    return r;
  };
  const rows: Block = [
    line([
      [0, `部门：${DEPT}`],
      [W - 1, `金额单位：${o.unit ?? "万元"}`],
    ]),
    line([[0, "财政拨款支出预算表（部门经济分类科目）"]]),
    line([
      [0, "项 目"],
      [4, "总计"],
      [5, "本级当年财政拨款安排"],
      [15, "上级提前通知专项转移支付等"],
      [24, "上年结转安排"],
    ]),
  ];
  const funds = (start: number, names: string[]): [number, Cell][] =>
    names.map((n, i) => [start + i * 3, n] as [number, Cell]);
  rows.push(
    line([
      [0, "科目编码"],
      [2, "单位代码"],
      [3, "单位名称（科目）"],
      [5, "合计"],
      ...funds(6, ["一般公共预算拨款", "政府性基金安排", "国有资本经营预算安排"]),
      ...funds(15, ["一般公共预算拨款", "政府性基金安排", "国有资本经营预算安排"]),
      ...funds(24, ["一般公共预算拨款", "政府性基金安排", "国有资本经营预算安排", "上年应返还额度结转"]),
    ]),
  );
  const parts: [number, Cell][] = [
    [0, "类"],
    [1, "款"],
  ];
  for (let g = 6; g < W; g += 3) {
    parts.push([g, "小计"], [g + 1, "基本支出"], [g + 2, "项目支出"]);
  }
  rows.push(line(parts));
  const amounts = (t: string, b: string, p: string): [number, Cell][] => [
    [4, a(t)],
    [5, a(t)],
    [6, a(t)],
    [7, a(b)],
    [8, a(p)],
  ];
  rows.push(line([[3, "合 计"], ...amounts("753.70", "472.34", "281.37")]));
  rows.push(line([...amounts("753.70", "472.34", "281.37")]));
  rows.push(line([[3, DEPT], ...amounts("753.70", "472.34", "281.37")]));
  for (const [c, k, name, t, b, p] of ECON_21) {
    rows.push(line([[0, c], [1, k || null], [2, k ? "229001" : null], [3, name], ...amounts(t, b, p)]));
  }
  return rows;
}

// ------------------------------------------------------------------------------------------ 3-1

/** [类, 款, 单位代码 (economic code), name, total, personnel, public] */
export const ECON_31: [string, string, string, string, string, string, string][] = [
  ["", "", "301", "工资福利支出", "336.14", "336.14", ""],
  ["301", "01", "30101", "基本工资", "81.35", "81.35", ""],
  ["301", "02", "30102", "津贴补贴", "40.21", "40.21", ""],
  ["301", "02", "301020101", "艰苦边远地区津贴", "5.38", "5.38", ""],
  ["301", "03", "30103", "奖金", "96.71", "96.71", ""],
  ["301", "03", "3010301", "年终一次性奖金", "5.22", "5.22", ""],
  ["", "", "302", "商品和服务支出", "57.33", "", "57.33"],
  ["302", "01", "30201", "办公费", "1.20", "", "1.20"],
  ["302", "99", "30299", "其他商品和服务支出", "11.54", "", "11.54"],
  ["", "", "303", "对个人和家庭的补助", "78.87", "78.87", ""],
  ["303", "01", "30301", "离休费", "16.29", "16.29", ""],
  ["303", "01", "3030101", "基本离休费", "8.04", "8.04", ""],
];

export function table31(o: FixtureOptions = {}): Block {
  const a = (d: string) => amt(d, o);
  const rows: Block = [
    ["一般公共预算基本支出预算表"],
    ...deptLine(7, o.unit ?? "万元"),
    ["科目编码", null, "项 目", null, "基本支出", null, null],
    ["类", "款", "单位代码", "单位名称（科目）", "合计", "人员经费", "公用经费"],
    [null, null, null, "合 计", a("472.34"), a("415.01"), a("57.33")],
    [null, null, null, null, a("472.34"), a("415.01"), a("57.33")],
    [null, null, "229001", DEPT, a("472.34"), a("415.01"), a("57.33")],
  ];
  for (const [c, k, u, name, t, p, q] of ECON_31) rows.push([c || null, k || null, u, name, a(t), a(p), a(q)]);
  return rows;
}

// ------------------------------------------------------------------------------------------ 3-2

export function table32(o: FixtureOptions = {}): Block {
  const a = (d: string) => amt(d, o);
  const n = o.joinedCodes ? 1 : 3;
  const blank = new Array(n).fill(null);
  const rows: Block = [
    ["一般公共预算项目支出预算表"],
    ...deptLine(n + 3, o.unit ?? "万元"),
    o.joinedCodes
      ? ["科目编码", "单位代码", "单位名称（科目）", "金额"]
      : ["科目编码", null, null, "单位代码", "单位名称（科目）", "金额"],
  ];
  if (!o.joinedCodes) rows.push(["类", "款", "项", null, null, null]);
  const g = (name: string, v: string) => rows.push([...blank, null, name, a(v)]);
  const p = (x: string, name: string, v: string) =>
    rows.push([...codeCells(["206", x.slice(0, 2), x.slice(2)], o), "229001", name, a(v)]);
  g("合 计", "281.37");
  g("", "281.37");
  g(DEPT, "281.37");
  g("科普活动", "12.00");
  p("0702", "科普宣传活动业务经费", "12.00");
  g("其他科学技术普及支出", "228.00");
  p("0799", "凉山州级科普专项经费", "128.00");
  p("0799", "天府科技云服务项目", "25.00");
  p("0799", "科创中国·天府科技云服务大会", "50.00");
  p("0799", "“最美科技工作者”评选活动", "25.00");
  return rows.filter((r) => r.length > 0);
}

// ------------------------------------------------------------------------------------------ 3-3, 4 (empty)

export function table33(o: FixtureOptions = {}, title = "一般公共预算“三公”经费支出预算表", empty = false): Block {
  const a = (d: string) => amt(d, o);
  const rows: Block = [
    [title],
    ...deptLine(8, o.unit ?? "万元"),
    ["单位 编码", "单位名称（科目）", "当年财政拨款预算安排", null, null, null, null, null],
    [null, null, "合计", "因公出 国（境） 费用", "公务用车购置及运行费", null, null, "公务接 待费"],
    [null, null, null, null, "小计", "公务用车 购置费", "公务用车 运行费", null],
    [
      null,
      "合 计",
      a(empty ? "" : "9.89"),
      null,
      a(empty ? "" : "9.70"),
      null,
      a(empty ? "" : "9.70"),
      a(empty ? "" : "0.19"),
    ],
  ];
  if (empty) rows.push([null, "此表无数据", null, null, null, null, null, null]);
  else rows.push(["229001", "凉山州科学技术 协会", a("9.89"), null, a("9.70"), null, a("9.70"), a("0.19")]);
  return rows;
}

export function table4(o: FixtureOptions = {}): Block {
  return [
    ["政府性基金预算支出预算表"],
    ...deptLine(8, o.unit ?? "万元"),
    ["项 目", null, null, null, null, "本年政府性基金预算支出", null, null],
    ["科目编码", null, null, "单位代 码", "单位名称（科目）", "合 计", "基本支 出", "项目支出"],
    ["类", "款", "项", null, null, null, null, null],
    [null, null, null, null, "合 计", null, null, null],
    [null, null, null, null, "此表无数据", null, null, null],
  ];
}

// ------------------------------------------------------------------------------------------ 表6

export function table6(o: FixtureOptions = {}): Block {
  const a = (d: string) => amt(d, o);
  const H = [
    "单位名称",
    "项目名称",
    "预算数",
    "年度目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "权重",
    "指标方向性",
  ];
  const ind = (
    l1: string | null,
    l2: string | null,
    l3: string,
    nature: string,
    value: Cell,
    unit: string,
    w: Cell,
    dir: string | null,
  ): Cell[] => [null, null, null, null, l1, l2, l3, nature, value, unit, w, dir];
  const rows: Block = [
    ["部门项目支出绩效目标表（2024年度）"],
    [null, null, null, null, null, null, null, null, null, null, null, `金额：${o.unit ?? "万元"}`],
    H,
    ["229-凉山州科学技术协会部门", null, a("753.70")],
  ];
  // Project 1: T, with the goal text wrapped into the next row.
  const p1 = ind("产出指标", "数量指标", "预计人才慰问人数", "≤", 35, "人", 10, "反向指标");
  p1[0] = "229001-凉山州科学技术协会";
  p1[1] = "51340022T000000278902-学术交流业务经费";
  p1[2] = a("12.00");
  p1[3] = "开展凉山州第二届“最美科技工作者”评选和人才慰问活动。";
  rows.push(p1);
  const p1b = ind(null, "质量指标", "‘最美科技工作者’评选达标率", ">=", 95, "%", 10, null);
  p1b[3] = "意在大力推动和实施创新驱动发展战略。";
  rows.push(p1b);
  rows.push(
    ind(
      "效益指标",
      "社会效益指标",
      "鼓励全州广大科技工作者开展科学研究",
      "定性",
      "促进科学技术的繁荣和发展",
      "",
      10,
      null,
    ),
  );
  rows.push(ind(null, "满意度指标", "服务对象满意度", "≧", 92, "%", "10", null));
  rows.push(ind("成本指标", "经济成本指标", "开展评选及慰问人才活动费用", "<=", 12, "万元", 20, null));
  // Project 2: R.
  const p2 = ind("产出指标", "数量指标", "发放（缴纳）覆盖率", "＝", 100, "%", 60, "正向指标");
  p2[1] = "51340024R000010184587-州本级工资支出（行政）";
  p2[2] = a("153.72");
  p2[3] = "严格执行相关政策，保障工资及时、足额发放。";
  rows.push(p2);
  rows.push(ind("效益指标", "社会效益指标", "足额保障率（参保率）", "=", 100, "%", 30, "正向指标"));
  // Project 3: Y.
  const p3 = ind("产出指标", "数量指标", "科目调整次数", "≤", 5, "次", 20, "反向指标");
  p3[1] = "51340024Y000010282374-州本级定额公用经费（行政）";
  p3[2] = a("13.20");
  p3[3] = "提高预算编制质量，严格执行预算，保障单位正常运转。";
  rows.push(p3);
  return rows;
}

// ------------------------------------------------------------------------------------------ 表7

export function table7(o: FixtureOptions = {}): Block {
  const a = (d: string) => amt(d, o);
  return [
    ["部门整体支出绩效目标表"],
    ["(2024 年度)"],
    [null, null, null, null, null, null, null, `单位：${o.unit ?? "万元"}`],
    ["部门名称", "凉山州科学技术协会部门"],
    ["年度部门整体支出预算", "资金总额", null, null, "财政拨款", null, "其他资金"],
    [null, a("300.569"), null, null, a("300.569"), null, a("0.00")],
    ["年度总体目标", "依据州委州政府和省科协下达的年度重点工作任务，围绕省科协“天府科技云”重点项目。"],
    ["年度主要任务", "任务名称", null, "主要内容"],
    [null, "科普宣传活动业务经费", null, "组织青科赛获一等奖学生 30 名左右开展科学研学活动。预计所需经费 12 万元"],
    [null, "学会能力提升计划", null, "支持 10 个学会协会开展学会科普工作。"],
    [null, "青少年科技活动", null, "开展科学家精神进校园活动。"],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "绩效指标性质", "绩效指标值", "绩效度量单位", "权重"],
    [null, "产出指标", "数量指标", "完成年度项目工作任务", "=", 15, "个", 20],
    [null, null, "质量指标", "年度工作指标完成率", "≥", 94, "%", 10],
    [null, "效益指标", "社会效益指标", "项目实现为科技工作者服务", "定性", "较优", null, 20],
    [null, "成本指标", "经济成本指标", "预计完成年度各项目工作任务所需经费", "≤", 300.569, "万元", 20],
  ];
}

/** All seed tables on one sheet each, in official order, with the seed's section names as sheet names. */
export function seedWorkbook(o: FixtureOptions = {}): WorkbookData {
  return workbook(
    sheet("1 部门收支总表", place([table1(o)])),
    sheet("2 财政拨款收支预算总表", place([table2(o)])),
    sheet("3 部门支出总表", place([table12(o)])),
    sheet("4 支出预算表（经济分类）", place([table21(o)])),
    sheet("5 一般公共预算支出", place([table3(o)])),
    sheet("6 基本支出", place([table31(o)])),
    sheet("7 项目支出", place([table32(o)])),
    sheet("8 三公", place([table33(o)])),
    sheet("9 基金", place([table4(o)])),
    sheet("10 绩效目标", place([table6(o)])),
    sheet("11 整体绩效", place([table7(o)])),
  );
}
