/** Label matching of the formula language: spaces, numbering and quotes never matter (合 计 = 合计). */
import { halfWidth, norm, stripOrdinal } from "../recognition/text";

/**
 * A row or header label for matching: half-width, no whitespace, quotes unified, ordinal numbering ("一、", "（一）",
 * "1.") and a leading "其中：" removed.
 */
export function normLabel(s: string): string {
  let t = norm(halfWidth(s).trim());
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = norm(stripOrdinal(t)).replace(/^其中[:]?/, "");
    if (t === before) break;
  }
  return t;
}

/** A row label without a leading classification code ("2060701机构运行" → "机构运行"). */
export function stripCode(s: string): string {
  return s.replace(/^[[(]?\d{3,}[\])]?[-—_、.:]*/, "");
}
