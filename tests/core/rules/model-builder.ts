/**
 * A compact builder of BudgetModel objects for rule tests, and `correctModel()`: a small department whose 14
 * tables are all consistent (every rule must stay silent on it). Amounts are written as strings in the table's
 * unit and parsed exactly.
 */
import { parseAmount, FEN_PER_UNIT, MoneyUnit } from "../../../src/core/model/money";
import type {
  Amount,
  BudgetModel,
  Indicator,
  LedgerRow,
  LedgerTable,
  PerfProject,
  PerfTable,
  RowKind,
  SummaryLine,
  SummaryTable,
  TableId,
  WholePerfTable,
} from "../../../src/core/model/tables";
import type { CellRef } from "../../../src/core/model/workbook";

const DATA_TOP = 3;

function fen(text: string, unit: MoneyUnit): number {
  const p = parseAmount(text, unit);
  if (p.kind !== "amount") throw new Error(`bad amount ${text}`);
  return p.fen;
}

function base(id: TableId, unit: MoneyUnit) {
  const sheet = `表${id}`;
  return {
    id,
    sheet,
    title: id,
    titleCell: { sheet, row: 0, col: 0 },
    unit,
    unitFen: FEN_PER_UNIT[unit],
    top: 0,
    left: 0,
    bottom: 100,
    right: 40,
    headerTop: 1,
    headerBottom: 2,
    columns: [] as { key: string; label: string; col: number }[],
    empty: false,
  };
}

/** [depth, kind, code ("" none; "206 07 01" = split code cells), name, ...amounts (null = blank)]. */
export type RowSpec = [number, RowKind, string, string, ...(string | null)[]];

/** Ledger layout: code cells in columns A–C, name in D, amounts from E on. */
export const NAME_COL = 3;
export const FIRST_AMOUNT_COL = 4;

export function ledger(
  id: TableId,
  columns: string[],
  rows: RowSpec[],
  opts: { unit?: MoneyUnit; codeKind?: LedgerTable["codeKind"] } = {},
): LedgerTable {
  const unit = opts.unit ?? "万元";
  const b = base(id, unit);
  const out: LedgerRow[] = [];
  const stack: number[] = [];
  rows.forEach(([depth, kind, code, name, ...amounts], i) => {
    const row = DATA_TOP + i;
    const parts = code.split(" ").filter((p) => p !== "");
    const r: LedgerRow = {
      row,
      kind,
      name,
      nameCell: { sheet: b.sheet, row, col: NAME_COL },
      amounts: {},
      children: [],
    };
    if (parts.length > 0) {
      r.code = parts.join("");
      r.codeCells = parts.map((_, k) => ({ sheet: b.sheet, row, col: k }));
    }
    amounts.forEach((a, k) => {
      if (a === null || a === undefined) return;
      r.amounts[columns[k]] = { fen: fen(a, unit), cell: { sheet: b.sheet, row, col: FIRST_AMOUNT_COL + k } };
    });
    stack.length = depth;
    if (depth > 0) {
      r.parent = stack[depth - 1];
      out[r.parent].children.push(i);
    }
    stack[depth] = i;
    out.push(r);
  });
  return {
    ...b,
    kind: "ledger",
    codeKind:
      opts.codeKind ??
      (["2-1", "3-1"].includes(id) ? "economic" : ["1-1", "3-3", "4-1"].includes(id) ? "none" : "functional"),
    columns: columns.map((key, k) => ({ key, label: key, col: FIRST_AMOUNT_COL + k })),
    rows: out,
  };
}

/** An empty ledger table (only a blank 合计 row), with or without a 此表无数据 statement. */
export function emptyLedger(id: TableId, columns: string[], statement = true): LedgerTable {
  const t = ledger(id, columns, [[0, "total", "", "合计"]]);
  t.empty = true;
  if (statement) t.noDataCell = { sheet: t.sheet, row: DATA_TOP + 1, col: NAME_COL };
  return t;
}

/** [key, label, amount] income lines; expense lines carry one amount (表1) or [total, gpb, fund, soe] (表2). */
export type IncomeSpec = [string, string, string | null];
export type ExpenseSpec = [string, string, string | null | (string | null)[]];

