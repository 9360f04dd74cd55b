/**
 * The batch JSON object of `budget-check validate <path>...` with several files (issue #9, a contract):
 *   {"files": [<validate object> | {"file", "error"}], "summary": {"files", "unreadable", "error", "warning", "info"}}
 * and its exit code: 2 when a file could not be read, else 1 when any file has an error finding, else 0.
 */
import type { JsonReport } from "./json";

export interface BatchFileError {
  file: string;
  /** Chinese one-line reason, the one a single run prints on stderr. */
  error: string;
}

export type BatchEntry = JsonReport | BatchFileError;

export interface BatchSummary {
  files: number;
  unreadable: number;
  error: number;
  warning: number;
  info: number;
}

export interface BatchReport {
  files: BatchEntry[];
  summary: BatchSummary;
}

/** One checked workbook plus what the summary report shows beside the validate object. */
export type BatchItem = { report: JsonReport; department?: string } | BatchFileError;

export function isFileError(e: BatchEntry | BatchItem): e is BatchFileError {
  return typeof (e as BatchFileError).error === "string";
}

export function entryOf(item: BatchItem): BatchEntry {
  return isFileError(item) ? { file: item.file, error: item.error } : item.report;
}

export function severityCounts(report: JsonReport): { error: number; warning: number; info: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity] += 1;
  return counts;
}

export function toBatchReport(items: BatchItem[]): BatchReport {
  const files = items.map(entryOf);
  const summary: BatchSummary = { files: files.length, unreadable: 0, error: 0, warning: 0, info: 0 };
  for (const e of files) {
    if (isFileError(e)) {
      summary.unreadable += 1;
      continue;
    }
    const c = severityCounts(e);
    summary.error += c.error;
    summary.warning += c.warning;
    summary.info += c.info;
  }
  return { files, summary };
}

export function batchExitCode(summary: BatchSummary): 0 | 1 | 2 {
  if (summary.unreadable > 0) return 2;
  return summary.error > 0 ? 1 : 0;
}
