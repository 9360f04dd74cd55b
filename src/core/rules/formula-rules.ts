/**
 * Built-in rules whose equations are audit formulas in the Sichuan profile's formula file
 * (src/core/templates/sichuan-14.formulas.ts). Rules F1, F2 and F6 are nothing but formulas: declared here as data
 * like every rule (id, family, tables, title, description for docs/rules.md). Other rules keep a part that is not a
 * plain equation (a by-class join, an equality that holds only when the income is all 财政拨款) in code and call
 * `formulaFindings` for their formula lines. Like the other cross-table rules they skip a table that is absent or
 * empty.
 */
import type { Finding, RuleDef } from "../model/findings";
import type { BudgetModel } from "../model/tables";
import { evaluateFormulas } from "../formulas/evaluate";
import { profileFormulas, sichuanViews } from "../templates";
import { SICHUAN_FORMULA_RULES } from "../templates/sichuan-14";

/** The findings of the Sichuan formula file's lines with this rule id. */
export function formulaFindings(ruleId: string, model: BudgetModel): Finding[] {
  const formulas = profileFormulas("sichuan-14").filter((f) => f.id === ruleId);
  if (formulas.length === 0) throw new Error(`sichuan-14 formulas: no line for ${ruleId}`);
  return evaluateFormulas(formulas, sichuanViews(model), { silentWhenUnavailable: true, skipEmptyTables: true });
}

export const FORMULA_RULES: RuleDef[] = SICHUAN_FORMULA_RULES.map((meta) => ({
  ...meta,
  check: ({ model }) => formulaFindings(meta.id, model),
}));
