/** 表1 部门收支总表 and 表2 财政拨款收支预算总表: two-sided label/amount tables. */
import type { ColumnInfo, SummaryLine, SummaryTable } from "../model/tables";
import type { CellRef } from "../model/workbook";
import { type TableContext, baseFields, dataRows, readAmount } from "./common";
import { isNoDataText, classCodeByName, halfWidth, norm, stripOrdinal } from "./text";

type Side = "income" | "expense";

interface SideLayout {
  labelCol: number;
  amounts: { key: string; col: number; label: string }[];
}

const LABEL_LEAF =
  /^(项目|项目名称|科目|科目名称|收入项目|支出项目|功能分类科目|支出功能分类科目|收入|支出|收入项目名称|支出项目名称)$/;

function sideOf(path: string): Side | undefined {
  const inc = /收入|收\/?入/.test(path);
  const exp = /支出|支\/?出/.test(path);
  if (inc && !exp) return "income";
  if (exp && !inc) return "expense";
  return undefined;
}

function expenseAmountKey(tableId: string, leaf: string): string | undefined {
  if (tableId === "1") return "amount";
  if (/一般公共预算/.test(leaf)) return "gpb";
  if (/政府性基金/.test(leaf)) return "fund";
  if (/国有资本/.test(leaf)) return "soe";
  if (/^(合计|总计|小计|预算数|金额|预算金额)$|^(本年|当年|年度)?预算(金额|数)?$/.test(leaf)) return "total";
  return undefined;
}

export function recognizeSummary(ctx: TableContext): SummaryTable {
  const { grid, header, id } = ctx;
  // Label columns first: the first is income unless the header says otherwise.
  const labelCols = header.columns.filter(
    (c) => LABEL_LEAF.test(c.leaf) || (c.parts.length === 1 && /^(收入|支出)$/.test(c.leaf)),
  );
  const sides: Partial<Record<Side, SideLayout>> = {};
  const order: { side: Side; col: number }[] = [];
  for (const lc of labelCols) {
    const s: Side | undefined = sideOf(lc.path) ?? (order.length === 0 ? "income" : "expense");
    if (!s || sides[s]) continue;
    sides[s] = { labelCol: lc.col, amounts: [] };
    order.push({ side: s, col: lc.col });
  }
  order.sort((a, b) => a.col - b.col);
  const columns: ColumnInfo[] = [];
  for (const hc of header.columns) {
    if (order.some((o) => o.col === hc.col)) continue;
    // The side is the nearest label column to the left.
    let owner: Side | undefined;
    for (const o of order) if (o.col < hc.col) owner = o.side;
    if (!owner) continue;
    const layout = sides[owner]!;
    const key =
      owner === "income" ? (layout.amounts.length === 0 ? "amount" : undefined) : expenseAmountKey(id, hc.leaf);
    if (!key || layout.amounts.some((a) => a.key === key)) continue;
    layout.amounts.push({ key, col: hc.col, label: hc.path });
    columns.push({ key: `${owner}.${key}`, label: hc.path, col: hc.col });
  }

  // Stacked layout: one label column holding the income lines, then the expense lines (no expense label column). The
  // expense lines share the column(s) of the income side; the first expense-like label switches sides.
  const incomeLayout = sides.income;
  let stacked: SideLayout | undefined;
  if (incomeLayout && !sides.expense) {
    stacked = { labelCol: incomeLayout.labelCol, amounts: [] };
    for (const hc of header.columns) {
      if (hc.col <= incomeLayout.labelCol) continue;
      const key = expenseAmountKey(id, hc.leaf) ?? (stacked.amounts.length === 0 && id === "2" ? "total" : undefined);
      if (!key || stacked.amounts.some((a) => a.key === key)) continue;
      if (id === "1" && stacked.amounts.length > 0) break;
      stacked.amounts.push({ key, col: hc.col, label: hc.path });
      columns.push({ key: `expense.${key}`, label: hc.path, col: hc.col });
    }
    if (stacked.amounts.length === 0) stacked = undefined;
  }
  let stackedExpense = false;

  const income: SummaryLine[] = [];
  const expense: SummaryLine[] = [];
  let bottom = header.headerBottom;
  let anyNonZero = false;
  let noDataCell: CellRef | undefined;
  let incomeState: "" | "current" | "carry" = "";
  for (const r of dataRows(ctx)) {
    bottom = r;
    if (stacked && !stackedExpense) {
      const label = grid.text(r, stacked.labelCol);
      if (label !== "" && incomeKey(label, incomeState).key === "" && expenseKey(label) !== "") stackedExpense = true;
    }
    for (const side of ["income", "expense"] as Side[]) {
      const layout = stackedExpense ? (side === "expense" ? stacked : undefined) : sides[side];
      if (!layout) continue;
      const label = grid.text(r, layout.labelCol);
      if (label === "") continue;
      // A 收入 / 支出 section line of a stacked table: no line of its own.
      if (
        stacked &&
        /^(收入|支出)(项目)?$/.test(norm(label)) &&
        layout.amounts.every((a) => grid.text(r, a.col) === "")
      )
        continue;
      if (isNoDataText(label)) {
        noDataCell = noDataCell ?? grid.ref(r, layout.labelCol);
        continue;
      }
      const amounts: SummaryLine["amounts"] = {};
      for (const a of layout.amounts) {
        const amt = readAmount(ctx, r, a.col);
        if (amt) {
          amounts[a.key] = amt;
          if (amt.fen !== 0) anyNonZero = true;
        }
      }
      let key: string;
      if (side === "income") {
        const k = incomeKey(label, incomeState);
        key = k.key;
        incomeState = k.state;
      } else {
        key = expenseKey(label);
      }
      const line: SummaryLine = { row: r, side, label, labelCell: grid.ref(r, layout.labelCol), key, amounts };
      (side === "income" ? income : expense).push(line);
    }
  }
  const table: SummaryTable = { ...baseFields(ctx, columns, bottom, !anyNonZero), kind: "summary", income, expense };
  if (noDataCell) table.noDataCell = noDataCell;
  return table;
}

