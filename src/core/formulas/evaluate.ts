/**
 * Evaluates audit formulas over table views. Values are exact integers of 分; a comparison holds exactly, or within
 * the 尾差 bound (n × 0.005 of the coarsest unit involved, n = the references on the longer side) as a rounding
 * warning; beyond it the formula's own severity applies. Every broken formula yields one finding (one per row for
 * a `[*]` formula) whose rule is the formula's id, cells[0] the first reference's cell, with expected, actual and
 * the broken equation (for fault diagnosis).
 */
import type { BrokenEquation, EquationTerm, Finding, Severity } from "../model/findings";
import { FEN_PER_UNIT, type MoneyUnit, scaleDecimal, toleranceTimesTwo, formatTolerance } from "../model/money";
import type { AnyTableId } from "../model/tables";
import { a1, type CellRef } from "../model/workbook";
import { fmt, holding } from "../rules/util";
import { refsOf, type Expr, type Formula, type Ref } from "./ast";
import { bestColumns } from "./schema";
import type { TableView, ViewColumn, ViewEntry } from "./view";
import { normLabel } from "./labels";

export interface EvalOptions {
  /** Formulas of a template profile: a formula that cannot be evaluated (table absent…) stays silent. */
  silentWhenUnavailable?: boolean;
  /** Skip a formula that reads an empty table (the Sichuan rules' convention: T-EMPTY-NOTE and T-MISSING report those). */
  skipEmptyTables?: boolean;
  /**
   * A labelled line the table does not print makes the formula not evaluable (instead of 0): for a template whose
   * lines are worded differently by each export, a formula that does not fit is skipped rather than misread.
   */
  strictLines?: boolean;
}

class Unavailable extends Error {}

interface Value {
  fen: number;
  /** Every cell read is blank. */
  blank?: boolean;
  /** The cells read that print an amount (blank cells are no rounded figure). */
  printed: CellRef[];
  /** The cells read: one, none (a row absent from the table), or the rows under an absent 类/款 code. */
  cells: CellRef[];
  view: TableView;
}

interface Linear {
  terms: { ref: Ref; value: Value; coef: number }[];
  constant: number;
  /** References on this side (for the 尾差 bound). */
  parts: number;
}

const MAX_CELLS = 20;

function unitDigits(unit: MoneyUnit): number {
  return Math.round(Math.log10(FEN_PER_UNIT[unit]));
}

/**
 * The rows a reference reads: every row printing the code (one per budget unit) or the first row with the label; for
 * a 类/款 code the table does not print as a line, the rows under it (the shortest codes that start with it); none
 * when the row is absent (0).
 */
function findEntries(view: TableView, ref: Ref, strictLines = false): ViewEntry[] {
  const spec = ref.row;
  const t = `表${ref.table}`;
  let hits: ViewEntry[] = [];
  if (spec.kind === "label") {
    // Other printings of a fixed line (本年收入 for 本年收入合计): the profile's row aliases.
    const aliases = view.rowAliases?.[spec.label] ?? [];
    for (const label of [spec.label, ...aliases]) {
      const exact = view.entries.filter((e) => e.label === label);
      if (exact.length > 0) return [exact[0]];
    }
  }
  if (spec.kind === "code") {
    // Several budget units print the same code once each: the code's figure is their sum.
    hits = view.entries.filter((e) => e.code === spec.code);
    if (hits.length === 0) {
      const under = view.entries.filter(
        (e) => e.code && e.code.length > spec.code.length && e.code.startsWith(spec.code),
      );
      const codes = new Set(under.map((e) => e.code!));
      hits = under.filter((e) => ![...codes].some((o) => o.length < e.code!.length && e.code!.startsWith(o)));
    }
    if (hits.length > 0) return hits;
  } else if (spec.kind === "label") {
    hits = view.entries.filter((e) => e.label === spec.label);
    if (hits.length === 0) {
      const contains = view.entries.filter((e) => e.label.includes(spec.label));
      if (contains.length > 1 && new Set(contains.map((e) => e.label)).size > 1) {
        throw new Unavailable(
          `${t}中有多行包含“${spec.label}”（${[...new Set(contains.map((e) => e.label))].slice(0, 4).join("、")}），行引用不唯一`,
        );
      }
      hits = contains;
    }
    if (hits.length === 0) {
      // The line prints a shorter form of the written label ("一般公共预算拨款" for "一般公共预算拨款收入").
      const within = view.entries.filter((e) => e.label.length >= 4 && spec.label.includes(e.label));
      if (new Set(within.map((e) => e.label)).size === 1) hits = within;
    }
  }
  if (hits.length > 0) return [hits[0]];
  // A one-line table without a label column (the 三公 table): its line is the 合计.
  if (
    spec.kind === "label" &&
    /^(合计|总计)$/.test(spec.label) &&
    view.entries.length > 0 &&
    view.entries.every((e) => e.label === "")
  ) {
    if (new Set(view.entries.map((e) => e.row)).size === 1) return [view.entries[0]];
  }
  if (view.area.noData) return [];
  // A missing 合计 / 总计 line is a layout the formula does not fit; any other line absent from a table is 0.
  const totalLine = spec.kind === "label" && (strictLines || /合计|总计/.test(spec.label));
  if (totalLine || view.entries.length === 0) {
    throw new Unavailable(
      `${t}中找不到行${spec.kind === "code" ? spec.code : `“${spec.kind === "label" ? spec.label : "*"}”`}`,
    );
  }
  return []; // absent from a complete table: 0
}

