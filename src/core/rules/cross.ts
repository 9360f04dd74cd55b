/** Cross-table equalities (F6–F34). Each skips silently when a table it reads is absent or empty. */
import type { EquationTerm, Finding, RuleContext, RuleDef, Severity } from "../model/findings";
import type { CodeKind } from "../catalog/catalog";
import type {
  AnyTable,
  BudgetModel,
  Indicator,
  LedgerRow,
  LedgerTable,
  PerfProject,
  SummaryTable,
} from "../model/tables";
import type { CellRef } from "../model/workbook";
import { compareWithRounding, MoneyUnit, parseAmount } from "../model/money";
import { compareNames, nameMatchKey, normalizeName } from "../catalog";
import { catalogFor } from "./codes";
import { formulaFindings } from "./formula-rules";
import {
  allGpb,
  amt,
  cellAt,
  cellsOf,
  CodeSum,
  coarser,
  compareAmounts,
  fmt,
  hasCol,
  INCOME_SOURCE_KEYS,
  line,
  lineAmt,
  lineCell,
  lineName,
  push,
  rowCell,
  sumByCode,
  tableLabel,
  termsOf,
  totalRow,
  usable,
} from "./util";

const MAX_CELLS = 20;

interface Side {
  table: AnyTable;
  cells: CellRef[];
  fen: number;
  parts: number;
  /** False when `cells` only stands for the table (a code the table lacks): no amount cell takes part in the equation. */
  amounts?: false;
}

const sideCells = (s: Side): CellRef[] => (s.amounts === false ? [] : s.cells);

/** Compares the highlighted side `hi` (actual) with the other side `lo` (expected). */
function cross(
  out: Finding[],
  rule: string,
  hi: Side,
  lo: Side,
  what: string,
  basis: string,
  severity: Severity = "error",
  terms?: () => EquationTerm[],
): void {
  push(
    out,
    compareAmounts({
      rule,
      table: hi.table.id,
      terms: terms ?? (() => termsOf(sideCells(hi), sideCells(lo))),
      cells: [...hi.cells, ...lo.cells].slice(0, MAX_CELLS + 1),
      what,
      expected: lo.fen,
      actual: hi.fen,
      parts: Math.max(hi.parts, lo.parts, 1),
      unit: hi.table.unit,
      boundUnit: coarser(hi.table.unit, lo.table.unit),
      basis,
      severity,
    }),
  );
}

/** "a ≤ b" across tables: a gap in the wrong direction beyond the bound is reported. */
function notAbove(out: Finding[], rule: string, hi: Side, lo: Side, what: string, basis: string): void {
  if (hi.fen <= lo.fen) return;
  cross(out, rule, hi, lo, what, basis);
  const f = out[out.length - 1];
  if (f && f.rule === rule && f.cells[0] === hi.cells[0]) {
    f.message = f.message.replace(/应为/, "应不大于");
  }
}

function ledgerSide(t: LedgerTable, rows: LedgerRow[], key: string): Side {
  return {
    table: t,
    cells: rows.map((r) => cellAt(t, r, key)).filter((c): c is CellRef => c !== undefined),
    fen: rows.reduce((s, r) => s + amt(r, key), 0),
    parts: rows.length,
  };
}

function codeSide(t: LedgerTable, s: CodeSum | undefined, key: string, fallback: CellRef): Side {
  if (!s) return { table: t, cells: [fallback], fen: 0, parts: 1, amounts: false };
  return { table: t, cells: s.rows.map((r) => cellAt(t, r, key) ?? rowCell(t, r)), fen: s.fen, parts: s.rows.length };
}

function summarySide(t: SummaryTable, side: "income" | "expense", key: string, col = "amount"): Side | undefined {
  const l = line(t, side, key);
  if (!l) return undefined;
  return { table: t, cells: [lineCell(t, l, col)], fen: lineAmt(l, col), parts: 1 };
}

function nonEmpty1(model: BudgetModel): SummaryTable | undefined {
  const t = model.tables["1"];
  return usable(t) ? t : undefined;
}

/** 表2 收入总计 (or 本年收入 + 上年结转 when the layout has no 总计 line). */
function fiscalIncome(t2: SummaryTable): Side | undefined {
  const grand = summarySide(t2, "income", "grandTotal");
  if (grand) return grand;
  const cur = line(t2, "income", "currentTotal");
  if (!cur) return undefined;
  const carry = line(t2, "income", "carryover");
  return {
    table: t2,
    cells: [lineCell(t2, cur), ...(carry ? [lineCell(t2, carry)] : [])],
    fen: lineAmt(cur) + lineAmt(carry),
    parts: carry && carry.amounts.amount ? 2 : 1,
  };
}

/** Every fund is 财政拨款 (no 事业收入 etc. in 表1, and 表1's 上年结转 is 表2's). */
function allFiscal(model: BudgetModel): boolean {
  const t1 = model.tables["1"];
  const t2 = model.tables["2"];
  if (!t1) return false;
  const nonFiscal = t1.income.some(
    (l) => INCOME_SOURCE_KEYS.includes(l.key) && !["gpb", "fund", "soe"].includes(l.key) && lineAmt(l) !== 0,
  );
  if (nonFiscal) return false;
  const carry = lineAmt(line(t1, "income", "carryover"));
  if (carry === 0) return true;
  return t2 !== undefined && lineAmt(line(t2, "income", "carryover")) === carry;
}

/** Splits a code into the parts its cells hold: 类 (3 digits), then 2 digits per cell, the last cell the rest. */
function codeParts(code: string, cells: number): string[] {
  const out: string[] = [];
  let pos = 0;
  for (let k = 0; k < cells; k++) {
    const len = k === cells - 1 ? code.length - pos : k === 0 ? 3 : 2;
    out.push(code.slice(pos, pos + len));
    pos += len;
  }
  return out;
}

/** How strongly other evidence (other tables, the catalog) supports `code` as the right code of a line named `name`. */
export type CodeWitness = (code: string, name: string) => number;

/**
 * Witnesses for a code: 2 when the catalog names the code as the line is named (exactly or nearly), plus 1 per other
 * table of the same classification that prints the code.
 */
function codeWitness(ctx: RuleContext, kind: CodeKind, others: (LedgerTable | undefined)[]): CodeWitness {
  const cat = catalogFor(ctx, kind);
  const printed = others
    .filter((t): t is LedgerTable => usable(t))
    .map((t) => new Set(t.rows.map((r) => r.code).filter((c): c is string => !!c)));
  return (code, name) => {
    const entry = cat.lookup(code, kind);
    const named = entry && compareNames(name, entry.name, code, kind) !== "different" ? 2 : 0;
    return named + printed.filter((set) => set.has(code)).length;
  };
}

