/**
 * The narrative as text: lines joined into logical paragraphs (printed text breaks a sentence over lines, and
 * extraction leaves blank lines between the pieces), headings recognised, and every number the text states
 * found with its place, so that a finding can quote the line it stands on.
 */

/** One logical paragraph: the joined text and, for each piece, the source line it came from. */
export interface Paragraph {
  text: string;
  /** pieces[i] starts at text offset `start` and comes from 1-based `line`. */
  pieces: { line: number; start: number; lineText: string; lineOffset: number }[];
  kind: "part" | "heading1" | "heading2" | "body";
  /** For headings: the Chinese ordinal (一 = 1). For numbered body paragraphs: the leading number. */
  ordinal?: number;
  /** A heading that carries a sentence ("（二）公务接待费较2023年预算持平…") is also read as body. */
  alsoBody?: boolean;
  /** Numbered list item ("1. …", "1、…", "（1）…"): its number; absent number on an item is undefined. */
  number?: number;
  /** Text offset after the leading number. */
  bodyStart: number;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "十二" -> 12, "三" -> 3. */
export function chineseOrdinal(s: string): number | undefined {
  if (!/^[一二三四五六七八九十]+$/.test(s)) return undefined;
  if (s === "十") return 10;
  if (s.startsWith("十")) return 10 + (CN_DIGITS[s[1]] ?? 0);
  if (s.length === 2 && s[1] === "十") return CN_DIGITS[s[0]] * 10;
  if (s.length === 3 && s[1] === "十") return CN_DIGITS[s[0]] * 10 + CN_DIGITS[s[2]];
  return s.length === 1 ? CN_DIGITS[s] : undefined;
}

const FULL_WIDTH = /[\uff01-\uff5e]/g;

/** Full-width ASCII (digits, ％, （）) to half-width; the string keeps its length so offsets stay valid. */
export function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

const PART_RE = /^第[一二三四五六七八九十]+部分/;
const H1_RE = /^([一二三四五六七八九十]+)[、.．]/;
const H2_RE = /^[(（]([一二三四五六七八九十]+)[)）]/;
const NUMBER_RE = /^(\d{1,3})(?:[.．、](?!\d)|\s*[、.．]\s)|^[(（](\d{1,3})[)）]/;
const END_PUNCT = /[。！？!?；;：:]$/;

function classify(text: string): Pick<Paragraph, "kind" | "ordinal" | "alsoBody" | "number" | "bodyStart"> {
  const t = halfWidth(text);
  if (PART_RE.test(t)) return { kind: "part", bodyStart: 0 };
  let m = H1_RE.exec(t);
  if (m)
    return {
      kind: "heading1",
      ordinal: chineseOrdinal(m[1]),
      alsoBody: isSentence(t.slice(m[0].length)),
      bodyStart: m[0].length,
    };
  m = H2_RE.exec(t);
  if (m)
    return {
      kind: "heading2",
      ordinal: chineseOrdinal(m[1]),
      alsoBody: isSentence(t.slice(m[0].length)),
      bodyStart: m[0].length,
    };
  m = NUMBER_RE.exec(t);
  if (m) return { kind: "body", number: Number(m[1] ?? m[2]), bodyStart: m[0].length };
  return { kind: "body", bodyStart: 0 };
}

function isSentence(rest: string): boolean {
  return /[。，,；;]/.test(rest) || /\d/.test(rest);
}

/**
 * Lines (1-based by index + 1; blank lines count) into paragraphs. A non-blank line continues the previous
 * paragraph when that one does not end a sentence and this one does not start a heading or a numbered item.
 */
export function toParagraphs(lines: string[]): Paragraph[] {
  const out: Paragraph[] = [];
  let open: Paragraph | undefined;
  lines.forEach((raw, i) => {
    const lineText = raw.replace(/\r$/, "");
    const lead = lineText.length - lineText.replace(/^[\s\u3000\ufeff]+/, "").length;
    const text = lineText.slice(lead).replace(/[\s\u3000]+$/, "");
    if (text === "") return;
    const c = classify(text);
    const startsNew = c.kind !== "body" || c.number !== undefined;
    if (open && open.kind === "body" && !startsNew && !END_PUNCT.test(open.text)) {
      open.pieces.push({ line: i + 1, start: open.text.length, lineText, lineOffset: lead });
      open.text += text;
      return;
    }
    open = { text, pieces: [{ line: i + 1, start: 0, lineText, lineOffset: lead }], ...c };
    out.push(open);
  });
  return out;
}

/** The 1-based line of a paragraph offset. */
export function lineAt(p: Paragraph, offset: number): number {
  let line = p.pieces[0].line;
  for (const piece of p.pieces) if (piece.start <= offset) line = piece.line;
  return line;
}

/**
 * The part of the source line that holds [start, end) of the paragraph: the sentence around the offset,
 * clipped to the line of `start`.
 */
export function quoteAt(p: Paragraph, start: number, end = start): { line: number; text: string } {
  let piece = p.pieces[0];
  for (const x of p.pieces) if (x.start <= start) piece = x;
  const next = p.pieces[p.pieces.indexOf(piece) + 1];
  const pieceEnd = next ? next.start : p.text.length;
  const s = sentenceBounds(p.text, start);
  const from = Math.max(s.start, piece.start);
  const to = Math.max(Math.min(Math.max(s.end, end), pieceEnd), from);
  const text = p.text.slice(from, to).trim();
  return { line: piece.line, text: text || p.text.slice(piece.start, pieceEnd).trim() };
}

/** Bounds of the sentence (between 。；！？) around an offset; the closing mark is included. */
export function sentenceBounds(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && !/[。；;！？!?]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && !/[。；;！？!?]/.test(text[end])) end++;
  return { start, end: Math.min(end + 1, text.length) };
}

