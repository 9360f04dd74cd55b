/**
 * A 2023 budget of the same department, for the prior-year example (examples/prior-2023.xlsx): the figures of
 * examples/prior-2023.json (收支总预算 614.51, “三公” 10.89 = 接待 0.19 + 车辆运行 10.70, 机关运行经费 51.30) in a
 * complete, consistent set of 14 tables. Derived from the corrected 2024 tables by three movements, each carried
 * through every table that shows it:
 *   1. 公用经费 57.33 → 51.30: 公务用车运行维护费 9.70 → 10.70, 其他商品和服务支出 11.54 → 4.51 (机构运行 −6.03);
 *   2. 项目支出 281.37 → 148.20: two projects of 2024 did not exist (科创中国 50.00, 最美科技工作者 25.00), and
 *      凉山州级科普专项经费 was 69.83 instead of 128.00 (其他科学技术普及支出, 委托业务费);
 *   3. totals 753.71 (the corrected 2024 total) → 614.51.
 */
import { correctedSeed2024 } from "./corrected";
import { dec, fen } from "./dec";
import type { Dec, LedgerLine, SeedData, SummaryRow } from "./types";

export const PRIOR_YEAR = 2023;

function shiftLine(l: LedgerLine, keys: string[], delta: number): void {
  for (const k of keys) {
    if (l.amounts[k] === undefined) throw new Error(`${l.name}: no amount ${k}`);
    l.amounts[k] = dec(fen(l.amounts[k]) + delta);
  }
}

function find(lines: LedgerLine[], pred: (l: LedgerLine) => boolean, what: string): LedgerLine {
  const l = lines.find(pred);
  if (!l) throw new Error(`no line ${what}`);
  return l;
}

/** The 合计 / department / unit lines; lines that share one amounts object (orgLines in seed2024.ts) count once. */
function orgLinesOf(lines: LedgerLine[]): LedgerLine[] {
  const seen = new Set<object>();
  return lines.filter((l) => {
    if (!(l.kind === "total" || l.kind === "dept" || l.kind === "unit") || seen.has(l.amounts)) return false;
    seen.add(l.amounts);
    return true;
  });
}
const econ = (lines: LedgerLine[], code: string) =>
  find(
    lines,
    (l) => l.unitCode === code || (l.kind === "class" && l.code?.[0] === code) || l.code?.join("") === code,
    code,
  );
const item = (lines: LedgerLine[], code: string) =>
  find(lines, (l) => l.kind === "item" && l.code?.join("") === code, code);

function shiftSummary(rows: SummaryRow[], label: RegExp, delta: number, incomeToo: boolean): void {
  const row = rows.find((r) => label.test(r.exLabel ?? "") || (incomeToo && label.test(r.inLabel ?? "")));
  if (!row) throw new Error(`no row ${label}`);
  if (label.test(row.exLabel ?? "")) for (const k of Object.keys(row.ex)) row.ex[k] = dec(fen(row.ex[k]) + delta);
  if (incomeToo && label.test(row.inLabel ?? "") && row.inAmount !== undefined)
    row.inAmount = dec(fen(row.inAmount) + delta);
}

