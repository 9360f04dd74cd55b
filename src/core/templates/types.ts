/** Template profiles: the tables a disclosure template has and the audit formulas that tie them together. */
import type { MoneyUnit } from "../model/money";
import type { TemplateId } from "../model/tables";
import type { TableSchema } from "../formulas/schema";

export interface TemplateTable extends TableSchema {
  /** Title patterns, matched against the normalised title (no spaces, quotes as ") at its end. */
  titles: RegExp[];
  /** Unit when neither the title nor a unit line says. */
  defaultUnit: MoneyUnit;
  /** Row structure: which classification the code column holds ("none" for label-only tables). */
  codes: "functional" | "economic" | "none";
}

export interface TemplateProfile {
  id: TemplateId;
  /** Chinese name for messages. */
  name: string;
  tables: TemplateTable[];
  /** The profile's audit formulas, in the formula language (docs/formulas.md). */
  formulas: string;
}
