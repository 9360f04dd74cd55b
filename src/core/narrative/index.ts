/**
 * The one-click narrative: 第三部分 预算情况说明 and 第四部分 名词解释 from the recognised tables.
 * Contract in ./types.ts; the --prior JSON keys are documented in docs/narrative.md.
 */
export { generateNarrative } from "./generate";
export { narrativeToDocx, narrativeToMarkdown, narrativeToPlainText } from "./render";
export { priorFromJson } from "./prior";
export { mergePrior, priorFromModel, type PriorFromWorkbook } from "./prior-workbook";
export * from "./types";
