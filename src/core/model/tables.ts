/**
 * The recognised budget model: what recognition (src/core/recognition) extracts from a WorkbookData
 * and what every rule (src/core/rules) and the narrative (src/core/narrative) read.
 *
 * Every value keeps the cell it came from, so that a finding can point at it.
 */
import type { CellRef } from "./workbook";
import type { MoneyUnit } from "./money";

/** The 14 public tables. 2-1 = 财政拨款支出预算表（部门经济分类科目）; 7 = 部门整体支出绩效目标表. */
export type TableId = "1" | "1-1" | "1-2" | "2" | "2-1" | "3" | "3-1" | "3-2" | "3-3" | "4" | "4-1" | "5" | "6" | "7";

export const TABLE_IDS: TableId[] = [
  "1",
  "1-1",
  "1-2",
  "2",
  "2-1",
  "3",
  "3-1",
  "3-2",
  "3-3",
  "4",
  "4-1",
  "5",
  "6",
  "7",
];

/** The national 9-table template (national-9): ids N1–N9, documented in docs/templates.md. */
export type NationalTableId = "N1" | "N2" | "N3" | "N4" | "N5" | "N6" | "N7" | "N8" | "N9";

export const NATIONAL_TABLE_IDS: NationalTableId[] = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"];

export const NATIONAL_TABLE_NAMES: Record<NationalTableId, string> = {
  N1: "部门财务收支预算总表",
  N2: "部门收入预算总表",
  N3: "部门支出预算总表",
  N4: "部门财政拨款收支预算总表",
  N5: "一般公共预算支出功能分类预算表",
  N6: "政府性基金预算支出功能分类预算表",
  N7: "国有资本经营预算支出功能分类预算表",
  N8: "一般公共预算基本支出部门预算经济分类预算表",
  N9: "“三公”经费和机关运行经费预算表",
};

/** A table id of any template. */
export type AnyTableId = TableId | NationalTableId;

/** Every table id, Sichuan's first (report and pane order). */
export const ALL_TABLE_IDS: AnyTableId[] = [...TABLE_IDS, ...NATIONAL_TABLE_IDS];

/** Template profile ids. */
export type TemplateId = "sichuan-14" | "national-9";

/** The official name of a table of any template ("" when unknown). */
export function tableName(id: string): string {
  return (TABLE_NAMES as Record<string, string>)[id] ?? (NATIONAL_TABLE_NAMES as Record<string, string>)[id] ?? "";
}

/** Official names, used in messages and reports. */
export const TABLE_NAMES: Record<TableId, string> = {
  "1": "部门收支总表",
  "1-1": "部门收入总表",
  "1-2": "部门支出总表",
  "2": "财政拨款收支预算总表",
  "2-1": "财政拨款支出预算表（部门经济分类科目）",
  "3": "一般公共预算支出预算表",
  "3-1": "一般公共预算基本支出预算表",
  "3-2": "一般公共预算项目支出预算表",
  "3-3": "一般公共预算“三公”经费支出预算表",
  "4": "政府性基金预算支出预算表",
  "4-1": "政府性基金预算“三公”经费支出预算表",
  "5": "国有资本经营预算支出预算表",
  "6": "部门预算项目绩效目标表",
  "7": "部门整体支出绩效目标表",
};

/** An amount read from one cell, in 分. Blank cells produce no Amount (treated as 0 in sums). */
export interface Amount {
  fen: number;
  cell: CellRef;
}

/** A semantic column found in a table's header. `key` values per table are listed in COLUMN_KEYS. */
export interface ColumnInfo {
  key: string;
  label: string;
  col: number;
}

/**
 * Column keys per ledger table. Recognition maps header text to these keys; rules use the keys.
 * 2-1 keys are "<block>.<fund>.<part>": block cur (本级当年财政拨款安排) | adv (上级提前通知专项转移支付等) |
 * carry (上年结转安排); fund gpb (一般公共预算) | fund (政府性基金) | soe (国有资本经营) | ret (上年应返还额度结转,
 * carry only); part sub (小计) | basic (基本支出) | proj (项目支出). Plus "grand" (总计) and "cur.total" (本级当年 合计).
 */
