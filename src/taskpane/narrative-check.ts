/** Pure helpers of the pane's 检查说明 (unit-tested without a browser). */
import { NARRATIVE_SHEET, type SheetData, type WorkbookData } from "../core/model/workbook";
import { splitLines } from "../hosts/docx/narrative-text";

/** A sheet's text, one line per row (row 1 = line 1, so a finding's line is the Excel row); cells joined by a space. */
export function sheetTextLines(sheet: SheetData): string[] {
  const lines: string[] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const cells = (row ?? [])
      .filter((v) => v !== null && v !== undefined && String(v).trim() !== "")
      .map((v) => String(v));
    lines.push(cells.join(" "));
  }
  return lines;
}

/** Sheets that may hold a narrative: those that are not budget tables, the ones whose text looks like one first. */
export function narrativeSheetCandidates(workbook: WorkbookData, unrecognized: string[]): string[] {
  // The add-in's own 预算情况说明 sheet is never a table, so it is a candidate whenever it was read.
  const names = workbook.sheets
    .filter((s) => unrecognized.includes(s.name) || s.name === NARRATIVE_SHEET)
    .map((s) => s.name);
  const looksLike = (name: string) => {
    const s = workbook.sheets.find((x) => x.name === name);
    const text = s ? sheetTextLines(s).join("") : "";
    return /预算情况说明|收支预算|名词解释/.test(name + text.slice(0, 2000));
  };
  return [...names.filter(looksLike), ...names.filter((n) => !looksLike(n))];
}

/** Pasted text into lines (as a .txt file would be read). */
export function pastedLines(text: string): string[] {
  return splitLines(text);
}
