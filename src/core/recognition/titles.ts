/** Title recognition: which of the 14 tables a short cell names. */
import type { MoneyUnit } from "../model/money";
import type { TableId } from "../model/tables";
import { findYear, norm } from "./text";

/**
 * Patterns matched against the normalised title (no spaces, half-width brackets, quotes as ")
 * at its end, most specific first: a more general pattern must never shadow a specific one.
 */
const TITLE_PATTERNS: [TableId, RegExp][] = [
  ["3-3", /一般公共预算(财政拨款)?"?三公"?经费(支出)?(预算)?(情况)?(明细)?表$/],
  ["4-1", /政府性基金(预算)?(财政拨款)?"?三公"?经费(支出)?(预算)?(情况)?(明细)?表$/],
  // A bare "三公" title: the 一般公共预算 one, which every department publishes.
  ["3-3", /^"?三公"?经费(支出)?(预算)?(情况)?(明细)?表$/],
  ["3-1", /一般公共预算(财政拨款|当年拨款|拨款)?基本支出(预算)?(情况)?(明细)?表$/],
  ["3-2", /一般公共预算(财政拨款|当年拨款|拨款)?项目支出(预算)?(情况)?(明细)?表$/],
  ["3", /一般公共预算(财政拨款|当年拨款|拨款)?支出(预算)?(情况)?(明细)?表$/],
  ["4", /政府性基金(预算)?(财政拨款)?支出(预算)?(情况)?(明细)?表$/],
  ["5", /国有资本经营(预算)?(财政拨款)?支出(预算)?(情况)?(明细)?表$/],
  ["7", /部门整体(支出)?绩效目标(申报)?表$/],
  ["6", /项目(支出)?绩效目标(申报)?表$/],
  ["2", /财政拨款收支(预算)?总表$/],
  ["2-1", /财政拨款支出(预算)?(明细)?表(\([^()]*经济分类[^()]*\))?$/],
  ["1", /收支(预算)?总表$/],
  ["1-1", /收入(预算)?总表$/],
  ["1-2", /支出(预算)?总表$/],
];

export interface TitleMatch {
  id: TableId;
  /** Normalised title without suffixes. */
  text: string;
  unit?: MoneyUnit;
  year?: number;
}

const MAX_TITLE_LENGTH = 45;
/** Words that make the text a sentence about a table rather than its title ("详见部门收支总表"). */
const SENTENCE_WORDS = /详见|参见|见|根据|按照|依据|如下|本表|该表|的|是|为|附|填报|说明/;
/** Text allowed before the title proper: a department name and/or a year, never a sentence. */
const MAX_PREFIX_LENGTH = 24;

/** Recognises a cell as a table title; undefined when it is not one. */
export function matchTitle(raw: string): TitleMatch | undefined {
  if (!raw.includes("表")) return undefined;
  let s = norm(raw);
  if (s.length === 0 || s.length > MAX_TITLE_LENGTH + 20) return undefined;
  let unit: MoneyUnit | undefined;
  let year = findYear(s);
  // Section prefixes: "三、", "（三）", "表1-2", "公开表1-2", "附表3".
  s = s
    .replace(/^[-•·*]+/, "")
    .replace(/^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[、.])/, "")
    .replace(/^附件\d+(-\d+)?[、.:]?/, "")
    .replace(/^(附|公开)?表(\d+|[一二三四五六七八九十]+)([-—之](\d+|[一二三四五六七八九十]+))?[、.:]?/, "");
  // Trailing parentheticals that are not part of the name: (公开表1-2), (2024年度), (单位:元).
  for (;;) {
    const m = /\(([^()]*)\)$/.exec(s);
    if (!m) break;
    const inner = m[1];
    if (/经济分类/.test(inner)) break;
    if (!/公开表|^附?表\d|^\d+(-\d+)?$|年|单位|元/.test(inner)) break;
    const u = /(万元|元)/.exec(inner);
    if (u) unit = u[1] as MoneyUnit;
    year = year ?? findYear(inner);
    s = s.slice(0, m.index);
  }
  s = s.replace(/(20\d{2}年度?)$/, "");
  if (s.length > MAX_TITLE_LENGTH) return undefined;
  for (const [id, re] of TITLE_PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const prefix = s.slice(0, m.index);
    if (prefix.length > MAX_PREFIX_LENGTH) return undefined;
    if (/[表，。；：,;:！？!?]/.test(prefix) || SENTENCE_WORDS.test(prefix)) return undefined;
    return { id, text: s, unit, year };
  }
  return undefined;
}
