/**
 * The national template's checks that are not single equations between fixed cells: completeness, empty tables
 * without a note, the 类/款/项 hierarchy and 合计 = Σ 类 of every coded table, row sums of 表N2, and by-class joins
 * (表N1 支出 by 类 = 表N3; 表N4 by 类 = 表N5/N6/N7). The plain equations are formulas (national-9.formulas.ts).
 */
import type { BrokenEquation, Finding, RuleFamily, Severity } from "../model/findings";
import { toleranceTimesTwo, formatTolerance } from "../model/money";
import { NATIONAL_TABLE_IDS, NATIONAL_TABLE_NAMES, type NationalTableId } from "../model/tables";
import type { CellRef } from "../model/workbook";
import { fmt, holding } from "../rules/util";
import { cellKey, type CellPlaces, type Located, type PlacedTable } from "../rules/diagnosis";
import { classCodeByName } from "../recognition/text";
import { bestColumns } from "../formulas/schema";
import type { TableView, ViewColumn, ViewEntry } from "../formulas/view";

export interface NationalRule {
  id: string;
  family: RuleFamily;
  severity: Severity;
  title: string;
  description: string;
  check(views: Map<string, TableView>): Finding[];
}

const label = (id: string): string => `表${id}《${NATIONAL_TABLE_NAMES[id as NationalTableId]}》`;

function fen(view: TableView, e: ViewEntry, c: ViewColumn): number {
  const v = view.read(e, c);
  return "fen" in v ? v.fen : 0;
}

/** A cell and its amount (0 when blank or not a number: AMOUNT-FORMAT's business). */
function at(view: TableView, e: ViewEntry, c: ViewColumn): { cell: CellRef; fen: number } {
  const v = view.read(e, c);
  return { cell: v.cell ?? { sheet: view.area.sheet, row: e.row, col: c.col }, fen: "fen" in v ? v.fen : 0 };
}

function isBlank(view: TableView, e: ViewEntry, c: ViewColumn): boolean {
  const v = view.read(e, c);
  return "blank" in v && v.blank;
}

/** One "whole = Σ parts" comparison with the 尾差 bound; cells[0] is the whole. */
function sumFinding(
  rule: string,
  view: TableView,
  whole: { cell: CellRef; fen: number },
  parts: { cell: CellRef; fen: number }[],
  what: string,
  basis: string,
): Finding | undefined {
  const sum = parts.reduce((s, p) => s + p.fen, 0);
  const gap = whole.fen - sum;
  const terms = () => [{ cell: whole.cell, coef: 1 }, ...parts.map((p) => ({ cell: p.cell, coef: -1 }))];
  if (gap === 0) {
    // A holding equation tells fault diagnosis which cells cannot be the wrong one.
    holding(terms);
    return undefined;
  }
  const unit = view.area.unit;
  const n = Math.max(parts.length, 1);
  const rounding = 2 * Math.abs(gap) <= toleranceTimesTwo(n, unit);
  const bound = formatTolerance(n, unit);
  const equation: BrokenEquation = {
    terms: terms(),
    gap,
    tolerance: Math.floor(toleranceTimesTwo(n, unit) / 2),
  };
  return {
    rule,
    severity: rounding ? "warning" : "error",
    message: `${what}应为${fmt(sum, unit)}（${basis}），实为${fmt(whole.fen, unit)}，差额${fmt(Math.abs(gap), unit)}${unit}${
      rounding ? `，在${n}项尾差允许范围±${bound}以内，属尾差，请核实` : `，超出${n}项尾差允许范围±${bound}`
    }。`,
    table: view.area.id as NationalTableId,
    cells: [whole.cell, ...parts.map((p) => p.cell)].slice(0, 21),
    expected: fmt(sum, unit),
    actual: fmt(whole.fen, unit),
    equation,
  };
}