/** The cell of the code part where `code` differs from `other` (split codes), else the last code cell. */
function differingCodeCell(t: LedgerTable, r: LedgerRow, other: string): CellRef {
  const cells = r.codeCells ?? [];
  if (cells.length === 0) return rowCell(t, r);
  if (cells.length > 1 && r.code && r.code.length === other.length) {
    const mine = codeParts(r.code, cells.length);
    const theirs = codeParts(other, cells.length);
    const k = mine.findIndex((p, i) => p !== theirs[i]);
    if (k >= 0) return cells[k];
  }
  return cells[cells.length - 1];
}

/**
 * A code printed in `a` on one line that `b` lacks, while `b` has, under a code that `a` lacks, one line with the same
 * name and amount: the code is what differs. The side whose code has fewer witnesses (catalog name, other tables) is
 * reported, `a` on a tie, at the code part that differs (the last code cell when the code is in one cell); both codes
 * are then left out of the amount comparison. Returns the codes handled.
 */
function codeSwaps(
  out: Finding[],
  rule: string,
  a: { table: LedgerTable; key: string; sums: ReturnType<typeof sumByCode> },
  b: { table: LedgerTable; key: string; sums: ReturnType<typeof sumByCode> },
  codes: string[],
  severity: Severity,
  witness: CodeWitness = () => 0,
): Set<string> {
  const handled = new Set<string>();
  const onlyA = codes.filter((c) => a.sums.sums.has(c) && !b.sums.sums.has(c));
  const onlyB = codes.filter((c) => b.sums.sums.has(c) && !a.sums.sums.has(c));
  for (const code of onlyA) {
    const sa = a.sums.sums.get(code)!;
    if (sa.rows.length !== 1 || sa.fen === 0) continue;
    const ra = sa.rows[0];
    const name = normalizeName(ra.name);
    if (name === "") continue;
    const matches = onlyB.filter((c) => {
      const sb = b.sums.sums.get(c)!;
      return !handled.has(c) && sb.rows.length === 1 && sb.fen === sa.fen && normalizeName(sb.rows[0].name) === name;
    });
    if (matches.length !== 1) continue;
    const other = matches[0];
    const rb = b.sums.sums.get(other)!.rows[0];
    handled.add(code);
    handled.add(other);
    const bWrong = witness(code, ra.name) > witness(other, rb.name);
    const [wt, wr, wcode, rt, rr, rcode] = bWrong
      ? ([b.table, rb, other, a.table, ra, code] as const)
      : ([a.table, ra, code, b.table, rb, other] as const);
    const refCell = rr.codeCells?.[rr.codeCells.length - 1] ?? rowCell(rt, rr);
    out.push({
      rule,
      severity,
      message: `${tableLabel(wt.id)}科目“${wcode} ${wr.name.trim()}”在${tableLabel(rt.id)}中没有，${tableLabel(rt.id)}同名同金额的科目编码为“${rcode}”，科目编码不一致。`,
      table: wt.id,
      cells: [differingCodeCell(wt, wr, rcode), refCell],
      expected: rcode,
      actual: wcode,
    });
  }
  return handled;
}

/** Compares two code-keyed sums: every code on either side, skipping a one-sided code when the other side has unattributed amounts. */
function compareByCode(
  out: Finding[],
  rule: string,
  a: { table: LedgerTable; key: string; sums: ReturnType<typeof sumByCode> },
  b: { table: LedgerTable; key: string; sums: ReturnType<typeof sumByCode> },
  opts: { level: string; mode: "equal" | "aWithinB"; severity?: Severity; codes?: string[]; witness?: CodeWitness },
): void {
  const codes = opts.codes ?? [...new Set([...a.sums.sums.keys(), ...b.sums.sums.keys()])].sort();
  const swapped = codeSwaps(out, rule, a, b, codes, opts.severity ?? "error", opts.witness);
  for (const code of codes) {
    if (swapped.has(code)) continue;
    const sa = a.sums.sums.get(code);
    const sb = b.sums.sums.get(code);
    if ((sa?.fen ?? 0) === 0 && (sb?.fen ?? 0) === 0) continue;
    if (!sa && (a.sums.unattributed || opts.mode === "aWithinB")) continue;
    if (!sb && b.sums.unattributed) continue;
    const aName = sa?.rows[0]?.name.trim() ?? sb?.rows[0]?.name.trim() ?? "";
    const what = `${tableLabel(a.table.id)}${opts.level}“${code} ${aName}”`;
    const basis = `${tableLabel(b.table.id)}同一科目`;
    if (!sa) {
      // Present only in b: highlight b's rows, saying a lacks the code.
      const bSide = codeSide(b.table, sb, b.key, a.table.titleCell);
      const aSide: Side = { table: a.table, cells: [], fen: 0, parts: 1 };
      push(
        out,
        compareAmounts({
          rule,
          table: a.table.id,
          cells: bSide.cells.slice(0, MAX_CELLS),
          what: `${tableLabel(a.table.id)}缺少${opts.level}“${code} ${aName}”，${tableLabel(b.table.id)}该科目`,
          expected: 0,
          actual: bSide.fen,
          parts: Math.max(bSide.parts, aSide.parts),
          unit: b.table.unit,
          boundUnit: coarser(a.table.unit, b.table.unit),
          basis: `${tableLabel(a.table.id)}未列`,
          severity: opts.severity,
          terms: () => termsOf(sideCells(bSide), []),
        }),
      );
      continue;
    }
    const aSide = codeSide(a.table, sa, a.key, a.table.titleCell);
    const bSide = codeSide(b.table, sb, b.key, b.table.titleCell);
    if (opts.mode === "aWithinB") notAbove(out, rule, aSide, bSide, what, basis);
    else cross(out, rule, aSide, bSide, what, basis, opts.severity);
  }
}

/** Money value of an indicator written in 万元 or 元, in 分; undefined for other units or non-numbers. */
function indicatorMoney(ind: Indicator): number | undefined {
  const unit = ind.unit.replace(/\s/g, "");
  if (unit !== "万元" && unit !== "元") return undefined;
  const p = parseAmount(ind.value, unit);
  return p.kind === "amount" ? p.fen : undefined;
}

/**
 * Unit keys of a 3-2 row: the 单位代码 written on the row itself and the code and name of the unit line above it
 * (a unit line may carry only its name while its projects carry the code).
 */
