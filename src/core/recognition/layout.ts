/**
 * Sheet layout: where the tables are (titles), their meta lines (部门 / 单位 / year), their header block and
 * the column label paths. Everything is found by text, never by position.
 */
import type { MoneyUnit } from "../model/money";
import type { CellRef } from "../model/workbook";
import type { TableId } from "../model/tables";
import { matchTitle } from "./titles";
import { Grid, cellText, isNoDataText, findYear, isTotalLabel, norm } from "./text";

export interface TitleHit {
  row: number;
  col: number;
  id: TableId;
  raw: string;
  unit?: MoneyUnit;
  year?: number;
  /** First row of the table's area (a section heading naming the same table may precede the title). */
  start: number;
}

/** Finds title cells, top to bottom. One pass over the sheet's text cells. */
export function findTitles(grid: Grid): TitleHit[] {
  const hits: TitleHit[] = [];
  for (let r = 0; r < grid.height; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || v.length > 80 || !v.includes("表")) continue;
      const m = matchTitle(v);
      if (!m) continue;
      hits.push({ row: r, col: c, id: m.id, raw: v.trim(), unit: m.unit, year: m.year, start: r });
      break; // one title per row
    }
  }
  // A section heading ("五、财政拨款支出预算表（部门经济分类科目）") followed closely by the title of the same
  // table: one table, whose title is the later cell and whose area starts at the heading.
  const merged: TitleHit[] = [];
  for (const h of hits) {
    const prev = merged[merged.length - 1];
    if (prev && prev.id === h.id && h.row - prev.row <= 6 && !hasNumberBetween(grid, prev.row + 1, h.row - 1)) {
      merged[merged.length - 1] = {
        ...h,
        start: prev.start,
        unit: h.unit ?? prev.unit,
        year: h.year ?? prev.year,
      };
      continue;
    }
    merged.push(h);
  }
  return merged;
}

export function hasNumberBetween(grid: Grid, from: number, to: number): boolean {
  for (let r = from; r <= to; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (const v of row) if (isNumericCell(v)) return true;
  }
  return false;
}

/** A number, or text that is written as an amount ("1,234.50", "（12.00）", "１２"). */
export function isNumericCell(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v !== "string" || v.length === 0 || v.length > 30) return false;
  const t = norm(v);
  return /^[-+(]?[\d,]*\d[\d,]*(\.\d+)?\)?(万元|元)?$/.test(t);
}

export interface MetaInfo {
  department?: string;
  departmentCell?: CellRef;
  unit?: MoneyUnit;
  unitCell?: CellRef;
  year?: number;
}

const UNIT_RE = /(?:单位|金额)[:]?(万元|元)(?![\u4e00-\u9fa5])/;
const DEPT_RE = /^(?:部门|部门名称|预算部门|编制部门|编制单位|编报单位|填报单位|预算单位|单位名称|单位)[:](.+)$/;
/** Other "label：value" lines between a title and its header (编制日期：…, 公开日期：…): never header labels. */
const OTHER_META_RE = /^(?!其中)[\u4e00-\u9fa5]{2,6}:./;

