/** What every table recogniser shares: the context of one table area, amounts, base fields, data rows. */
import { FEN_PER_UNIT, parseAmount, type MoneyUnit } from "../model/money";
import type { Finding } from "../model/findings";
import type { Amount, ColumnInfo, TableBase, TableId } from "../model/tables";
import { a1 } from "../model/workbook";
import { type HeaderBlock, type MetaInfo, type TitleHit, isNoteRow, readMetaRow } from "./layout";
import { Grid, tableLabel } from "./text";

export interface TableContext {
  grid: Grid;
  id: TableId;
  hit: TitleHit;
  /** Last row of the table's area (before the next title). */
  end: number;
  meta: MetaInfo;
  header: HeaderBlock;
  unit: MoneyUnit;
  issues: Finding[];
  /** Department / unit names known from the workbook (normalised), to tell org lines from item lines. */
  orgNames: Set<string>;
}

/** Reads an amount cell; an unparseable one yields an AMOUNT-FORMAT issue and no amount. */
export function readAmount(ctx: TableContext, r: number, c: number): Amount | undefined {
  const v = ctx.grid.value(r, c);
  const p = parseAmount(v, ctx.unit);
  if (p.kind === "amount") return { fen: p.fen, cell: ctx.grid.ref(r, c) };
  if (p.kind === "invalid") {
    ctx.issues.push({
      rule: "AMOUNT-FORMAT",
      severity: "error",
      message: `${tableLabel(ctx.id)} ${a1(r, c)} 的金额“${p.text}”不是有效数字`,
      table: ctx.id,
      cells: [ctx.grid.ref(r, c)],
      actual: p.text,
    });
  }
  return undefined;
}

/**
 * The data rows of a table: from the first data row to the end of its area, stopping at a meta line
 * (the next table's 部门/单位 lines), a note line, or a long run of blank rows.
 */
export function dataRows(ctx: TableContext): number[] {
  const out: number[] = [];
  const { grid, header } = ctx;
  if (header.dataTop === undefined) return out;
  let blanks = 0;
  for (let r = header.dataTop; r <= ctx.end; r++) {
    if (grid.blank(r)) {
      if (++blanks >= 5) break;
      continue;
    }
    blanks = 0;
    if (isNoteRow(grid, r)) break;
    if (readMetaRow(grid, r, {})) break;
    out.push(r);
  }
  return out;
}

/** The fields every table has. */
export function baseFields(ctx: TableContext, columns: ColumnInfo[], bottom: number, empty: boolean): TableBase {
  const { grid, hit, header, meta } = ctx;
  const tb: TableBase = {
    id: ctx.id,
    sheet: grid.name,
    title: hit.raw,
    // row -1: the sheet name stood for a missing title; point at A1.
    titleCell: grid.ref(Math.max(hit.row, 0), hit.col),
    unit: ctx.unit,
    unitFen: FEN_PER_UNIT[ctx.unit],
    top: Math.max(hit.start, 0),
    left: hit.row < 0 ? header.left : Math.min(header.left, hit.col),
    bottom: Math.max(bottom, header.headerBottom),
    right: Math.max(header.right, hit.col),
    headerTop: header.headerTop,
    headerBottom: header.headerBottom,
    columns,
    empty,
  };
  if (meta.unitCell) tb.unitCell = meta.unitCell;
  if (meta.department) tb.department = meta.department;
  return tb;
}
