/**
 * Table views over the recognised model (Sichuan tables): lines, codes and amounts exactly as recognition read them,
 * columns by their header paths and semantic keys. Formulas then see what every built-in rule sees, in any layout
 * recognition understands, with or without a workbook at hand.
 */
import { FEN_PER_UNIT } from "../model/money";
import type { Amount, LedgerTable, SummaryTable } from "../model/tables";
import type { CellRef } from "../model/workbook";
import { normLabel, stripCode } from "./labels";
import { pathParts } from "./schema";
import type { TableArea, TableView, ViewColumn, ViewEntry } from "./view";

export interface ViewHints {
  columnKeys?: Record<string, string>;
  rowAliases?: Record<string, string[]>;
}

function areaOf(t: LedgerTable | SummaryTable, template: string): TableArea {
  return {
    id: t.id,
    template,
    name: t.title,
    sheet: t.sheet,
    unit: t.unit,
    headerTop: t.headerTop,
    headerBottom: t.headerBottom,
    bottom: t.bottom,
    left: t.left,
    right: t.right,
    noData: t.noDataCell !== undefined,
    empty: t.empty,
    titleCell: t.titleCell,
  };
}

function normalisedHints(h: ViewHints): ViewHints {
  const out: ViewHints = {};
  if (h.columnKeys)
    out.columnKeys = Object.fromEntries(Object.entries(h.columnKeys).map(([k, v]) => [normLabel(k), v]));
  if (h.rowAliases)
    out.rowAliases = Object.fromEntries(Object.entries(h.rowAliases).map(([k, v]) => [normLabel(k), v.map(normLabel)]));
  return out;
}

export function modelView(t: LedgerTable | SummaryTable, template: string, hints: ViewHints = {}): TableView {
  const area = areaOf(t, template);
  const entries: ViewEntry[] = [];
  const columns: ViewColumn[] = [];
  const firstCell = (amounts: Record<string, Amount>): CellRef | undefined => Object.values(amounts)[0]?.cell;
  if (t.kind === "ledger") {
    for (const c of t.columns) columns.push({ col: c.col, parts: pathParts(c.label), label: false, key: c.key });
    for (const r of t.rows) {
      const label = stripCode(normLabel(r.name));
      entries.push({
        row: r.row,
        block: 0,
        label,
        code: r.code,
        columns,
        labelCell: r.nameCell ??
          r.codeCells?.[r.codeCells.length - 1] ??
          firstCell(r.amounts) ?? { sheet: t.sheet, row: r.row, col: t.left },
        total: r.kind === "total",
        raw: r.name,
        amounts: r.amounts,
      });
    }
  } else {
    (["income", "expense"] as const).forEach((side, block) => {
      const lines = side === "income" ? t.income : t.expense;
      const cols: ViewColumn[] = [];
      for (const c of t.columns) {
        if (c.key.startsWith(`${side}.`))
          cols.push({ col: c.col, parts: pathParts(c.label), label: false, key: c.key.slice(side.length + 1) });
      }
      // Amounts without a declared column (a model built without header labels): a column per key.
      for (const l of lines) {
        for (const [key, a] of Object.entries(l.amounts)) {
          if (!cols.some((c) => c.key === key)) cols.push({ col: a.cell.col, parts: [key], label: false, key });
        }
      }
      columns.push(...cols);
      for (const l of lines) {
        const label = normLabel(l.label);
        const cls = /^class:(\d{3})$/.exec(l.key);
        entries.push({
          row: l.row,
          block,
          label,
          code: cls ? cls[1] : undefined,
          columns: cols,
          labelCell: l.labelCell,
          total: /合计|总计/.test(label),
          raw: l.label,
          amounts: l.amounts,
        });
      }
    });
    entries.sort((a, b) => a.row - b.row || a.block - b.block);
  }
  return {
    area,
    unitFen: FEN_PER_UNIT[t.unit],
    columns,
    entries,
    ...normalisedHints(hints),
    read(entry, column) {
      const a = column.key !== undefined ? entry.amounts?.[column.key] : undefined;
      if (a) return { fen: a.fen, cell: a.cell, blank: false };
      return { fen: 0, cell: { sheet: t.sheet, row: entry.row, col: column.col }, blank: true };
    },
  };
}
