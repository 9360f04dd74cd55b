/**
 * The validate JSON object (the README's `--json` contract), built host-free so that the CLI, the batch workers and
 * the web page produce the same shape. `equation` is internal and never serialised; `related` (issue #7) is.
 */
import type { CheckResult } from "../engine";
import type { Finding, Severity } from "../model/findings";
import { ALL_TABLE_IDS, type AnyTableId, type TemplateId } from "../model/tables";
import { a1, type CellRef } from "../model/workbook";

export interface JsonCell {
  sheet: string;
  address: string;
}

export interface JsonFinding {
  rule: string;
  severity: Severity;
  message: string;
  cells: JsonCell[];
  table?: AnyTableId;
  expected?: string;
  actual?: string;
  related?: { rule: string; message: string; cells: JsonCell[] }[];
}

export interface JsonReport {
  file: string;
  tables: { id: AnyTableId; sheet: string; title: string; template: TemplateId }[];
  findings: JsonFinding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Table order, then severity, then position of the first cell: the order a reader works through. */
export function sortFindings(findings: Finding[]): Finding[] {
  const tableRank = (f: Finding) => (f.table ? ALL_TABLE_IDS.indexOf(f.table) : ALL_TABLE_IDS.length);
  return [...findings].sort(
    (a, b) =>
      tableRank(a) - tableRank(b) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      cellRank(a.cells[0], b.cells[0]),
  );
}

function cellRank(a: CellRef | undefined, b: CellRef | undefined): number {
  if (!a || !b) return (a ? 0 : 1) - (b ? 0 : 1);
  return a.sheet.localeCompare(b.sheet) || a.row - b.row || a.col - b.col;
}

export function toJsonCell(c: CellRef): JsonCell {
  return { sheet: c.sheet, address: a1(c.row, c.col) };
}

/** One finding in the contract's key order; `equation` (internal) is dropped. */
export function toJsonFinding(f: Finding): JsonFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    cells: f.cells.map(toJsonCell),
    ...(f.table ? { table: f.table } : {}),
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    ...(f.related && f.related.length > 0
      ? { related: f.related.map((r) => ({ rule: r.rule, message: r.message, cells: r.cells.map(toJsonCell) })) }
      : {}),
  };
}

export function toJsonReport(file: string, result: Pick<CheckResult, "tables" | "findings">): JsonReport {
  return {
    file,
    tables: result.tables.map(({ id, sheet, title, template }) => ({ id, sheet, title, template })),
    findings: sortFindings(result.findings).map(toJsonFinding),
  };
}