/** 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类, per amount column, in every table with codes. */
function hierarchy(views: Map<string, TableView>): Finding[] {
  const out: Finding[] = [];
  for (const view of views.values()) {
    const coded = view.entries.filter((e) => e.code && /^\d+$/.test(e.code));
    if (coded.length === 0) continue;
    const cols = coded[0].columns;
    const byCode = new Map<string, ViewEntry>();
    for (const e of coded) if (!byCode.has(e.code!)) byCode.set(e.code!, e);
    const childrenOf = new Map<string, ViewEntry[]>();
    const tops: ViewEntry[] = [];
    for (const e of byCode.values()) {
      const code = e.code!;
      if (code.length === 3) tops.push(e);
      for (let L = code.length - 2; L >= 3; L -= 2) {
        const p = code.slice(0, L);
        if (byCode.has(p)) {
          childrenOf.set(p, [...(childrenOf.get(p) ?? []), e]);
          break;
        }
      }
    }
    const t = `表${view.area.id}`;
    for (const [code, kids] of childrenOf) {
      const parent = byCode.get(code)!;
      for (const c of cols) {
        const f = sumFinding(
          "N-SUM",
          view,
          at(view, parent, c),
          kids.map((k) => at(view, k, c)),
          `${t} ${code}“${parent.label}”行“${c.parts.join("/")}”`,
          `下级科目${kids.map((k) => k.code).join("、")}之和`,
        );
        if (f) out.push(f);
      }
    }
    const total = view.entries.find((e) => e.total && e.block === coded[0].block);
    if (total && tops.length > 0) {
      for (const c of total.columns) {
        if (!cols.some((k) => k.col === c.col)) continue;
        const f = sumFinding(
          "N-SUM",
          view,
          at(view, total, c),
          tops.map((k) => at(view, k, c)),
          `${t} 合计行“${c.parts.join("/")}”`,
          `各类${tops.map((k) => k.code).join("、")}之和`,
        );
        if (f) out.push(f);
      }
    }
  }
  return out;
}

/** 表N2: 合计 = Σ sources (a group with a 小计 column counts once, and its 小计 = Σ its members). */
function incomeRows(views: Map<string, TableView>): Finding[] {
  const view = views.get("N2");
  if (!view) return [];
  const out: Finding[] = [];
  for (const e of view.entries) {
    const total = e.columns.find((c) => c.parts.length === 1 && /^(合计|总计)$/.test(c.parts[0]));
    if (!total) continue;
    const groups = new Map<string, { sub?: ViewColumn; members: ViewColumn[] }>();
    const tops: ViewColumn[] = [];
    for (const c of e.columns) {
      if (c === total) continue;
      if (c.parts.length === 1) {
        tops.push(c);
        continue;
      }
      const g = groups.get(c.parts[0]) ?? { members: [] };
      if (/^(小计|合计)$/.test(c.parts[c.parts.length - 1])) g.sub = c;
      else g.members.push(c);
      groups.set(c.parts[0], g);
    }
    const cell = (c: ViewColumn) => at(view, e, c);
    const parts: ViewColumn[] = [...tops];
    for (const [name, g] of groups) {
      if (g.sub) {
        parts.push(g.sub);
        const f = sumFinding(
          "N-ROW",
          view,
          cell(g.sub),
          g.members.map(cell),
          `表N2“${e.label}”行“${name}/小计”`,
          g.members.map((m) => m.parts.join("/")).join(" + "),
        );
        if (f) out.push(f);
      } else parts.push(...g.members);
    }
    if (parts.length === 0 || (parts.every((p) => isBlank(view, e, p)) && isBlank(view, e, total))) continue;
    const f = sumFinding(
      "N-ROW",
      view,
      cell(total),
      parts.map(cell),
      `表N2“${e.label}”行“合计”`,
      parts.map((p) => p.parts.join("/")).join(" + "),
    );
    if (f) out.push(f);
  }
  return out;
}

interface ClassLink {
  from: string;
  fromColumn: string[];
  to: string;
  toColumn: string[];
}

