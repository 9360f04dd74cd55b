/**
 * A user's rules file as bytes (CLI and task pane): size limit, UTF-8 or GB18030 text (Windows Notepad in Chinese
 * saves GBK), parsed against every template's tables. Refusals are one Chinese line naming the line number.
 */
import type { Formula } from "./ast";
import { parseUserFormulas } from "../templates";
import { fileTooLarge, LIMITS } from "../limits";

/** A rules file is text written by hand: far below the shared limit (src/core/limits.ts). */
export const MAX_RULES_FILE_BYTES = LIMITS.rulesFileBytes;
/** Lines (formulas and comments) a rules file may hold. */
export const MAX_RULES_LINES = 20_000;

export type RulesLoad = { ok: true; formulas: Formula[] } | { ok: false; message: string };

function decode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
}

export function loadRulesBytes(bytes: Uint8Array, fileName: string): RulesLoad {
  const what = `审核公式文件“${fileName}”`;
  const tooLarge = fileTooLarge(what, bytes.length, MAX_RULES_FILE_BYTES);
  if (tooLarge) return { ok: false, message: tooLarge };
  const text = decode(bytes);
  if (text === undefined || text.includes("\u0000"))
    return { ok: false, message: `${what}不是文本文件（应为 UTF-8 或 GBK 编码的 .txt）` };
  const lines = text.split(/\r\n|\r|\n/).length;
  if (lines > MAX_RULES_LINES)
    return { ok: false, message: `${what}行数过多（${lines} 行），上限为 ${MAX_RULES_LINES} 行` };
  const { formulas, errors } = parseUserFormulas(text);
  if (errors.length > 0) {
    const more = errors.length > 1 ? `（另有 ${errors.length - 1} 处错误）` : "";
    return { ok: false, message: `${what}${errors[0].message}${more}` };
  }
  if (formulas.length === 0)
    return { ok: false, message: `${what}中没有公式（每行一条：编号 级别 表达式 比较符 表达式）` };
  return { ok: true, formulas };
}
