/** Exact arithmetic on 万元 decimal strings (integer 分 underneath, via money.ts). */
import { formatAmount, scaleDecimal } from "../../src/core/model/money";
import type { Dec } from "./types";

/** "753.70" 万元 -> 分 (1 万元 = 1,000,000 分). Blank -> 0. Throws on a malformed literal (a data bug). */
export function fen(d: Dec | undefined): number {
  if (d === undefined || d === "") return 0;
  const v = scaleDecimal(d, 6);
  if (v === undefined) throw new Error(`不是有效的金额：${d}`);
  return v;
}

/** 分 -> 万元 decimal string with at least 2 decimals and no more than needed ("300.569", "753.70"). */
export function dec(f: number): Dec {
  const s = formatAmount(f, "万元", 6);
  const [i, frac] = s.split(".");
  let fr = frac;
  while (fr.length > 2 && fr.endsWith("0")) fr = fr.slice(0, -1);
  return `${i}.${fr}`;
}