function unitKeysOf32(t: LedgerTable, r: LedgerRow): string[] {
  const keys: string[] = [];
  const dept = t.rows.find((y) => y.kind === "org");
  for (let x: LedgerRow | undefined = r; x; x = x.parent !== undefined ? t.rows[x.parent] : undefined) {
    if (x.kind === "org") {
      if (x !== dept) keys.push(...orgKeys(x.unitCode ?? x.code, x.name));
      break;
    }
    if (x.unitCode && keys.length === 0) keys.push(...orgKeys(x.unitCode, ""));
  }
  return [...new Set(keys)];
}

/** The unit lines of a ledger table: org rows under the department line (the first org row). */
function unitRowsOf(t: LedgerTable): number[] {
  const dept = t.rows.findIndex((r) => r.kind === "org");
  if (dept < 0) return [];
  return t.rows[dept].children.filter((c) => t.rows[c].kind === "org");
}

/** Keys of a unit line: its code and name, and the 单位代码 its first coded line repeats. */
function unitLineKeys(t: LedgerTable, i: number): string[] {
  const u = t.rows[i];
  const keys = orgKeys(u.unitCode ?? u.code, u.name);
  const stack = [...u.children];
  while (stack.length > 0) {
    const r = t.rows[stack.shift()!];
    if (r.unitCode && /^\d+$/.test(r.unitCode) && r.kind !== "org") {
      keys.push(...orgKeys(r.unitCode, ""));
      break;
    }
    stack.unshift(...r.children);
  }
  return [...new Set(keys)];
}

/**
 * Pairs the unit lines of two tables by code or name: [a, b] row indexes, or undefined unless both tables have
 * two units or more and every unit of a pairs with exactly one unit of b, none shared.
 */
function pairUnits(a: LedgerTable, b: LedgerTable): [number, number][] | undefined {
  const ua = unitRowsOf(a);
  const ub = unitRowsOf(b);
  if (ua.length < 2 || ub.length < 2) return undefined;
  const byKey = new Map<string, number[]>();
  for (const j of ub)
    for (const k of unitLineKeys(b, j)) {
      const list = byKey.get(k);
      if (list) list.push(j);
      else byKey.set(k, [j]);
    }
  const pairs: [number, number][] = [];
  const taken = new Set<number>();
  for (const i of ua) {
    const cands = new Set(unitLineKeys(a, i).flatMap((k) => byKey.get(k) ?? []));
    if (cands.size !== 1) return undefined;
    const j = [...cands][0];
    if (taken.has(j)) return undefined;
    taken.add(j);
    pairs.push([i, j]);
  }
  return pairs;
}

/** Unit keys of a 表6 project: "229001-凉山州科学技术协会" gives the code and the name. */
function unitKeysOf6(p: PerfProject): string[] {
  const m = /^\s*(\d+)\s*[-－—]?\s*(.*)$/.exec(p.unitName ?? "");
  return m ? orgKeys(m[1], m[2]) : orgKeys(undefined, p.unitName ?? "");
}

function orgKeys(code: string | undefined, name: string): string[] {
  const n = normalizeName(name.replace(/部门$/, ""));
  return [...(code ? [`c:${code}`] : []), ...(n ? [`n:${n}`] : [])];
}

/** Longest common subsequence of the match keys over the longer key's length (0..1). */
function similarity(a: string, b: string): number {
  const x = [...nameMatchKey(a)];
  const y = [...nameMatchKey(b)];
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Array<number>(y.length + 1).fill(0);
  for (const cx of x) {
    const cur = new Array<number>(y.length + 1).fill(0);
    for (let j = 0; j < y.length; j++) cur[j + 1] = cx === y[j] ? prev[j] + 1 : Math.max(prev[j + 1], cur[j]);
    prev = cur;
  }
  return prev[y.length] / Math.max(x.length, y.length);
}

function isCost(ind: Indicator): boolean {
  return ind.level1.includes("成本") || ind.level2.includes("成本");
}

