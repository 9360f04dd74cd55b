/**
 * Reading .xlsx files from disk (Node). The parsing itself is in parse.ts, which is browser-safe.
 */
import { promises as fs } from "fs";
import { LIMITS } from "../../core/limits";
import type { WorkbookData } from "../../core/model/workbook";
import { XlsxReadError, fsError } from "./errors";
import { fileTooLarge, readXlsxBuffer } from "./parse";

export { readXlsxBuffer } from "./parse";
export { XlsxReadError } from "./errors";
export type { XlsxReadErrorCode } from "./errors";

/** Reads an .xlsx file. Every failure is an XlsxReadError with a Chinese reason. */
export async function readXlsxFile(path: string): Promise<WorkbookData> {
  let data: Uint8Array;
  try {
    // The size first: a huge file is refused before it is read into memory.
    const { size } = await fs.stat(path);
    if (size > LIMITS.workbookFileBytes) throw fileTooLarge(size, path);
    data = await fs.readFile(path);
  } catch (err) {
    if (err instanceof XlsxReadError) throw err;
    throw fsError(err, path);
  }
  return readXlsxBuffer(data, path);
}
