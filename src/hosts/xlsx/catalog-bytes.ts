/**
 * Reads an official classification catalog file (code, name columns) into rows of strings; the core turns the
 * rows into a Catalog (catalogFromRows). Accepted: .xlsx (first visible sheet with data) and CSV text (UTF-8 with or
 * without BOM, GB18030 as Chinese Excel saves "CSV", UTF-16 "Unicode text"; comma or tab separated).
 *
 * Row indices are kept: rows[r] is line r+1 of the CSV or row r+1 of the sheet, so messages can name the row.
 */
import { LIMITS, fileTooLarge, formatCount } from "../../core/limits";
import type { CellValue } from "../../core/model/workbook";
import { XlsxReadError } from "./errors";
import { readXlsxBuffer } from "./parse";
import { assertZip, sniff } from "./sniff";

/**
 * The same, on bytes already in memory; `path` only labels errors and tells the extension. Files over
 * LIMITS.catalogFileBytes and catalogs over LIMITS.catalogRows rows are refused with a Chinese reason.
 */
export function catalogRowsFromBytes(data: Uint8Array, path = ""): string[][] {
  assertCatalogSize(data.length, path);
  const rows = catalogRows(data, path);
  if (rows.length > LIMITS.catalogRows) {
    throw new XlsxReadError(
      "too-large",
      `科目表行数过多（${formatCount(rows.length)} 行，上限 ${formatCount(LIMITS.catalogRows)} 行），请检查是否选错了文件`,
      path,
    );
  }
  return rows;
}

/** Throws the "too large" reason for a catalog file of `bytes` bytes; the pane calls it before reading the file. */
export function assertCatalogSize(bytes: number, path = ""): void {
  const reason = fileTooLarge("科目表文件", bytes, LIMITS.catalogFileBytes);
  if (reason) throw new XlsxReadError("too-large", reason, path);
}

function catalogRows(data: Uint8Array, path: string): string[][] {
  const kind = sniff(data);
  if (kind === "zip" || kind === "cfb") return xlsxRows(data, path);
  if (kind === "empty") throw new XlsxReadError("empty", "科目表文件是空的（0 字节）", path);
  const utf16 = data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
  const ext = extensionOf(path);
  if (kind === "text" || utf16 || [".csv", ".txt", ".tsv"].includes(ext)) {
    const rows = parseCsv(decodeText(data, path));
    if (!rows.some((r) => r.some((c) => c.trim() !== "")))
      throw new XlsxReadError("empty", "科目表文件中没有任何数据", path);
    return rows;
  }
  // HTML and unknown binaries: the reader's sniffing has the precise reason.
  assertZip(data, path);
  return [];
}

function xlsxRows(data: Uint8Array, path: string): string[][] {
  const wb = readXlsxBuffer(data, path);
  const hasData = (rows: (CellValue | undefined)[][]) =>
    rows.some((r) => r?.some((v) => v !== null && v !== undefined && v !== ""));
  // The first sheet a user sees: hidden sheets of helper data are skipped unless nothing else has data.
  const sheet =
    wb.sheets.find((s) => (s.visibility ?? "visible") === "visible" && hasData(s.rows)) ??
    wb.sheets.find((s) => hasData(s.rows));
  if (!sheet) throw new XlsxReadError("empty", "工作簿中没有任何数据", path);
  const rows: string[][] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const src = sheet.rows[r];
    const row: string[] = [];
    if (src) for (let c = 0; c < src.length; c++) row.push(cellString(src[c]));
    rows.push(row);
  }
  return rows;
}

function cellString(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/** UTF-16 by BOM; else strict UTF-8 (BOM stripped); else GB18030, what Chinese Excel writes for "CSV". */
export function decodeText(data: Uint8Array, path = ""): string {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff)
    return new TextDecoder("utf-16be").decode(data.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    // Not UTF-8: fall through to GB18030.
  }
  try {
    return new TextDecoder("gb18030").decode(data);
  } catch {
    throw new XlsxReadError("not-xlsx", "无法识别科目表文件的文字编码，请另存为 UTF-8 编码的 CSV 文件", path);
  }
}

/**
 * CSV with double-quote quoting ("" inside quotes is a quote; separators and line breaks may be quoted) and
 * CRLF, LF or CR line ends. The separator is a comma, or a tab when the first line has more tabs than commas.
 */
export function parseCsv(text: string): string[][] {
  const sep = pickSeparator(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else field += ch;
    i++;
  }
  // The last line, unless the text ended with a line break.
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function pickSeparator(text: string): string {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? "";
  const count = (c: string) => firstLine.split(c).length - 1;
  return count("\t") > count(",") ? "\t" : ",";
}

/** ".csv" for "科目表.CSV"; "" when the name has no extension. */
function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}
