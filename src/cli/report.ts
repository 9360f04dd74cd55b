/** The CLI's two outputs: a readable Chinese report grouped by table and severity, and the JSON contract. */
import type { CheckResult } from "../core/engine";
import { SEVERITY_LABELS, type Finding, type Severity } from "../core/model/findings";
import { NATIONAL_TABLE_IDS, TABLE_IDS, tableName, type AnyTableId } from "../core/model/tables";
import { sortFindings } from "../core/report/json";
import { a1, type CellRef } from "../core/model/workbook";

// The validate JSON object and the reading order live in the host-free core (the batch and the web page use them).
export { sortFindings, toJsonReport, type JsonReport } from "../core/report/json";

/** "'3 部门支出总表'!G8" — the way Excel writes a reference. */
export function cellLabel(ref: CellRef): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_]*$/.test(ref.sheet) ? ref.sheet : `'${ref.sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${a1(ref.row, ref.col)}`;
}

export function formatTextReport(file: string, result: CheckResult): string {
  const lines: string[] = [];
  const counts = countBySeverity(result.findings);
  const found = new Set(result.tables.map((t) => t.id));
  lines.push(`校验文件：${file}`);
  const ids: AnyTableId[] = result.template === "national-9" ? NATIONAL_TABLE_IDS : TABLE_IDS;
  if (result.template === "national-9") lines.push("模板：全国通用部门预算公开表（9张表）");
  lines.push(`识别公开表：${found.size}/${ids.length} 张`);
  for (const t of result.tables) lines.push(`  表${t.id} ${tableName(t.id)}  ←  工作表“${t.sheet}”`);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) lines.push(`  未找到：${missing.map((id) => `表${id} ${tableName(id)}`).join("；")}`);
  if (result.model.unrecognizedSheets.length > 0) {
    lines.push(`未包含公开表的工作表（未校验）：${result.model.unrecognizedSheets.join("、")}`);
  }
  lines.push(`结果：错误 ${counts.error} 个，警告 ${counts.warning} 个，提示 ${counts.info} 个`);
  if (result.findings.length === 0) {
    lines.push("", "未发现问题。");
    return `${lines.join("\n")}\n`;
  }

  const sorted = sortFindings(result.findings);
  let currentTable: string | undefined = "\u0000";
  let currentSeverity: Severity | undefined;
  for (const f of sorted) {
    const tableKey = f.table ?? "";
    if (tableKey !== currentTable) {
      currentTable = tableKey;
      currentSeverity = undefined;
      lines.push("", f.table ? `【表${f.table} ${tableName(f.table)}】` : "【其他】");
    }
    if (f.severity !== currentSeverity) {
      currentSeverity = f.severity;
      const n = sorted.filter((g) => (g.table ?? "") === tableKey && g.severity === f.severity).length;
      lines.push(`  ${SEVERITY_LABELS[f.severity]}（${n}）`);
    }
    const where = f.cells.length > 0 ? `${cellLabel(f.cells[0])}  ` : "";
    lines.push(`    [${f.rule}] ${where}${f.message}`);
    if (f.related && f.related.length > 0) {
      // One entry per fault: the equations it throws off, indented under it.
      for (const r of f.related)
        lines.push(`        └ [${r.rule}] ${r.cells[0] ? `${cellLabel(r.cells[0])}  ` : ""}${r.message}`);
    } else if (f.cells.length > 1) {
      const others = f.cells.slice(1, 6).map(cellLabel).join("、");
      lines.push(`        相关单元格：${others}${f.cells.length > 6 ? ` 等 ${f.cells.length - 1} 个` : ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}
