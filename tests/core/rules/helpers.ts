import { checkEachRule } from "../../../src/core/rules";
import type { CheckOptions, Finding } from "../../../src/core/model/findings";
import type { BudgetModel, LedgerTable, PerfTable, SummaryTable, WholePerfTable } from "../../../src/core/model/tables";
import { addr } from "./model-builder";

export function findings(m: BudgetModel, rule: string, options?: CheckOptions): Finding[] {
  return checkEachRule(m, options).filter((f) => f.rule === rule);
}

/** The single finding of a rule; fails with the list when there is not exactly one. */
export function only(m: BudgetModel, rule: string, options?: CheckOptions): Finding {
  const fs = findings(m, rule, options);
  if (fs.length !== 1)
    throw new Error(`expected one ${rule} finding, got ${fs.length}: ${fs.map((f) => f.message).join(" | ")}`);
  return fs[0];
}

export function first(f: Finding): string {
  return addr(f.cells[0]);
}

export const L = (m: BudgetModel, id: "1-1" | "1-2" | "2-1" | "3" | "3-1" | "3-2" | "3-3" | "4" | "4-1" | "5") =>
  m.tables[id] as LedgerTable;
export const S = (m: BudgetModel, id: "1" | "2") => m.tables[id] as SummaryTable;
export const P = (m: BudgetModel) => m.tables["6"] as PerfTable;
export const W = (m: BudgetModel) => m.tables["7"] as WholePerfTable;
