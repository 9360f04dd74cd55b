/**
 * What a rules file may reference: the tables of the template profiles, their printed header paths and (for tables
 * whose lines are fixed by the template) their row labels. Used to refuse a bad file before any workbook is read.
 */
import type { Ref } from "./ast";
import { normLabel } from "./labels";
import { classCodeByName } from "../recognition/text";

export interface TableSchema {
  id: string;
  name: string;
  /** Header paths as printed ("支出/预算数", "合计"), any known variant. */
  columns: string[];
  /** Income and expense side by side: a row label decides the side, so a leaf label may repeat. */
  twoSided?: boolean;
  /** Line labels of a table whose lines the template fixes (收支总表, 三公表); other tables take any label. */
  fixedRows?: string[];
}

export interface FormulaSchema {
  tables: Map<string, TableSchema>;
}

export function schemaOf(tables: TableSchema[]): FormulaSchema {
  return { tables: new Map(tables.map((t) => [t.id, t])) };
}

/** Header path parts of a printed path, normalised. */
export function pathParts(path: string): string[] {
  return path
    .split("/")
    .map(normLabel)
    .filter((p) => p !== "");
}

/**
 * How a written column (parts) matches a header path: 2 = the last labels are equal and the written upper labels
 * appear in order above; 1 = the same, but the last labels only contain one another; 0 = no match.
 */
export function columnMatch(header: string[], spec: string[]): 0 | 1 | 2 {
  if (header.length === 0 || spec.length === 0) return 0;
  const leaf = header[header.length - 1];
  const want = spec[spec.length - 1];
  let quality: 0 | 1 | 2 = leaf === want ? 2 : leaf.includes(want) || want.includes(leaf) ? 1 : 0;
  if (quality === 0) return 0;
  let k = 0;
  for (const part of header.slice(0, -1)) if (k < spec.length - 1 && (part === spec[k] || part.includes(spec[k]))) k++;
  if (k < spec.length - 1) {
    // An upper label written as the leaf's own path element ("支出/预算数" where the header reads 支出预算数).
    if (!spec.slice(0, -1).every((p) => header.some((h) => h.includes(p)))) return 0;
    quality = 1;
  }
  return quality;
}

/** The best-matching header paths (all of the best quality). */
export function bestColumns<T>(items: T[], partsOf: (t: T) => string[], spec: string[]): T[] {
  let best = 0;
  let out: T[] = [];
  for (const it of items) {
    const q = columnMatch(partsOf(it), spec);
    if (q === 0 || q < best) continue;
    if (q > best) {
      best = q;
      out = [];
    }
    out.push(it);
  }
  return out;
}

/** A Chinese reason why a reference does not fit the schema, or undefined. */
export function checkRef(schema: FormulaSchema, r: Ref): string | undefined {
  const t = schema.tables.get(r.table);
  if (!t) {
    const ids = [...schema.tables.keys()];
    return `未知的表“表${r.table}”（可用的表号：${ids.join("、")}）`;
  }
  const col = r.column.join("/");
  const cols = [...new Set(t.columns.map((c) => pathParts(c).join("/")))].map((c) => c.split("/"));
  const hits = bestColumns(cols, (c) => c, r.column);
  if (hits.length === 0) {
    const leaves = [...new Set(cols.map((c) => c[c.length - 1]))];
    return `表${r.table}（${t.name}）没有列“${col}”（可用的列：${leaves.join("、")}）`;
  }
  const distinct = new Set(hits.map((h) => h.join("/")));
  if (distinct.size > 1 && !t.twoSided && columnMatch(hits[0], r.column) === 2) {
    const leafSame = hits.filter((h) => h[h.length - 1] === r.column[r.column.length - 1]);
    if (new Set(leafSame.map((h) => h.join("/"))).size > 1) {
      return `引用不唯一：表${r.table}有多个名为“${r.column[r.column.length - 1]}”的列（${[...distinct].join("、")}），请写出表头路径，如“${[...distinct][0]}”`;
    }
  }
  if (r.row.kind === "code" && !/^\d{3,9}$/.test(r.row.code)) {
    return `表${r.table}的行编码“${r.row.code}”不是3至9位的科目编码`;
  }
  if (r.row.kind === "label" && t.fixedRows) {
    const want = r.row.label;
    const known = t.fixedRows.some((f) => {
      const n = normLabel(f);
      return n.includes(want) || want.includes(n);
    });
    if (!known && !classCodeByName(want) && !/^(合计|总计)$/.test(want)) {
      return `表${r.table}（${t.name}）没有行“${want}”（可用的行：${t.fixedRows.join("、")}）`;
    }
  }
  return undefined;
}
