/**
 * The host-neutral workbook model. Both hosts produce it: the .xlsx reader (src/hosts/xlsx) and the
 * Excel gateway (src/hosts/excel). Nothing in src/core knows where the cells came from.
 *
 * Coordinates are 0-based and absolute: rows[0][0] is cell A1 of the sheet.
 */

/** A cell's value as displayed data: text, number, boolean, or null for an empty cell. Formulas give their cached result. */
export type CellValue = string | number | boolean | null;

/** A merged range, 0-based inclusive bounds. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetData {
  name: string;
  /**
   * rows[r][c] is the value of the cell at 0-based row r and column c. Rows and cells may be missing
   * (sparse arrays or undefined) where the sheet is empty.
   */
  rows: (CellValue | undefined)[][];
  /** Merged ranges when the host knows them; recognition never depends on them. */
  merges?: MergedRange[];
  /** 'hidden' | 'veryHidden' sheets are still read, but the add-in's own sheets are skipped. */
  visibility?: "visible" | "hidden" | "veryHidden";
}

export interface WorkbookData {
  sheets: SheetData[];
}

/** A reference to one cell, 0-based. */
export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AA" -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** (row 11, col 5) -> "F12". */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "F12" -> {row: 11, col: 5}; undefined when not an A1 address. */
export function parseA1(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export function cellAddress(ref: CellRef): string {
  return a1(ref.row, ref.col);
}

/** The add-in's own sheets: never recognised as budget tables, never validated. */
/** The sheet the narrative generator writes (and 检查说明 may read back). */
export const NARRATIVE_SHEET = "预算情况说明";
export const OWN_SHEET_NAMES = ["校验结果", NARRATIVE_SHEET, "__budget_check_state"];