/** Income line key; lines under 本年收入 / 上年结转 (表2) take the block's prefix. */
export function incomeKey(
  label: string,
  state: "" | "current" | "carry",
): { key: string; state: "" | "current" | "carry" } {
  const n = norm(stripOrdinal(halfWidth(label).trim())).replace(/^其中[:]?/, "");
  if (/^(收入总计|总计|收入合计总计)$/.test(n) || /收入总计$/.test(n)) return { key: "grandTotal", state };
  if (/^本年收入(合计)?$|^收入合计$/.test(n)) return { key: "currentTotal", state: "current" };
  if (/^(上年结转|上年结余|上年结转结余|年初结转|年初结转和结余)/.test(n) && !/一般公共|政府性基金|国有资本/.test(n))
    return { key: "carryover", state: "carry" };
  const prefix = state === "carry" ? "carryover." : "";
  if (/一般公共预算/.test(n)) return { key: `${prefix}gpb`, state };
  if (/政府性基金/.test(n)) return { key: `${prefix}fund`, state };
  if (/国有资本经营/.test(n)) return { key: `${prefix}soe`, state };
  if (/^事业单位经营收入|^经营收入/.test(n)) return { key: "operating", state };
  if (/^事业收入/.test(n)) return { key: "business", state };
  if (/^上级补助收入/.test(n)) return { key: "superior", state };
  if (/^附属单位上缴收入/.test(n)) return { key: "affiliated", state };
  if (/财政专户/.test(n)) return { key: "specialAccount", state };
  if (/^其他收入/.test(n)) return { key: "other", state };
  return { key: "", state };
}

export function expenseKey(label: string): string {
  const h = halfWidth(label).trim();
  const n = norm(stripOrdinal(h));
  if (/^(支出总计|总计)$/.test(n) || /支出总计$/.test(n)) return "grandTotal";
  if (/^本年支出(合计)?$|^支出合计$/.test(n)) return "currentTotal";
  if (/^(结转下年|年末结转|结转下年支出|年末结转和结余)/.test(n)) return "carryForward";
  const coded = /^(2\d{2})(?!\d)\s*[-、.]?\s*(.*)$/.exec(n);
  if (coded) return `class:${coded[1]}`;
  const code = classCodeByName(n);
  return code ? `class:${code}` : "";
}
