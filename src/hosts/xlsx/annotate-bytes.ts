/**
 * Writes an annotated copy of the user's workbook: cells named by findings are filled with the severity colour,
 * and a sheet 校验结果 lists every finding with a hyperlink to its cell. Values, formulas and merges are left as
 * they are; the user's own file is never written.
 *
 * Colour per cell: every cell of a finding gets the finding's colour, cells[0] and the other side(s) of a
 * cross-check (cells[1..]) alike, because a mismatch can be fixed on either side; when several findings touch
 * one cell the worst severity wins. The 校验结果 sheet links cells[0] and lists cells[1..] as 关联单元格.
 *
 * Browser-safe (no fs): the web page writes the copy in the browser; annotate.ts adds the file I/O for the CLI.
 *
 * Writing keeps exceljs (the linear reader in reader.ts is read-only). exceljs does not carry charts or pivot
 * tables into the copy; budget disclosure workbooks do not use them.
 */
import ExcelJS from "exceljs";
import type { Finding, Severity } from "../../core/model/findings";
import { SEVERITY_LABELS } from "../../core/model/findings";
import { tableName, type AnyTableId } from "../../core/model/tables";
import { a1, type CellRef } from "../../core/model/workbook";
import { HIGHLIGHT_ARGB, SEVERITY_RANK } from "./colors";
import { XlsxReadError } from "./errors";
import { assertZip } from "./sniff";

/** Name of the findings sheet; a sheet of that name from an earlier run is replaced. */
export const RESULT_SHEET_NAME = "校验结果";

/** Column headers of the findings sheet, in order. */
export const RESULT_COLUMNS = ["序号", "严重程度", "规则", "表", "工作表", "单元格", "说明", "关联单元格"] as const;

/** A failure while writing the copy; `reason` is a Chinese one-line message. */
export class AnnotateError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.name = "AnnotateError";
    this.reason = reason;
    Object.setPrototypeOf(this, AnnotateError.prototype);
  }
}

export interface AnnotateOptions {
  /** Recognised tables (CheckResult.tables): gives the sheet of a finding that names a table but no cell. */
  tables?: { id: AnyTableId; sheet: string; title: string }[];
}

/**
 * The annotated copy of an .xlsx held in memory: the same workbook with the findings' cells filled and a 校验结果
 * sheet (an earlier one replaced). `fileName` only labels errors.
 */
export async function annotateWorkbookBytes(
  bytes: Uint8Array,
  findings: Finding[],
  opts: AnnotateOptions = {},
  fileName?: string,
): Promise<Uint8Array> {
  assertZip(bytes, fileName);
  const wb = new ExcelJS.Workbook();
  try {
    await withLinearMergeLoading(() => wb.xlsx.load(bytes as unknown as ArrayBuffer));
  } catch {
    throw new XlsxReadError("damaged", "文件已损坏，无法读取：无法打开工作簿以写出标注副本", fileName);
  }

  for (const old of wb.worksheets.filter((w) => w.name === RESULT_SHEET_NAME)) wb.removeWorksheet(old.id);

  highlight(wb, findings);
  addResultSheet(wb, findings, opts);

  try {
    return new Uint8Array(await wb.xlsx.writeBuffer());
  } catch {
    throw new AnnotateError("生成标注副本失败：工作簿内容无法写出");
  }
}

interface MergeInternals {
  _mergeCellsInternal(
    dimensions: { top: number; left: number; bottom: number; right: number },
    ignoreStyle?: boolean,
  ): void;
  getCell(row: number, col: number): ExcelJS.Cell & { merge(master: ExcelJS.Cell, ignoreStyle?: boolean): void };
  _merges: Record<string, unknown>;
}

let linearLoads = 0;
let originalMergeInternal: MergeInternals["_mergeCellsInternal"] | undefined;

/**
 * exceljs checks every merged range against all earlier ones while loading: quadratic, minutes for the ~15,000
 * merges of a department workbook with 100 units. Ranges in a file written by Excel never overlap, so while our load
 * runs the check is skipped and each range is applied exactly as exceljs 4.4 does after its check. The patch is
 * removed when the last concurrent load ends; if exceljs's internals differ, it is not installed at all.
 */