export function summary(
  id: "1" | "2",
  income: IncomeSpec[],
  expense: ExpenseSpec[],
  unit: MoneyUnit = "万元",
): SummaryTable {
  const b = base(id, unit);
  const mk = (side: "income" | "expense", [key, label, amount]: IncomeSpec | ExpenseSpec, i: number): SummaryLine => {
    const row = DATA_TOP + i;
    const labelCol = side === "income" ? 0 : 2;
    const amounts: Record<string, Amount> = {};
    const put = (k: string, v: string | null, col: number) => {
      if (v !== null) amounts[k] = { fen: fen(v, unit), cell: { sheet: b.sheet, row, col } };
    };
    if (Array.isArray(amount))
      ["total", "gpb", "fund", "soe"].forEach((k, j) => put(k, amount[j] ?? null, labelCol + 1 + j));
    else put("amount", amount, labelCol + 1);
    return { row, side, label, labelCell: { sheet: b.sheet, row, col: labelCol }, key, amounts };
  };
  return {
    ...b,
    kind: "summary",
    income: income.map((s, i) => mk("income", s, i)),
    expense: expense.map((s, i) => mk("expense", s, i)),
  };
}

/** [level1, level2, level3, nature, value, unit, weight, direction]. */
export type IndicatorSpec = [string, string, string, string, string, string, string, string];

const IND_COLS = { level1: 4, level2: 5, level3: 6, nature: 7, value: 8, unit: 9, weight: 10, direction: 11 };

function indicator(sheet: string, row: number, s: IndicatorSpec): Indicator {
  const [level1, level2, level3, nature, value, unit, weightText, direction] = s;
  const c = (col: number): CellRef => ({ sheet, row, col });
  const w = weightText.trim() === "" ? NaN : Number(weightText);
  return {
    row,
    level1,
    level2,
    level3,
    nature,
    value,
    unit,
    weightText,
    weight: Number.isFinite(w) ? w : undefined,
    direction,
    cells: {
      level1: c(IND_COLS.level1),
      level2: c(IND_COLS.level2),
      level3: c(IND_COLS.level3),
      nature: c(IND_COLS.nature),
      value: c(IND_COLS.value),
      unit: c(IND_COLS.unit),
      weight: c(IND_COLS.weight),
      direction: c(IND_COLS.direction),
    },
  };
}

export interface ProjectSpec {
  name: string;
  category?: "R" | "Y" | "T";
  budget: string | null;
  indicators: IndicatorSpec[];
}

/** 表6: department line on the first data row, then each project followed by its indicator rows. */
export function perf(deptBudget: string | null, projects: ProjectSpec[], unit: MoneyUnit = "万元"): PerfTable {
  const b = base("6", unit);
  let row = DATA_TOP;
  const deptRow = row++;
  const out: PerfProject[] = projects.map((p, k) => {
    const prow = row;
    const project: PerfProject = {
      row: prow,
      unitName: "229001-测试单位",
      projectCode: p.category ? `51340024${p.category}00000000000${k}` : undefined,
      name: p.name,
      nameCell: { sheet: b.sheet, row: prow, col: 1 },
      category: p.category,
      budgetCell: { sheet: b.sheet, row: prow, col: 2 },
      goal: "年度目标",
      indicators: p.indicators.map((s, j) => indicator(b.sheet, prow + j, s)),
    };
    if (p.budget !== null) project.budget = { fen: fen(p.budget, unit), cell: project.budgetCell };
    row += Math.max(p.indicators.length, 1);
    return project;
  });
  return {
    ...b,
    kind: "perf",
    departmentLine: {
      name: "229-测试部门",
      nameCell: { sheet: b.sheet, row: deptRow, col: 0 },
      budget:
        deptBudget === null
          ? undefined
          : { fen: fen(deptBudget, unit), cell: { sheet: b.sheet, row: deptRow, col: 2 } },
    },
    projects: out,
  };
}