function valueOf(view: TableView, ref: Ref, entries: ViewEntry[]): Value {
  const out: Value = { fen: 0, cells: [], view, blank: true, printed: [] };
  for (const e of entries) {
    const v = valueAt(view, ref, e);
    out.fen += v.fen;
    out.cells.push(...v.cells);
    out.printed.push(...v.printed);
    if (!v.blank) out.blank = false;
  }
  return out;
}

function valueAt(view: TableView, ref: Ref, entry: ViewEntry): Value {
  const t = `表${ref.table}`;
  const col = ref.column.join("/");
  // A header path the profile keys (2-1's 本级当年财政拨款安排/一般公共预算拨款/项目支出): recognition has already
  // found that column however the layout words its header, so the key decides.
  const pathKey = ref.column.length > 1 ? view.columnKeys?.[normLabel(col)] : undefined;
  const keyed = pathKey ? entry.columns.filter((c) => c.key === pathKey) : [];
  let hits: ViewColumn[] = keyed.length > 0 ? keyed : bestColumns(entry.columns, (c) => c.parts, ref.column);
  if (hits.length === 0 && view.columnKeys) {
    // The profile's header keys: a printed label the layout words differently, found by the column's semantic key.
    const key = view.columnKeys[normLabel(ref.column[ref.column.length - 1])];
    if (key) hits = entry.columns.filter((c) => c.key === key);
  }
  if (hits.length === 0) {
    if (view.area.noData) return { fen: 0, cells: [], view, blank: true, printed: [] };
    throw new Unavailable(`${t}“${entry.label || "第" + (entry.row + 1) + "行"}”所在栏目中没有列“${col}”`);
  }
  if (new Set(hits.map((h) => h.parts.join("/"))).size > 1) {
    throw new Unavailable(
      `${t}有多个列与“${col}”对应（${hits.map((h) => h.parts.join("/")).join("、")}），请写出表头路径`,
    );
  }
  const v = view.read(entry, hits[0]);
  if ("invalid" in v) throw new Unavailable(`${t} ${a1(v.cell.row, v.cell.col)} 的“${v.invalid}”不是金额`);
  return {
    fen: v.fen,
    cells: v.cell ? [v.cell] : [],
    view,
    blank: v.blank,
    printed: v.cell && !v.blank ? [v.cell] : [],
  };
}

