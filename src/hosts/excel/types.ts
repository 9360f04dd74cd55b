/**
 * The Excel gateway contract: the only code that touches Office.js implements this (gateway.ts); the task pane
 * UI talks to Excel only through it, and tests run it against a fake Excel (tests/support/fake-excel.ts).
 */
import type { CellRef, WorkbookData } from "../../core/model/workbook";
import type { Finding } from "../../core/model/findings";
import type { AnyTableId } from "../../core/model/tables";

export interface HighlightResult {
  /** Cells filled. */
  cells: number;
  /** context.sync() calls of this call (the read before it is counted by the caller). */
  syncs: number;
  /** Protected sheets whose cells were not highlighted. */
  skippedSheets: string[];
  /** "Sheet!A1" of earlier marks the user recoloured: left as the user made them. */
  changedByUser: string[];
}

export interface ClearResult {
  /** Cells whose original fill was restored. */
  restored: number;
  /** "Sheet!A1" of marked cells the user recoloured since: left alone, not restored. */
  changedByUser: string[];
  /** Marked cells whose row or sheet was deleted. */
  deleted: number;
  /** Protected sheets whose marks stay (restored by 清除标记 once unprotected). */
  protectedSheets: string[];
  syncs: number;
  /** The workbook held a state sheet without its index (the index is saved with the workbook): it was removed. */
  orphanState: boolean;
}

/** What the host offers; the pane offers nothing the host lacks. */
export interface GatewayCapabilities {
  /** Highest ExcelApi requirement set the host supports ("1.1" … ), "" when none. */
  apiVersion: string;
  /** RangeAreas (worksheet.getRanges), ExcelApi 1.9. */
  rangeAreas: boolean;
  /** getCellProperties / copyFrom / fill pattern and tint, ExcelApi 1.9: exact restore of patterns, white vs no fill. */
  cellProperties: boolean;
  /** Edit events (Worksheet.onChanged 1.7, worksheets.onChanged 1.9): automatic re-check. */
  events: boolean;
  /** Hyperlinks in the 校验结果 sheet, ExcelApi 1.7. */
  hyperlinks: boolean;
  /** A very hidden state sheet (setting a sheet's visibility, ExcelApi 1.2). */
  hiddenState: boolean;
  /** Marks follow their cells when rows are inserted or sheets renamed (tracker formulas in the state sheet). */
  tracksMoves: boolean;
  /** A white fill told from "no fill". */
  whiteVsNoFill: boolean;
  /** Protected sheets detected before writing (ExcelApi 1.2). */
  protection: boolean;
}

export interface ReadOptions {
  /** Also read the add-in's 预算情况说明 sheet. */
  includeNarrativeSheet?: boolean;
}

export interface ExcelGateway {
  /**
   * Reads every sheet's used range (values) in 2 syncs whatever the number of sheets (chunked when huge). The
   * add-in's own sheets are left out, except 预算情况说明 when asked (检查说明 checks an edited copy of it).
   */
  readWorkbook(options?: ReadOptions): Promise<WorkbookData>;
  /**
   * Restores the previous marks, then fills each finding's cells (cells[0] strong, others light) with the original
   * formats saved in the same write batch: 1 sync after readWorkbook from ExcelApi 1.9, 2 below.
   */
  applyHighlights(findings: Finding[]): Promise<HighlightResult>;
  /** Restores the saved fills of the cells that still carry the add-in's colour (also after reopening the file). */
  clearHighlights(): Promise<ClearResult>;
  /** True when saved highlight state exists in the workbook. */
  hasHighlights(): Promise<boolean>;
  /** Activates the sheet and selects (scrolls to) the cell. */
  selectCell(ref: CellRef): Promise<void>;
  /** Writes (or replaces) the add-in's 校验结果 sheet with one row per finding and a hyperlink to its cell. */
  writeResultsSheet(findings: Finding[], tables: { id: AnyTableId; sheet: string; title: string }[]): Promise<void>;
  /**
   * Writes the narrative into a new sheet 预算情况说明. When the sheet exists and overwrite is false, nothing is
   * written and "exists" is returned so the UI can ask the user.
   */
  writeNarrativeSheet(lines: string[], overwrite: boolean): Promise<"written" | "exists">;
  /** Small JSON state remembered in the workbook (Office settings), e.g. the prior-year form. Persists when the workbook is saved. */
  loadSetting<T>(key: string): Promise<T | undefined>;
  saveSetting<T>(key: string, value: T): Promise<void>;
  /** Subscribes to this user's edits of user sheets (not co-authors', not the add-in's own writes). */
  onUserEdit(handler: () => void): Promise<() => Promise<void>>;
  /** Feature level of the host. */
  capabilities(): GatewayCapabilities;
}
