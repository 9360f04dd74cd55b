/**
 * Fault diagnosis across findings (issue #7). Every equation-type finding carries its broken equation
 * (`Finding.equation`: Σ coef·value = 0 with the gap it misses by). A single wrong cell breaks every equation it takes
 * part in, each by coef·δ, and leaves the rest alone. So, working on the equations only (whatever rule or user formula
 * produced them), the pass looks for the cells whose one change repairs the most broken equations while breaking no
 * equation that holds, picks them greedily (a single-cell explanation first; the same change in several cells of one
 * row when no single cell explains the gaps), and reports each such fault as ONE finding: cells[0] is the cell to fix,
 * the message says what is wrong and what it throws off, and the broken equations are kept in `related`.
 * Broken equations that no change explains cleanly are left as their rules reported them.
 * Non-equation findings at the fixed cell (a negative or non-numeric amount, a code fault on its row) absorb the fault.
 */
import type { EquationTerm, Finding, RelatedFinding, RuleDef, Severity } from "../model/findings";
import type { AnyTable, AnyTableId, BudgetModel } from "../model/tables";
import type { MoneyUnit } from "../model/money";
import { a1, type CellRef } from "../model/workbook";
import { columnLabel, fmt, lineName, observeHoldingEquations, rowLabel, tableLabel } from "./util";

/** Holding equations that contain any of the watched cells (by cell key). */
export type HoldingLookup = (watch: Set<string>) => EquationTerm[][];

/**
 * The holding lookup of a template: runs its checks again with an observer and keeps the holding equations that
 * contain a watched cell (the checks report them through `holding`, src/core/rules/util.ts).
 */
export function holdingByRerun(rerun: () => void): HoldingLookup {
  return (watch) => {
    const found: EquationTerm[][] = [];
    observeHoldingEquations((terms) => {
      if (terms.some((t) => watch.has(cellKey(t.cell)))) found.push(terms);
    });
    try {
      rerun();
    } finally {
      observeHoldingEquations(undefined);
    }
    return found;
  };
}

/** Beyond this many broken equations the workbook is not a case of a few slips: findings stay as reported. */
const MAX_BROKEN = 3000;

export const cellKey = (c: CellRef): string => `${c.sheet}\u0000${c.row}\u0000${c.col}`;

interface Eq {
  /** Index into the findings array. */
  index: number;
  finding: Finding;
  gap: number;
  /** coef per cell key. */
  coef: Map<string, number>;
}

interface Candidate {
  cells: CellRef[];
  delta: number;
  /** Broken equations repaired. */
  repaired: number[];
  /** Equations the change breaks or leaves broken differently (holding ones count). */
  spoiled: number;
}

