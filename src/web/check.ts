/**
 * One workbook through the same path as `budget-check validate <file> --json`: the browser-safe reader, the engine
 * and the JSON builder the CLI uses (src/core/report/json.ts); an unreadable file's reason is the CLI's (reasonOf),
 * the department #9's (departmentOfModel). Runs in the page's workers and in Node (the tests compare it with the CLI).
 */
import { checkWorkbook, type CheckResult } from "../core/engine";
import type { WorkbookData } from "../core/model/workbook";
import { departmentOfModel } from "../core/narrative/prior-workbook";
import { sortFindings, toJsonReport } from "../core/report/json";
import { readXlsxBuffer } from "../hosts/xlsx/parse";
import { reasonOf } from "../cli/errors";
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
    return { outcome: { ok: false, file, error: reasonOf(err) } };
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
      department: departmentOfModel(result.model) ?? "",
      sheets: workbook.sheets.map((s) => s.name),
      ms: now() - start,
    },
  };
}
