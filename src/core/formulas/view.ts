/**
 * A template-independent view of one recognised table, as a formula sees it: header paths of its columns and,
 * per data row, one entry per label block (a two-sided 收支总表 has an income and an expense block on one row)
 * with its normalised label, its classification code and its amount columns.
 */
import { FEN_PER_UNIT, type MoneyUnit, parseAmount } from "../model/money";
import type { CellRef, SheetData } from "../model/workbook";
import type { Amount } from "../model/tables";
import { labelColumns, isNumericCell, type HeaderColumn } from "../recognition/layout";
import { Grid, cellText, isNoDataText, isTotalLabel } from "../recognition/text";
import { normLabel, stripCode } from "./labels";

/** Where a table lies on its sheet: what recognition found. */
export interface TableArea {
  id: string;
  /** Template profile id, e.g. "sichuan-14" or "national-9". */
  template: string;
  name: string;
  sheet: string;
  unit: MoneyUnit;
  headerTop: number;
  headerBottom: number;
  /** Last row of the table's data (0-based, inclusive). */
  bottom: number;
  left: number;
  right: number;
  /** The table states 此表无数据 / 本表为空表. */
  noData: boolean;
  /** No non-zero amount (recognition's TableBase.empty; only set for views over the model). */
  empty?: boolean;
  titleCell: CellRef;
}

export interface ViewColumn {
  col: number;
  parts: string[];
  label: boolean;
  /** Semantic key of the column where recognition gave one ("total", "gpb"…): a profile's header keys match it. */
  key?: string;
}

export interface ViewEntry {
  row: number;
  /** Index of the label block (0 for a one-sided table). */
  block: number;
  label: string;
  code?: string;
  /** Amount columns of the block. */
  columns: ViewColumn[];
  labelCell: CellRef;
  total: boolean;
  /** The label as printed (with its numbering). */
  raw: string;
  /** Amounts by column key, for a view over the recognised model. */
  amounts?: Record<string, Amount>;
}

/** One cell as a formula reads it: 分 (0 when blank) and where it is, or the text that is not an amount. */
export type CellRead = { fen: number; cell?: CellRef; blank: boolean } | { invalid: string; cell: CellRef };

export interface TableView {
  area: TableArea;
  unitFen: number;
  columns: ViewColumn[];
  entries: ViewEntry[];
  read(entry: ViewEntry, column: ViewColumn): CellRead;
  /** Printed label → column key (the profile's header keys), normalised. */
  columnKeys?: Record<string, string>;
  /** Printed line label → other labels of the same line in other layouts, normalised. */
  rowAliases?: Record<string, string[]>;
}

/** Header labels of label (non-amount) columns. */
const LABEL_LEAF =
  /^(项目|项目名称|科目|科目名称|收入项目|支出项目|功能分类科目|经济分类科目|功能分类科目名称|经济分类科目名称|支出功能分类科目|部门经济分类科目|单位名称|单位代码|单位编码|名称|编码|科目编码|功能分类科目编码|经济分类科目编码|类|款|项|收入|支出|预算单位|单位|序号|行次|栏次)$/;
/** Label columns that hold (part of) the classification code. */
const CODE_LEAF = /^(类|款|项|编码|科目编码|功能分类科目编码|经济分类科目编码)$/;

function isLabelHeader(h: HeaderColumn): boolean {
  return LABEL_LEAF.test(h.leaf) || /名称|编码$|代码$/.test(h.leaf);
}

export function buildView(sheet: SheetData, area: TableArea): TableView {
  const grid = new Grid(sheet);
  const header = labelColumns(grid, area.headerTop, area.headerBottom).columns.filter(
    (h) => h.col >= area.left && h.col <= area.right,
  );
  const first = area.headerBottom + 1;
  const columns: ViewColumn[] = header.map((h) => {
    let label = isLabelHeader(h);
    if (!label) {
      // A column of text under an unknown header is a label column too (项目 | 金额 printed without 项目).
      let numbers = 0;
      let texts = 0;
      for (let r = first; r <= area.bottom; r++) {
        const v = grid.value(r, h.col);
        if (v === null || v === undefined || cellText(v) === "") continue;
        if (isNumericCell(v) || /^[-—–－]+$/.test(cellText(v))) numbers++;
        else texts++;
      }
      label = texts > numbers;
    }
    return { col: h.col, parts: h.parts, label };
  });
  // Label blocks: a run of label columns and the amount columns after it.
  const blocks: { labels: ViewColumn[]; amounts: ViewColumn[] }[] = [];
  for (const c of columns) {
    const cur = blocks[blocks.length - 1];
    if (c.label) {
      if (!cur || cur.amounts.length > 0) blocks.push({ labels: [c], amounts: [] });
      else cur.labels.push(c);
    } else if (cur) cur.amounts.push(c);
    else blocks.push({ labels: [], amounts: [c] });
  }
  const entries: ViewEntry[] = [];
  for (let r = first; r <= area.bottom; r++) {
    if (grid.blank(r)) continue;
    blocks.forEach((b, block) => {
      let text = "";
      let digits = "";
      let labelCell: CellRef | undefined;
      for (const c of b.labels) {
        const t = grid.text(r, c.col);
        if (t === "") continue;
        labelCell = labelCell ?? grid.ref(r, c.col);
        const leaf = c.parts[c.parts.length - 1];
        if (CODE_LEAF.test(leaf) && /^\d+$/.test(t.replace(/\s/g, ""))) {
          digits += t.replace(/\s/g, "");
          continue;
        }
        if (/^(单位代码|单位编码|序号|行次|栏次)$/.test(leaf)) continue;
        text += t;
      }
      if (b.labels.length === 0) {
        // A block without label columns (a one-line 三公 table): its first filled amount cell stands for the row.
        const c = b.amounts.find((k) => grid.text(r, k.col) !== "");
        if (c) labelCell = grid.ref(r, c.col);
      }
      if (!labelCell) return;
      const normText = normLabel(text);
      if (isNoDataText(normText)) return;
      const lead = /^[[(]?(\d{3,9})(?!\d)/.exec(normText);
      const code = digits.length >= 3 ? digits : lead && !/^20\d{2}年/.test(normText) ? lead[1] : undefined;
      const label = stripCode(normText);
      entries.push({
        row: r,
        block,
        label,
        code,
        columns: b.amounts,
        labelCell,
        total: isTotalLabel(label),
        raw: text.trim(),
      });
    });
  }
  return {
    area,
    unitFen: FEN_PER_UNIT[area.unit],
    columns,
    entries,
    read(entry, column) {
      const cell = grid.ref(entry.row, column.col);
      const p = parseAmount(grid.value(entry.row, column.col), area.unit);
      if (p.kind === "amount") return { fen: p.fen, cell, blank: false };
      if (p.kind === "blank") return { fen: 0, cell, blank: true };
      return { invalid: p.text, cell };
    },
  };
}

/** 分 of a cell read (0 for a non-amount: the recognisers report those). */
export function fenOf(view: TableView, entry: ViewEntry, column: ViewColumn): number {
  const r = view.read(entry, column);
  return "fen" in r ? r.fen : 0;
}
