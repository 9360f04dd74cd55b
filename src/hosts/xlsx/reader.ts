/**
 * Reading .xlsx files from disk (Node). The parsing itself is in parse.ts, which is browser-safe.
 */
import { promises as fs } from "fs";
import type { WorkbookData } from "../../core/model/workbook";
import { fsError } from "./errors";
import { readXlsxBuffer } from "./parse";

export { readXlsxBuffer } from "./parse";
export { XlsxReadError } from "./errors";
export type { XlsxReadErrorCode } from "./errors";

/** Reads an .xlsx file. Every failure is an XlsxReadError with a Chinese reason. */
export async function readXlsxFile(path: string): Promise<WorkbookData> {
  let data: Uint8Array;
  try {
    data = await fs.readFile(path);
  } catch (err) {
    throw fsError(err, path);
  }
  return readXlsxBuffer(data, path);
}