export const COLUMN_KEYS = {
  "1-1": [
    "total",
    "carryover",
    "gpb",
    "fund",
    "soe",
    "business",
    "operating",
    "other",
    "superior",
    "affiliated",
    "specialAccount",
  ],
  "1-2": ["total", "basic", "project", "remitSuperior", "subsidyAffiliated", "operating"],
  "3": ["total", "current", "carryover"],
  "3-1": ["total", "personnel", "public"],
  "3-2": ["total"],
  "3-3": ["total", "overseas", "vehicleSubtotal", "vehiclePurchase", "vehicleOperation", "reception"],
  "4": ["total", "basic", "project"],
  "4-1": ["total", "overseas", "vehicleSubtotal", "vehiclePurchase", "vehicleOperation", "reception"],
  "5": ["total", "basic", "project"],
} as const;

export interface TableBase {
  id: TableId;
  sheet: string;
  /** The title text as found (e.g. "部门收支总表"). */
  title: string;
  titleCell: CellRef;
  /** Unit read from the unit line (金额单位：万元) or the title; 万元 when neither says. */
  unit: MoneyUnit;
  /** 分 per unit: 100 for 元, 1,000,000 for 万元. */
  unitFen: number;
  unitCell?: CellRef;
  /** From the "部门：…" line when present. */
  department?: string;
  /** Bounds on the sheet, 0-based inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** Header rows, 0-based inclusive. */
  headerTop: number;
  headerBottom: number;
  columns: ColumnInfo[];
  /** True when the table holds no non-zero amount and no data row (only headers and blank 合计). */
  empty: boolean;
  /** The cell saying 此表无数据 / 本表为空表 / 无数据 / 未安排 when present. */
  noDataCell?: CellRef;
}

/** Row kinds of a ledger table. */
export type RowKind =
  /** 合计 / 总计 line */
  | "total"
  /** a department or budget-unit line (unit code like 229 / 229001, or the unit name with no classification code) */
  | "org"
  /** a name-only subtotal line (3-2's 项 name lines, a 类 line of 2-1 that has no code) */
  | "group"
  /** a classification line (functional or economic code), or a project line in 3-2 */
  | "item";

export interface LedgerRow {
  /** 0-based sheet row. */
  row: number;
  kind: RowKind;
  /**
   * Classification code, digits only, as written: functional 3/5/7 digits (类/类款/类款项), economic 3/5/7/9.
   * Joined from split 类|款|项 columns when the table has them.
   */
  code?: string;
  /** Cells that make up the code, from 类 to the most specific part; codeCells[last] is the one to highlight. */
  codeCells?: CellRef[];
  name: string;
  nameCell?: CellRef;
  unitCode?: string;
  unitCodeCell?: CellRef;
  /** Amounts keyed by ColumnInfo.key; blank cells are absent. */
  amounts: Record<string, Amount>;
  /**
   * Index (in LedgerTable.rows) of the row this row adds up into, as laid out: total ← org ← 类 ← 款 ← 项,
   * group ← its items, a 2-1 款 ← its sub-items. Undefined for top-level rows.
   */
  parent?: number;
  /** Indexes of the rows that add up into this one (inverse of parent). */
  children: number[];
}

export interface LedgerTable extends TableBase {
  kind: "ledger";
  /** Which classification the code column holds. */
  codeKind: "functional" | "economic" | "none";
  rows: LedgerRow[];
}

