/**
 * One workbook through the same path as `budget-check validate <file> --json`: the browser-safe reader, the engine
 * and the CLI's JSON builder. Runs in the page's workers and in Node (the tests compare it with the CLI).
 */
import { checkWorkbook, type CheckResult } from "../core/engine";
import type { BudgetModel } from "../core/model/tables";
import type { WorkbookData } from "../core/model/workbook";
import { readXlsxBuffer, XlsxReadError } from "../hosts/xlsx/parse";
import { sortFindings, toJsonReport } from "../cli/report";
import type { FileOutcome } from "./protocol";

export interface CheckedBytes {
  outcome: FileOutcome;
  /** Present when the file was read. */
  workbook?: WorkbookData;
  result?: CheckResult;
}

/** Reads and checks one file; an unreadable file gives its Chinese reason instead of throwing. */
export function checkBytes(file: string, bytes: Uint8Array, now: () => number = () => Date.now()): CheckedBytes {
  const start = now();
  let workbook: WorkbookData;
  try {
    workbook = readXlsxBuffer(bytes, file);
  } catch (err) {
    return { outcome: { ok: false, file, error: unreadableReason(err) } };
  }
  const result = checkWorkbook(workbook);
  const report = toJsonReport(file, result);
  return {
    workbook,
    result,
    outcome: {
      ok: true,
      file,
      report,
      findings: sortFindings(result.findings),
      tables: result.tables,
      department: departmentOf(result.model),
      sheets: workbook.sheets.map((s) => s.name),
      ms: now() - start,
    },
  };
}

/** The reader's reason; anything else (a bug) as one Chinese line without a stack. */
export function unreadableReason(err: unknown): string {
  if (err instanceof XlsxReadError) return err.reason;
  const message = err instanceof Error ? err.message : String(err);
  return `处理失败：${message.split("\n")[0]}`;
}

/** The department of the 部门： lines, else the first table that names one. */
export function departmentOf(model: BudgetModel): string {
  const fromTable = Object.values(model.tables).find((t) => t?.department)?.department;
  return (model.department ?? fromTable ?? "").trim();
}