/** Reads one cell as a meta item; returns true when the cell is a meta cell. */
export function readMetaCell(text: string, ref: CellRef, into: MetaInfo): boolean {
  const t = norm(text);
  if (t === "") return false;
  let meta = false;
  const u = UNIT_RE.exec(t);
  if (
    u &&
    (t.startsWith("单位") || t.startsWith("金额") || /^\(?单位/.test(t) || t.includes("单位:") || t.includes("金额:"))
  ) {
    if (!into.unit) {
      into.unit = u[1] as MoneyUnit;
      into.unitCell = ref;
    }
    meta = true;
  }
  // "部门：XX    单位：万元" in one cell: the department part ends where the unit part starts.
  const d = DEPT_RE.exec(t.replace(/(金额)?单位:(万元|元).*$/, ""));
  if (d && !/^(万元|元)$/.test(d[1])) {
    if (!into.department) {
      into.department = d[1];
      into.departmentCell = ref;
    }
    meta = true;
  }
  if (/^\(?(20\d{2})年度?\)?$/.test(t)) {
    into.year = into.year ?? findYear(t);
    meta = true;
  }
  // A table number line of its own: (公开表1-2), 附表3, 表一.
  if (/^\(?(附|公开)?表(\d+|[一二三四五六七八九十]+)([-—之](\d+|[一二三四五六七八九十]+))?\)?$/.test(t)) meta = true;
  if (!meta && OTHER_META_RE.test(t) && t.length <= 40) meta = true;
  return meta;
}

/** True when every non-blank cell of the row is a meta cell (at least one). */
export function readMetaRow(grid: Grid, r: number, into: MetaInfo): boolean {
  const cols = grid.filled(r);
  if (cols.length === 0) return false;
  const probe: MetaInfo = {};
  for (const c of cols) if (!readMetaCell(grid.text(r, c), grid.ref(r, c), probe)) return false;
  if (!into.unit && probe.unit) {
    into.unit = probe.unit;
    into.unitCell = probe.unitCell;
  }
  if (!into.department && probe.department) {
    into.department = probe.department;
    into.departmentCell = probe.departmentCell;
  }
  if (!into.year && probe.year) into.year = probe.year;
  return true;
}

/** A note / signature line after a table: it ends the data. */
export function isNoteRow(grid: Grid, r: number): boolean {
  const cols = grid.filled(r);
  if (cols.length === 0 || cols.length > 2) return false;
  const t = norm(grid.text(r, cols[0]));
  return /^(注[:：、]|注$|说明[:：]|备注[:：]|填表人|制表人?[:：]|审核人?[:：]|单位负责人|财务负责人|填报)/.test(t);
}

/**
 * A data row: it holds an amount or a code, a no-data statement, an ordinal line ("一、…") or is a 合计 line
 * (only total labels besides numbers). Header rows hold labels only.
 */
export function isDataRow(grid: Grid, r: number): boolean {
  const row = grid.rows[r];
  if (!row) return false;
  let texts = 0;
  let totals = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v === "boolean") continue;
    const t = cellText(v);
    if (t === "") continue;
    if (isNumericCell(v)) return true;
    const n = norm(t);
    if (isNoDataText(n)) return true;
    if (/^[一二三四五六七八九十]+、/.test(n)) return true;
    // 51340024R000010184587-… and 229-部门 lines of 表6; "2060701 机构运行".
    if (/^\d{3,}/.test(n) && !/^20\d{2}年/.test(n)) return true;
    texts++;
    if (isTotalLabel(n)) totals++;
  }
  return texts > 0 && totals === texts;
}

/**
 * A column-number row under a header ("栏次 | 1 | 2 | 3", "甲 | 乙 | 1 | 2"): part of the header, never data,
 * and no label.
 */
export function isColumnNumberRow(grid: Grid, r: number): boolean {
  const row = grid.rows[r];
  if (!row) return false;
  let next = 1;
  let ints = 0;
  let labelled = false;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    const t = cellText(v);
    if (t === "") continue;
    const n = norm(t);
    if (/^(栏次|行次|甲|乙|丙|丁|栏)$/.test(n)) {
      labelled = true;
      continue;
    }
    if (/^\d+$/.test(n) && Number(n) === next) {
      next++;
      ints++;
      continue;
    }
    return false;
  }
  // "栏次 | 1 | 栏次 | 2" (表1): two numbers suffice beside a 栏次 label.
  return ints >= 3 || (labelled && ints >= 2);
}

export interface HeaderColumn {
  col: number;
  /** Labels from top to bottom joined with "/", carried over blank merged cells. */
  path: string;
  /** The lowest label of the column (normalised). */
  leaf: string;
  /** Normalised labels, top to bottom. */
  parts: string[];
}

export interface HeaderBlock {
  /** A unit written in the header labels ("合计（万元）"). */
  unit?: MoneyUnit;
  headerTop: number;
  headerBottom: number;
  /** First data row, or undefined when the table has none. */
  dataTop?: number;
  left: number;
  right: number;
  columns: HeaderColumn[];
}

