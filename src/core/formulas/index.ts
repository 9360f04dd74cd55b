/** The audit formula language: parse (with line numbers and Chinese reasons), table views, evaluation. */
export type { CompareOp, Expr, Formula, FormulaError, Ref, RowSpec } from "./ast";
export { parseFormulas, type ParseResult } from "./parse";
export { schemaOf, checkRef, type FormulaSchema, type TableSchema } from "./schema";
export { buildView, type TableArea, type TableView, type ViewEntry } from "./view";
export { evaluateFormulas, type EvalOptions } from "./evaluate";
export { normLabel } from "./labels";
