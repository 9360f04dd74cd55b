/** Totals inside one table: column sums over the row tree, row formulas, and the 表1 / 表2 balances. */
import { formulaFindings } from "./formula-rules";
import type { Finding, RuleDef } from "../model/findings";
import type { LedgerTable, SummaryLine, SummaryTable, TableId } from "../model/tables";
import type { CellRef } from "../model/workbook";
import {
  amt,
  cellAt,
  columnLabel,
  compareAmounts,
  fmt,
  hasCol,
  holding,
  line,
  lineAmt,
  lineCell,
  lineName,
  push,
  rowLabel,
  tableLabel,
  termsOf,
} from "./util";

const LEDGER_IDS: TableId[] = ["1-1", "1-2", "2-1", "3", "3-1", "3-2", "3-3", "4", "4-1", "5"];
const MAX_PART_CELLS = 20;

interface RowFormula {
  total: string;
  parts: string[];
}

const TWO_ONE_BLOCKS: [string, string[]][] = [
  ["cur", ["gpb", "fund", "soe"]],
  ["adv", ["gpb", "fund", "soe"]],
  ["carry", ["gpb", "fund", "soe", "ret"]],
];

/** Row formulas per table, as data: total column = Σ part columns, on every row. */
export const ROW_FORMULAS: Partial<Record<TableId, RowFormula[]>> = {
  "1-1": [
    {
      total: "total",
      parts: [
        "carryover",
        "gpb",
        "fund",
        "soe",
        "business",
        "operating",
        "other",
        "superior",
        "affiliated",
        "specialAccount",
      ],
    },
  ],
  "1-2": [{ total: "total", parts: ["basic", "project", "remitSuperior", "subsidyAffiliated", "operating"] }],
  "2-1": [
    {
      total: "grand",
      parts: [
        "cur.total",
        ...TWO_ONE_BLOCKS.filter(([b]) => b !== "cur").flatMap(([b, funds]) => funds.map((f) => `${b}.${f}.sub`)),
      ],
    },
    { total: "cur.total", parts: ["cur.gpb.sub", "cur.fund.sub", "cur.soe.sub"] },
    ...TWO_ONE_BLOCKS.flatMap(([b, funds]) =>
      funds.map((f) => ({ total: `${b}.${f}.sub`, parts: [`${b}.${f}.basic`, `${b}.${f}.proj`] })),
    ),
  ],
  "3": [{ total: "total", parts: ["current", "carryover"] }],
  "3-1": [{ total: "total", parts: ["personnel", "public"] }],
  "3-3": [
    { total: "total", parts: ["overseas", "vehicleSubtotal", "reception"] },
    { total: "vehicleSubtotal", parts: ["vehiclePurchase", "vehicleOperation"] },
  ],
  "4": [{ total: "total", parts: ["basic", "project"] }],
  "4-1": [
    { total: "total", parts: ["overseas", "vehicleSubtotal", "reception"] },
    { total: "vehicleSubtotal", parts: ["vehiclePurchase", "vehicleOperation"] },
  ],
  "5": [{ total: "total", parts: ["basic", "project"] }],
};

/** A part column the layout lacks is replaced by its own parts (2-1 小计 by 基本 + 项目, 车小计 by 购置 + 运行). */
function expandPart(table: LedgerTable, key: string): string[] {
  if (hasCol(table, key)) return [key];
  const own = ROW_FORMULAS[table.id]?.find((f) => f.total === key);
  if (!own) return [];
  return own.parts.flatMap((p) => expandPart(table, p));
}

function ledgerTables(ids: TableId[], tables: Record<string, unknown>): LedgerTable[] {
  return ids
    .map((id) => tables[id] as LedgerTable | undefined)
    .filter((t): t is LedgerTable => t !== undefined && t.kind === "ledger");
}

// ---------- 表1 / 表2 helpers ----------

interface Part {
  fen: number;
  cell: CellRef;
  label: string;
  blank: boolean;
}

function partOf(t: SummaryTable, l: SummaryLine, key = "amount"): Part {
  return { fen: lineAmt(l, key), cell: lineCell(t, l, key), label: lineName(l), blank: l.amounts[key] === undefined };
}

