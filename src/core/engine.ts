/**
 * The engine: recognise the tables of a workbook, then run every rule. Host-free: the CLI, the task pane
 * and the tests all call checkWorkbook with a WorkbookData produced by a host.
 */
import type { WorkbookData } from "./model/workbook";
import type { BudgetModel, TableId } from "./model/tables";
import type { CheckOptions, Finding } from "./model/findings";
import { recognizeWorkbook } from "./recognition";
import { runRules } from "./rules";

export interface CheckResult {
  model: BudgetModel;
  /** Recognised tables in workbook order. */
  tables: { id: TableId; sheet: string; title: string }[];
  findings: Finding[];
}

export function checkWorkbook(workbook: WorkbookData, options: CheckOptions = {}): CheckResult {
  const { model, issues } = recognizeWorkbook(workbook);
  const findings = [...issues, ...runRules(model, options)];
  const tables = Object.values(model.tables)
    .filter((t): t is NonNullable<typeof t> => t !== undefined)
    .map((t) => ({ id: t.id, sheet: t.sheet, title: t.title, order: sheetOrder(workbook, t.sheet) * 1e7 + t.top }))
    .sort((a, b) => a.order - b.order)
    .map(({ id, sheet, title }) => ({ id, sheet, title }));
  return { model, tables, findings };
}

function sheetOrder(workbook: WorkbookData, sheet: string): number {
  return workbook.sheets.findIndex((s) => s.name === sheet);
}
