/**
 * Typed shape of the example budget data (one department, one budget unit), as printed in the
 * published tables. Every amount is a decimal string in 万元 ("753.70"); never a float.
 */
import type { TableId } from "../../src/core/model/tables";

export type { TableId };

/** A decimal amount in 万元, exactly as printed ("753.70", "300.569"). */
export type Dec = string;

/**
 * Line kinds of the row tables:
 * total = 合计 line; dept = department line (229); unit = budget-unit line (229001);
 * class/item/sub = classification lines (类, 款/项, provincial sub-item); group = name-only subtotal (3-2);
 * nodata = the "此表无数据" line of an empty table.
 */
export type LineKind = "total" | "dept" | "unit" | "class" | "item" | "sub" | "group" | "nodata";

export interface LedgerLine {
  kind: LineKind;
  /** Classification code parts as printed in the 类|款|项 columns, e.g. ["206","07","01"] or ["301","02"]. */
  code?: string[];
  /** The 单位代码 / 单位编码 cell: "229", "229001", or (3-1) an economic code such as "30101". */
  unitCode?: string;
  name: string;
  /** Amounts by column key (see the table's column keys in scripts/examples/build-workbook.ts). */
  amounts: Record<string, Dec>;
}

export interface LedgerTableData {
  kind: "ledger";
  lines: LedgerLine[];
}

/** One printed row of 表1 / 表2: an income cell pair and an expense side. */
export interface SummaryRow {
  inLabel?: string;
  inAmount?: Dec;
  exLabel?: string;
  /** 表1: {amount}; 表2: {total, gpb, fund, soe}. */
  ex: Record<string, Dec>;
}

export interface SummaryTableData {
  kind: "summary";
  rows: SummaryRow[];
}

export interface IndicatorData {
  level1: string;
  level2: string;
  level3: string;
  nature: string;
  value: string;
  unit: string;
  weight: string;
  /** 表6 only (表7 has no 指标方向性 column). */
  direction?: string;
}

export interface ProjectData {
  /** e.g. "51340022T000000278902" */
  code: string;
  name: string;
  budget: Dec;
  goal: string;
  indicators: IndicatorData[];
}

export interface PerfTableData {
  kind: "perf";
  /** "229-凉山州科学技术协会部门" */
  departmentName: string;
  departmentBudget: Dec;
  /** "229001-凉山州科学技术协会" */
  unitName: string;
  projects: ProjectData[];
}

export interface TaskData {
  name: string;
  content: string;
  /** The amount the content states (not printed in its own column); used by the checks only. */
  amount?: Dec;
}

export interface WholePerfTableData {
  kind: "wholePerf";
  departmentName: string;
  totalFunds: Dec;
  fiscalFunds: Dec;
  otherFunds: Dec;
  overallGoal: string;
  tasks: TaskData[];
  indicators: IndicatorData[];
}

export interface SeedTables {
  "1": SummaryTableData;
  "1-1": LedgerTableData;
  "1-2": LedgerTableData;
  "2": SummaryTableData;
  "2-1": LedgerTableData;
  "3": LedgerTableData;
  "3-1": LedgerTableData;
  "3-2": LedgerTableData;
  "3-3": LedgerTableData;
  "4": LedgerTableData;
  "4-1": LedgerTableData;
  "5": LedgerTableData;
  "6": PerfTableData;
  "7": WholePerfTableData;
}

export interface SeedData {
  year: number;
  /** 凉山州科学技术协会 */
  department: string;
  /** "229" */
  departmentCode: string;
  /** The single budget unit: code "229001", name 凉山州科学技术协会. */
  unitCode: string;
  unitName: string;
  tables: SeedTables;
}
