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
  /** Header keys: printed column label → the semantic key recognition gives the column (other wordings match it). */
  columnKeys?: Record<string, string>;
  /** Printed line label → the labels the same line has in other layouts (本年收入合计 ← 本年收入, 收入合计). */
  rowAliases?: Record<string, string[]>;
}

export interface TemplateProfile {
  id: TemplateId;
  /** Chinese name for messages. */
  name: string;
  tables: TemplateTable[];
  /** The profile's audit formulas, in the formula language (docs/formulas.md). */
  formulas: string;
}