/**
 * Finds the header block below a title: the rows after the title / meta lines down to the first data row.
 * `from` is the first row after the title; `end` the last row of the table's area.
 */
export function findHeader(grid: Grid, from: number, end: number, meta: MetaInfo): HeaderBlock | undefined {
  let top = from;
  while (top <= end && (grid.blank(top) || readMetaRow(grid, top, meta))) top++;
  if (top > end) return undefined;
  if (isDataRow(grid, top)) {
    // "此表无数据" right under the title, with no header: an empty table all the same.
    const c = grid.filled(top).find((k) => isNoDataText(grid.text(top, k)));
    if (c === undefined) return undefined;
    return { headerTop: top, headerBottom: top, dataTop: top, left: c, right: c, columns: [] };
  }
  let dataTop: number | undefined;
  const limit = Math.min(end, top + 12);
  for (let r = top + 1; r <= limit; r++) {
    if (isDataRow(grid, r) && !isColumnNumberRow(grid, r)) {
      dataTop = r;
      break;
    }
  }
  let bottom: number;
  if (dataTop !== undefined) {
    bottom = dataTop - 1;
    while (bottom > top && grid.blank(bottom)) bottom--;
  } else {
    bottom = top;
    while (bottom + 1 <= Math.min(end, top + 8) && !grid.blank(bottom + 1)) bottom++;
  }
  return { headerTop: top, headerBottom: bottom, dataTop, ...labelColumns(grid, top, bottom) };
}

/**
 * Column label paths. A merged header's label sits only in its first cell: a label is carried rightwards over
 * blank cells of its row, up to the next label of the row or to a column where a row above starts a new label.
 */
export function labelColumns(
  grid: Grid,
  top: number,
  bottom: number,
): { left: number; right: number; columns: HeaderColumn[]; unit?: MoneyUnit } {
  const found: { unit?: MoneyUnit } = {};
  let width = 0;
  for (let r = top; r <= bottom; r++) width = Math.max(width, grid.width(r));
  const labels: string[][] = []; // labels[r - top][c]
  let left = Number.POSITIVE_INFINITY;
  let right = -1;
  for (let r = top; r <= bottom; r++) {
    const line: string[] = new Array(width).fill("");
    if (isColumnNumberRow(grid, r)) {
      labels.push(line);
      continue;
    }
    let carry = "";
    for (let c = 0; c < width; c++) {
      const t = headerLabel(grid.text(r, c), found);
      if (t !== "") {
        line[c] = t;
        carry = t;
        left = Math.min(left, c);
        right = Math.max(right, c);
        continue;
      }
      let upperStarts = false;
      for (let u = top; u < r; u++) {
        if (grid.text(u, c) !== "") {
          upperStarts = true;
          break;
        }
      }
      if (upperStarts) carry = "";
      line[c] = carry;
    }
    labels.push(line);
  }
  if (right < 0) return { left: 0, right: -1, columns: [], ...found };
  const columns: HeaderColumn[] = [];
  for (let c = left; c < width; c++) {
    const parts: string[] = [];
    for (const line of labels) {
      const t = line[c];
      if (t !== "" && parts[parts.length - 1] !== t) parts.push(t);
    }
    if (parts.length === 0) continue;
    columns.push({ col: c, path: parts.join("/"), leaf: parts[parts.length - 1], parts });
    right = Math.max(right, c);
  }
  return { left, right, columns, ...found };
}

/** A header label without its unit or year decoration ("合计（万元）", "2024年预算数"); the unit is noted. */
function headerLabel(text: string, found: { unit?: MoneyUnit }): string {
  let t = norm(text);
  if (t === "") return t;
  const whole = /^(?:金额)?单位:(万元|元)$|^金额:(万元|元)$/.exec(t);
  if (whole) {
    found.unit = found.unit ?? ((whole[1] ?? whole[2]) as MoneyUnit);
    return "";
  }
  const u = /\((?:单位:|金额:)?(万元|元)\)/.exec(t);
  if (u) {
    found.unit = found.unit ?? (u[1] as MoneyUnit);
    t = t.replace(u[0], "");
  }
  return t.replace(/^20\d{2}年度?(?=.)/, "");
}
