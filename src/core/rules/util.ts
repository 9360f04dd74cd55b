/** Helpers shared by the rule families: amount comparison with the 尾差 bound, sums by code, cells. */
import type { CellRef } from "../model/workbook";
import type { EquationTerm, Finding, Severity } from "../model/findings";
import {
  AnyTable,
  BudgetModel,
  LedgerRow,
  LedgerTable,
  SummaryLine,
  SummaryTable,
  TABLE_NAMES,
  TableId,
  type AnyTableId,
} from "../model/tables";
import {
  compareWithRounding,
  FEN_PER_UNIT,
  formatAmount,
  formatTolerance,
  MoneyUnit,
  toleranceTimesTwo,
} from "../model/money";

/** Formats 分 in a unit with 2 decimals, or more when the value is finer (表7 prints 300.569). */
export function fmt(fen: number, unit: MoneyUnit): string {
  const per = FEN_PER_UNIT[unit];
  let decimals = 2;
  while (decimals < 6 && per / 10 ** decimals >= 1 && fen % (per / 10 ** decimals) !== 0) decimals++;
  return formatAmount(fen, unit, decimals);
}

/** The coarser of two units (the one whose rounding bound is wider). */
export function coarser(a: MoneyUnit, b: MoneyUnit): MoneyUnit {
  return FEN_PER_UNIT[a] >= FEN_PER_UNIT[b] ? a : b;
}

export function tableLabel(id: AnyTableId): string {
  return id === "7" ? `《${TABLE_NAMES[id]}》` : `表${id}`;
}

export interface CompareSpec {
  rule: string;
  table: TableId;
  /** cells[0] is highlighted; further cells are the other side. */
  cells: CellRef[];
  /** What is compared, e.g. "表1-2 合计行“基本支出”". */
  what: string;
  /** The value the highlighted cell should hold, and the value it holds. */
  expected: number;
  actual: number;
  /** Number of rounded parts on the larger side (min 1). */
  parts: number;
  /** Unit for display (the highlighted table's). */
  unit: MoneyUnit;
  /** Unit for the bound (the coarser of the tables involved); defaults to `unit`. */
  boundUnit?: MoneyUnit;
  /** How the expected value is made up, e.g. "人员经费 + 公用经费". */
  basis?: string;
  /** Severity of a gap beyond the bound (default error). */
  severity?: Severity;
  /**
   * The equation's terms (actual side +1, expected side −1), built only when needed: for a broken equation (the
   * finding's `equation`, read by fault diagnosis) or for an equation observer (holding equations).
   */
  terms?: () => EquationTerm[];
}

/** Terms of "Σ plus = Σ minus". */
export function termsOf(plus: CellRef[], minus: CellRef[]): EquationTerm[] {
  return [...plus.map((cell) => ({ cell, coef: 1 })), ...minus.map((cell) => ({ cell, coef: -1 }))];
}

/**
 * Receives every equation that holds while the rules run (set by fault diagnosis for its second pass, to know which
 * holding equations a candidate cell would break). Synchronous: set, run the rules, unset.
 */
let holdingObserver: ((terms: EquationTerm[]) => void) | undefined;

export function observeHoldingEquations(observer: ((terms: EquationTerm[]) => void) | undefined): void {
  holdingObserver = observer;
}

/** Reports a holding equation to the observer, if any (rules that skip compareAmounts for speed call this). */
export function holding(terms: () => EquationTerm[]): void {
  if (holdingObserver) holdingObserver(terms());
}

/** Compares two amounts in 分; returns a finding for any gap: 尾差 warning within n × 0.005, else an error. */
export function compareAmounts(spec: CompareSpec): Finding | undefined {
  const boundUnit = spec.boundUnit ?? spec.unit;
  const verdict = compareWithRounding(spec.actual, spec.expected, spec.parts, boundUnit);
  if (verdict === "equal") {
    if (spec.terms) holding(spec.terms);
    return undefined;
  }
  const exp = fmt(spec.expected, spec.unit);
  const act = fmt(spec.actual, spec.unit);
  const gap = fmt(Math.abs(spec.actual - spec.expected), spec.unit);
  const basis = spec.basis ? `（${spec.basis}）` : "";
  const bound = formatTolerance(spec.parts, boundUnit);
  const n = Math.max(spec.parts, 1);
  const tail =
    verdict === "rounding"
      ? `，差额${gap}${spec.unit}在${n}项尾差允许范围±${bound}以内，属尾差，请核实`
      : `，差额${gap}${spec.unit}，超出${n}项尾差允许范围±${bound}`;
  const base = spec.severity ?? "error";
  const severity: Severity = verdict === "rounding" && base === "error" ? "warning" : base;
  return {
    rule: spec.rule,
    severity,
    message: `${spec.what}应为${exp}${basis}，实为${act}${tail}。`,
    table: spec.table,
    cells: spec.cells,
    expected: exp,
    actual: act,
    ...(spec.terms
      ? {
          equation: {
            terms: spec.terms(),
            gap: spec.actual - spec.expected,
            tolerance: toleranceTimesTwo(n, boundUnit) / 2,
          },
        }
      : {}),
  };
}

/** Pushes a finding when defined. */
export function push(out: Finding[], f: Finding | undefined): void {
  if (f) out.push(f);
}

// ---------- Ledger helpers ----------

export function colOf(table: LedgerTable, key: string): number | undefined {
  return table.columns.find((c) => c.key === key)?.col;
}

export function hasCol(table: LedgerTable, key: string): boolean {
  return table.columns.some((c) => c.key === key);
}

/** The amount of a row in a column, 0 when blank. */
export function amt(row: LedgerRow, key: string): number {
  return row.amounts[key]?.fen ?? 0;
}

