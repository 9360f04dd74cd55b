/**
 * The narrative's headline figures read from a recognised model, one function each, so that this year's tables and
 * last year's published tables (prior-workbook.ts) give a figure by exactly the same reading.
 */
import type { Amount, BudgetModel, LedgerRow, LedgerTable, SummaryTable } from "../model/tables";

/** Income sources of 表1 / 表1-1 in print order, with their standard names. */
export const INCOME_SOURCES: [string, string][] = [
  ["carryover", "上年结转"],
  ["gpb", "一般公共预算拨款收入"],
  ["fund", "政府性基金预算拨款收入"],
  ["soe", "国有资本经营预算拨款收入"],
  ["business", "事业收入"],
  ["operating", "事业单位经营收入"],
  ["other", "其他收入"],
  ["superior", "上级补助收入"],
  ["affiliated", "附属单位上缴收入"],
  ["specialAccount", "财政专户管理资金收入"],
];

export interface FuncItem {
  code: string;
  name: string;
  amounts: Record<string, number>;
}

export function fen(a: Amount | undefined): number | undefined {
  return a?.fen;
}

export function summaryLine(t: SummaryTable | undefined, side: "income" | "expense", key: string) {
  return t?.[side].find((l) => l.key === key);
}

export function totalRow(t: LedgerTable | undefined): LedgerRow | undefined {
  return t?.rows.find((r) => r.kind === "total");
}

/** 7-digit functional lines of a ledger (summed over units, first-seen order); leaf code lines when none is 7-digit. */
export function functionalItems(t: LedgerTable | undefined): FuncItem[] {
  if (!t) return [];
  const coded = t.rows.filter((r) => r.kind === "item" && r.code && /^\d+$/.test(r.code));
  // 项 lines, plus any 类/款 line with nothing below it (a branch that stops early); leaves are found by code
  // prefix so that the result does not depend on how the rows were linked.
  const rows = coded.filter(
    (r) => r.code!.length === 7 || !coded.some((o) => o.code !== r.code && o.code!.startsWith(r.code!)),
  );
  const byCode = new Map<string, FuncItem>();
  for (const r of rows) {
    const code = r.code!;
    let item = byCode.get(code);
    if (!item) {
      item = { code, name: r.name.trim(), amounts: {} };
      byCode.set(code, item);
    }
    for (const [k, a] of Object.entries(r.amounts)) item.amounts[k] = (item.amounts[k] ?? 0) + a.fen;
  }
  return [...byCode.values()];
}

/** 表1 income lines by source (表1-1 合计 row when 表1 is absent). */
export function incomeSources(model: BudgetModel): Map<string, number> {
  const t1 = model.tables["1"];
  const t11 = model.tables["1-1"];
  const sources = new Map<string, number>();
  if (t1) {
    for (const [key] of INCOME_SOURCES) {
      const l = summaryLine(t1, "income", key);
      if (l) sources.set(key, fen(l.amounts.amount) ?? 0);
    }
  } else if (t11) {
    const tr = totalRow(t11);
    for (const [key] of INCOME_SOURCES) {
      if (tr && t11.columns.some((c) => c.key === key)) sources.set(key, fen(tr.amounts[key]) ?? 0);
    }
  }
  return sources;
}

/** 收支总预算: 表1 收入总计, else 表1-1 合计, else the sum of the sources. */
export function incomeTotalOf(model: BudgetModel, sources = incomeSources(model)): number | undefined {
  return (
    fen(summaryLine(model.tables["1"], "income", "grandTotal")?.amounts.amount) ??
    fen(totalRow(model.tables["1-1"])?.amounts.total) ??
    (sources.size > 0 ? [...sources.values()].reduce((a, b) => a + b, 0) : undefined)
  );
}

/** 财政拨款收支总预算 of 表2: 收入总计, else 支出总计, else 本年收入 + 上年结转, else 本年支出, else Σ 类. */
export function fiscalTotalOf(t2: SummaryTable): number {
  const inc = (k: string) => fen(summaryLine(t2, "income", k)?.amounts.amount);
  const classSum = t2.expense.filter((l) => /^class:/.test(l.key)).reduce((s, l) => s + (fen(l.amounts.total) ?? 0), 0);
  const current = inc("currentTotal");
  const carry = inc("carryover");
  return (
    inc("grandTotal") ??
    fen(summaryLine(t2, "expense", "grandTotal")?.amounts.total) ??
    (current !== undefined ? current + (carry ?? 0) : undefined) ??
    fen(summaryLine(t2, "expense", "currentTotal")?.amounts.total) ??
    classSum
  );
}

export interface GpbData {
  items: FuncItem[];
  /** 当年财政拨款安排 per item (or 合计 when the table has no such column). */
  current: (i: FuncItem) => number;
  total: number;
}

/** 一般公共预算当年拨款 (表3). */
export function gpbData(model: BudgetModel): GpbData | undefined {
  const t3 = model.tables["3"];
  if (!t3) return undefined;
  const hasCurrent = t3.columns.some((c) => c.key === "current");
  const key = hasCurrent ? "current" : "total";
  const items = functionalItems(t3);
  const current = (i: FuncItem) => i.amounts[key] ?? 0;
  const total = fen(totalRow(t3)?.amounts[key]) ?? items.reduce((s, i) => s + current(i), 0);
  return { items, current, total };
}

export interface ThreePublicFigures {
  total: number;
  overseas: number;
  reception: number;
  vehiclePurchase: number;
  vehicleOperation: number;
  /** 公务用车购置及运行费 (the 小计 cell, else 购置 + 运行). */
  vehicle: number;
}

/** “三公”经费 from the 表3-3 合计 row (blank 小计/合计 cells follow from the items). */
export function threePublicOf(tr: LedgerRow): ThreePublicFigures {
  const a = (k: string) => fen(tr.amounts[k]) ?? 0;
  const overseas = a("overseas");
  const vehiclePurchase = a("vehiclePurchase");
  const vehicleOperation = a("vehicleOperation");
  const vehicle = tr.amounts.vehicleSubtotal ? a("vehicleSubtotal") : vehiclePurchase + vehicleOperation;
  const reception = a("reception");
  const total = tr.amounts.total ? a("total") : overseas + vehicle + reception;
  return { total, overseas, reception, vehiclePurchase, vehicleOperation, vehicle };
}

/** 机关运行经费 = 表3-1 公用经费 (合计 row). */
export function agencyOperatingOf(model: BudgetModel): number | undefined {
  return fen(totalRow(model.tables["3-1"])?.amounts.public);
}
