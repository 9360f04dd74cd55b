/**
 * The batch summary as an .xlsx (sheets 汇总 and 问题清单) in memory: bytes, no file system, so that the CLI writes
 * them to disk and the web page offers them as a download. No hyperlinks (nothing points outside the file).
 */
import ExcelJS from "exceljs";
import type { BatchItem } from "../../core/report/batch";
import { ISSUES_SHEET, ISSUE_COLUMNS, SUMMARY_COLUMNS, SUMMARY_SHEET, summaryRows } from "../../core/report/summary";

const SUMMARY_WIDTHS = [48, 30, 10, 8, 8, 8, 40];
const ISSUE_WIDTHS = [40, 26, 22, 10, 10, 16, 80];

export async function summaryToXlsx(items: BatchItem[]): Promise<Uint8Array> {
  const { summary, issues } = summaryRows(items);
  const wb = new ExcelJS.Workbook();
  wb.creator = "budget-check";
  const addSheet = (name: string, head: readonly string[], widths: number[], rows: (number | string)[][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = head.map((h, i) => ({ header: h, width: widths[i] }));
    ws.getRow(1).font = { bold: true };
    // Text is stored as a shared string: never a formula or a link, whatever it starts with.
    for (const r of rows) ws.addRow(r);
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: head.length } };
  };
  addSheet(SUMMARY_SHEET, SUMMARY_COLUMNS, SUMMARY_WIDTHS, summary);
  addSheet(ISSUES_SHEET, ISSUE_COLUMNS, ISSUE_WIDTHS, issues);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