function sumCheck(
  out: Finding[],
  rule: string,
  t: SummaryTable,
  total: SummaryLine | undefined,
  parts: Part[],
  basis: string,
  key = "amount",
  colLabel = "",
): void {
  if (!total) return;
  if (total.amounts[key] === undefined && parts.every((p) => p.blank)) return;
  const nonBlank = parts.filter((p) => !p.blank);
  push(
    out,
    compareAmounts({
      rule,
      table: t.id,
      cells: [lineCell(t, total, key), ...nonBlank.slice(0, MAX_PART_CELLS).map((p) => p.cell)],
      what: `${tableLabel(t.id)}“${lineName(total)}”${colLabel}`,
      expected: parts.reduce((s, p) => s + p.fen, 0),
      actual: lineAmt(total, key),
      parts: nonBlank.length,
      unit: t.unit,
      basis,
      terms: () =>
        termsOf(
          [lineCell(t, total, key)],
          nonBlank.map((p) => p.cell),
        ),
    }),
  );
}

function equalCheck(
  out: Finding[],
  rule: string,
  t: SummaryTable,
  a: SummaryLine | undefined,
  b: SummaryLine | undefined,
  basis: string,
  key = "amount",
): void {
  if (!a || !b) return;
  if (a.amounts[key] === undefined && b.amounts[key] === undefined) return;
  push(
    out,
    compareAmounts({
      rule,
      table: t.id,
      cells: [lineCell(t, a, key), lineCell(t, b, key)],
      what: `${tableLabel(t.id)}“${lineName(a)}”`,
      expected: lineAmt(b, key),
      actual: lineAmt(a, key),
      parts: 1,
      unit: t.unit,
      basis,
      terms: () => termsOf([lineCell(t, a, key)], [lineCell(t, b, key)]),
    }),
  );
}

const EXPENSE_COLS: [string, string][] = [
  ["total", "合计"],
  ["gpb", "一般公共预算"],
  ["fund", "政府性基金预算"],
  ["soe", "国有资本经营预算"],
];