export function diagnoseFaults(
  findings: Finding[],
  rules: Pick<RuleDef, "id" | "family">[],
  places: CellPlaces,
  lookup: HoldingLookup,
): Finding[] {
  const eqs: Eq[] = [];
  findings.forEach((f, index) => {
    const e = f.equation;
    if (!e || f.severity === "info" || e.gap === 0 || e.terms.length === 0) return;
    const coef = new Map<string, number>();
    for (const t of e.terms) coef.set(cellKey(t.cell), (coef.get(cellKey(t.cell)) ?? 0) + t.coef);
    for (const [k, c] of coef) if (c === 0) coef.delete(k);
    if (coef.size > 0) eqs.push({ index, finding: f, gap: e.gap, coef });
  });
  if (eqs.length === 0 || eqs.length > MAX_BROKEN) return foldOnly(findings, [], places);

  // Cells of broken equations, with the equations they are in.
  const cellRef = new Map<string, CellRef>();
  const inEqs = new Map<string, number[]>();
  eqs.forEach((e, i) => {
    for (const t of e.finding.equation!.terms) cellRef.set(cellKey(t.cell), t.cell);
    for (const k of e.coef.keys()) (inEqs.get(k) ?? inEqs.set(k, []).get(k)!).push(i);
  });

  // Holding equations of those cells (a second run of the rules with an observer).
  const holdingOf = new Map<string, Map<string, number>[]>();
  for (const terms of lookup(new Set(inEqs.keys()))) {
    const coef = new Map<string, number>();
    for (const t of terms) coef.set(cellKey(t.cell), (coef.get(cellKey(t.cell)) ?? 0) + t.coef);
    for (const k of coef.keys()) if (inEqs.has(k)) (holdingOf.get(k) ?? holdingOf.set(k, []).get(k)!).push(coef);
  }

  /** Evaluates changing every cell of `keys` by δ. */
  const evaluate = (keys: string[], delta: number): Candidate => {
    const touched = new Set<number>();
    for (const k of keys) for (const i of inEqs.get(k) ?? []) touched.add(i);
    const repaired: number[] = [];
    let spoiled = 0;
    for (const i of touched) {
      const e = eqs[i];
      const after = e.gap + keys.reduce((s, k) => s + (e.coef.get(k) ?? 0) * delta, 0);
      if (after === 0) repaired.push(i);
      else spoiled++;
    }
    const seen = new Set<Map<string, number>>();
    for (const k of keys) {
      for (const h of holdingOf.get(k) ?? []) {
        if (seen.has(h)) continue;
        seen.add(h);
        if (keys.reduce((s, x) => s + (h.get(x) ?? 0) * delta, 0) !== 0) spoiled++;
      }
    }
    return { cells: keys.map((k) => cellRef.get(k)!), delta, repaired: repaired.sort((a, b) => a - b), spoiled };
  };

  // Single cells: every δ one of its broken equations asks for.
  const singles: Candidate[] = [];
  for (const [k, list] of inEqs) {
    const deltas = new Set<number>();
    for (const i of list) {
      const c = eqs[i].coef.get(k)!;
      if (eqs[i].gap % c === 0) deltas.add(-eqs[i].gap / c);
    }
    for (const d of deltas) singles.push(evaluate([k], d));
  }
  // The same change in several cells of one row (合计 and 基本支出 of one item together).
  const byRow = new Map<string, Candidate[]>();
  for (const c of singles) {
    if (c.repaired.length === 0) continue;
    const k = `${c.cells[0].sheet}\u0000${c.cells[0].row}\u0000${c.delta}`;
    (byRow.get(k) ?? byRow.set(k, []).get(k)!).push(c);
  }
  const groups: Candidate[] = [];
  for (const members of byRow.values()) {
    // Only rows of ledger tables: their columns are tied by row formulas (表7's 资金总额 and 财政拨款 are two slips).
    if (members.length < 2 || places.locate(members[0].cells[0])?.table.kind !== "ledger") continue;
    const g = evaluate(
      members.map((m) => cellKey(m.cells[0])),
      members[0].delta,
    );
    // The rightmost column first: the most detailed part of the row formula (基本支出 before 合计).
    g.cells.sort((a, b) => b.col - a.col);
    groups.push(g);
  }
  const candidates = [...singles, ...groups];

  const consumedEarly = new Set<number>();
  // Greedy cover.
  const uncovered = new Set(eqs.map((_, i) => i));
  const diagnosed: { cand: Candidate; covered: number[]; tie?: Candidate; among?: Candidate[] }[] = [];
  // 1 when every covered equation's rule chose one of the candidate's cells first (a rounded total its rule blames).
  const ownFirst = (c: Candidate, covered: number[]) => {
    const mine = new Set(c.cells.map(cellKey));
    return covered.every((i) => eqs[i].finding.cells[0] && mine.has(cellKey(eqs[i].finding.cells[0]))) ? 1 : 0;
  };
  for (let guard = 0; guard < eqs.length && uncovered.size > 0; guard++) {
    let best: { cand: Candidate; covered: number[]; score: number[] } | undefined;
    const scored: { cand: Candidate; covered: number[]; score: number[] }[] = [];
    for (const cand of candidates) {
      const covered = cand.repaired.filter((i) => uncovered.has(i));
      if (covered.length === 0) continue;
      // A change repairing n equations while spoiling s is worth it only when n > s (or several agree, n = s).
      if (covered.length < cand.spoiled || (covered.length === cand.spoiled && covered.length < 2)) continue;
      const score = [
        cand.spoiled === 0 ? 1 : 0,
        covered.length - cand.spoiled,
        -cand.cells.length,
        ownFirst(cand, covered),
      ];
      const entry = { cand, covered, score };
      scored.push(entry);
      if (!best || compareScore(score, best.score) > 0) best = entry;
    }
    if (!best) break;
    const b = best;
    // Others as good on everything but the rules' own choice, repairing the same equations: a tie.
    const rivals = scored.filter(
      (s) => s !== b && compareScore(s.score.slice(0, 3), b.score.slice(0, 3)) === 0 && sameList(s.covered, b.covered),
    );
    if (b.score[3] === 1 && rivals.every((r) => r.score[3] === 0)) rivals.length = 0;
    const tie = rivals.length === 1 ? rivals[0].cand : undefined;
    // Many cells explain the gaps equally (a part of a group sum): one finding says so, none is singled out.
    const among = rivals.length > 1 ? [b, ...rivals].map((r) => r.cand) : undefined;
    diagnosed.push({ cand: b.cand, covered: b.covered, tie, among });
    for (const i of b.covered) uncovered.delete(i);
  }

  const families = new Map(rules.map((r) => [r.id, r.family]));
  // A code fault: one row's amount is counted under a wrong code. The equation of that code is off by exactly the row's
  // amount, and an equation of the same rule is off by the opposite gap (the right code now lacks it): the row's code
  // cell is the cell to fix.
  const codeFaults: Finding[] = [];
  for (const i of [...uncovered]) {
    const e = eqs[i];
    if (!uncovered.has(i)) continue;
    for (const [k, coef] of e.coef) {
      const where = places.locate(cellRef.get(k));
      if (!where || where.fen === undefined || where.fen === 0 || coef * where.fen !== e.gap) continue;
      const code = places.codeCellOf(cellRef.get(k)!);
      if (!code) continue;
      const j = [...uncovered].find((x) => x !== i && eqs[x].finding.rule === e.finding.rule && eqs[x].gap === -e.gap);
      if (j === undefined) continue;
      uncovered.delete(i);
      uncovered.delete(j);
      consumedEarly.add(e.index).add(eqs[j].index);
      const list = [e.finding, eqs[j].finding];
      codeFaults.push({
        rule: e.finding.rule,
        severity: maxSeverity(list),
        message:
          `${code.label}可能有误：该行金额${fmt(where.fen, where.table.unit)}${where.table.unit}计入了这一编码，` +
          `而另一科目恰好少了同样的金额；请核对编码（共${list.length}处勾稽不成立，见下）。`,
        table: where.table.id,
        cells: uniqueCells([code.cell, ...list.flatMap((f) => f.cells)]),
        related: list.map(relatedOf),
      });
      break;
    }
  }

  // A cross-table equality of two single cells that neither cell explains alone (each is tied into its own table's
  // sums): the two tables disagree and the data cannot tell which is right. Said so, the detail table's cell first
  // (counting the holding equations of each side was tried: it blames 表1's 支出总计 for a slip typed in 表7).
  for (const i of uncovered) {
    const e = eqs[i];
    if (families.get(e.finding.rule) !== "cross" || e.coef.size !== 2) continue;
    const [a, b] = [...e.coef.keys()];
    const ta = places.locate(cellRef.get(a))?.table;
    const tb = places.locate(cellRef.get(b))?.table;
    if (!ta || !tb || ta === tb) continue;
    const side = (k: string): Candidate => ({ ...evaluate([k], -e.gap / e.coef.get(k)!), repaired: [i] });
    diagnosed.push({ cand: side(a), covered: [i], tie: side(b) });
  }
  const consumed = consumedEarly;
  const faults: Finding[] = [...codeFaults];
  for (const d of diagnosed) {
    d.covered.forEach((i) => consumed.add(eqs[i].index));
    const list = d.covered.map((i) => eqs[i].finding);
    faults.push(
      d.among
        ? ambiguousFinding(d.among, d.cand.delta, list, places, families)
        : faultFinding(d.cand, list, places, families, d.tie),
    );
  }
  const rest = findings.filter((_, i) => !consumed.has(i));
  // Faults take the place of their first equation in the list order.
  return foldOnly([...faults, ...rest], faults, places);
}

