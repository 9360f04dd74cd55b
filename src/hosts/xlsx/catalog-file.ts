/**
 * Official catalog files from disk (Node): .csv (UTF-8, GB18030, UTF-16) or .xlsx. Parsing is in catalog-bytes.ts,
 * which the task pane uses too.
 */
import { promises as fs } from "fs";
import { basename } from "path";
import { XlsxReadError, fsError } from "./errors";
import { assertCatalogSize, catalogRowsFromBytes } from "./catalog-bytes";

export { catalogRowsFromBytes, decodeText, parseCsv } from "./catalog-bytes";

export async function readCatalogFile(path: string): Promise<{ rows: string[][]; fileName: string }> {
  const fileName = basename(path);
  let data: Uint8Array;
  try {
    assertCatalogSize((await fs.stat(path)).size, path);
    data = await fs.readFile(path);
  } catch (err) {
    if (err instanceof XlsxReadError) throw err;
    throw fsError(err, path);
  }
  return { rows: catalogRowsFromBytes(data, path), fileName };
}
