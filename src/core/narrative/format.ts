/**
 * Exact arithmetic for the narrative: money in 分, shares and growth rates computed with BigInt and
 * rounded half away from zero (the published convention), never through floating point.
 */
import { formatAmount } from "../model/money";
import { PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN } from "./types";

/** 分 -> "753.71" (万元, 2 decimals). */
export function wan(fen: number): string {
  return formatAmount(fen, "万元");
}

/** A 【待补充：…】 marker. */
export function marker(what: string): string {
  return `${PLACEHOLDER_OPEN}${what}${PLACEHOLDER_CLOSE}`;
}

/**
 * part / whole as a percentage with `decimals` places, rounded half away from zero, without the % sign.
 * Undefined when whole is 0.
 */
export function percent(part: number, whole: number, decimals: number): string | undefined {
  if (whole === 0) return undefined;
  const negative = part < 0 !== whole < 0 && part !== 0;
  const p = BigInt(Math.abs(part));
  const w = BigInt(Math.abs(whole));
  // value × 10^decimals = part × 100 × 10^decimals / whole
  const scale = 10n ** BigInt(decimals);
  const num = p * 100n * scale;
  let q = num / w;
  if ((num % w) * 2n >= w) q += 1n;
  const intPart = q / scale;
  const frac = q % scale;
  const s = decimals > 0 ? `${intPart}.${frac.toString().padStart(decimals, "0")}` : `${intPart}`;
  return negative && q !== 0n ? `-${s}` : s;
}

/** Growth of `current` over `prior` on the prior-year base, as an unsigned percentage string (2 dp). */
export function growthPercent(current: number, prior: number): string | undefined {
  if (prior === 0) return undefined;
  return percent(Math.abs(current - prior), Math.abs(prior), 2);
}

/** Trims and drops a trailing full stop so that user text can be embedded in a sentence. */
export function clause(text: string): string {
  return text.trim().replace(/[。．.;；，,]+$/u, "");
}

/** Circled numbers for sub-lists inside one item (①…⑳, then (21)…). */
export function circled(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : `（${n}）`;
}
