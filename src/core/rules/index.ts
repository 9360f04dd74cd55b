/**
 * The rules: declared as data (RuleDef) per family, run in this order. docs/rules.md is generated from RULES
 * (scripts/gen-rules-doc.ts).
 */
import type { CheckOptions, Finding, RuleContext, RuleDef } from "../model/findings";
import type { BudgetModel } from "../model/tables";
import { builtinCatalog } from "../catalog";
import { COMPLETENESS_RULES } from "./completeness";
import { CODE_RULES } from "./codes";
import { TOTAL_RULES } from "./totals";
import { CROSS_RULES } from "./cross";
import { PERFORMANCE_RULES } from "./performance";
import { localizeFaults } from "./localize";

export const RULES: RuleDef[] = [
  ...COMPLETENESS_RULES,
  ...CODE_RULES,
  ...TOTAL_RULES,
  ...CROSS_RULES,
  ...PERFORMANCE_RULES,
];

/**
 * Runs every rule on a recognised model, then localises faults across findings (localize.ts): the cell shared by
 * every equation a single wrong amount breaks becomes the cell highlighted first.
 */
export function runRules(model: BudgetModel, options: CheckOptions = {}): Finding[] {
  return localizeFaults(checkEachRule(model, options), RULES, model);
}

/** Every rule on its own, as declared (no cross-finding localisation). A rule that throws is reported, never propagated. */
export function checkEachRule(model: BudgetModel, options: CheckOptions = {}): Finding[] {
  const ctx: RuleContext = {
    model,
    builtinCatalog: builtinCatalog(),
    options: { ...options, weightTotal: options.weightTotal ?? 90 },
  };
  const out: Finding[] = [];
  for (const rule of RULES) {
    try {
      out.push(...rule.check(ctx));
    } catch (e) {
      out.push({
        rule: rule.id,
        severity: "warning",
        message: `校验规则${rule.id}（${rule.title}）未能完成：${e instanceof Error ? e.message : String(e)}。其余规则不受影响。`,
        cells: [],
      });
    }
  }
  return out;
}

export { ROW_FORMULAS } from "./totals";