function compareScore(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function sameList(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function maxSeverity(list: Finding[]): Severity {
  return list.reduce<Severity>((s, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s] ? f.severity : s), "info");
}

function uniqueCells(cells: CellRef[]): CellRef[] {
  const seen = new Set<string>();
  return cells.filter((c) => {
    const k = cellKey(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function relatedOf(f: Finding): RelatedFinding {
  return { rule: f.rule, message: f.message, cells: f.cells };
}

/** What a broken equation is, in a few words, for the fault's message. */
function consequence(f: Finding, families: Map<string, string>): string {
  if (f.rule === "SUM-ROW") return `${tableLabel(f.table ?? "1")}本行横向合计`;
  if (f.rule === "SUM-COLUMN") return `${tableLabel(f.table ?? "1")}上级行合计`;
  if (families.get(f.rule) === "total") return `${tableLabel(f.table ?? "1")}表内合计（${f.rule}）`;
  if (families.get(f.rule) === "cross") return `表间勾稽（${f.rule}）`;
  return `审核公式（${f.rule}）`;
}

/** Severity order of the equations kept under a fault: its own table's row and column sums first. */
function relatedOrder(list: Finding[], table: AnyTableId | undefined): Finding[] {
  const rank = (f: Finding) => (f.table === table ? 0 : 2) + (f.rule === "SUM-ROW" || f.rule === "SUM-COLUMN" ? 0 : 1);
  return list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}

function faultFinding(
  cand: Candidate,
  eqs: Finding[],
  places: CellPlaces,
  families: Map<string, string>,
  tie?: Candidate,
): Finding {
  let first = cand;
  let second = tie;
  if (tie && detailRank(places, tie.cells[0]) < detailRank(places, cand.cells[0])) {
    first = tie;
    second = cand;
  }
  const where = places.locate(first.cells[0]);
  const table = where?.table.id ?? eqs[0].table;
  const ordered = relatedOrder(eqs, table);
  const severity = maxSeverity(ordered);
  const unit = where?.table.unit ?? "万元";
  const value = where?.fen;
  const rounding = severity === "warning" && ordered.every((f) => f.message.includes("属尾差"));
  const what = [...new Set(ordered.map((f) => consequence(f, families)))].join("、");
  const tail = rounding ? "差额在尾差允许范围以内，属尾差，请核实" : "";
  const gap = fmt(Math.abs(first.delta), unit);
  let message: string;
  let expected: string | undefined;
  let actual: string | undefined;
  if (second) {
    const other = describeCell(places, second.cells[0]);
    message =
      `${describeCell(places, first.cells[0])}与${other}相差${gap}${unit}，无法判断哪一处有误，请核对两处：` +
      `影响${what}（共${ordered.length}处，见下）${tail ? `；${tail}` : ""}。`;
  } else {
    const cells = first.cells.length > 1 ? `${describeRow(places, first.cells)}` : describeCell(places, first.cells[0]);
    if (value !== undefined) {
      expected = fmt(value + first.delta, unit);
      actual = fmt(value, unit);
    }
    const same = first.cells.length > 1 ? `（${first.cells.length}栏同差）` : "";
    message =
      (expected !== undefined
        ? `${cells}应为${expected}，实为${actual}${same}，差额${gap}${unit}`
        : `${cells}应${first.delta > 0 ? "增加" : "减少"}${gap}${unit}${same}`) +
      `；由此${what}不成立（共${ordered.length}处，见下）${tail ? `，${tail}` : ""}。`;
  }
  const fixCells = second ? [first.cells[0], second.cells[0]] : first.cells;
  return {
    rule: ordered[0].rule,
    severity,
    message,
    table,
    cells: uniqueCells([...fixCells, ...ordered.flatMap((f) => f.cells)]),
    ...(expected !== undefined ? { expected, actual } : {}),
    related: ordered.map(relatedOf),
  };
}

/**
 * Equations that any of several cells would repair alike: one finding at the first equation's own cell, listing every
 * suspect cell (a rule's own cell list may be cut short).
 */
function ambiguousFinding(
  among: Candidate[],
  delta: number,
  eqs: Finding[],
  places: CellPlaces,
  families: Map<string, string>,
): Finding {
  const n = among.length;
  const suspects = among.flatMap((c) => c.cells);
  const head = eqs[0];
  const where = places.locate(head.cells[0]);
  const unit = where?.table.unit ?? "万元";
  const what = [...new Set(eqs.map((f) => consequence(f, families)))].join("、");
  const rounding = eqs.every((f) => f.message.includes("属尾差")) ? "差额在尾差允许范围以内，属尾差；" : "";
  return {
    rule: head.rule,
    severity: maxSeverity(eqs),
    message: `${what}不成立，差额${fmt(Math.abs(delta), unit)}${unit}：其中${n}个金额中任何一个有误都会如此，无法确定是哪一个，${rounding}请逐项核对（共${eqs.length}处，见下）。`,
    table: head.table,
    cells: uniqueCells([...eqs.flatMap((f) => f.cells), ...suspects]),
    ...(head.expected !== undefined ? { expected: head.expected, actual: head.actual } : {}),
    related: eqs.map(relatedOf),
  };
}

/** Tables ordered from the most detailed (where a slip is typed) to the summaries that repeat it. */
// 表6/表7 are typed by hand from the budget tables, so they rank before the department totals they repeat.
// National tables: 经济分类 and the 功能分类 tables of each fund before the 支出总表, the 收入总表 and the two 收支总表.
const SICHUAN_ORDER: AnyTableId[] = [
  "3-1",
  "3-2",
  "3-3",
  "2-1",
  "3",
  "4-1",
  "4",
  "5",
  "6",
  "7",
  "1-2",
  "1-1",
  "2",
  "1",
];
const NATIONAL_ORDER: AnyTableId[] = ["N8", "N5", "N6", "N7", "N3", "N2", "N9", "N4", "N1"];
const DETAIL_ORDER = [...SICHUAN_ORDER, ...NATIONAL_ORDER];

function detailRank(places: CellPlaces, c: CellRef): number {
  const t = places.locate(c)?.table;
  return t ? DETAIL_ORDER.indexOf(t.id) : DETAIL_ORDER.length;
}

/**
 * Non-equation loud findings absorb the fault at their cell: a negative or non-numeric amount at the fixed cell, a
 * code fault on the fixed cell's row (the code is what to fix, the amounts only show it).
 */
function foldOnly(list: Finding[], faults: Finding[], places: CellPlaces): Finding[] {
  if (faults.length === 0) return list;
  const faultSet = new Set(faults);
  const hosts = list.filter((f) => !faultSet.has(f) && !f.equation && f.severity !== "info" && f.cells.length > 0);
  if (hosts.length === 0) return list;
  const absorbed = new Map<Finding, Finding[]>();
  const taken = new Set<Finding>();
  for (const fault of faults) {
    const fix = fault.related ? fault.cells.slice(0, fixCount(fault)) : [];
    const host = hosts.find((h) => {
      const c = h.cells[0];
      if (fix.some((x) => cellKey(x) === cellKey(c))) return true;
      const sameRow = fix.some((x) => x.sheet === c.sheet && x.row === c.row);
      if (!sameRow || places.locate(c)?.table !== places.locate(fix[0])?.table) return false;
      return h.rule === "AMOUNT-FORMAT" || (h.rule.startsWith("CODE-") && isCodeCell(places, c));
    });
    if (!host) continue;
    (absorbed.get(host) ?? absorbed.set(host, []).get(host)!).push(fault);
    taken.add(fault);
  }
  const out: Finding[] = [];
  for (const f of list) {
    if (taken.has(f)) continue;
    const under = absorbed.get(f);
    if (!under) {
      out.push(f);
      continue;
    }
    const related = under.flatMap((u) => u.related ?? []);
    out.push({
      ...f,
      severity: maxSeverity([f, ...under]),
      message: `${f.message.replace(/[。.]$/, "")}；由此${related.length}处合计或勾稽不成立（见下）。`,
      cells: uniqueCells([...f.cells, ...under.flatMap((u) => u.cells)]),
      related,
    });
  }
  return out;
}

/** How many leading cells of a fault are the cells to fix (the rest come from its related equations). */
function fixCount(fault: Finding): number {
  const relatedFirst = new Set((fault.related ?? []).map((r) => (r.cells[0] ? cellKey(r.cells[0]) : "")));
  let n = 1;
  while (n < fault.cells.length && !relatedFirst.has(cellKey(fault.cells[n])) && n < 12) n++;
  return Math.min(n, fault.cells.length);
}

// ---------- where a cell is, in words ----------

/** The table a cell is in, as diagnosis needs it (one object per table: compared by identity). */
export interface PlacedTable {
  id: AnyTableId;
  unit: MoneyUnit;
  /** "ledger": a table of coded rows whose columns a row formula ties (the same slip may sit in several of them). */
  kind: string;
}

export interface Located {
  table: PlacedTable;
  fen?: number;
  label: string;
}

/**
 * Where cells are, in words: the recognised Sichuan model (modelPlaces) or another template's table views. Diagnosis
 * works on equations alone; this only names the cell to fix, its table and its amount.
 */
export interface CellPlaces {
  locate(c: CellRef | undefined): Located | undefined;
  /** The code cell of the row an amount cell is on, where the template knows it (code faults). */
  codeCellOf(c: CellRef): { cell: CellRef; label: string } | undefined;
}

/** The places of the recognised Sichuan model's cells. */
export function modelPlaces(model: BudgetModel): CellPlaces {
  return { locate: (c) => locate(model, c), codeCellOf: (c) => codeCellOf(model, c) };
}

/** A located cell of the recognised model: its table is the model's own object, with its rows. */
interface ModelLocated extends Located {
  table: AnyTable;
}

const locateCache = new WeakMap<BudgetModel, Map<string, ModelLocated>>();

/** The table, amount and Chinese description of an amount cell. */
function locate(model: BudgetModel, c: CellRef | undefined): ModelLocated | undefined {
  if (!c) return undefined;
  let index = locateCache.get(model);
  if (!index) {
    index = buildIndex(model);
    locateCache.set(model, index);
  }
  const hit = index.get(cellKey(c));
  if (hit) return hit;
  for (const t of Object.values(model.tables)) {
    if (t && t.sheet === c.sheet && c.row >= t.top && c.row <= t.bottom && c.col >= t.left && c.col <= t.right) {
      return { table: t, label: `${tableLabel(t.id)} ${a1(c.row, c.col)}` };
    }
  }
  return undefined;
}

function buildIndex(model: BudgetModel): Map<string, ModelLocated> {
  const out = new Map<string, ModelLocated>();
  for (const t of Object.values(model.tables)) {
    if (!t) continue;
    if (t.kind === "ledger") {
      for (const r of t.rows) {
        for (const [key, a] of Object.entries(r.amounts)) {
          out.set(cellKey(a.cell), {
            table: t,
            fen: a.fen,
            label: `${tableLabel(t.id)}“${rowLabel(r)}”行“${columnLabel(t, key)}”栏`,
          });
        }
        for (const cc of [...(r.codeCells ?? []), ...(r.unitCodeCell ? [r.unitCodeCell] : [])]) {
          out.set(cellKey(cc), { table: t, label: `${tableLabel(t.id)}“${rowLabel(r)}”行的编码` });
        }
      }
    } else if (t.kind === "summary") {
      for (const l of [...t.income, ...t.expense]) {
        for (const [key, a] of Object.entries(l.amounts)) {
          const col = key === "amount" ? "" : (t.columns.find((c) => c.key === key)?.label.replace(/\s+/g, "") ?? key);
          out.set(cellKey(a.cell), {
            table: t,
            fen: a.fen,
            label: `${tableLabel(t.id)}“${lineName(l)}”${col ? `“${col}”栏` : ""}`,
          });
        }
      }
    } else if (t.kind === "perf") {
      const b = t.departmentLine?.budget;
      if (b) out.set(cellKey(b.cell), { table: t, fen: b.fen, label: `表6部门行预算数` });
      for (const p of t.projects) {
        if (p.budget)
          out.set(cellKey(p.budget.cell), { table: t, fen: p.budget.fen, label: `表6项目“${p.name}”预算数` });
      }
    } else {
      for (const [a, what] of [
        [t.totalFunds, "资金总额"],
        [t.fiscalFunds, "财政拨款"],
        [t.otherFunds, "其他资金"],
      ] as const) {
        if (a) out.set(cellKey(a.cell), { table: t, fen: a.fen, label: `${tableLabel(t.id)}${what}` });
      }
      for (const task of t.tasks) {
        if (task.amount)
          out.set(cellKey(task.amount.cell), {
            table: t,
            fen: task.amount.fen,
            label: `${tableLabel(t.id)}任务“${task.name}”金额`,
          });
      }
    }
  }
  return out;
}

/** The code cell of the row a cell is on (the last code part), with a label. */
function codeCellOf(model: BudgetModel, c: CellRef): { cell: CellRef; label: string } | undefined {
  const t = locate(model, c)?.table;
  if (!t || t.kind !== "ledger") return undefined;
  const r = t.rows.find((x) => x.row === c.row);
  const cell = r?.codeCells?.[r.codeCells.length - 1];
  return r && cell ? { cell, label: `${tableLabel(t.id)}“${rowLabel(r)}”行的科目编码` } : undefined;
}

function isCodeCell(places: CellPlaces, c: CellRef): boolean {
  return places.locate(c)?.label.endsWith("的编码") ?? false;
}

function describeCell(places: CellPlaces, c: CellRef): string {
  return places.locate(c)?.label ?? `${c.sheet}!${a1(c.row, c.col)}`;
}

/** Several cells of one row: 表1-2“…”行“合计”“基本支出”栏. */
function describeRow(places: CellPlaces, cells: CellRef[]): string {
  const labels = cells.map((c) => describeCell(places, c));
  const m = labels.map((l) => /^(.*行)“(.*)”栏$/.exec(l));
  if (m.every((x) => x && x[1] === m[0]![1])) return `${m[0]![1]}${m.map((x) => `“${x![2]}”`).join("")}栏`;
  return labels.join("、");
}
