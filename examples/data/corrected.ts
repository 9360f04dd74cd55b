/**
 * The seed with every genuine slip repaired minimally (see examples/SLIPS.md for the list and the reasons).
 *
 * Decision: the item lines are right and the printed grand totals are not. The function items sum to 753.71
 * (basic 472.34 + project 281.37), so every 合计/总计/income total printed 753.70 becomes 753.71.
 */
import { seed2024 } from "./seed2024";
import { dec, fen } from "./dec";
import type { Dec, IndicatorData, LedgerLine, SeedData, SummaryRow } from "./types";

const OLD_TOTAL = "753.70";
const NEW_TOTAL = "753.71";

/** Replaces every amount equal to `from` by `to` on the given lines. */
function replaceAmounts(lines: LedgerLine[], from: Dec, to: Dec): void {
  for (const l of lines) for (const k of Object.keys(l.amounts)) if (l.amounts[k] === from) l.amounts[k] = to;
}

function replaceSummary(rows: SummaryRow[], from: Dec, to: Dec): void {
  for (const r of rows) {
    if (r.inAmount === from) r.inAmount = to;
    for (const k of Object.keys(r.ex)) if (r.ex[k] === from) r.ex[k] = to;
  }
}

function lineByName(lines: LedgerLine[], name: string, kind?: LedgerLine["kind"]): LedgerLine {
  const l = lines.find((x) => x.name === name && (!kind || x.kind === kind));
  if (!l) throw new Error(`no line ${name}`);
  return l;
}

/** Sets every amount of a line that equals `from` to `to`. */
function setLine(l: LedgerLine, from: Dec, to: Dec): void {
  for (const k of Object.keys(l.amounts)) if (l.amounts[k] === from) l.amounts[k] = to;
}

/** 指标方向性 from the sign: ≥ > = → 正向; ≤ < → 反向; 定性 → 正向 (the seed's own choice where filled). */
export function directionFor(nature: string): string {
  if (nature === "≤" || nature === "<") return "反向指标";
  return "正向指标";
}

export function correctedSeed2024(): SeedData {
  const d = seed2024();
  const t = d.tables;

  // 表1: totals and the 210 class (Σ 2101101…2101199 = 23.50).
  replaceSummary(t["1"].rows, OLD_TOTAL, NEW_TOTAL);
  for (const r of t["1"].rows) if (r.exLabel === "十、卫生健康支出") r.ex.amount = "23.50";

  // 1-1, 1-2, 3: the org lines.
  replaceAmounts(t["1-1"].lines, OLD_TOTAL, NEW_TOTAL);
  replaceAmounts(t["1-2"].lines, OLD_TOTAL, NEW_TOTAL);
  replaceAmounts(t["3"].lines, OLD_TOTAL, NEW_TOTAL);
  lineByName(t["3"].lines, "学术交流活动的").name = "学术交流活动";

  // 表2: totals and 210.
  replaceSummary(t["2"].rows, OLD_TOTAL, NEW_TOTAL);
  for (const r of t["2"].rows) if (r.exLabel === "卫生健康支出") r.ex = { total: "23.50", gpb: "23.50" };

  // 2-1: org lines; sub-item gaps repaired on the sub-items; 30301 raised to its sub-items so 303 holds.
  replaceAmounts(
    t["2-1"].lines.filter((l) => l.kind === "total" || l.kind === "dept" || l.kind === "unit"),
    OLD_TOTAL,
    NEW_TOTAL,
  );
  for (const lines of [t["2-1"].lines, t["3-1"].lines]) {
    setLine(lineByName(lines, "地方出台津贴补贴"), "33.80", "33.79"); // 30102 subs 40.22 → 40.21
    setLine(lineByName(lines, "失业保险"), "0.21", "0.20"); // 30112 subs 2.27 → 2.26
    setLine(lineByName(lines, "离休费"), "16.29", "16.30"); // = 8.04 + 3.29 + 4.97; 303 = 16.30 + 62.57 = 78.87
  }

  // 表6.
  const p6 = t["6"];
  p6.departmentBudget = NEW_TOTAL;
  const byCode = (code: string) => {
    const p = p6.projects.find((x) => x.code === code);
    if (!p) throw new Error(`no project ${code}`);
    return p;
  };
  // Σ R = 415.02 vs 3-1 人员经费 415.01: the largest R project carries the 0.01.
  byCode("51340024R000010184587").budget = "153.71";
  // Names as in 3-2.
  byCode("51340022T000000278902").name = "学术交流活动业务经费";
  byCode("51340024T000010558143").name = "科创中国·天府科技云服务大会";
  // 成本指标 = 预算数.
  const cost = (code: string): IndicatorData => {
    const i = byCode(code).indicators.find((x) => x.level1 === "成本指标");
    if (!i) throw new Error(`no cost indicator ${code}`);
    return i;
  };
  cost("51340022T000000278905").value = "14.57";
  cost("51340023Y000007909602").value = "2.80";
  for (const p of p6.projects) {
    for (const i of p.indicators) {
      if (i.level2 === "可持续发展指标") i.level2 = "可持续影响指标";
      if (i.level1 === "满意度指标" && i.level2 === "满意度指标") i.level2 = "服务对象满意度指标";
      if (i.nature === "定性") i.unit = "";
    }
  }
  const kepu = byCode("51340022T000000278904").indicators;
  kepu[5].level3 = "服务对象满意度";
  kepu[6].level3 = "开展科学研学活动所需经费";
  // 最美 lacks 满意度: add it and keep Σ权重 = 90 (效益 30 → 20, 满意度 10).
  const zuimei = byCode("51340024T000010581447").indicators;
  const social = zuimei.find((i) => i.level2 === "社会效益指标");
  if (!social) throw new Error("no social indicator");
  social.weight = "10";
  const costIdx = zuimei.findIndex((i) => i.level1 === "成本指标");
  zuimei.splice(costIdx, 0, {
    level1: "满意度指标",
    level2: "服务对象满意度指标",
    level3: "科技工作者满意度",
    nature: "≥",
    value: "90",
    unit: "%",
    weight: "10",
    direction: "",
  });
  for (const p of p6.projects) for (const i of p.indicators) if (!i.direction) i.direction = directionFor(i.nature);

  // 表7: 资金总额 = 表1 支出总计; 成本指标 follows; a task for the 基本支出 keeps Σ tasks = 资金总额 (F34).
  const w = t["7"];
  w.totalFunds = NEW_TOTAL;
  w.fiscalFunds = NEW_TOTAL;
  for (const i of w.indicators) if (i.level1 === "成本指标") i.value = NEW_TOTAL;
  const taskSum = w.tasks.reduce((s, x) => s + fen(x.amount), 0);
  const rest = dec(fen(NEW_TOTAL) - taskSum);
  w.tasks.push({
    name: "人员经费及日常运转保障",
    content: `保障在职人员工资福利、社会保障缴费、离退休人员经费和单位日常运转。预计所需经费${rest.replace(/0+$/, "").replace(/\.$/, "")}万元。`,
    amount: rest,
  });
  return d;
}
