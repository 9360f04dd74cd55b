/**
 * Checks an existing 预算情况说明 (plain text lines, .docx paragraphs or a sheet's rows) against the recognised
 * tables. Host-free; the CLI (`budget-check check-narrative`) and the pane (检查说明) call checkNarrative.
 */
export { checkNarrative, type NarrativeCheckInput, type NarrativeFinding, type NarrativeQuote } from "./check";
export { NARRATIVE_RULES, type NarrativeRuleDef, type NarrativeRuleId } from "./rules";
export { toParagraphs } from "./text";
