/**
 * Fault localisation across findings. A single wrong amount usually breaks several equations at once: its row
 * formula (合计 = 基本 + 项目), its column sum (parent = Σ children) and a cross-table equality. Each rule on its own
 * can only say "this equation does not hold" and points at the equation's total. The cell that ALL the broken
 * equations share is the likely culprit, so it is moved to cells[0] (the cell highlighted first) of every finding
 * that contains it. Messages are unchanged: they still state the broken equation with expected and actual values.
 *
 * Only equation-type findings take part (they carry expected/actual and belong to the total or cross families);
 * a tie keeps the rule's own choice, so a total that is wrong on its own still points at the total.
 */
import type { Finding, RuleDef } from "../model/findings";
import type { AnyTable, BudgetModel } from "../model/tables";
import { ROW_FORMULAS } from "./totals";
import type { CellRef } from "../model/workbook";
import { scaleDecimal } from "../model/money";

function key(c: CellRef): string {
  return `${c.sheet}\u0000${c.row}\u0000${c.col}`;
}

export function localizeFaults(findings: Finding[], rules: RuleDef[], model: BudgetModel): Finding[] {
  const family = new Map(rules.map((r) => [r.id, r.family]));
  const isEquation = (f: Finding) =>
    f.severity !== "info" &&
    gapOf(f) !== undefined &&
    (family.get(f.rule) === "total" || family.get(f.rule) === "cross") &&
    f.cells.length > 1;

  // Which equation findings contain each cell.
  const containing = new Map<string, number[]>();
  findings.forEach((f, index) => {
    if (!isEquation(f)) return;
    for (const k of new Set(f.cells.map(key))) {
      const list = containing.get(k);
      if (list) list.push(index);
      else containing.set(k, [index]);
    }
  });
  const countOf = (c: CellRef) => containing.get(key(c))?.length ?? 0;

  // A cell is the culprit when every broken equation containing it (at least two) is off by the same amount, and
  // in each of them it is shared more widely than the cell the rule chose. One wrong cell changes every equation it
  // is part of by the same gap; a rounding slip on a total does not single out one of its parts.
  const moveTo = new Map<number, { cell: CellRef; n: number; tied: boolean }>();
  const rowChecked = rowEquationCells(findings);
  // Cells that lie in exactly the same broken equations cannot be told apart (several parts of a group sum that two
  // equations both read): none of them is singled out.
  const membership = new Map<string, number>();
  for (const indexes of containing.values())
    membership.set(indexes.join(","), (membership.get(indexes.join(",")) ?? 0) + 1);
  for (const [k, indexes] of containing) {
    if (indexes.length < 2) continue;
    if ((membership.get(indexes.join(",")) ?? 0) > 1) continue;
    const gap = gapOf(findings[indexes[0]]);
    if (!indexes.every((i) => gapOf(findings[i]) === gap)) continue;
    const cell = findings[indexes[0]].cells.find((c) => key(c) === k)!;
    // A cell whose own row formula holds cannot be a single wrong amount: changing it would break that row too.
    if (hasRowEquation(model, cell) && !rowChecked.has(k)) continue;
    const n = indexes.length;
    if (!indexes.every((i) => key(findings[i].cells[0]) === k || countOf(findings[i].cells[0]) < n)) continue;
    for (const i of indexes) {
      const current = moveTo.get(i);
      if (!current || current.n < n) moveTo.set(i, { cell, n, tied: false });
      else if (current.n === n && key(current.cell) !== k) current.tied = true;
    }
  }

  return findings.map((f, i) => {
    const move = moveTo.get(i);
    // Several cells shared equally widely (parts of one group sum that two equations both read): none is singled
    // out, so the rule's own choice stays.
    if (!move || move.tied) return f;
    const cell = move.cell;
    if (key(cell) === key(f.cells[0])) return f;
    return { ...f, cells: [cell, ...f.cells.filter((c) => key(c) !== key(cell))] };
  });
}

/** |expected − actual| as an exact integer (millionths), or undefined when either is not a plain amount. */
function gapOf(f: Finding): number | undefined {
  if (f.expected === undefined || f.actual === undefined) return undefined;
  const e = scaleDecimal(f.expected.replace(/,/g, ""), 6);
  const a = scaleDecimal(f.actual.replace(/,/g, ""), 6);
  if (e === undefined || a === undefined) return undefined;
  return Math.abs(e - a);
}

/** Cells named by a broken row formula (SUM-ROW in the row tables, F9 in 表2). */
function rowEquationCells(findings: Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.rule !== "SUM-ROW" && f.rule !== "F9") continue;
    for (const c of f.cells) out.add(key(c));
  }
  return out;
}

/** True when the cell sits in a column that a row formula of its table ties to other columns of the same row. */
function hasRowEquation(model: BudgetModel, cell: CellRef): boolean {
  const table = tableAt(model, cell);
  if (!table) return false;
  const column = table.columns.find((c) => c.col === cell.col);
  if (!column) return false;
  if (table.kind === "summary") return table.id === "2" && column.key.startsWith("expense.");
  if (table.kind !== "ledger") return false;
  const present = new Set(table.columns.map((c) => c.key));
  return (ROW_FORMULAS[table.id] ?? []).some(
    (f) =>
      present.has(f.total) &&
      (f.total === column.key || f.parts.includes(column.key)) &&
      f.parts.some((p) => present.has(p)),
  );
}

function tableAt(model: BudgetModel, cell: CellRef): AnyTable | undefined {
  for (const t of Object.values(model.tables)) {
    if (
      t &&
      t.sheet === cell.sheet &&
      cell.row >= t.top &&
      cell.row <= t.bottom &&
      cell.col >= t.left &&
      cell.col <= t.right
    )
      return t;
  }
  return undefined;
}