export function whole(
  funds: { total: string | null; fiscal?: string; other?: string },
  indicators: IndicatorSpec[],
  tasks: [string, string | null][] = [["日常工作", null]],
  unit: MoneyUnit = "万元",
): WholePerfTable {
  const b = base("7", unit);
  const amount = (v: string | undefined | null, col: number): Amount | undefined =>
    v === undefined || v === null ? undefined : { fen: fen(v, unit), cell: { sheet: b.sheet, row: 4, col } };
  const taskTop = 6;
  const indTop = taskTop + tasks.length + 1;
  return {
    ...b,
    kind: "wholePerf",
    departmentName: "测试部门",
    totalFunds: amount(funds.total, 1),
    fiscalFunds: amount(funds.fiscal, 2),
    otherFunds: amount(funds.other, 3),
    totalFundsCell: { sheet: b.sheet, row: 4, col: 1 },
    overallGoal: "总体目标",
    tasks: tasks.map(([name, a], i) => ({
      row: taskTop + i,
      name,
      content: name,
      nameCell: { sheet: b.sheet, row: taskTop + i, col: 1 },
      amount: a === null ? undefined : { fen: fen(a, unit), cell: { sheet: b.sheet, row: taskTop + i, col: 3 } },
    })),
    indicators: indicators.map((s, i) => indicator(b.sheet, indTop + i, s)),
  };
}

export function model(tables: BudgetModel["tables"]): BudgetModel {
  return { tables, duplicates: [], unrecognizedSheets: [] };
}

// ---------- Lookup and mutation helpers for tests ----------

/** The ledger row with this code, or else this name. */
export function row(t: LedgerTable, codeOrName: string): LedgerRow {
  const r = t.rows.find((x) => x.code === codeOrName) ?? t.rows.find((x) => x.name === codeOrName);
  if (!r) throw new Error(`no row ${codeOrName} in ${t.id}`);
  return r;
}

export function setAmount(t: LedgerTable | SummaryTable, r: LedgerRow | SummaryLine, key: string, value: string): void {
  const col =
    "kind" in r
      ? (t as LedgerTable).columns.find((c) => c.key === key)!.col
      : (r.amounts[key]?.cell.col ?? r.labelCell.col + 1);
  r.amounts[key] = { fen: fen(value, t.unit), cell: { sheet: t.sheet, row: r.row, col } };
}

export function summaryLine(t: SummaryTable, side: "income" | "expense", key: string): SummaryLine {
  const l = t[side].find((x) => x.key === key);
  if (!l) throw new Error(`no line ${key}`);
  return l;
}

