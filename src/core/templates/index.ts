/** Template profiles, detection of a workbook's template, table views and the profiles' parsed formulas. */
import type { Formula, FormulaError } from "../formulas/ast";
import { parseFormulas } from "../formulas/parse";
import { schemaOf, type FormulaSchema } from "../formulas/schema";
import { buildView, type TableArea, type TableView } from "../formulas/view";
import { modelView } from "../formulas/model-view";
import type { BudgetModel, TemplateId } from "../model/tables";
import type { WorkbookData } from "../model/workbook";
import { NATIONAL_9 } from "./national-9";
import { SICHUAN_14 } from "./sichuan-14";
import type { TemplateProfile } from "./types";

export type { TemplateProfile, TemplateTable } from "./types";
export { NATIONAL_9, SICHUAN_14 };

export const PROFILES: Record<TemplateId, TemplateProfile> = { "sichuan-14": SICHUAN_14, "national-9": NATIONAL_9 };

/** What a rules file may reference: the tables of every profile (their ids never collide). */
export const ALL_TABLES_SCHEMA: FormulaSchema = schemaOf([...SICHUAN_14.tables, ...NATIONAL_9.tables]);

const parsed = new Map<TemplateId, Formula[]>();

/** A profile's own formulas, parsed once. A profile formula that does not parse is a programming error. */
export function profileFormulas(id: TemplateId): Formula[] {
  let f = parsed.get(id);
  if (!f) {
    const p = PROFILES[id];
    const r = parseFormulas(p.formulas, schemaOf(p.tables), p.id, { repeatedIds: true });
    if (r.errors.length > 0) throw new Error(`${p.id} formulas: ${r.errors[0].message}`);
    f = r.formulas;
    parsed.set(id, f);
  }
  return f;
}

/** Parses a user's rules file against every profile's tables. */
export function parseUserFormulas(text: string): { formulas: Formula[]; errors: FormulaError[] } {
  return parseFormulas(text, ALL_TABLES_SCHEMA, "user");
}

/** Table views of the recognised Sichuan tables, over the model (what every built-in rule reads). */
export function sichuanViews(model: BudgetModel): Map<string, TableView> {
  const cached = viewCache.get(model);
  if (cached) return cached;
  const out = new Map<string, TableView>();
  for (const t of Object.values(model.tables)) {
    if (!t || (t.kind !== "ledger" && t.kind !== "summary")) continue;
    const decl = SICHUAN_14.tables.find((d) => d.id === t.id);
    out.set(t.id, modelView(t, "sichuan-14", { columnKeys: decl?.columnKeys, rowAliases: decl?.rowAliases }));
  }
  viewCache.set(model, out);
  return out;
}

const viewCache = new WeakMap<BudgetModel, Map<string, TableView>>();

/** Views of national table areas. */
export function areaViews(wb: WorkbookData, areas: TableArea[]): Map<string, TableView> {
  const out = new Map<string, TableView>();
  for (const a of areas) {
    const sheet = wb.sheets.find((s) => s.name === a.sheet);
    if (sheet) out.set(a.id, buildView(sheet, a));
  }
  return out;
}
