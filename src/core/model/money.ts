/**
 * Exact money. Every amount is held as an integer number of 分 (0.01 元) in a JS number, which is exact
 * for |x| < 2^53 分 (about 9×10^13 元). Amounts are never compared as floats.
 *
 * Rounding rule: a cell value finer than 1 分 is rounded half away from zero to 分 (Excel keeps 15
 * significant digits; binary noise such as 753.7000000000001 disappears at this step).
 */
import type { CellValue } from "./workbook";

export type MoneyUnit = "元" | "万元";

/** 分 per table unit. */
export const FEN_PER_UNIT: Record<MoneyUnit, number> = { 元: 100, 万元: 1_000_000 };

export type ParsedAmount = { kind: "blank" } | { kind: "amount"; fen: number } | { kind: "invalid"; text: string };

const FULL_WIDTH_DIGITS = /[０-９．，－（）]/g;

function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH_DIGITS, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Scales a plain decimal string ("-1234.5678") by 10^digits and rounds half away from zero.
 * Returns undefined when the string is not a plain decimal.
 */
export function scaleDecimal(text: string, digits: number): number | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const negative = m[1] === "-";
  let intPart = m[2] || "0";
  let frac = m[3] ?? "";
  // Exponent notation (only from numbers' String(); rare in money) is applied by shifting the point.
  const exp = m[4] ? Number(m[4]) : 0;
  if (exp > 0) {
    const take = frac.slice(0, exp).padEnd(exp, "0");
    intPart = intPart + take;
    frac = frac.slice(exp);
  } else if (exp < 0) {
    const shift = -exp;
    const padded = intPart.padStart(shift + 1, "0");
    frac = padded.slice(padded.length - shift) + frac;
    intPart = padded.slice(0, padded.length - shift);
  }
  const kept = frac.slice(0, digits).padEnd(digits, "0");
  const rest = frac.slice(digits);
  let value = Number(intPart + kept);
  if (rest.length > 0 && rest.charCodeAt(0) >= 53 /* '5' */) value += 1;
  if (!Number.isSafeInteger(value)) return undefined;
  return negative && value !== 0 ? -value : value;
}

/** Digits of 分 below one table unit: 元 -> 2, 万元 -> 6. */
function unitDigits(unit: MoneyUnit): number {
  return unit === "元" ? 2 : 6;
}

/**
 * Reads a cell as an amount in the given unit and returns it in 分.
 * Accepts numbers, and text with thousands separators, full-width digits, spaces, a trailing unit word,
 * and parentheses or a minus sign for negatives. "-", "—", "－" and "" are blank.
 */
export function parseAmount(value: CellValue | undefined, unit: MoneyUnit): ParsedAmount {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "boolean") return { kind: "invalid", text: String(value) };
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { kind: "invalid", text: String(value) };
    text = Number(value.toPrecision(15)).toString();
  } else {
    text = toHalfWidth(value).replace(/[\s\u00a0\u3000]/g, "");
    if (text === "" || /^[-—–－]+$/.test(text)) return { kind: "blank" };
    text = text.replace(/(万元|元)$/, "");
    let negative = false;
    const paren = /^\((.*)\)$/.exec(text);
    if (paren) {
      negative = true;
      text = paren[1];
    }
    if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?$/.test(text) || !/\d/.test(text)) {
      return { kind: "invalid", text: String(value) };
    }
    text = text.replace(/,/g, "");
    if (negative) text = text.startsWith("-") ? text.slice(1) : `-${text}`;
  }
  const scaled = scaleDecimal(text, unitDigits(unit));
  if (scaled === undefined) return { kind: "invalid", text: String(value) };
  return { kind: "amount", fen: scaled };
}

/**
 * Formats 分 in the given unit with exactly 2 decimals (the published convention), e.g. 75370000 分 in
 * 万元 -> "753.70". Values finer than 0.01 of the unit are rounded half away from zero for display only.
 */
export function formatAmount(fen: number, unit: MoneyUnit, decimals = 2): string {
  const per = FEN_PER_UNIT[unit];
  const negative = fen < 0;
  const abs = Math.abs(fen);
  // Convert to units with `decimals` digits using integer arithmetic.
  const scale = 10 ** decimals;
  const numerator = abs * scale;
  let whole = Math.floor(numerator / per);
  const remainder = numerator - whole * per;
  if (remainder * 2 >= per) whole += 1;
  const intPart = Math.floor(whole / scale);
  const fracPart = whole - intPart * scale;
  const s = decimals > 0 ? `${intPart}.${String(fracPart).padStart(decimals, "0")}` : String(intPart);
  return negative && whole !== 0 ? `-${s}` : s;
}

/**
 * The rounding bound of the disclosure rules: a total of n rounded parts may differ from their printed
 * sum by up to n × 0.005 of the table's unit. Returned in 分 ×2 units to stay integral: callers compare
 * `2 × |gap| <= toleranceTimesTwo(n, unit)`.
 */
export function toleranceTimesTwo(parts: number, unit: MoneyUnit): number {
  // n × 0.005 × per = n × per / 200; times two -> n × per / 100.
  return (parts * FEN_PER_UNIT[unit]) / 100;
}

export type GapVerdict = "equal" | "rounding" | "mismatch";

/** Classifies |a − b| against the n-part rounding bound. */
export function compareWithRounding(a: number, b: number, parts: number, unit: MoneyUnit): GapVerdict {
  const gap = Math.abs(a - b);
  if (gap === 0) return "equal";
  return 2 * gap <= toleranceTimesTwo(Math.max(parts, 1), unit) ? "rounding" : "mismatch";
}

/** The bound itself, formatted in the unit (e.g. "0.015"), for messages. */
export function formatTolerance(parts: number, unit: MoneyUnit): string {
  const thousandths = Math.max(parts, 1) * 5; // n × 0.005 expressed in 0.001 units
  const intPart = Math.floor(thousandths / 1000);
  const frac = String(thousandths % 1000).padStart(3, "0");
  return `${intPart}.${frac}${unit}`;
}

/** Sum of 分 values (exact integer addition). */
export function sumFen(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