/** One labelled line of a two-sided summary table (表1, 表2). */
export interface SummaryLine {
  row: number;
  side: "income" | "expense";
  label: string;
  labelCell: CellRef;
  /**
   * Semantic key. Income: "gpb" | "fund" | "soe" | "business" | "operating" | "other" | "superior" | "affiliated" |
   * "specialAccount" | "currentTotal" (本年收入合计 / 一、本年收入) | "carryover" (上年结转) | "carryover.gpb" |
   * "carryover.fund" | "carryover.soe" | "grandTotal" (收入总计). Expense: "class:<3-digit code>" |
   * "currentTotal" (本年支出合计 / 一、本年支出) | "carryForward" (结转下年) | "grandTotal" (支出总计).
   * Table 2 income lines under 一、本年收入 are "gpb" | "fund" | "soe". "" when the label is not understood.
   */
  key: string;
  /** 表1: {amount}. 表2 income: {amount}; 表2 expense: {total, gpb, fund, soe}. */
  amounts: Record<string, Amount>;
}

export interface SummaryTable extends TableBase {
  kind: "summary";
  income: SummaryLine[];
  expense: SummaryLine[];
}

/** One indicator row of a performance table (表6, 表7), with blank 一级/二级 cells filled down. */
export interface Indicator {
  row: number;
  level1: string;
  level2: string;
  level3: string;
  /** Normalised operator: "≥" | "≤" | "=" | ">" | "<" | "定性", or the raw text when not recognised. */
  nature: string;
  value: string;
  unit: string;
  weightText: string;
  /** Parsed weight when weightText is a number. */
  weight?: number;
  direction: string;
  cells: {
    level1?: CellRef;
    level2?: CellRef;
    level3: CellRef;
    nature: CellRef;
    value: CellRef;
    unit: CellRef;
    weight: CellRef;
    direction?: CellRef;
  };
}

export interface PerfProject {
  row: number;
  unitName: string;
  /** e.g. 51340024R000010184587 */
  projectCode?: string;
  name: string;
  nameCell: CellRef;
  /** From the project code: R 人员类, Y 运转类, T 特定目标类. */
  category?: "R" | "Y" | "T";
  budget?: Amount;
  budgetCell: CellRef;
  goal: string;
  goalCell?: CellRef;
  indicators: Indicator[];
}

export interface PerfTable extends TableBase {
  kind: "perf";
  /** The department line (e.g. "229-凉山州科学技术协会部门 753.70") when present. */
  departmentLine?: { name: string; nameCell: CellRef; budget?: Amount };
  /** Unit lines ("229001-凉山州科学技术协会") when laid out as their own rows. */
  projects: PerfProject[];
}

export interface WholePerfTask {
  row: number;
  name: string;
  content: string;
  nameCell: CellRef;
  /** From a 金额/预算数 column when the layout has one. */
  amount?: Amount;
}

export interface WholePerfTable extends TableBase {
  kind: "wholePerf";
  departmentName: string;
  totalFunds?: Amount;
  fiscalFunds?: Amount;
  otherFunds?: Amount;
  /** The cell where 资金总额 is (or should be). */
  totalFundsCell?: CellRef;
  overallGoal: string;
  tasks: WholePerfTask[];
  indicators: Indicator[];
}

export type AnyTable = SummaryTable | LedgerTable | PerfTable | WholePerfTable;

/** Which concrete type each table id has. */
export interface TableTypes {
  "1": SummaryTable;
  "1-1": LedgerTable;
  "1-2": LedgerTable;
  "2": SummaryTable;
  "2-1": LedgerTable;
  "3": LedgerTable;
  "3-1": LedgerTable;
  "3-2": LedgerTable;
  "3-3": LedgerTable;
  "4": LedgerTable;
  "4-1": LedgerTable;
  "5": LedgerTable;
  "6": PerfTable;
  "7": WholePerfTable;
}

export interface BudgetModel {
  /** The first instance of each table found. */
  tables: { [K in TableId]?: TableTypes[K] };
  /** Further instances of an id already found (reported, not checked). */
  duplicates: AnyTable[];
  /** Sheets that hold no known table: listed, never flagged. */
  unrecognizedSheets: string[];
  /** Budget year from the titles / 表6 "（2024年度）" / cover text, when found. */
  year?: number;
  /** Department name from the "部门：" lines. */
  department?: string;
  /** The template profile the workbook follows (national workbooks keep `tables` empty). */
  template?: TemplateId;
}