async function withLinearMergeLoading<T>(load: () => Promise<T>): Promise<T> {
  const proto = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet("probe")) as MergeInternals;
  if (typeof proto._mergeCellsInternal !== "function") return load();
  if (linearLoads++ === 0) {
    originalMergeInternal = proto._mergeCellsInternal;
    proto._mergeCellsInternal = function (this: MergeInternals, dimensions, ignoreStyle) {
      const master = this.getCell(dimensions.top, dimensions.left);
      for (let i = dimensions.top; i <= dimensions.bottom; i++) {
        for (let j = dimensions.left; j <= dimensions.right; j++) {
          if (i > dimensions.top || j > dimensions.left) this.getCell(i, j).merge(master, ignoreStyle);
        }
      }
      this._merges[master.address] = dimensions;
    };
  }
  try {
    return await load();
  } finally {
    if (--linearLoads === 0 && originalMergeInternal) {
      proto._mergeCellsInternal = originalMergeInternal;
      originalMergeInternal = undefined;
    }
  }
}

/** The cell that shows a value: the top-left cell when `ref` lies inside a merged range. */
function visibleCell(ws: ExcelJS.Worksheet, ref: CellRef): ExcelJS.Cell {
  const cell = ws.getCell(ref.row + 1, ref.col + 1);
  return cell.isMerged ? cell.master : cell;
}

function highlight(wb: ExcelJS.Workbook, findings: Finding[]): void {
  const worst = new Map<string, { cell: ExcelJS.Cell; severity: Severity }>();
  for (const f of findings) {
    for (const ref of f.cells) {
      const ws = wb.getWorksheet(ref.sheet);
      if (!ws || ref.row < 0 || ref.col < 0) continue;
      const cell = visibleCell(ws, ref);
      const key = `${ws.id}\u0000${cell.address}`;
      const prev = worst.get(key);
      if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity])
        worst.set(key, { cell, severity: f.severity });
    }
  }
  for (const { cell, severity } of worst.values()) {
    // exceljs shares one style object among all cells of the same style id: assign a copy, never mutate.
    cell.style = {
      ...cell.style,
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: HIGHLIGHT_ARGB[severity] } },
    };
  }
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function addResultSheet(wb: ExcelJS.Workbook, findings: Finding[], opts: AnnotateOptions): void {
  const ws = wb.addWorksheet(RESULT_SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  const widths = [6, 10, 14, 36, 24, 10, 80, 30];
  ws.columns = RESULT_COLUMNS.map((header, i) => ({ header, width: widths[i] }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle" };

  const sheetOfTable = new Map((opts.tables ?? []).map((t) => [t.id, t.sheet]));
  findings.forEach((f, i) => {
    const primary = f.cells[0];
    const sheetName = primary?.sheet ?? (f.table ? sheetOfTable.get(f.table) : undefined) ?? null;
    const sheetExists = sheetName !== null && wb.getWorksheet(sheetName) !== undefined;
    let cellValue: ExcelJS.CellValue = null;
    if (primary) {
      const addr = a1(primary.row, primary.col);
      cellValue = sheetExists ? { text: addr, hyperlink: `#${quoteSheet(primary.sheet)}!${addr}` } : addr;
    }
    const related =
      f.cells
        .slice(1)
        .map((c) => `${c.sheet}!${a1(c.row, c.col)}`)
        .join("、") || null;
    const row = ws.addRow([
      i + 1,
      SEVERITY_LABELS[f.severity],
      f.rule,
      f.table ? `表${f.table} ${tableName(f.table)}` : null,
      sheetName,
      cellValue,
      f.message,
      related,
    ]);
    row.getCell(2).fill = { type: "pattern", pattern: "solid", fgColor: { argb: HIGHLIGHT_ARGB[f.severity] } };
    if (primary && sheetExists) row.getCell(6).font = { color: { argb: "FF0563C1" }, underline: true };
    row.getCell(7).alignment = { wrapText: true, vertical: "top" };
  });
  if (findings.length === 0) ws.addRow([null, null, null, null, null, null, "未发现问题。"]);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RESULT_COLUMNS.length } };
}
