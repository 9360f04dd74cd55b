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
  /** context.sync() calls used. */
  syncs: number;
}

export interface ExcelGateway {
  /** Reads every sheet's used range (values) in at most 2 syncs whatever the number of sheets (chunked when huge). */
  readWorkbook(): Promise<WorkbookData>;
  /** Saves the original fills of every touched cell in the workbook, then fills the faulty cells, in one sync for the writes. */
  applyHighlights(findings: Finding[]): Promise<HighlightResult>;
  /** Restores exactly the fills saved by applyHighlights (also after the file was closed and reopened). */
  clearHighlights(): Promise<{ restored: number }>;
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
  /** Small JSON state remembered in the workbook (Office settings), e.g. the prior-year form. */
  loadSetting<T>(key: string): Promise<T | undefined>;
  saveSetting<T>(key: string, value: T): Promise<void>;
  /** Subscribes to edits of user sheets (events off while the add-in writes); returns an unsubscribe function. */
  onUserEdit(handler: () => void): Promise<() => Promise<void>>;
  /** Feature level of the host, e.g. whether ExcelApi 1.9 (RangeAreas, getCellProperties) is available. */
  capabilities(): { rangeAreas: boolean; cellProperties: boolean; events: boolean };
}