/** By-class joins: a 类 line of the left table = the 类 row of the right one (absent rows count 0). */
const CLASS_LINKS: ClassLink[] = [
  { from: "N1", fromColumn: ["预算数"], to: "N3", toColumn: ["合计"] },
  { from: "N4", fromColumn: ["一般公共预算"], to: "N5", toColumn: ["合计"] },
  { from: "N4", fromColumn: ["政府性基金"], to: "N6", toColumn: ["合计"] },
  { from: "N4", fromColumn: ["国有资本经营"], to: "N7", toColumn: ["合计"] },
];

function classOf(e: ViewEntry): string | undefined {
  if (e.code && e.code.length === 3) return e.code;
  if (e.code) return undefined;
  return classCodeByName(e.label);
}

function classLinks(views: Map<string, TableView>): Finding[] {
  const out: Finding[] = [];
  for (const link of CLASS_LINKS) {
    const a = views.get(link.from);
    const b = views.get(link.to);
    if (!a || !b) continue;
    const left = new Map<string, { e: ViewEntry; c: ViewColumn }>();
    for (const e of a.entries) {
      const k = classOf(e);
      if (!k || left.has(k)) continue;
      const c = bestColumns(e.columns, (x) => x.parts, link.fromColumn);
      if (c.length === 1) left.set(k, { e, c: c[0] });
    }
    if (left.size === 0) continue;
    const right = new Map<string, { e: ViewEntry; c: ViewColumn }>();
    for (const e of b.entries) {
      if (!e.code || e.code.length !== 3 || right.has(e.code)) continue;
      const c = bestColumns(e.columns, (x) => x.parts, link.toColumn);
      if (c.length === 1) right.set(e.code, { e, c: c[0] });
    }
    for (const k of new Set([...left.keys(), ...right.keys()])) {
      const l = left.get(k);
      const r = right.get(k);
      const lv = l ? fen(a, l.e, l.c) : 0;
      const rv = r ? fen(b, r.e, r.c) : 0;
      if (lv === rv) continue;
      // The side that prints the line is highlighted; a 类 missing on the left points at the right table's row.
      const hi = l
        ? { view: a, cell: at(a, l.e, l.c).cell, fen: lv }
        : { view: b, cell: at(b, r!.e, r!.c).cell, fen: rv };
      const lo = l ? (r ? { cell: at(b, r.e, r.c).cell, fen: rv } : undefined) : undefined;
      const name = l?.e.label || r?.e.label || k;
      const f = sumFinding(
        "N-CLASS",
        hi.view,
        { cell: hi.cell, fen: hi.fen },
        lo ? [lo] : [],
        `${l ? `表${link.from}` : `表${link.to}`}“${name}”（${k}）`,
        l
          ? `表${link.to} ${k}类“${link.toColumn.join("/")}”${r ? "" : "（该表无此类，按0计）"}`
          : `表${link.from}无此类，按0计`,
      );
      if (f) out.push(f);
    }
  }
  return out;
}

const ORDINAL = /^\s*[一二三四五六七八九十]+\s*[、.．]/;

/**
 * 表N1: 本年收入合计 = the numbered income items above it (一、二、…; their sub-items 1. 2. are not added again);
 * 本年支出合计 = the 类 lines above it. Wording of the items differs by export, so they are found by numbering and
 * class, not by name.
 */
function summaryLines(views: Map<string, TableView>): Finding[] {
  const view = views.get("N1");
  if (!view) return [];
  const out: Finding[] = [];
  const sides: [number, RegExp, (e: ViewEntry) => boolean, string][] = [
    [0, /^本年收入(合计)?$|^收入合计$/, (e) => ORDINAL.test(e.raw), "各项收入之和"],
    [1, /^本年支出(合计)?$|^支出合计$/, (e) => classOf(e) !== undefined, "各类支出之和"],
  ];
  for (const [block, totalRe, isPart, basis] of sides) {
    const lines = view.entries.filter((e) => e.block === block);
    const t = lines.findIndex((e) => totalRe.test(e.label));
    if (t < 0) continue;
    const total = lines[t];
    const parts = lines.slice(0, t).filter(isPart);
    const col = total.columns[0];
    if (parts.length === 0 || !col) continue;
    const f = sumFinding(
      "N-LINES",
      view,
      at(view, total, col),
      parts.map((p) => at(view, p, p.columns.find((c) => c.col === col.col) ?? col)),
      `表N1“${total.label}”`,
      basis,
    );
    if (f) out.push(f);
  }
  return out;
}

