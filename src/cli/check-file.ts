/**
 * One workbook of a batch: read, check, build the validate JSON object. Runs in the worker threads (batch-worker.ts)
 * and in-process; never throws: an unreadable file becomes `{file, error}` with the same reason a single run prints.
 */
import { readXlsxFile } from "../hosts/xlsx/reader";
import { checkWorkbook } from "../core/engine";
import { catalogFromRows } from "../core/catalog";
import type { CheckOptions } from "../core/model/findings";
import { departmentOfModel } from "../core/narrative/prior-workbook";
import { toJsonReport } from "../core/report/json";
import type { BatchItem } from "../core/report/batch";
import { reasonOf } from "./errors";

/** What a worker needs to check files as a single run would (structured-clone safe). */
export interface CheckFileOptions {
  weightTotal: 90 | 100;
  /** The official catalog's rows (--catalog), read once by the main thread. */
  catalog?: { rows: string[][]; fileName: string };
  /** The audit formulas of --rules, parsed once by the main thread (plain data). */
  formulas?: CheckOptions["formulas"];
}

export function checkOptionsOf(o: CheckFileOptions): CheckOptions {
  const options: CheckOptions = { weightTotal: o.weightTotal };
  if (o.formulas) options.formulas = o.formulas;
  if (o.catalog) options.officialCatalog = catalogFromRows(o.catalog.rows, o.catalog.fileName).catalog;
  return options;
}

export async function checkFile(file: string, options: CheckOptions): Promise<BatchItem> {
  try {
    const workbook = await readXlsxFile(file);
    const result = checkWorkbook(workbook, options);
    return { report: toJsonReport(file, result), department: departmentOfModel(result.model) };
  } catch (err) {
    return { file, error: reasonOf(err) };
  }
}
