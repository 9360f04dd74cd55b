/**
 * The summary report of a batch (`--report`): one row per workbook (汇总) and one per finding (问题清单), as rows
 * and as .csv / .md text. Host-free so that the web page can offer the same download; the .xlsx form is written
 * by src/hosts/xlsx/summary-xlsx.ts from the same rows.
 */
import { SEVERITY_LABELS } from "../model/findings";
import { tableName } from "../model/tables";
import { isFileError, severityCounts, type BatchItem } from "./batch";

export const SUMMARY_SHEET = "汇总";
export const ISSUES_SHEET = "问题清单";
export const SUMMARY_COLUMNS = ["文件", "部门/单位", "识别表数", "错误", "警告", "提示", "状态"] as const;
export const ISSUE_COLUMNS = ["文件", "表", "工作表", "单元格", "严重程度", "规则", "说明"] as const;

export type SummaryRow = [
  file: string,
  department: string,
  tables: number | string,
  errors: number | string,
  warnings: number | string,
  infos: number | string,
  status: string,
];
export type IssueRow = [
  file: string,
  table: string,
  sheet: string,
  cell: string,
  severity: string,
  rule: string,
  message: string,
];

export interface SummaryRows {
  summary: SummaryRow[];
  issues: IssueRow[];
}

/** 无法读取 / 有错误 / 有警告 / 通过. */
export function statusOf(item: BatchItem): string {
  if (isFileError(item)) return `无法读取：${item.error}`;
  const c = severityCounts(item.report);
  if (c.error > 0) return "有错误";
  if (c.warning > 0) return "有警告";
  return "通过";
}

export function summaryRows(items: BatchItem[]): SummaryRows {
  const summary: SummaryRow[] = [];
  const issues: IssueRow[] = [];
  for (const item of items) {
    if (isFileError(item)) {
      summary.push([item.file, "", "", "", "", "", statusOf(item)]);
      continue;
    }
    const { report } = item;
    const c = severityCounts(report);
    summary.push([
      report.file,
      item.department ?? "",
      new Set(report.tables.map((t) => t.id)).size,
      c.error,
      c.warning,
      c.info,
      statusOf(item),
    ]);
    for (const f of report.findings) {
      const first = f.cells[0];
      const table = f.table ? `表${f.table} ${tableName(f.table)}` : "";
      issues.push([
        report.file,
        table,
        first?.sheet ?? "",
        first?.address ?? "",
        SEVERITY_LABELS[f.severity],
        f.rule,
        f.message,
      ]);
    }
  }
  return { summary, issues };
}

/** The table count in text forms (14 for the Sichuan template, 9 for the national one). */
const tablesText = (v: number | string) => String(v);

/**
 * Text that a spreadsheet would run as a formula (=, +, @, or - not starting a number) is prefixed with ' : the
 * names and messages come from workbooks the reviewer did not write.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+@\t\r]|^-(?![\d.])/.test(text) ? `'${text}` : text;
}

function csvField(v: number | string): string {
  const s = typeof v === "number" ? String(v) : neutralizeFormula(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (UTF-8 with BOM, CRLF, so that Excel opens it in Chinese): the 汇总 block, a blank line, the 问题清单 block. */
export function summaryToCsv(items: BatchItem[]): string {
  const { summary, issues } = summaryRows(items);
  const line = (cells: readonly (number | string)[]) => cells.map(csvField).join(",");
  const lines = [
    SUMMARY_SHEET,
    line(SUMMARY_COLUMNS),
    ...summary.map((r) => line([r[0], r[1], tablesText(r[2]), ...r.slice(3)])),
    "",
    ISSUES_SHEET,
    line(ISSUE_COLUMNS),
    ...issues.map(line),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function mdCell(v: number | string): string {
  return String(v)
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ");
}

export function summaryToMarkdown(items: BatchItem[]): string {
  const { summary, issues } = summaryRows(items);
  const table = (head: readonly string[], rows: (number | string)[][]) => [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`),
  ];
  const unreadable = items.filter(isFileError).length;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const r of summary) {
    if (typeof r[3] === "number") counts.error += r[3];
    if (typeof r[4] === "number") counts.warning += r[4];
    if (typeof r[5] === "number") counts.info += r[5];
  }
  const lines = [
    "# 部门预算公开表校验汇总",
    "",
    `共 ${items.length} 个文件，无法读取 ${unreadable} 个；错误 ${counts.error} 个，警告 ${counts.warning} 个，提示 ${counts.info} 个。`,
    "",
    `## ${SUMMARY_SHEET}`,
    "",
    ...table(
      SUMMARY_COLUMNS,
      summary.map((r) => [r[0], r[1], tablesText(r[2]), ...r.slice(3)]),
    ),
    "",
    `## ${ISSUES_SHEET}`,
    "",
    ...(issues.length > 0 ? table(ISSUE_COLUMNS, issues) : ["未发现问题。"]),
  ];
  return `${lines.join("\n")}\n`;
}
