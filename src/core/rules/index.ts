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
import { FORMULA_RULES } from "./formula-rules";
import { diagnoseFaults, holdingByRerun, modelPlaces } from "./diagnosis";

export const RULES: RuleDef[] = [
  ...COMPLETENESS_RULES,
  ...CODE_RULES,
  ...TOTAL_RULES,
  ...CROSS_RULES,
  ...FORMULA_RULES,
  ...PERFORMANCE_RULES,
];

/**
 * Runs every rule on a recognised model, then diagnoses faults across findings (diagnosis.ts): the broken equations
 * one wrong cell explains become one finding at that cell. When there is something to diagnose, the rules run a
 * second time with an observer that collects the holding equations of the suspected cells.
 */
export function runRules(
  model: BudgetModel,
  options: CheckOptions = {},
  extraChecks: () => Finding[] = () => [],
): Finding[] {
  // Audit formulas (template profile and user formulas) join the diagnosis as equations like any other: each keeps
  // its own rule id, and runs again in the observer pass so that the formulas that hold are known too.
  const findings = [...checkEachRule(model, options), ...extraChecks()];
  return diagnoseFaults(
    findings,
    RULES,
    modelPlaces(model),
    holdingByRerun(() => {
      checkEachRule(model, options);
      extraChecks();
    }),
  );
}

/** Every rule on its own, as declared (no cross-finding localisation). A rule that throws is reported, never propagated. */
export function checkEachRule(model: BudgetModel, options: CheckOptions = {}): Finding[] {
  const ctx: RuleContext = {
    model,
    builtinCatalog: builtinCatalog(),
    options: { ...options, weightTotal: options.weightTotal ?? 90 },
  };
  const out: Finding[] = [];
  for (const rule of RULES) out.push(...guarded(rule, () => rule.check(ctx)));
  return out;
}

/** A rule's findings, or one warning saying it could not finish (a rule that throws never stops the others). */
export function guarded(rule: { id: string; title: string }, check: () => Finding[]): Finding[] {
  try {
    return check();
  } catch (e) {
    return [
      {
        rule: rule.id,
        severity: "warning",
        message: `校验规则${rule.id}（${rule.title}）未能完成：${e instanceof Error ? e.message : String(e)}。其余规则不受影响。`,
        cells: [],
      },
    ];
  }
}

export { ROW_FORMULAS } from "./totals";
