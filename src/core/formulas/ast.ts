/** The audit formula language (docs/formulas.md): parsed form. */
import type { Severity } from "../model/findings";

export type CompareOp = "=" | "<>" | "<=" | ">=" | "<" | ">";

/** A row reference: a classification code, a quoted label, or `*` (every row of the table, same-table formulas only). */
export type RowSpec = { kind: "code"; code: string } | { kind: "label"; label: string } | { kind: "all" };

export interface Ref {
  kind: "ref";
  table: string;
  row: RowSpec;
  /** Header labels as written, normalised (no spaces), top to bottom; the last is the column's own label. */
  column: string[];
  /** The reference as written, for messages. */
  text: string;
}

export type Expr =
  | Ref
  | { kind: "num"; text: string }
  | { kind: "neg"; expr: Expr }
  | { kind: "bin"; op: "+" | "-"; left: Expr; right: Expr }
  | { kind: "sum"; args: Expr[] };

export interface Formula {
  id: string;
  severity: Severity;
  left: Expr;
  op: CompareOp;
  right: Expr;
  /** 1-based line of the rules file. */
  line: number;
  /** The formula as written (without id and level). */
  text: string;
  /** "user" for a loaded rules file, else the template profile's id. */
  source: string;
}

/** A refused line: the 1-based line number and a Chinese reason. */
export interface FormulaError {
  line: number;
  message: string;
}

export const SEVERITY_WORDS: Record<string, Severity> = { 错误: "error", 警告: "warning", 提示: "info" };

/** Every reference of an expression, left to right. */
export function refsOf(e: Expr, out: Ref[] = []): Ref[] {
  switch (e.kind) {
    case "ref":
      out.push(e);
      break;
    case "neg":
      refsOf(e.expr, out);
      break;
    case "bin":
      refsOf(e.left, out);
      refsOf(e.right, out);
      break;
    case "sum":
      for (const a of e.args) refsOf(a, out);
      break;
    default:
      break;
  }
  return out;
}