/** Text for comparisons: half-width, no spaces. */
export function squeeze(s: string): string {
  return halfWidth(s).replace(/\s+/g, "");
}

// ------------------------------------------------------------------ mentions

export type MentionKind = "amount" | "percent" | "year" | "count" | "badNumber";

export interface Mention {
  kind: MentionKind;
  /** Offsets in the paragraph text. */
  start: number;
  end: number;
  /** The number as written (half-width), e.g. "753.70". */
  raw: string;
  /** Decimal places written. */
  decimals: number;
  /** amount: "万元" | "元" | "亿元"; count: "个" | "辆" | "批次" | "人"; percent: "%". */
  unit: string;
}

const AMOUNT_UNITS = "亿元|万元|元";
const COUNT_UNITS = "个|辆|批次|人次|人";
/** A run of digits with separators or stray marks inside; checked against the plain-number form below. */
const NUMBER_TOKEN = new RegExp(
  `(?<![\\d.])(\\d(?:[\\d.,，)）(（'\`′|\\\\/_~^*#@!?？OoIl。．]*\\d)?)\\s*(${AMOUNT_UNITS}|%|${COUNT_UNITS})`,
  "g",
);
const PLAIN_NUMBER = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;
const YEAR_RE = /(?<![\d.])((?:19|20)\d{2})\s*(?=年)/g;

/** Every amount, percentage, count and year in a paragraph, in order. */
export function findMentions(text: string): Mention[] {
  const t = halfWidth(text);
  const out: Mention[] = [];
  for (const m of t.matchAll(NUMBER_TOKEN)) {
    const token = m[1];
    const unit = m[2];
    const start = m.index;
    const end = start + m[0].length;
    if (!PLAIN_NUMBER.test(token)) {
      // A list like "1、2" never reaches here; codes "(01)(02)" are not followed by a unit.
      out.push({ kind: "badNumber", start, end, raw: token, decimals: 0, unit });
      continue;
    }
    const raw = token.replace(/,/g, "");
    const decimals = raw.includes(".") ? raw.length - raw.indexOf(".") - 1 : 0;
    const kind: MentionKind = unit === "%" ? "percent" : /元$/.test(unit) ? "amount" : "count";
    out.push({ kind, start, end, raw, decimals, unit });
  }
  for (const m of t.matchAll(YEAR_RE)) {
    out.push({ kind: "year", start: m.index, end: m.index + m[0].length, raw: m[1], decimals: 0, unit: "年" });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * What the text says about a number: the words between the previous boundary (punctuation or the previous
 * amount/percentage) and the number.
 */
export function labelBefore(text: string, mentions: Mention[], m: Mention): string {
  let start = 0;
  for (const o of mentions) {
    if (o.start >= m.start) break;
    if (o.kind !== "year") start = Math.max(start, o.end);
  }
  let i = m.start;
  while (i > start && !/[，,。；;：:、！？!?]/.test(text[i - 1])) i--;
  return squeeze(text.slice(i, m.start));
}
