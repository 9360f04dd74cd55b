/**
 * Highlight colours of findings, shared by the annotated .xlsx copy and the task pane (Office.js).
 * Kept in their own module so that the task pane can import them without pulling in exceljs.
 * They are Excel's own "bad / neutral / note" cell-style fills, familiar to Excel users.
 */
import type { Severity } from "../../core/model/findings";

/** CSS-style hex colours, as Office.js range.format.fill.color expects. */
export const HIGHLIGHT_COLORS: Record<Severity, string> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
  info: "#DDEBF7",
};

/** The same colours as ARGB (opaque), as exceljs and the OOXML fill elements expect. */
export const HIGHLIGHT_ARGB: Record<Severity, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
};

/** Higher is worse: when several findings touch one cell, the worst severity colours it. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
