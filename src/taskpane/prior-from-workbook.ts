/**
 * What 从上年公开表读取 does with the figures read from last year's workbook (the pane and the web page alike): fill
 * the form's figures, keep what the user typed where the tables have nothing, and say in Chinese what was read.
 */
import type { PriorFromWorkbook } from "../core/narrative/prior-workbook";
import { PRIOR_FIELDS, priorToForm, type PriorForm } from "./logic";

export interface PriorReadStatus {
  intent: "success" | "warning";
  text: string;
}

export function applyPriorFromWorkbook(
  form: PriorForm,
  fileName: string,
  found: PriorFromWorkbook,
): { form: PriorForm; status: PriorReadStatus } {
  const { prior, taken, warnings } = found;
  if (taken.length === 0)
    return { form, status: { intent: "warning", text: warnings.join(" ") || `未能从“${fileName}”读取上年数据。` } };
  const read = priorToForm(prior);
  const next = { ...form };
  for (const field of PRIOR_FIELDS) if (read[field] !== "") next[field] = read[field];
  const text = `已从“${fileName}”读取：${taken.join("、")}。原因等文字请在下方填写。`;
  return {
    form: next,
    status:
      warnings.length > 0
        ? { intent: "warning", text: `${text}请注意：${warnings.join(" ")}` }
        : { intent: "success", text },
  };
}