function linear(
  e: Expr,
  sign: number,
  ctx: { views: Map<string, TableView>; opts: EvalOptions; star?: ViewEntry; unit: MoneyUnit },
  out: Linear,
): void {
  switch (e.kind) {
    case "ref": {
      const view = ctx.views.get(e.table);
      if (!view) throw new Unavailable(`工作簿中没有表${e.table}`);
      if (ctx.opts.skipEmptyTables && view.area.empty) throw new Unavailable(`表${e.table}没有数据`);
      const entries = e.row.kind === "all" ? (ctx.star ? [ctx.star] : []) : findEntries(view, e, ctx.opts.strictLines);
      const value = valueOf(view, e, entries);
      out.terms.push({ ref: e, value, coef: sign });
      out.parts += value.printed.length;
      return;
    }
    case "num": {
      const fen = scaleDecimal(e.text, unitDigits(ctx.unit));
      if (fen === undefined) throw new Unavailable(`数字“${e.text}”无效`);
      out.constant += sign * fen;
      return;
    }
    case "neg":
      linear(e.expr, -sign, ctx, out);
      return;
    case "bin":
      linear(e.left, sign, ctx, out);
      linear(e.right, e.op === "+" ? sign : -sign, ctx, out);
      return;
    case "sum":
      for (const a of e.args) linear(a, sign, ctx, out);
      return;
    default:
      return;
  }
}

function firstRef(f: Formula): Ref {
  const first = refsOf(f.left)[0] ?? refsOf(f.right)[0];
  if (!first) throw new Error("formula without reference");
  return first;
}

function starTable(e: Expr): string | undefined {
  switch (e.kind) {
    case "ref":
      return e.row.kind === "all" ? e.table : undefined;
    case "neg":
      return starTable(e.expr);
    case "bin":
      return starTable(e.left) ?? starTable(e.right);
    case "sum":
      for (const a of e.args) {
        const t = starTable(a);
        if (t) return t;
      }
      return undefined;
    default:
      return undefined;
  }
}

export function evaluateFormulas(
  formulas: Formula[],
  views: Map<string, TableView>,
  opts: EvalOptions = {},
): Finding[] {
  const out: Finding[] = [];
  for (const f of formulas) {
    const star = starTable(f.left) ?? starTable(f.right);
    try {
      if (star) {
        const view = views.get(star);
        if (!view) throw new Unavailable(`工作簿中没有表${star}`);
        for (const entry of view.entries) {
          try {
            const fd = evaluateOne(f, views, opts, entry);
            if (fd) out.push(fd);
          } catch (e) {
            // A row that lacks a column of the formula (the other block of a 收支总表, a heading line) is not checked.
            if (!(e instanceof Unavailable)) throw e;
          }
        }
      } else {
        const fd = evaluateOne(f, views, opts);
        if (fd) out.push(fd);
      }
    } catch (e) {
      if (!(e instanceof Unavailable)) throw e;
      if (opts.silentWhenUnavailable) continue;
      const ref = firstRef(f);
      const view = views.get(ref.table);
      out.push({
        rule: f.id,
        severity: "info",
        message: `审核公式${f.id}无法计算：${e.message}（公式：${f.text}）。`,
        table: ref.table as AnyTableId,
        cells: view ? [view.area.titleCell] : [],
      });
    }
  }
  return out;
}