export const CROSS_RULES: RuleDef[] = [
  {
    id: "F8",
    family: "cross",
    tables: ["1-2", "1"],
    severity: "error",
    title: "支出总表与收支总表",
    description: "表1-2各科目按类汇总等于表1对应的类支出行；表1-2合计等于表1本年支出合计。",
    check({ model }) {
      const out: Finding[] = [];
      const t12 = model.tables["1-2"];
      const t1 = nonEmpty1(model);
      if (!usable(t12) || !t1) return out;
      const { sums, unattributed } = sumByCode(t12, "total", 3);
      const classLines = t1.expense.filter((l) => /^class:\d{3}$/.test(l.key));
      const codes = new Set([...sums.keys(), ...classLines.filter((l) => lineAmt(l) !== 0).map((l) => l.key.slice(6))]);
      for (const code of [...codes].sort()) {
        const s = sums.get(code);
        const l = classLines.find((c) => c.key === `class:${code}`);
        if ((s?.fen ?? 0) === 0 && lineAmt(l) === 0) continue;
        if (!s && unattributed) continue;
        const part = codeSide(t12, s, "total", t12.titleCell);
        if (!l) {
          cross(
            out,
            "F8",
            part,
            { table: t1, cells: [], fen: 0, parts: 1, amounts: false },
            `表1-2类“${code}”各科目之和`,
            "表1未列该类支出",
          );
          continue;
        }
        cross(
          out,
          "F8",
          { table: t1, cells: [lineCell(t1, l)], fen: lineAmt(l), parts: 1 },
          part,
          `表1“${lineName(l)}”`,
          `表1-2类${code}各科目之和`,
        );
      }
      // 表1-2合计 = 表1本年支出合计 is a formula line.
      out.push(...formulaFindings("F8", model));
      return out;
    },
  },
  {
    id: "F10",
    family: "cross",
    tables: ["2", "1"],
    severity: "error",
    title: "财政拨款支出不超过部门支出",
    description: "表2各类支出合计不大于表1同类支出；部门收入全部为财政拨款时两者相等。",
    check({ model }) {
      const out: Finding[] = [];
      const t1 = nonEmpty1(model);
      const t2 = model.tables["2"];
      if (!t1 || !usable(t2)) return out;
      const equal = allFiscal(model);
      for (const l2 of t2.expense) {
        if (!/^class:\d{3}$/.test(l2.key)) continue;
        const l1 = line(t1, "expense", l2.key);
        if (!l1) continue;
        if (lineAmt(l2, "total") === 0 && lineAmt(l1) === 0) continue;
        const hi: Side = { table: t2, cells: [lineCell(t2, l2, "total")], fen: lineAmt(l2, "total"), parts: 1 };
        const lo: Side = { table: t1, cells: [lineCell(t1, l1)], fen: lineAmt(l1), parts: 1 };
        const what = `表2“${lineName(l2)}”合计`;
        if (equal) cross(out, "F10", hi, lo, what, "表1同类支出（收入全部为财政拨款）");
        else notAbove(out, "F10", hi, lo, what, "表1同类支出");
      }
      return out;
    },
  },
  {
    id: "F11",
    family: "cross",
    tables: ["2", "3", "1"],
    severity: "error",
    title: "一般公共预算支出与财政拨款收支总表",
    description:
      "表2一般公共预算栏各类支出等于表3同类科目之和；表2一般公共预算拨款收入（及其上年结转）等于表1对应收入。",
    check({ model }) {
      const out: Finding[] = [];
      const t2 = model.tables["2"];
      if (!usable(t2)) return out;
      const t3 = model.tables["3"];
      if (usable(t3)) {
        const sums = sumByCode(t3, "total", 3);
        const codes = new Set([
          ...sums.sums.keys(),
          ...t2.expense
            .filter((l) => /^class:\d{3}$/.test(l.key) && lineAmt(l, "gpb") !== 0)
            .map((l) => l.key.slice(6)),
        ]);
        for (const code of [...codes].sort()) {
          const l = line(t2, "expense", `class:${code}`);
          const s = sums.sums.get(code);
          if (!s && sums.unattributed) continue;
          if (!l) continue;
          const part = codeSide(t3, s, "total", t3.titleCell);
          cross(
            out,
            "F11",
            { table: t2, cells: [lineCell(t2, l, "gpb")], fen: lineAmt(l, "gpb"), parts: 1 },
            part,
            `表2“${lineName(l)}”一般公共预算栏`,
            `表3类${code}各科目之和`,
          );
        }
      }
      const t1 = nonEmpty1(model);
      if (t1) {
        // 一般公共预算拨款收入 is a formula line; its carry-over prints the same name, so it is compared here.
        out.push(...formulaFindings("F11", model));
        const a = summarySide(t2, "income", "carryover.gpb");
        const b = summarySide(t1, "income", "carryover.gpb");
        if (a && b && (a.fen !== 0 || b.fen !== 0)) {
          cross(
            out,
            "F11",
            a,
            b,
            `表2“${lineName(line(t2, "income", "carryover.gpb")!)}”`,
            `表1“${lineName(line(t1, "income", "carryover.gpb")!)}”`,
          );
        }
      }
      return out;
    },
  },
  {
    id: "F14",
    family: "cross",
    tables: ["2-1", "3-1", "3-2"],
    severity: "error",
    title: "经济分类支出表与基本、项目支出表",
    description:
      "表2-1本级一般公共预算基本支出按经济分类款汇总等于表3-1同一款；表2-1一般公共预算项目支出合计等于表3-2合计。",
    check(ctx) {
      const { model } = ctx;
      const out: Finding[] = [];
      const t21 = model.tables["2-1"];
      if (!usable(t21)) return out;
      const t31 = model.tables["3-1"];
      if (usable(t31) && hasCol(t21, "cur.gpb.basic")) {
        compareByCode(
          out,
          "F14",
          { table: t21, key: "cur.gpb.basic", sums: sumByCode(t21, "cur.gpb.basic", 5) },
          { table: t31, key: "total", sums: sumByCode(t31, "total", 5) },
          { level: "款", mode: "equal", witness: codeWitness(ctx, "economic", []) },
        );
      }
      // 表2-1一般公共预算项目支出合计 = 表3-2合计 is a formula line.
      out.push(...formulaFindings("F14", model));
      return out;
    },
  },
  {
    id: "F16",
    family: "cross",
    tables: ["3", "1-2"],
    severity: "error",
    title: "一般公共预算支出表与支出总表",
    description:
      "表3的科目是表1-2中由一般公共预算安排的科目；部门支出全部为一般公共预算时，表3各科目金额等于表1-2同一科目合计。",
    check(ctx) {
      const { model } = ctx;
      const out: Finding[] = [];
      const t3 = model.tables["3"];
      const t12 = model.tables["1-2"];
      if (!usable(t3) || !usable(t12)) return out;
      compareByCode(
        out,
        "F16",
        { table: t3, key: "total", sums: sumByCode(t3, "total", 7) },
        { table: t12, key: "total", sums: sumByCode(t12, "total", 7) },
        {
          level: "科目",
          mode: allGpb(model) ? "equal" : "aWithinB",
          witness: codeWitness(ctx, "functional", [model.tables["3-2"]]),
        },
      );
      return out;
    },
  },
  {
    id: "F18",
    family: "cross",
    tables: ["3-1"],
    severity: "error",
    title: "人员经费与公用经费口径",
    description:
      "表3-1中301、303类只列人员经费，302、310类只列公用经费；人员经费合计=301类+303类，公用经费合计=302类+310类。",
    check({ model }) {
      const out: Finding[] = [];
      const t = model.tables["3-1"];
      if (!usable(t)) return out;
      const wrongCol: Record<string, string> = {
        "301": "public",
        "303": "public",
        "302": "personnel",
        "310": "personnel",
      };
      for (const r of t.rows) {
        if (!r.code || r.kind === "total" || r.kind === "org") continue;
        const key = wrongCol[r.code.slice(0, 3)];
        if (!key || amt(r, key) === 0) continue;
        const label = key === "public" ? "公用经费" : "人员经费";
        const right = key === "public" ? "人员经费" : "公用经费";
        out.push({
          rule: "F18",
          severity: "error",
          message: `表3-1“${r.code} ${r.name.trim()}”属于${right}科目，但在“${label}”栏列了${fmt(amt(r, key), t.unit)}，应为0。`,
          table: "3-1",
          cells: [r.amounts[key].cell],
          expected: fmt(0, t.unit),
          actual: fmt(amt(r, key), t.unit),
        });
      }
      const tr = totalRow(t);
      if (!tr) return out;
      const byClass = sumByCode(t, "total", 3);
      for (const [key, classes, label] of [
        ["personnel", ["301", "303"], "人员经费"],
        ["public", ["302", "310"], "公用经费"],
      ] as const) {
        if (!hasCol(t, key) || byClass.unattributed) continue;
        const sums = classes.map((c) => byClass.sums.get(c)).filter((s): s is CodeSum => s !== undefined);
        const rows = sums.flatMap((s) => s.rows);
        const part: Side = {
          table: t,
          cells: rows.map((r) => cellAt(t, r, "total")!).filter(Boolean),
          fen: sums.reduce((s, x) => s + x.fen, 0),
          parts: rows.length,
        };
        if (part.fen === 0 && amt(tr, key) === 0) continue;
        cross(out, "F18", ledgerSide(t, [tr], key), part, `表3-1合计行“${label}”`, `${classes.join("类+")}类之和`);
      }
      return out;
    },
  },
  {
    id: "F19",
    family: "cross",
    tables: ["3-1", "1-2"],
    severity: "error",
    title: "基本支出表与支出总表",
    description: "表3-1合计等于表1-2基本支出合计。",
    check({ model }) {
      const out: Finding[] = [];
      const t31 = model.tables["3-1"];
      const t12 = model.tables["1-2"];
      if (!usable(t31) || !usable(t12) || !hasCol(t12, "basic")) return out;
      const a = totalRow(t31);
      const b = totalRow(t12);
      if (!a || !b) return out;
      const hi = ledgerSide(t31, [a], "total");
      const lo = ledgerSide(t12, [b], "basic");
      if (allGpb(model)) cross(out, "F19", hi, lo, "表3-1合计", "表1-2基本支出合计");
      else notAbove(out, "F19", hi, lo, "表3-1合计", "表1-2基本支出合计");
      return out;
    },
  },
  {
    id: "F20",
    family: "cross",
    tables: ["3-1", "1-2"],
    severity: "warning",
    title: "社保缴费与功能科目对应",
    description:
      "表3-1的30108机关事业单位基本养老保险缴费、30109职业年金缴费、30113住房公积金分别等于表1-2基本支出中的2080505、2080506、2210201。",
    check({ model }) {
      const out: Finding[] = [];
      const t31 = model.tables["3-1"];
      const t12 = model.tables["1-2"];
      if (!usable(t31) || !usable(t12) || !hasCol(t12, "basic")) return out;
      const econ = sumByCode(t31, "total", 5);
      const func = sumByCode(t12, "basic", 7);
      const equal = allGpb(model);
      for (const [e, f] of [
        ["30108", "2080505"],
        ["30109", "2080506"],
        ["30113", "2210201"],
      ]) {
        const se = econ.sums.get(e);
        const sf = func.sums.get(f);
        if ((se?.fen ?? 0) === 0 && (sf?.fen ?? 0) === 0) continue;
        if (!se && econ.unattributed) continue;
        if (!sf && func.unattributed) continue;
        const hi = codeSide(t31, se, "total", t31.titleCell);
        const lo = codeSide(t12, sf, "basic", t12.titleCell);
        if (!se) hi.cells = [];
        const what = `表3-1“${e}”`;
        const basis = `表1-2基本支出“${f}”`;
        if (!se) {
          // Missing on the 3-1 side: highlight the 1-2 line.
          cross(out, "F20", lo, hi, `表1-2基本支出“${f}”`, `表3-1“${e}”未列`, "warning");
        } else if (equal) cross(out, "F20", hi, lo, what, basis, "warning");
        else if (hi.fen > lo.fen) cross(out, "F20", hi, lo, what, basis, "warning");
      }
      return out;
    },
  },
  {
    id: "F21",
    family: "cross",
    tables: ["3-1", "1-2"],
    severity: "info",
    title: "医疗保险缴费与行政事业单位医疗",
    description:
      "表3-1的3011001职工基本医疗保险缴费通常等于表1-2基本支出中2101101行政单位医疗与2101102事业单位医疗之和（地方口径，仅作提示）。",
    check({ model }) {
      const out: Finding[] = [];
      const t31 = model.tables["3-1"];
      const t12 = model.tables["1-2"];
      if (!usable(t31) || !usable(t12) || !hasCol(t12, "basic")) return out;
      const se = sumByCode(t31, "total", 7).sums.get("3011001");
      if (!se) return out;
      const func = sumByCode(t12, "basic", 7);
      const rows = ["2101101", "2101102"].flatMap((c) => func.sums.get(c)?.rows ?? []);
      if (rows.length === 0) return out;
      cross(
        out,
        "F21",
        codeSide(t31, se, "total", t31.titleCell),
        ledgerSide(t12, rows, "basic"),
        "表3-1“3011001 职工基本医疗保险缴费”",
        "表1-2基本支出2101101+2101102",
        "info",
      );
      return out;
    },
  },
  {
    id: "F24",
    family: "cross",
    tables: ["3-2", "1-2"],
    severity: "error",
    title: "项目支出表与支出总表",
    description:
      "表3-2合计等于表1-2项目支出合计；表3-2按功能科目（项）汇总等于表1-2同一科目的项目支出（部门支出全部为一般公共预算时相等，否则不大于）；多个单位时逐单位核对（按单位代码或名称对应）。",
    check(ctx) {
      const { model } = ctx;
      const out: Finding[] = [];
      const t32 = model.tables["3-2"];
      const t12 = model.tables["1-2"];
      if (!usable(t32) || !usable(t12) || !hasCol(t12, "project")) return out;
      const equal = allGpb(model);
      const a = totalRow(t32);
      const b = totalRow(t12);
      if (a && b) {
        const hi = ledgerSide(t32, [a], "total");
        const lo = ledgerSide(t12, [b], "project");
        if (equal) cross(out, "F24", hi, lo, "表3-2合计", "表1-2项目支出合计");
        else notAbove(out, "F24", hi, lo, "表3-2合计", "表1-2项目支出合计");
      }
      const opts = {
        mode: equal ? ("equal" as const) : ("aWithinB" as const),
        witness: codeWitness(ctx, "functional", [model.tables["3"]]),
      };
      // Several units: each unit's projects against the same unit's 1-2 lines (the same 项 code may carry different
      // amounts in different units); the department-wide sums when the units cannot be paired.
      const pairs = pairUnits(t32, t12);
      if (pairs) {
        for (const [u32, u12] of pairs) {
          const label = t32.rows[u32].name.trim() || t32.rows[u32].unitCode || t12.rows[u12].name.trim();
          compareByCode(
            out,
            "F24",
            { table: t32, key: "total", sums: sumByCode(t32, "total", 7, undefined, [u32]) },
            { table: t12, key: "project", sums: sumByCode(t12, "project", 7, undefined, [u12]) },
            { ...opts, level: `单位“${label}”科目` },
          );
        }
        return out;
      }
      compareByCode(
        out,
        "F24",
        { table: t32, key: "total", sums: sumByCode(t32, "total", 7) },
        { table: t12, key: "project", sums: sumByCode(t12, "project", 7) },
        { ...opts, level: "科目" },
      );
      return out;
    },
  },
  {
    id: "F26",
    family: "cross",
    tables: ["3-3", "2-1", "3-1"],
    severity: "error",
    title: "“三公”经费与经济分类科目",
    description:
      "表2-1中30212因公出国（境）费用、31013（及30913）公务用车购置、30231公务用车运行维护费、30217公务接待费分别等于表3-3对应栏；无表2-1时，表3-1中各科目不大于表3-3对应栏。",
    check({ model }) {
      const out: Finding[] = [];
      const t33 = model.tables["3-3"];
      if (!usable(t33)) return out;
      const tr = totalRow(t33);
      if (!tr) return out;
      const map: [string, string[], string][] = [
        ["overseas", ["30212"], "因公出国（境）费用"],
        ["vehiclePurchase", ["31013", "30913"], "公务用车购置费"],
        ["vehicleOperation", ["30231"], "公务用车运行费"],
        ["reception", ["30217"], "公务接待费"],
      ];
      const t21 = model.tables["2-1"];
      const t31 = model.tables["3-1"];
      let source: { t: LedgerTable; key: string; equal: boolean } | undefined;
      if (usable(t21)) {
        const key = hasCol(t21, "cur.gpb.sub")
          ? "cur.gpb.sub"
          : hasCol(t21, "cur.gpb.basic")
            ? "cur.gpb.basic"
            : undefined;
        if (key) source = { t: t21, key, equal: key === "cur.gpb.sub" };
      } else if (usable(t31)) source = { t: t31, key: "total", equal: false };
      if (!source) return out;
      const { t, key, equal } = source;
      const sums = sumByCode(t, key, 5);
      for (const [col, codes, label] of map) {
        if (!hasCol(t33, col)) continue;
        const found = codes.map((c) => sums.sums.get(c)).filter((s): s is CodeSum => s !== undefined);
        if (found.length === 0 && sums.unattributed) continue;
        const rows = found.flatMap((s) => s.rows);
        const econ: Side = {
          table: t,
          cells: rows.map((r) => cellAt(t, r, key)!).filter(Boolean),
          fen: found.reduce((s, x) => s + x.fen, 0),
          parts: Math.max(rows.length, 1),
        };
        const three = ledgerSide(t33, [tr], col);
        if (econ.fen === 0 && three.fen === 0) continue;
        const basis = `${tableLabel(t.id)}${codes.join("+")}`;
        if (equal) cross(out, "F26", three, econ, `表3-3“${label}”`, basis);
        else if (econ.fen > three.fen) {
          cross(out, "F26", econ, three, `${tableLabel(t.id)}${codes.join("+")}“${label}”`, `不大于表3-3“${label}”`);
          const f = out[out.length - 1];
          if (f) f.message = f.message.replace(/应为/, "应不大于");
        }
      }
      return out;
    },
  },
  {
    id: "F28",
    family: "cross",
    tables: ["4", "4-1", "5", "1", "2"],
    severity: "error",
    title: "政府性基金、国有资本经营预算表",
    description:
      "没有政府性基金（国有资本经营）预算拨款时，表4和表4-1（表5）应为空表并注明无数据；有拨款时，表4（表5）合计等于表2对应支出。",
    check({ model }) {
      const out: Finding[] = [];
      const t1 = model.tables["1"];
      const t2 = model.tables["2"];
      if (!t1 && !t2) return out;
      for (const [fund, label, ids] of [
        ["fund", "政府性基金预算", ["4", "4-1"]],
        ["soe", "国有资本经营预算", ["5"]],
      ] as const) {
        const amounts = [
          ...(t1
            ? t1.income.filter((l) => l.key === fund || l.key === `carryover.${fund}`).map((l) => lineAmt(l))
            : []),
          ...(t2
            ? t2.income.filter((l) => l.key === fund || l.key === `carryover.${fund}`).map((l) => lineAmt(l))
            : []),
          ...(t2 ? t2.expense.map((l) => lineAmt(l, fund)) : []),
        ];
        const has = amounts.some((a) => a !== 0);
        const main = model.tables[ids[0]];
        if (!has) {
          for (const id of ids) {
            const t = model.tables[id];
            if (!t || t.empty) continue;
            const tr = totalRow(t);
            out.push({
              rule: "F28",
              severity: "error",
              message: `表1、表2没有${label}拨款，${tableLabel(id)}应为空表并注明“此表无数据”，但该表列有数据。`,
              table: id,
              cells: [tr ? (cellAt(t, tr, "total") ?? rowCell(t, tr)) : t.titleCell],
            });
          }
          continue;
        }
        if (!main || !t2) continue;
        const exCur = line(t2, "expense", "currentTotal");
        if (!exCur) continue;
        const expected: Side = { table: t2, cells: [lineCell(t2, exCur, fund)], fen: lineAmt(exCur, fund), parts: 1 };
        const tr = totalRow(main);
        const hi: Side =
          main.empty || !tr
            ? { table: main, cells: [main.noDataCell ?? main.titleCell], fen: 0, parts: 1, amounts: false as const }
            : ledgerSide(main, [tr], "total");
        cross(out, "F28", hi, expected, `${tableLabel(main.id)}合计`, `表2“本年支出”${label}栏`);
      }
      return out;
    },
  },
  {
    id: "F29",
    family: "cross",
    tables: ["6", "1-2"],
    severity: "error",
    title: "项目绩效目标表金额",
    description: "表6部门行预算数等于各项目预算数之和，也等于表1-2合计。",
    check({ model }) {
      const out: Finding[] = [];
      const t6 = model.tables["6"];
      if (!usable(t6)) return out;
      const projects = t6.projects.filter((p) => p.budget !== undefined);
      const projSide: Side = {
        table: t6,
        cells: projects.map((p) => p.budget!.cell),
        fen: projects.reduce((s, p) => s + p.budget!.fen, 0),
        parts: projects.length,
      };
      const dept = t6.departmentLine?.budget;
      const deptSide: Side | undefined = dept ? { table: t6, cells: [dept.cell], fen: dept.fen, parts: 1 } : undefined;
      if (deptSide && projects.length > 0) cross(out, "F29", deptSide, projSide, "表6部门行预算数", "各项目预算数之和");
      const t12 = model.tables["1-2"];
      const tr = usable(t12) ? totalRow(t12) : undefined;
      if (t12 && tr && hasCol(t12, "total")) {
        const other = ledgerSide(t12, [tr], "total");
        if (deptSide) cross(out, "F29", deptSide, other, "表6部门行预算数", "表1-2合计");
        else if (projects.length > 0) cross(out, "F29", projSide, other, "表6各项目预算数之和", "表1-2合计");
      }
      return out;
    },
  },
  {
    id: "F30",
    family: "cross",
    tables: ["6", "3-2", "3-1"],
    severity: "error",
    title: "项目绩效目标表与基本、项目支出表",
    description:
      "表6中与表3-2同名的特定目标类（T）、运转类（Y）项目，预算数等于表3-2金额，名称应与表3-2一致；人员类（R）项目预算数之和等于表3-1人员经费；不在表3-2中的运转类项目之和等于表3-1公用经费。",
    check({ model }) {
      const out: Finding[] = [];
      const t6 = model.tables["6"];
      if (!usable(t6)) return out;
      const t32 = usable(model.tables["3-2"]) ? model.tables["3-2"] : undefined;
      const items = t32 ? t32.rows.filter((r) => r.kind === "item" && r.name.trim() !== "") : [];
      // Projects are matched within their unit (several units may each have a project of the same name): 表6 names
      // the unit "单位代码-单位名称", 3-2 has the unit line above its projects (code, name or both).
      const byKey = new Map<string, LedgerRow[]>();
      const add = (k: string, r: LedgerRow) => {
        const list = byKey.get(k);
        if (list) list.push(r);
        else byKey.set(k, [r]);
      };
      const unitKeys = new Set<string>();
      for (const r of items) {
        const nk = nameMatchKey(r.name);
        add(`\u0000${nk}`, r);
        for (const u of unitKeysOf32(t32!, r)) {
          unitKeys.add(u);
          add(`${u}\u0000${nk}`, r);
        }
      }
      const used = new Set<LedgerRow>();
      const matched = new Map<PerfProject, LedgerRow[]>();
      for (const p of t6.projects) {
        if (p.category !== "T" && p.category !== "Y") continue;
        const nk = nameMatchKey(p.name);
        const own = unitKeysOf6(p).filter((u) => unitKeys.has(u));
        const byUnit = own.map((u) => byKey.get(`${u}\u0000${nk}`)).find((rows) => rows !== undefined);
        // Without a unit both tables agree on, the name alone decides only when it is not shared by several units.
        const anyUnit = byKey.get(`\u0000${nk}`);
        const rows =
          own.length > 0
            ? byUnit
            : anyUnit && new Set(anyUnit.map((r) => unitKeysOf32(t32!, r)[0])).size <= 1
              ? anyUnit
              : undefined;
        if (rows) {
          matched.set(p, rows);
          rows.forEach((r) => used.add(r));
        }
      }
      // A project whose name is closest to one unmatched 3-2 line of the same amount is that line, misnamed.
      const loose = new Set<PerfProject>();
      for (const p of t6.projects) {
        if ((p.category !== "T" && p.category !== "Y") || matched.has(p) || !p.budget) continue;
        const cands = items
          .filter((r) => !used.has(r) && amt(r, "total") === p.budget!.fen)
          .map((r) => ({ r, sim: similarity(r.name, p.name) }))
          .filter((c) => c.sim >= 0.6)
          .sort((a, b) => b.sim - a.sim);
        if (cands.length === 0 || (cands.length > 1 && cands[1].sim === cands[0].sim)) continue;
        matched.set(p, [cands[0].r]);
        used.add(cands[0].r);
        loose.add(p);
      }
      const yOutside: PerfProject[] = [];
      for (const p of t6.projects) {
        if (p.category !== "T" && p.category !== "Y") continue;
        const rows = matched.get(p);
        if (!rows || !t32) {
          if (p.category === "Y") yOutside.push(p);
          continue;
        }
        const printed = rows[0].name.trim();
        if (loose.has(p) || normalizeName(printed) !== normalizeName(p.name)) {
          out.push({
            rule: "F30",
            severity: "warning",
            message: `表6项目名称“${p.name}”与表3-2的“${printed}”不一致，同一项目在各表中的名称应相同。`,
            table: "6",
            cells: [p.nameCell, rowCell(t32, rows[0])],
            expected: printed,
            actual: p.name,
          });
        }
        if (p.category === "Y") {
          out.push({
            rule: "F30",
            severity: "info",
            message: `表6项目“${p.name}”编码为运转类（Y），但列在表3-2项目支出中；核对表3-1公用经费时已将其剔除。`,
            table: "6",
            cells: [p.nameCell, rowCell(t32, rows[0])],
          });
        }
        const hi: Side = { table: t6, cells: [p.budget?.cell ?? p.budgetCell], fen: p.budget?.fen ?? 0, parts: 1 };
        cross(out, "F30", hi, ledgerSide(t32, rows, "total"), `表6项目“${p.name}”预算数`, "表3-2同一项目金额");
      }
      const t31 = model.tables["3-1"];
      const tr = usable(t31) ? totalRow(t31) : undefined;
      if (!t31 || !tr) return out;
      const groups: [string, PerfProject[], string, string][] = [
        ["personnel", t6.projects.filter((p) => p.category === "R"), "人员经费", "人员类（R）项目"],
        ["public", yOutside, "公用经费", "不在表3-2中的运转类（Y）项目"],
      ];
      for (const [key, projects, label, who] of groups) {
        if (projects.length === 0 || !hasCol(t31, key)) continue;
        // 3-1 is checked on its own (F18); the 表6 side is the likelier slip, so its first project is highlighted.
        const side: Side = {
          table: t6,
          cells: projects.map((p) => p.budget?.cell ?? p.budgetCell),
          fen: projects.reduce((s, p) => s + (p.budget?.fen ?? 0), 0),
          parts: projects.length,
        };
        cross(out, "F30", side, ledgerSide(t31, [tr], key), `表6${who}预算数之和`, `表3-1合计行“${label}”`);
      }
      return out;
    },
  },
  {
    id: "F32",
    family: "cross",
    tables: ["6"],
    severity: "warning",
    title: "成本指标与项目预算数",
    description: "表6项目的成本指标（如“≤X万元”）金额应等于该项目预算数。",
    check({ model }) {
      const out: Finding[] = [];
      const t6 = model.tables["6"];
      if (!usable(t6)) return out;
      for (const p of t6.projects) {
        if (!p.budget) continue;
        const costs = p.indicators.filter((i) => isCost(i) && indicatorMoney(i) !== undefined);
        if (costs.length === 0) continue;
        const total = costs.reduce((s, i) => s + indicatorMoney(i)!, 0);
        if (total === p.budget.fen) continue;
        const unit = costs[0].unit.replace(/\s/g, "") as MoneyUnit;
        const exp = fmt(p.budget.fen, unit);
        const act = costs.map((c) => `${c.nature}${c.value}${unit}`).join("、");
        out.push({
          rule: "F32",
          severity: "warning",
          message: `表6项目“${p.name}”的成本指标${act}与项目预算数${fmt(p.budget.fen, t6.unit)}${t6.unit}不一致，成本指标应为${exp}${unit}。`,
          table: "6",
          cells: [...costs.map((c) => c.cells.value), p.budget.cell],
          expected: exp,
          actual: fmt(total, unit),
          // Only the budget cell is an amount; the cost indicator cells hold text such as "≤15".
          equation: { terms: termsOf([], [p.budget.cell]), gap: total - p.budget.fen, tolerance: 0 },
        });
      }
      return out;
    },
  },
  {
    id: "F33",
    family: "cross",
    tables: ["7", "1", "2"],
    severity: "error",
    title: "部门整体资金总额",
    description:
      "部门整体支出绩效目标表的资金总额等于财政拨款加其他资金，并等于表1支出总计；财政拨款等于表2财政拨款收入总计。",
    check({ model }) {
      const out: Finding[] = [];
      const t7 = model.tables["7"];
      if (!usable(t7)) return out;
      const cell = t7.totalFunds?.cell ?? t7.totalFundsCell;
      if (!cell) return out;
      const hi: Side = { table: t7, cells: [cell], fen: t7.totalFunds?.fen ?? 0, parts: 1 };
      const t1 = nonEmpty1(model);
      const total = t1
        ? (summarySide(t1, "expense", "grandTotal") ?? summarySide(t1, "income", "grandTotal"))
        : undefined;
      const t2 = model.tables["2"];
      const fiscal = t7.fiscalFunds && usable(t2) ? fiscalIncome(t2) : undefined;
      const agrees = (a: number, o: Side | undefined) =>
        o !== undefined && compareWithRounding(a, o.fen, o.parts, coarser(t7.unit, o.table.unit)) !== "mismatch";
      const parts = [t7.fiscalFunds, t7.otherFunds].filter((a) => a !== undefined);
      if (parts.length > 0 && t7.totalFunds) {
        const totalOk = agrees(t7.totalFunds.fen, total);
        const fiscalOk = t7.fiscalFunds !== undefined && agrees(t7.fiscalFunds.fen, fiscal);
        const fiscalOff = t7.fiscalFunds !== undefined && fiscal !== undefined && !fiscalOk;
        // The term that disagrees while the other two are confirmed by 表1 / 表2 is highlighted; else 资金总额.
        const odd =
          totalOk && fiscalOk && t7.otherFunds
            ? { amount: t7.otherFunds, other: t7.fiscalFunds, what: "其他资金", basis: "资金总额−财政拨款" }
            : totalOk && fiscalOff
              ? { amount: t7.fiscalFunds!, other: t7.otherFunds, what: "财政拨款", basis: "资金总额−其他资金" }
              : undefined;
        if (odd) {
          const expected = t7.totalFunds.fen - (odd.other?.fen ?? 0);
          const lo: Side = {
            table: t7,
            cells: cellsOf(t7.totalFunds.cell, odd.other?.cell),
            fen: expected,
            parts: odd.other ? 2 : 1,
          };
          // odd + other = 资金总额
          const terms = () => termsOf([odd.amount.cell, ...cellsOf(odd.other?.cell)], [t7.totalFunds!.cell]);
          cross(
            out,
            "F33",
            { table: t7, cells: [odd.amount.cell], fen: odd.amount.fen, parts: 1 },
            lo,
            odd.what,
            odd.basis,
            "error",
            terms,
          );
        } else {
          cross(
            out,
            "F33",
            hi,
            {
              table: t7,
              cells: parts.map((a) => a.cell),
              fen: parts.reduce((s, a) => s + a.fen, 0),
              parts: parts.length,
            },
            "资金总额",
            "财政拨款+其他资金",
          );
        }
      }
      if (total) cross(out, "F33", hi, total, "部门整体支出绩效目标表资金总额", "表1支出总计");
      if (t7.fiscalFunds && fiscal) {
        const fs: Side = { table: t7, cells: [t7.fiscalFunds.cell], fen: t7.fiscalFunds.fen, parts: 1 };
        cross(out, "F33", fs, fiscal, "部门整体支出绩效目标表财政拨款", "表2财政拨款收入总计");
      }
      return out;
    },
  },
  {
    id: "F34",
    family: "cross",
    tables: ["7", "1"],
    severity: "error",
    title: "部门整体成本指标与任务金额",
    description:
      "部门整体支出绩效目标表的成本指标金额等于资金总额；列有任务金额时，各年度主要任务金额之和等于资金总额。成本指标随错误的资金总额一同填列时给出提示。",
    check({ model }) {
      const out: Finding[] = [];
      const t7 = model.tables["7"];
      if (!usable(t7) || !t7.totalFunds) return out;
      const hi: Side = { table: t7, cells: [t7.totalFunds.cell], fen: t7.totalFunds.fen, parts: 1 };
      const costs = t7.indicators.filter((i) => isCost(i) && indicatorMoney(i) !== undefined);
      if (costs.length > 0) {
        const side: Side = {
          table: t7,
          cells: costs.map((c) => c.cells.value),
          fen: costs.reduce((s, c) => s + indicatorMoney(c)!, 0),
          parts: costs.length,
        };
        cross(out, "F34", side, hi, "成本指标金额", "资金总额");
        // Consistent with a 资金总额 that F33 finds wrong: worth a note, not a second error.
        const t1 = nonEmpty1(model);
        const total = t1
          ? (summarySide(t1, "expense", "grandTotal") ?? summarySide(t1, "income", "grandTotal"))
          : undefined;
        if (side.fen === hi.fen && total && total.fen !== hi.fen) {
          out.push({
            rule: "F34",
            severity: "info",
            message: `成本指标金额${fmt(side.fen, t7.unit)}${t7.unit}与资金总额一致，但资金总额与表1支出总计${fmt(total.fen, t7.unit)}${t7.unit}不一致，更正资金总额时请一并更正成本指标。`,
            table: "7",
            cells: [...side.cells, hi.cells[0]],
          });
        }
      }
      const tasks = t7.tasks.filter((t) => t.amount !== undefined);
      if (tasks.length > 0) {
        const side: Side = {
          table: t7,
          cells: tasks.map((t) => t.amount!.cell),
          fen: tasks.reduce((s, t) => s + t.amount!.fen, 0),
          parts: tasks.length,
        };
        cross(out, "F34", hi, side, "资金总额", "各年度主要任务金额之和");
      }
      return out;
    },
  },
];
