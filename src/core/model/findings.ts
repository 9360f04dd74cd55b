/** Findings and the declarative rule type. */
import type { CellRef } from "./workbook";
import type { AnyTableId, BudgetModel, TableId } from "./tables";
import type { Catalog } from "../catalog/catalog";
import type { Formula } from "../formulas/ast";

export type Severity = "error" | "warning" | "info";

/** Chinese labels of the severities: 错误 / 警告 / 提示. */
export const SEVERITY_LABELS: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

export interface Finding {
  /** Rule id, e.g. "F7" or "CODE-NAME". */
  rule: string;
  severity: Severity;
  /** Chinese message stating expected and actual values. */
  message: string;
  /** The table the finding belongs to (for grouping); for a missing table, the missing id. */
  table?: AnyTableId;
  /** cells[0] is the cell to highlight first; further cells are the other side of a cross-check. */
  cells: CellRef[];
  /** Expected and actual values as displayed, when the finding compares two values. */
  expected?: string;
  actual?: string;
  /**
   * Equations a diagnosed fault breaks (issue #7): each keeps its own rule id and its own first cell. Their cells
   * are also appended to `cells`. Part of the JSON contract.
   */
  related?: RelatedFinding[];
  /**
   * The broken linear equation behind an equation-type finding, for fault diagnosis. Internal: never serialised
   * (the CLI JSON, the pane and the web page drop it).
   */
  equation?: BrokenEquation;
}

/** One broken equation folded under a diagnosed fault. */
export interface RelatedFinding {
  rule: string;
  message: string;
  cells: CellRef[];
}

/** coef × the cell's amount, in integer 分. */
export interface EquationTerm {
  cell: CellRef;
  coef: number;
}

/**
 * A broken equation Σ coef·value = 0, values in integer 分 whatever the table's unit. gap = Σ coef·value (≠ 0);
 * tolerance is the 尾差 bound in 分 (0 when the equation must hold exactly). Changing one term's cell by δ repairs
 * the equation when coef·δ = −gap.
 */
export interface BrokenEquation {
  terms: EquationTerm[];
  gap: number;
  tolerance: number;
}

export type RuleFamily = "completeness" | "code" | "total" | "cross" | "performance" | "format";

export const RULE_FAMILY_LABELS: Record<RuleFamily, string> = {
  completeness: "完整性",
  code: "科目编码",
  total: "表内合计",
  cross: "表间勾稽",
  performance: "绩效目标",
  format: "格式",
};

export interface CheckOptions {
  /** Official catalog loaded by the user; when present, code names are checked strictly against it. */
  officialCatalog?: Catalog;
  /** Σ weights of one project's indicators: 90 (default, 10 reserved for 预算执行率) or 100. */
  weightTotal?: 90 | 100;
  /** Audit formulas loaded by the user (parsed with parseUserFormulas), evaluated after the built-in rules. */
  formulas?: readonly Formula[];
}

export interface RuleContext {
  model: BudgetModel;
  /** The built-in catalog, always present. */
  builtinCatalog: Catalog;
  options: Required<Pick<CheckOptions, "weightTotal">> & CheckOptions;
}

/** A rule, declared as data plus one check function. docs/rules.md is generated from these. */
export interface RuleDef {
  id: string;
  family: RuleFamily;
  /** Tables the rule reads. */
  tables: TableId[];
  /** Default severity; a rule may report 尾差 (rounding) gaps as warnings. */
  severity: Severity;
  /** Short Chinese title. */
  title: string;
  /** Chinese description of what is checked (one or two sentences). */
  description: string;
  check(ctx: RuleContext): Finding[];
}