export const NATIONAL_RULES: NationalRule[] = [
  {
    id: "N-MISSING",
    family: "completeness",
    severity: "error",
    title: "九张表齐全",
    description: "全国通用模板的9张部门预算公开表都应公开（空表保留表头并注明）。",
    check(views) {
      return NATIONAL_TABLE_IDS.filter((id) => !views.has(id)).map((id) => ({
        rule: "N-MISSING",
        severity: "error",
        message: `缺少${label(id)}。`,
        table: id,
        cells: [],
      }));
    },
  },
  {
    id: "N-EMPTY",
    family: "completeness",
    severity: "warning",
    title: "空表注明",
    description: "没有数据的表应注明“本表为空表”或“此表无数据”。",
    check(views) {
      const out: Finding[] = [];
      for (const v of views.values()) {
        if (v.area.noData) continue;
        const anyNumber = v.entries.some((e) => e.columns.some((c) => fen(v, e, c) !== 0));
        if (anyNumber) continue;
        out.push({
          rule: "N-EMPTY",
          severity: "warning",
          message: `${label(v.area.id)}没有数据，但表内未注明“本表为空表”，空表应加以说明。`,
          table: v.area.id as NationalTableId,
          cells: [v.area.titleCell],
        });
      }
      return out;
    },
  },
  {
    id: "N-SUM",
    family: "total",
    severity: "error",
    title: "类款项层级与合计",
    description: "类 = 所属各款之和，款 = 所属各项之和，合计行 = 各类之和（每个金额列）。",
    check: hierarchy,
  },
  {
    id: "N-ROW",
    family: "total",
    severity: "error",
    title: "收入总表逐行合计",
    description: "表N2每行：合计 = 各收入来源之和；财政拨款收入小计 = 其下各项之和。",
    check: incomeRows,
  },
  {
    id: "N-LINES",
    family: "total",
    severity: "error",
    title: "收支总表合计行",
    description: "表N1本年收入合计等于各项（一、二、…）收入之和；本年支出合计等于各类支出之和。",
    check: summaryLines,
  },
  {
    id: "N-CLASS",
    family: "cross",
    severity: "error",
    title: "按类勾稽",
    description: "表N1支出各类 = 表N3各类合计；表N4一般公共预算、政府性基金、国有资本经营各类 = 表N5、N6、N7各类合计。",
    check: classLinks,
  },
];

/**
 * Where the national tables' cells are, in words, for fault diagnosis (src/core/rules/diagnosis.ts): every amount
 * cell a view reads, with its table, amount and 表N3“科学技术支出”行“合计”栏. Code faults are not diagnosed here.
 */
export function nationalPlaces(views: Map<string, TableView>): CellPlaces {
  const index = new Map<string, Located>();
  for (const view of views.values()) {
    const table: PlacedTable = {
      id: view.area.id as NationalTableId,
      unit: view.area.unit,
      // N1 and N4 are two-sided 收支总表; the others have rows tied by row formulas.
      kind: view.area.id === "N1" || view.area.id === "N4" ? "summary" : "ledger",
    };
    for (const e of view.entries) {
      for (const c of e.columns) {
        const v = view.read(e, c);
        if (!("fen" in v) || !v.cell) continue;
        const row = e.label || e.code;
        const col = c.parts.join("/");
        const label = `表${table.id}${row ? `“${row}”行` : ""}${col ? `“${col}”栏` : ""}`;
        index.set(cellKey(v.cell), { table, fen: v.fen, label });
      }
    }
  }
  return { locate: (c) => (c ? index.get(cellKey(c)) : undefined), codeCellOf: () => undefined };
}