function evaluateOne(
  f: Formula,
  views: Map<string, TableView>,
  opts: EvalOptions,
  star?: ViewEntry,
): Finding | undefined {
  const first = firstRef(f);
  const firstView = views.get(first.table);
  if (!firstView) throw new Unavailable(`工作簿中没有表${first.table}`);
  const unit = firstView.area.unit;
  const ctx = { views, opts, star, unit };
  const left: Linear = { terms: [], constant: 0, parts: 0 };
  const right: Linear = { terms: [], constant: 0, parts: 0 };
  linear(f.left, 1, ctx, left);
  linear(f.right, 1, ctx, right);
  // A [*] row where every referenced cell is blank (a heading line) is not a row of the formula.
  if (star && [...left.terms, ...right.terms].every((t) => t.value.blank)) return undefined;
  const lv = left.terms.reduce((s, t) => s + t.coef * t.value.fen, left.constant);
  const rv = right.terms.reduce((s, t) => s + t.coef * t.value.fen, right.constant);
  const gap = lv - rv;
  const holds =
    f.op === "="
      ? gap === 0
      : f.op === "<>"
        ? gap !== 0
        : f.op === "<="
          ? gap <= 0
          : f.op === ">="
            ? gap >= 0
            : f.op === "<"
              ? gap < 0
              : gap > 0;
  if (holds) {
    // A holding equation tells fault diagnosis which cells cannot be the wrong one (changing them would break it).
    if (f.op === "=" && left.constant === right.constant) holding(() => linearTerms(left, right));
    return undefined;
  }
  let coarsest: MoneyUnit = unit;
  for (const t of [...left.terms, ...right.terms])
    if (FEN_PER_UNIT[t.value.view.area.unit] > FEN_PER_UNIT[coarsest]) coarsest = t.value.view.area.unit;
  const parts = Math.max(left.parts, right.parts, 1);
  const roundable = f.op === "=" || f.op === "<=" || f.op === ">=";
  const rounding = roundable && 2 * Math.abs(gap) <= toleranceTimesTwo(parts, coarsest);
  const severity: Severity = rounding && f.severity === "error" ? "warning" : f.severity;
  const bound = formatTolerance(parts, coarsest);
  const diff = fmt(Math.abs(gap), unit);
  const tail =
    f.op === "<>" || f.op === "<" || f.op === ">"
      ? ""
      : rounding
        ? `，差额${diff}${unit}在${parts}项尾差允许范围±${bound}以内，属尾差，请核实`
        : `，差额${diff}${unit}，超出${parts}项尾差允许范围±${bound}`;
  const where = star ? `（${star.label ? `“${star.label}”行` : `第${star.row + 1}行`}）` : "";
  const cells: CellRef[] = [];
  const seen = new Set<string>();
  // The first reference's cells (even blank: that is the cell to highlight), then every other printed amount.
  const listed = [...left.terms, ...right.terms].map((t, i) => (i === 0 ? t.value.cells : t.value.printed));
  for (const list of listed) {
    for (const c of list) {
      const k = `${c.sheet}!${c.row},${c.col}`;
      if (seen.has(k)) continue;
      seen.add(k);
      cells.push(c);
    }
  }
  const finding: Finding = {
    rule: f.id,
    severity,
    message: `审核公式${f.id}不成立${where}：${f.text}；左边为${fmt(lv, unit)}，右边为${fmt(rv, unit)}${tail}。`,
    table: first.table as AnyTableId,
    cells: cells.slice(0, MAX_CELLS + 1),
    expected: fmt(rv, unit),
    actual: fmt(lv, unit),
  };
  const eq = equationOf(f, left, right, parts, coarsest);
  if (eq) finding.equation = eq;
  return finding;
}

/** The broken equation Σ coef·value (left minus right) when the formula has no constant and is not "<>". */
function equationOf(
  f: Formula,
  left: Linear,
  right: Linear,
  parts: number,
  unit: MoneyUnit,
): BrokenEquation | undefined {
  if (f.op === "<>" || left.constant !== right.constant) return undefined;
  let gap = 0;
  for (const t of left.terms) gap += t.coef * t.value.fen;
  for (const t of right.terms) gap -= t.coef * t.value.fen;
  const terms = linearTerms(left, right);
  if (terms.length === 0 || gap === 0) return undefined;
  const strict = f.op === "<" || f.op === ">";
  return { terms, gap, tolerance: strict ? 0 : Math.floor(toleranceTimesTwo(parts, unit) / 2) };
}

/** The cells of left − right with their net coefficients (cells that cancel out are dropped). */
function linearTerms(left: Linear, right: Linear): EquationTerm[] {
  const coefs = new Map<string, EquationTerm>();
  for (const [side, s] of [
    [left, 1],
    [right, -1],
  ] as [Linear, number][]) {
    for (const t of side.terms) {
      for (const c of t.value.cells) {
        const k = `${c.sheet}!${c.row},${c.col}`;
        const prev = coefs.get(k);
        if (prev) prev.coef += s * t.coef;
        else coefs.set(k, { cell: c, coef: s * t.coef });
      }
    }
  }
  return [...coefs.values()].filter((t) => t.coef !== 0);
}