export function prior2023(): SeedData {
  const d = correctedSeed2024();
  const t = d.tables;
  d.year = PRIOR_YEAR;
  const vehicle = fen("1.00");
  const otherPublic = fen("-7.03");
  const publicDelta = vehicle + otherPublic; // −6.03
  const kepu = fen("69.83") - fen("128.00"); // −58.17
  const dropped = fen("-75.00");
  const projectDelta = kepu + dropped; // −133.16
  const totalDelta = publicDelta + projectDelta; // −139.20 (753.71 → 614.51)

  // 1. 公用经费 in 3-1 and 2-1 (basic columns), 3-3, 表6 Y projects, 机构运行 in 1-2 and 3.
  for (const [lines, keys] of [
    [t["3-1"].lines, ["total", "public"]],
    [t["2-1"].lines, ["grand", "cur.total", "cur.gpb.sub", "cur.gpb.basic"]],
  ] as const) {
    shiftLine(econ(lines, "30231"), [...keys], vehicle);
    shiftLine(econ(lines, "30299"), [...keys], otherPublic);
    shiftLine(econ(lines, "302"), [...keys], publicDelta);
    for (const l of orgLinesOf(lines)) shiftLine(l, [...keys], publicDelta);
  }
  for (const l of orgLinesOf(t["3-3"].lines)) shiftLine(l, ["total", "vehicleSubtotal", "vehicleOperation"], vehicle);
  const y = (suffix: string) =>
    find(
      t["6"].projects as unknown as LedgerLine[],
      (p) => (p as unknown as { code: string }).code.endsWith(suffix),
      suffix,
    );
  const setBudget = (suffix: string, delta: number) => {
    const p = y(suffix) as unknown as { budget: Dec };
    p.budget = dec(fen(p.budget) + delta);
  };
  setBudget("282983", vehicle); // 公务用车运行维护费（行政）
  setBudget("283058", otherPublic); // 其他公用经费（行政）
  shiftLine(item(t["1-2"].lines, "2060701"), ["total", "basic"], publicDelta);
  shiftLine(item(t["3"].lines, "2060701"), ["total", "current"], publicDelta);
  for (const l of orgLinesOf(t["1-2"].lines)) shiftLine(l, ["total", "basic"], publicDelta);

  // 2. 项目支出: 2060799 in 1-2 / 3 / 3-2, 委托业务费 in 2-1, the projects of 表6.
  shiftLine(item(t["1-2"].lines, "2060799"), ["total", "project"], projectDelta);
  shiftLine(item(t["3"].lines, "2060799"), ["total", "current"], projectDelta);
  for (const l of orgLinesOf(t["1-2"].lines)) shiftLine(l, ["total", "project"], projectDelta);
  const keys21 = ["grand", "cur.total", "cur.gpb.sub", "cur.gpb.proj"];
  shiftLine(econ(t["2-1"].lines, "30227"), keys21, projectDelta);
  shiftLine(econ(t["2-1"].lines, "302"), keys21, projectDelta);
  for (const l of orgLinesOf(t["2-1"].lines)) shiftLine(l, keys21, projectDelta);
  const l32 = t["3-2"].lines;
  t["3-2"].lines = l32.filter((l) => !/科创中国|最美科技工作者/.test(l.name));
  shiftLine(
    find(t["3-2"].lines, (l) => l.name === "凉山州级科普专项经费", "科普专项"),
    ["total"],
    kepu,
  );
  shiftLine(
    find(t["3-2"].lines, (l) => l.kind === "group" && l.name === "其他科学技术普及支出", "group"),
    ["total"],
    projectDelta,
  );
  for (const l of orgLinesOf(t["3-2"].lines)) shiftLine(l, ["total"], projectDelta);
  const p6 = t["6"];
  p6.projects = p6.projects.filter((p) => !/科创中国|最美科技工作者/.test(p.name));
  const kp = p6.projects.find((p) => p.name === "凉山州级科普专项经费");
  if (!kp) throw new Error("no 凉山州级科普专项经费");
  kp.budget = "69.83";
  for (const i of kp.indicators) if (i.level1 === "成本指标") i.value = "69.83";

  // 3. Totals: 1-1, 1-2 and 3 org lines (1-2 done above), 表1, 表2, 表6, 表7.
  for (const l of orgLinesOf(t["1-1"].lines)) shiftLine(l, Object.keys(l.amounts), totalDelta);
  for (const l of orgLinesOf(t["3"].lines)) shiftLine(l, ["total", "current"], totalDelta);
  for (const rows of [t["1"].rows, t["2"].rows]) {
    shiftSummary(rows, /科学技术支出/, totalDelta, false);
    for (const r of rows) {
      if (/^(一、)?一般公共预算拨款收入$|本年收入合计|^一、本年收入$|收入总计/.test(r.inLabel ?? "") && r.inAmount) {
        r.inAmount = dec(fen(r.inAmount) + totalDelta);
      }
      if (/本年支出合计|^一、本年支出$|支出总计/.test(r.exLabel ?? "")) {
        for (const k of Object.keys(r.ex)) r.ex[k] = dec(fen(r.ex[k]) + totalDelta);
      }
    }
  }
  p6.departmentBudget = dec(fen(p6.departmentBudget) + totalDelta);
  const w = t["7"];
  w.totalFunds = dec(fen(w.totalFunds) + totalDelta);
  w.fiscalFunds = w.totalFunds;
  for (const i of w.indicators) if (i.level1 === "成本指标") i.value = w.totalFunds;
  w.tasks = w.tasks.filter((x) => !/科创中国|最美科技工作者/.test(x.name));
  const rest = w.tasks.pop();
  if (!rest) throw new Error("no rest task");
  const restFen = fen(w.totalFunds) - w.tasks.reduce((s, x) => s + fen(x.amount), 0);
  const restDec = dec(restFen);
  w.tasks.push({
    name: rest.name,
    content: rest.content.replace(/[\d.]+万元。$/, `${restDec.replace(/0+$/, "").replace(/\.$/, "")}万元。`),
    amount: restDec,
  });
  return d;
}