/** The cell of a row in a column: the amount's cell, else built from the column position. */
export function cellAt(table: LedgerTable, row: LedgerRow, key: string): CellRef | undefined {
  const a = row.amounts[key];
  if (a) return a.cell;
  const col = colOf(table, key);
  if (col === undefined) return undefined;
  return { sheet: table.sheet, row: row.row, col };
}

/** The cell naming a row: name, else code, else the first amount. */
export function rowCell(table: LedgerTable, row: LedgerRow): CellRef {
  return (
    row.nameCell ??
    row.codeCells?.[row.codeCells.length - 1] ??
    Object.values(row.amounts)[0]?.cell ?? { sheet: table.sheet, row: row.row, col: table.left }
  );
}

export function cellsOf(...cells: (CellRef | undefined)[]): CellRef[] {
  return cells.filter((c): c is CellRef => c !== undefined);
}

/** The first 合计 row of a ledger table. */
export function totalRow(table: LedgerTable): LedgerRow | undefined {
  return table.rows.find((r) => r.kind === "total");
}

/** Usable: present and not empty. Cross-table rules skip silently otherwise. */
export function usable<T extends AnyTable>(t: T | undefined): t is T {
  return t !== undefined && !t.empty;
}

export function rowLabel(row: LedgerRow): string {
  const name = row.name.trim();
  if (row.code) return name ? `${row.code} ${name}` : row.code;
  return name || `第${row.row + 1}行`;
}

export function columnLabel(table: LedgerTable, key: string): string {
  return table.columns.find((c) => c.key === key)?.label.replace(/\s+/g, "") || key;
}

export interface CodeSum {
  fen: number;
  rows: LedgerRow[];
}

/**
 * Sums a column by code prefix of a given length. For each branch of the tree the shallowest rows whose code is
 * at least `len` digits long count (so a 款 line counts once, not again through its 项 lines). `unattributed`
 * says whether some amount could not be attributed (a code-less or too-short leaf row with an amount): callers
 * then skip a code found on one side only. `roots` limits the sum to those subtrees (one unit's lines).
 */
export function sumByCode(
  table: LedgerTable,
  key: string,
  len: number,
  accept: (row: LedgerRow) => boolean = () => true,
  roots?: number[],
): { sums: Map<string, CodeSum>; unattributed: boolean } {
  const sums = new Map<string, CodeSum>();
  let unattributed = false;
  const visit = (i: number) => {
    const row = table.rows[i];
    if (row.code && row.code.length >= len && /^\d+$/.test(row.code)) {
      if (!accept(row)) return;
      const p = row.code.slice(0, len);
      const s = sums.get(p) ?? { fen: 0, rows: [] };
      s.fen += amt(row, key);
      s.rows.push(row);
      sums.set(p, s);
      return;
    }
    if (row.children.length === 0) {
      if (row.kind !== "total" && row.kind !== "org" && amt(row, key) !== 0) unattributed = true;
      return;
    }
    for (const c of row.children) visit(c);
  };
  if (roots) roots.forEach(visit);
  else
    table.rows.forEach((r, i) => {
      if (r.parent === undefined) visit(i);
    });
  return { sums, unattributed };
}

/** Rows with a code, excluding 3-2 project lines (their names are project names). */
export function classificationRows(table: LedgerTable): LedgerRow[] {
  if (table.id === "3-2") return [];
  return table.rows.filter((r) => r.kind === "item" && r.code);
}

// ---------- Summary helpers ----------

export function line(table: SummaryTable, side: "income" | "expense", key: string): SummaryLine | undefined {
  return table[side].find((l) => l.key === key);
}

export function lineAmt(l: SummaryLine | undefined, key = "amount"): number {
  return l?.amounts[key]?.fen ?? 0;
}

/** The cell of a summary line's amount; for 表2 expense lines, a column key (total/gpb/fund/soe). */
export function lineCell(table: SummaryTable, l: SummaryLine, key = "amount"): CellRef {
  const a = l.amounts[key];
  if (a) return a.cell;
  // A blank amount: place the cell next to the label, in the column where a sibling line has that amount.
  const sibling = [...table.income, ...table.expense].find((o) => o.side === l.side && o.amounts[key] !== undefined);
  if (sibling) return { sheet: l.labelCell.sheet, row: l.row, col: sibling.amounts[key].cell.col };
  return l.labelCell;
}

export function lineName(l: SummaryLine): string {
  return l.label.replace(/\s+/g, "");
}

/** Income keys of 表1 that add up into 本年收入合计. */
export const INCOME_SOURCE_KEYS = [
  "gpb",
  "fund",
  "soe",
  "business",
  "operating",
  "other",
  "superior",
  "affiliated",
  "specialAccount",
];

/**
 * True when every fund of the department is 一般公共预算 (表1 has no other income, and any carry-over is gpb), so
 * tables of gpb spending must equal the department totals.
 */
export function allGpb(model: BudgetModel): boolean {
  const t1 = model.tables["1"];
  if (!t1) return false;
  const others = t1.income.filter(
    (l) => l.key !== "" && l.key !== "gpb" && INCOME_SOURCE_KEYS.includes(l.key) && lineAmt(l) !== 0,
  );
  if (others.length > 0) return false;
  const carry = lineAmt(line(t1, "income", "carryover"));
  if (carry === 0) return true;
  const carryGpb = line(t1, "income", "carryover.gpb");
  if (carryGpb) return lineAmt(carryGpb) === carry;
  const t2 = model.tables["2"];
  const t2CarryGpb = t2 ? line(t2, "income", "carryover.gpb") : undefined;
  return t2CarryGpb !== undefined && lineAmt(t2CarryGpb) === carry;
}

export function isEmptyOrAbsent(t: AnyTable | undefined): boolean {
  return t === undefined || t.empty;
}