export const TOTAL_RULES: RuleDef[] = [
  {
    id: "SUM-COLUMN",
    family: "total",
    tables: LEDGER_IDS,
    severity: "error",
    title: "纵向合计",
    description:
      "每个有下级的行（合计行、单位行、类、款、2-1的款及其细化行、3-2的项目分组）在每个金额栏都等于其下级行之和；n项相加的差额在n×0.005（表内单位）以内为尾差警告。",
    check({ model }) {
      const out: Finding[] = [];
      for (const t of ledgerTables(LEDGER_IDS, model.tables)) {
        for (const r of t.rows) {
          if (r.children.length === 0) continue;
          const kids = r.children.map((i) => t.rows[i]);
          for (const c of t.columns) {
            const key = c.key;
            const nonBlank = kids.filter((k) => k.amounts[key] !== undefined);
            if (r.amounts[key] === undefined && nonBlank.length === 0) continue;
            // Lines that only repeat this one (合计 ← 部门 ← 单位 with one child each) share its gap: report at the top.
            const chain = [r];
            for (let p = r.parent; p !== undefined; p = t.rows[p].parent) {
              const up = t.rows[p];
              if (up.children.length !== 1 || amt(up, key) !== amt(chain[chain.length - 1], key)) break;
              chain.push(up);
            }
            const top = chain[chain.length - 1];
            const chainCells = chain.map((x) => cellAt(t, x, key)).reverse();
            if (chainCells.some((c) => !c)) continue;
            push(
              out,
              compareAmounts({
                rule: "SUM-COLUMN",
                table: t.id,
                cells: [
                  ...(chainCells as CellRef[]),
                  ...nonBlank.slice(0, MAX_PART_CELLS).map((k) => k.amounts[key].cell),
                ],
                what: `${tableLabel(t.id)}“${rowLabel(top)}”行“${columnLabel(t, key)}”`,
                expected: kids.reduce((s, k) => s + amt(k, key), 0),
                actual: amt(r, key),
                parts: nonBlank.length,
                unit: t.unit,
                basis: chain.length > 1 ? `“${rowLabel(r)}”行其下${kids.length}行之和` : `其下${kids.length}行之和`,
                terms: () =>
                  termsOf(
                    [chainCells[chainCells.length - 1]!],
                    nonBlank.map((k) => k.amounts[key].cell),
                  ),
              }),
            );
          }
        }
      }
      return out;
    },
  },
  {
    id: "SUM-ROW",
    family: "total",
    tables: LEDGER_IDS.filter((id) => ROW_FORMULAS[id]),
    severity: "error",
    title: "横向合计",
    description:
      "每行的合计栏等于各组成栏之和：表1-1合计=各收入来源之和；表1-2合计=基本支出+项目支出（及上缴上级、对附属单位补助、经营支出）；表2-1总计、合计、小计；表3合计=当年+上年结转；表3-1合计=人员经费+公用经费；表3-3、4-1合计=出国+车辆小计+接待，车辆小计=购置+运行；表4、5合计=基本+项目。",
    check({ model }) {
      const out: Finding[] = [];
      for (const t of ledgerTables(LEDGER_IDS, model.tables)) {
        const formulas = ROW_FORMULAS[t.id] ?? [];
        for (const f of formulas) {
          if (!hasCol(t, f.total)) continue;
          const parts = f.parts.flatMap((p) => expandPart(t, p));
          if (parts.length === 0) continue;
          const basis = parts.map((p) => columnLabel(t, p)).join("+");
          const cols = [f.total, ...parts];
          for (const r of t.rows) {
            const nonBlank = parts.filter((p) => r.amounts[p] !== undefined);
            const terms = () =>
              termsOf(
                [cellAt(t, r, f.total)!],
                nonBlank.map((p) => r.amounts[p].cell),
              );
            const holds = parts.reduce((s, p) => s + amt(r, p), 0) === amt(r, f.total);
            // A 部门/单位 line that repeats its parent line exactly shares the parent's finding.
            const parent = r.parent !== undefined ? t.rows[r.parent] : undefined;
            if (parent && parent.children.length === 1 && cols.every((k) => amt(parent, k) === amt(r, k))) {
              if (holds) holding(terms);
              continue;
            }
            // A line whose columns are exactly the sums of its several children has exactly their gaps: those are
            // reported on the children, where a 尾差 is judged with the right number of parts.
            if (
              r.children.length > 1 &&
              cols.every((k) => amt(r, k) === r.children.reduce((s2, c) => s2 + amt(t.rows[c], k), 0))
            ) {
              if (holds) holding(terms);
              continue;
            }
            if (r.amounts[f.total] === undefined && nonBlank.length === 0) continue;
            // Most rows hold: skip building the message for them (this loop runs once per row and formula).
            if (holds) {
              holding(terms);
              continue;
            }
            push(
              out,
              compareAmounts({
                rule: "SUM-ROW",
                table: t.id,
                cells: [cellAt(t, r, f.total)!, ...nonBlank.map((p) => r.amounts[p].cell)],
                what: `${tableLabel(t.id)}“${rowLabel(r)}”行“${columnLabel(t, f.total)}”`,
                expected: parts.reduce((s, p) => s + amt(r, p), 0),
                actual: amt(r, f.total),
                parts: nonBlank.length,
                unit: t.unit,
                basis,
                terms,
              }),
            );
          }
        }
      }
      return out;
    },
  },
  {
    id: "AMOUNT-NEGATIVE",
    family: "format",
    tables: LEDGER_IDS,
    severity: "error",
    title: "金额为负数",
    description: "各明细表的金额不应为负数；负数金额本身就是要改正的单元格（它使所在的合计不成立）。",
    check({ model }) {
      const out: Finding[] = [];
      for (const t of ledgerTables(LEDGER_IDS, model.tables)) {
        for (const r of t.rows) {
          for (const c of t.columns) {
            const a = r.amounts[c.key];
            if (!a || a.fen >= 0) continue;
            out.push({
              rule: "AMOUNT-NEGATIVE",
              severity: "error",
              message: `${tableLabel(t.id)}“${rowLabel(r)}”行“${columnLabel(t, c.key)}”栏金额为${fmt(a.fen, t.unit)}，预算金额不应为负数。`,
              table: t.id,
              cells: [a.cell],
              actual: fmt(a.fen, t.unit),
            });
          }
        }
      }
      return out;
    },
  },
  {
    id: "F3",
    family: "total",
    tables: ["1"],
    severity: "error",
    title: "本年支出合计",
    description: "表1本年支出合计等于各支出功能分类（类）行之和。",
    check({ model }) {
      const out: Finding[] = [];
      const t = model.tables["1"];
      if (!t) return out;
      const parts = t.expense.filter((l) => l.key.startsWith("class:")).map((l) => partOf(t, l));
      sumCheck(out, "F3", t, line(t, "expense", "currentTotal"), parts, "各类支出之和");
      return out;
    },
  },
  {
    id: "F4",
    family: "total",
    tables: ["1"],
    severity: "error",
    title: "收支平衡",
    description:
      "表1收入总计等于支出总计；支出总计等于本年支出合计加结转下年；没有上年结转和结转下年时，本年收入合计等于本年支出合计。",
    check({ model }) {
      const out: Finding[] = [];
      const t = model.tables["1"];
      if (!t) return out;
      // 收入总计 = 支出总计 and 支出总计 = 本年支出合计 + 结转下年 are formula lines; the equality that holds only
      // without carry-overs stays here.
      out.push(...formulaFindings("F4", model));
      const exCur = line(t, "expense", "currentTotal");
      const forward = line(t, "expense", "carryForward");
      const carry = t.income
        .filter((l) => l.key === "carryover" || l.key.startsWith("carryover."))
        .some((l) => lineAmt(l) !== 0);
      if (!carry && lineAmt(forward) === 0) {
        equalCheck(out, "F4", t, exCur, line(t, "income", "currentTotal"), "本年收入合计（无上年结转和结转下年）");
      }
      return out;
    },
  },
  {
    id: "F9",
    family: "total",
    tables: ["2"],
    severity: "error",
    title: "财政拨款收支总表平衡",
    description:
      "表2本年收入=一般公共预算+政府性基金+国有资本经营预算拨款收入，上年结转同理；每个支出行合计=三类资金之和；本年支出各栏=各类支出之和；支出总计各栏=本年支出（+结转下年）；收入总计=支出总计。",
    check({ model }) {
      const out: Finding[] = [];
      const t = model.tables["2"];
      if (!t) return out;
      // 本年收入 = 三类资金, 支出总计 = 本年支出 + 结转下年 in every column (without it a wrong fund cell of the 支出总计
      // line breaks only its row formula, like a wrong 合计 cell) and 收入总计 = 支出总计 are formula lines.
      out.push(...formulaFindings("F9", model));
      const funds = ["gpb", "fund", "soe"];
      // The carry-over's fund lines print the same names as the current year's: a label cannot tell them apart.
      const carryParts = funds
        .map((f) => line(t, "income", `carryover.${f}`))
        .filter((l): l is SummaryLine => l !== undefined)
        .map((l) => partOf(t, l));
      sumCheck(out, "F9", t, line(t, "income", "carryover"), carryParts, "三类上年结转之和");
      // Each line's 合计 = 三类资金: a layout may leave out the 政府性基金/国有资本经营 columns (read as 0 here), which a
      // formula would have to treat as not evaluable.
      for (const l of t.expense) {
        if (l.amounts.total === undefined && funds.every((f) => l.amounts[f] === undefined)) continue;
        sumCheck(
          out,
          "F9",
          t,
          l,
          funds.map((f) => partOf(t, l, f)),
          "一般公共预算+政府性基金预算+国有资本经营预算",
          "total",
          "合计",
        );
      }
      const exCur = line(t, "expense", "currentTotal");
      const classes = t.expense.filter((l) => l.key.startsWith("class:"));
      for (const [key, label] of EXPENSE_COLS) {
        sumCheck(
          out,
          "F9",
          t,
          exCur,
          classes.map((l) => partOf(t, l, key)),
          "各类支出之和",
          key,
          `“${label}”栏`,
        );
      }
      // Without 总计 lines: 本年收入 + 上年结转 = 本年支出 + 结转下年.
      const inGrand = line(t, "income", "grandTotal");
      const exGrand = line(t, "expense", "grandTotal");
      const forward = line(t, "expense", "carryForward");
      if (!inGrand && !exGrand && exCur) {
        const inCur = line(t, "income", "currentTotal");
        if (!inCur) return out;
        const carry = line(t, "income", "carryover");
        const income = lineAmt(inCur) + lineAmt(carry);
        const expense = lineAmt(exCur, "total") + lineAmt(forward, "total");
        push(
          out,
          compareAmounts({
            rule: "F9",
            table: "2",
            cells: cellsOf2(lineCell(t, exCur, "total"), lineCell(t, inCur), carry ? lineCell(t, carry) : undefined),
            what: `表2本年支出与结转下年之和`,
            expected: income,
            actual: expense,
            parts: 1,
            unit: t.unit,
            basis: "本年收入+上年结转",
            terms: () =>
              termsOf(
                cellsOf2(lineCell(t, exCur, "total"), forward ? lineCell(t, forward, "total") : undefined),
                cellsOf2(lineCell(t, inCur), carry ? lineCell(t, carry) : undefined),
              ),
          }),
        );
      }
      return out;
    },
  },
];

function cellsOf2(...cells: (CellRef | undefined)[]): CellRef[] {
  return cells.filter((c): c is CellRef => c !== undefined);
}