export function addr(c: CellRef | undefined): string {
  if (!c) return "(none)";
  let n = c.col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${c.sheet}!${s}${c.row + 1}`;
}

// ---------- The correct department ----------

const T_INDICATORS: IndicatorSpec[] = [
  ["产出指标", "数量指标", "开展科普活动场次", "≥", "10", "场", "20", "正向指标"],
  ["产出指标", "质量指标", "活动达标率", "≥", "95", "%", "10", "正向指标"],
  ["产出指标", "时效指标", "完成时间", "≤", "1", "年", "10", "反向指标"],
  ["效益指标", "社会效益指标", "公众科学素质提升", "定性", "明显提升", "", "20", ""],
  ["满意度指标", "服务对象满意度指标", "参与群众满意度", "≥", "90", "%", "10", "正向指标"],
  ["成本指标", "经济成本指标", "项目成本", "≤", "40", "万元", "20", "反向指标"],
];

const R_INDICATORS: IndicatorSpec[] = [
  ["产出指标", "数量指标", "发放覆盖率", "=", "100", "%", "60", "正向指标"],
  ["效益指标", "社会效益指标", "足额保障率", "=", "100", "%", "30", "正向指标"],
];

const Y_INDICATORS: IndicatorSpec[] = [
  ["产出指标", "数量指标", "保障单位数", "=", "1", "个", "50", "正向指标"],
  ["效益指标", "社会效益指标", "运转保障率", "=", "100", "%", "40", "正向指标"],
];

export const WHOLE_INDICATORS: IndicatorSpec[] = [
  ["产出指标", "数量指标", "完成年度工作任务", "=", "3", "个", "20", "正向指标"],
  ["产出指标", "质量指标", "年度工作完成率", "≥", "90", "%", "20", "正向指标"],
  ["产出指标", "时效指标", "完成时间", "≤", "1", "年", "10", "反向指标"],
  ["效益指标", "社会效益指标", "助推经济社会发展", "定性", "较优", "", "20", ""],
  ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%", "10", "正向指标"],
  ["成本指标", "经济成本指标", "年度所需经费", "≤", "100", "万元", "10", "反向指标"],
];

const THREE_PUBLIC = ["total", "overseas", "vehicleSubtotal", "vehiclePurchase", "vehicleOperation", "reception"];

/**
 * A department of 100.00 万元, all 一般公共预算: basic 60 (personnel 45, public 15) and one project of 40.
 * Every table is consistent with every other.
 */
export function correctModel(): BudgetModel {
  const t1 = summary(
    "1",
    [
      ["gpb", "一、一般公共预算拨款收入", "100.00"],
      ["fund", "二、政府性基金预算拨款收入", null],
      ["soe", "三、国有资本经营预算拨款收入", null],
      ["business", "四、事业收入", null],
      ["currentTotal", "本年收入合计", "100.00"],
      ["carryover", "七、上年结转", null],
      ["grandTotal", "收入总计", "100.00"],
    ],
    [
      ["class:201", "一、一般公共服务支出", null],
      ["class:206", "六、科学技术支出", "70.00"],
      ["class:208", "八、社会保障和就业支出", "20.00"],
      ["class:221", "二十、住房保障支出", "10.00"],
      ["currentTotal", "本年支出合计", "100.00"],
      ["grandTotal", "支出总计", "100.00"],
    ],
  );
  const t11 = ledger(
    "1-1",
    ["total", "carryover", "gpb", "fund"],
    [
      [0, "total", "", "合计", "100.00", null, "100.00", null],
      [1, "org", "", "测试单位", "100.00", null, "100.00", null],
    ],
  );
  const t12 = ledger(
    "1-2",
    ["total", "basic", "project"],
    [
      [0, "total", "", "合计", "100.00", "60.00", "40.00"],
      [1, "org", "", "测试单位", "100.00", "60.00", "40.00"],
      [2, "item", "206 07 01", "机构运行", "30.00", "30.00", null],
      [2, "item", "206 07 02", "科普活动", "40.00", null, "40.00"],
      [2, "item", "208 05 05", "机关事业单位基本养老保险缴费支出", "12.00", "12.00", null],
      [2, "item", "208 05 06", "机关事业单位职业年金缴费支出", "8.00", "8.00", null],
      [2, "item", "221 02 01", "住房公积金", "10.00", "10.00", null],
    ],
  );
  const t2 = summary(
    "2",
    [
      ["currentTotal", "一、本年收入", "100.00"],
      ["gpb", "一般公共预算拨款收入", "100.00"],
      ["fund", "政府性基金预算拨款收入", null],
      ["soe", "国有资本经营预算拨款收入", null],
      ["carryover", "二、上年结转", null],
      ["grandTotal", "收入总计", "100.00"],
    ],
    [
      ["currentTotal", "一、本年支出", ["100.00", "100.00", null, null]],
      ["class:206", "科学技术支出", ["70.00", "70.00", null, null]],
      ["class:208", "社会保障和就业支出", ["20.00", "20.00", null, null]],
      ["class:221", "住房保障支出", ["10.00", "10.00", null, null]],
      ["grandTotal", "支出总计", ["100.00", "100.00", null, null]],
    ],
  );
  const t21 = ledger(
    "2-1",
    ["grand", "cur.total", "cur.gpb.sub", "cur.gpb.basic", "cur.gpb.proj"],
    [
      [0, "total", "", "合计", "100.00", "100.00", "100.00", "60.00", "40.00"],
      [1, "item", "301", "工资福利支出", "45.00", "45.00", "45.00", "45.00", null],
      [2, "item", "301 01", "基本工资", "15.00", "15.00", "15.00", "15.00", null],
      [2, "item", "301 08", "机关事业单位基本养老保险缴费", "12.00", "12.00", "12.00", "12.00", null],
      [2, "item", "301 09", "职业年金缴费", "8.00", "8.00", "8.00", "8.00", null],
      [2, "item", "301 13", "住房公积金", "10.00", "10.00", "10.00", "10.00", null],
      [1, "item", "302", "商品和服务支出", "55.00", "55.00", "55.00", "15.00", "40.00"],
      [2, "item", "302 01", "办公费", "5.00", "5.00", "5.00", "5.00", null],
      [2, "item", "302 17", "公务接待费", "1.00", "1.00", "1.00", "1.00", null],
      [2, "item", "302 27", "委托业务费", "40.00", "40.00", "40.00", null, "40.00"],
      [2, "item", "302 31", "公务用车运行维护费", "9.00", "9.00", "9.00", "9.00", null],
    ],
  );
  const t3 = ledger(
    "3",
    ["total", "current", "carryover"],
    [
      [0, "total", "", "合计", "100.00", "100.00", null],
      [1, "item", "206 07 01", "机构运行", "30.00", "30.00", null],
      [1, "item", "206 07 02", "科普活动", "40.00", "40.00", null],
      [1, "item", "208 05 05", "机关事业单位基本养老保险缴费支出", "12.00", "12.00", null],
      [1, "item", "208 05 06", "机关事业单位职业年金缴费支出", "8.00", "8.00", null],
      [1, "item", "221 02 01", "住房公积金", "10.00", "10.00", null],
    ],
  );
  const t31 = ledger(
    "3-1",
    ["total", "personnel", "public"],
    [
      [0, "total", "", "合计", "60.00", "45.00", "15.00"],
      [1, "item", "301", "工资福利支出", "45.00", "45.00", null],
      [2, "item", "30101", "基本工资", "15.00", "15.00", null],
      [2, "item", "30108", "机关事业单位基本养老保险缴费", "12.00", "12.00", null],
      [2, "item", "30109", "职业年金缴费", "8.00", "8.00", null],
      [2, "item", "30113", "住房公积金", "10.00", "10.00", null],
      [1, "item", "302", "商品和服务支出", "15.00", null, "15.00"],
      [2, "item", "30201", "办公费", "5.00", null, "5.00"],
      [2, "item", "30217", "公务接待费", "1.00", null, "1.00"],
      [2, "item", "30231", "公务用车运行维护费", "9.00", null, "9.00"],
    ],
  );
  const t32 = ledger(
    "3-2",
    ["total"],
    [
      [0, "total", "", "合计", "40.00"],
      [1, "group", "", "科普活动", "40.00"],
      [2, "item", "206 07 02", "科普宣传项目", "40.00"],
    ],
  );
  const t33 = ledger("3-3", THREE_PUBLIC, [
    [0, "total", "", "合计", "10.00", null, "9.00", null, "9.00", "1.00"],
    [1, "org", "", "测试单位", "10.00", null, "9.00", null, "9.00", "1.00"],
  ]);
  const t6 = perf("100.00", [
    { name: "科普宣传项目", category: "T", budget: "40.00", indicators: T_INDICATORS },
    { name: "工资支出", category: "R", budget: "45.00", indicators: R_INDICATORS },
    { name: "定额公用经费", category: "Y", budget: "15.00", indicators: Y_INDICATORS },
  ]);
  const t7 = whole({ total: "100.00", fiscal: "100.00", other: "0.00" }, WHOLE_INDICATORS);
  return model({
    "1": t1,
    "1-1": t11,
    "1-2": t12,
    "2": t2,
    "2-1": t21,
    "3": t3,
    "3-1": t31,
    "3-2": t32,
    "3-3": t33,
    "4": emptyLedger("4", ["total", "basic", "project"]),
    "4-1": emptyLedger("4-1", THREE_PUBLIC),
    "5": emptyLedger("5", ["total", "basic", "project"]),
    "6": t6,
    "7": t7,
  });
}
