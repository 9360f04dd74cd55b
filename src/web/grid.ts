/**
 * Pure helpers of the web page's read-only sheet grid: display text, column widths, merged-cell geometry, the
 * severity marks of a sheet's cells and the rows to render for a scroll position. No React here (jest tests them).
 */
import type { Finding, Severity } from "../core/model/findings";
import type { CellValue, MergedRange, SheetData } from "../core/model/workbook";
import { SEVERITY_RANK } from "../hosts/xlsx/colors";

export const ROW_HEIGHT = 24;
export const ROW_HEADER_WIDTH = 48;
/** Columns beyond this are not drawn (budget tables use far fewer); the page says so. */
export const MAX_COLUMNS = 80;
/** Rows sampled to size the columns. */
const WIDTH_SAMPLE_ROWS = 300;

export const cellKey = (row: number, col: number): string => `${row},${col}`;

/** Text as Excel would show it for the cached value; binary noise of numbers dropped (0.1+0.2 → 0.3). */
export function displayText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/** Number of rows and columns that hold something (merges included), columns capped at MAX_COLUMNS. */
export function sheetExtent(sheet: SheetData): { rows: number; cols: number; allCols: number } {
  let rows = sheet.rows.length;
  let cols = 0;
  sheet.rows.forEach((row) => {
    if (row && row.length > cols) cols = row.length;
  });
  for (const m of sheet.merges ?? []) {
    rows = Math.max(rows, m.bottom + 1);
    cols = Math.max(cols, m.right + 1);
  }
  return { rows, cols: Math.min(cols, MAX_COLUMNS), allCols: cols };
}

/** Pixel width per column: wide CJK text gets room, up to a limit (long titles span merged cells anyway). */
export function columnWidths(sheet: SheetData, cols: number): number[] {
  const widths = new Array<number>(cols).fill(56);
  const merged = new Set<string>();
  for (const m of sheet.merges ?? []) if (m.right > m.left) merged.add(cellKey(m.top, m.left));
  const last = Math.min(sheet.rows.length, WIDTH_SAMPLE_ROWS);
  for (let r = 0; r < last; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = 0; c < Math.min(row.length, cols); c++) {
      if (merged.has(cellKey(r, c))) continue;
      const text = displayText(row[c]);
      if (!text) continue;
      let units = 0;
      for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
      widths[c] = Math.max(widths[c], Math.min(260, 12 + units * 7));
    }
  }
  return widths;
}

/** Left edge of every column and the total width (after the row-number column). */
export function columnOffsets(widths: number[]): { left: number[]; total: number } {
  const left: number[] = [];
  let x = ROW_HEADER_WIDTH;
  for (const w of widths) {
    left.push(x);
    x += w;
  }
  return { left, total: x };
}

export interface MergeIndex {
  /** Master cell key → its range. */
  masters: Map<string, MergedRange>;
  /** Covered (non-master) cell key → the master's key. */
  covered: Map<string, string>;
}

export function indexMerges(merges: MergedRange[] | undefined, cols: number): MergeIndex {
  const masters = new Map<string, MergedRange>();
  const covered = new Map<string, string>();
  for (const m of merges ?? []) {
    if (m.left >= cols) continue;
    // Huge ranges (whole columns) would cost a key per cell: only ranges a table could hold are indexed.
    if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > 5000) continue;
    const master = cellKey(m.top, m.left);
    masters.set(master, m);
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= Math.min(m.right, cols - 1); c++)
        if (r !== m.top || c !== m.left) covered.set(cellKey(r, c), master);
    }
  }
  return { masters, covered };
}

/**
 * The worst severity per cell of one sheet, over every cell of every finding (both sides of a cross-check, as
 * the annotated copy colours them). A cell inside a merged range marks the range's master (the cell that shows).
 */
export function sheetMarks(findings: readonly Finding[], sheet: string, merges?: MergeIndex): Map<string, Severity> {
  const marks = new Map<string, Severity>();
  for (const f of findings) {
    for (const c of f.cells) {
      if (c.sheet !== sheet || c.row < 0 || c.col < 0) continue;
      let key = cellKey(c.row, c.col);
      key = merges?.covered.get(key) ?? key;
      const prev = marks.get(key);
      if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev]) marks.set(key, f.severity);
    }
  }
  return marks;
}

/** The rows to draw for a viewport, with some rows above and below so that scrolling shows no gap. */
export function visibleRows(
  scrollTop: number,
  height: number,
  rows: number,
  overscan = 8,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - overscan);
  const last = Math.min(rows - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + overscan);
  return { first, last };
}
