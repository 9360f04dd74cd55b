/**
 * Built-in rules whose check is a set of audit formulas in the Sichuan profile's formula file
 * (src/core/templates/sichuan-14.formulas.ts): declared here as data like every rule (id, family, tables, title,
 * description for docs/rules.md), evaluated over the recognised model. Like the other cross-table rules they skip a
 * table that is absent or empty.
 */
import type { RuleDef } from "../model/findings";
import { evaluateFormulas } from "../formulas/evaluate";
import { profileFormulas, sichuanViews } from "../templates";
import { SICHUAN_FORMULA_RULES } from "../templates/sichuan-14";

export const FORMULA_RULES: RuleDef[] = SICHUAN_FORMULA_RULES.map((meta) => ({
  ...meta,
  check({ model }) {
    const formulas = profileFormulas("sichuan-14").filter((f) => f.id === meta.id);
    return evaluateFormulas(formulas, sichuanViews(model), { silentWhenUnavailable: true, skipEmptyTables: true });
  },
}));
