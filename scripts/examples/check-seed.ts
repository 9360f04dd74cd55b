/**
 * Exact arithmetic check of SeedData: the audit formulas F1–F34 of ../shared/domain/disclosure-rules.md §2 that
 * apply to the data, every parent line = Σ its children, every row 合计 = Σ its parts, and the 绩效目标 rules of §4.
 * Used to prove that examples/data/corrected.ts is consistent, and that the published copy fails where SLIPS.md says.
 *
 * Run: node -r ts-node/register/transpile-only scripts/examples/check-seed.ts [published|corrected]
 */
import { compareWithRounding } from "../../src/core/model/money";
import { fen } from "../../examples/data/dec";
import { seed2024 } from "../../examples/data/seed2024";
import { correctedSeed2024 } from "../../examples/data/corrected";
import type { IndicatorData, LedgerLine, ProjectData, SeedData, SummaryRow, TableId } from "../../examples/data/types";

export interface CheckFailure {
  /** Formula id ("F7") or a structural check ("sum", "row", "perf"). */
  rule: string;
  table: TableId;
  /** What was compared, in English. */
  what: string;
  expected?: string;
  actual?: string;
  /** rounding = within n × 0.005 万元 for n parts (尾差); mismatch otherwise; rule = a non-arithmetic rule. */
  verdict: "rounding" | "mismatch" | "rule";
}

const fmt = (f: number): string => {
  const neg = f < 0;
  const a = Math.abs(f);
  const int = Math.floor(a / 1_000_000);
  let frac = String(a % 1_000_000).padStart(6, "0");
  while (frac.length > 2 && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${neg ? "-" : ""}${int}.${frac}`;
};

class Checker {
  failures: CheckFailure[] = [];
  /** Number of comparisons made (so a test can tell a vacuous pass from a real one). */
  count = 0;
  eq(rule: string, table: TableId, what: string, expected: number, actual: number, parts = 1): void {
    this.count += 1;
    if (expected === actual) return;
    const v = compareWithRounding(expected, actual, Math.max(parts, 1), "万元");
    this.failures.push({
      rule,
      table,
      what,
      expected: fmt(expected),
      actual: fmt(actual),
      verdict: v === "rounding" ? "rounding" : "mismatch",
    });
  }
  rule(rule: string, table: TableId, what: string, ok: boolean): void {
    this.count += 1;
    if (!ok) this.failures.push({ rule, table, what, verdict: "rule" });
  }
}

const a = (l: LedgerLine | undefined, key: string): number => (l ? fen(l.amounts[key]) : 0);
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
const codeOf = (l: LedgerLine): string => (l.code ?? []).join("");

/** Class code → 表1/表2 label (without the Chinese numeral). */
// Dense on purpose: a list to read across, as in the printed table.
// prettier-ignore
const CLASS_LABELS: Record<string, string> = {
  "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出", "205": "教育支出", "206": "科学技术支出",
  "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出", "209": "社会保险基金支出", "210": "卫生健康支出", "211": "节能环保支出",
  "212": "城乡社区支出", "213": "农林水支出", "214": "交通运输支出", "215": "资源勘探工业信息等支出", "216": "商业服务业等支出",
  "217": "金融支出", "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出", "222": "粮油物资储备支出",
  "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出", "229": "其他支出", "231": "债务还本支出", "232": "债务付息支出",
  "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
};

const stripNumeral = (s: string | undefined): string => (s ?? "").replace(/^[一二三四五六七八九十]+、/, "");

function summaryRow(rows: SummaryRow[], side: "in" | "ex", label: string | RegExp, nth = 0): SummaryRow | undefined {
  const hits = rows.filter((r) => {
    const l = side === "in" ? r.inLabel : r.exLabel;
    return l !== undefined && (typeof label === "string" ? l === label || stripNumeral(l) === label : label.test(l));
  });
  return hits[nth];
}

const inAmt = (r: SummaryRow | undefined): number => fen(r?.inAmount);
const exAmt = (r: SummaryRow | undefined, key: string): number => fen(r?.ex[key]);

/** Parent = Σ children for a ledger table laid out total → dept → unit → (class →) item (→ sub), or unit → group → item. */
function checkHierarchy(c: Checker, id: TableId, lines: LedgerLine[], keys: string[]): void {
  const total = lines.find((l) => l.kind === "total");
  const depts = lines.filter((l) => l.kind === "dept");
  const units = lines.filter((l) => l.kind === "unit");
  const classes = lines.filter((l) => l.kind === "class");
  const groups = lines.filter((l) => l.kind === "group");
  const items = lines.filter((l) => l.kind === "item");
  for (const k of keys) {
    if (total && depts.length)
      c.eq("sum", id, `合计 = Σ department lines [${k}]`, a(total, k), sum(depts.map((d) => a(d, k))), depts.length);
    if (depts.length && units.length) {
      c.eq("sum", id, `department = Σ unit lines [${k}]`, a(depts[0], k), sum(units.map((u) => a(u, k))), units.length);
    }
    const top = classes.length ? classes : groups.length ? groups : items;
    if (units.length && top.length) {
      c.eq(
        "sum",
        id,
        `unit = Σ ${classes.length ? "类" : groups.length ? "group" : "项"} lines [${k}]`,
        a(units[0], k),
        sum(top.map((x) => a(x, k))),
        top.length,
      );
    }
  }
  // class = Σ its 款 items; item = Σ its sub-items; group = Σ the items after it.
  lines.forEach((l, i) => {
    let children: LedgerLine[] = [];
    if (l.kind === "class") {
      for (let j = i + 1; j < lines.length && lines[j].kind !== "class"; j++)
        if (lines[j].kind === "item") children.push(lines[j]);
    } else if (l.kind === "group") {
      for (let j = i + 1; j < lines.length && lines[j].kind === "item"; j++) children.push(lines[j]);
    } else if (l.kind === "item") {
      for (let j = i + 1; j < lines.length && lines[j].kind === "sub"; j++) children.push(lines[j]);
    }
    children = children.filter((x) => x !== l);
    if (!children.length) return;
    for (const k of keys) {
      if (l.amounts[k] === undefined && children.every((x) => x.amounts[k] === undefined)) continue;
      c.eq(
        "sum",
        id,
        `${l.name} = Σ its ${children.length} children [${k}]`,
        a(l, k),
        sum(children.map((x) => a(x, k))),
        children.length,
      );
    }
  });
}

function rowSum(c: Checker, id: TableId, lines: LedgerLine[], whole: string, parts: string[], rule = "row"): void {
  for (const l of lines) {
    if (l.kind === "nodata") continue;
    if (l.amounts[whole] === undefined && parts.every((p) => l.amounts[p] === undefined)) continue;
    c.eq(
      rule,
      id,
      `${l.name}: ${whole} = ${parts.join(" + ")}`,
      a(l, whole),
      sum(parts.map((p) => a(l, p))),
      parts.length,
    );
  }
}

const L2_ALLOWED: Record<string, string[]> = {
  产出指标: ["数量指标", "质量指标", "时效指标"],
  成本指标: ["经济成本指标", "社会成本指标", "生态环境成本指标"],
  效益指标: ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
  满意度指标: ["服务对象满意度指标"],
};
const NATURES = ["≥", "≤", "=", ">", "<", "定性"];

function checkIndicators(c: Checker, id: TableId, owner: string, inds: IndicatorData[], withDirection: boolean): void {
  for (const i of inds) {
    const where = `${owner} / ${i.level3 || "(三级指标空)"}`;
    c.rule(
      "perf",
      id,
      `${where}: 二级指标“${i.level2}” belongs to ${i.level1}`,
      (L2_ALLOWED[i.level1] ?? []).includes(i.level2),
    );
    c.rule("perf", id, `${where}: 三级指标 is filled`, i.level3.trim() !== "");
    c.rule("perf", id, `${where}: 指标性质 is one of ≥ ≤ = > < 定性`, NATURES.includes(i.nature));
    c.rule("perf", id, `${where}: 指标值 is filled`, i.value.trim() !== "" && !/^[*_-]+$/.test(i.value.trim()));
    if (i.nature === "定性") c.rule("perf", id, `${where}: 定性 has no 度量单位`, i.unit === "");
    else c.rule("perf", id, `${where}: quantitative row has a 度量单位`, i.unit !== "");
    c.rule("perf", id, `${where}: 权重 is an integer`, /^\d+$/.test(i.weight));
    if (withDirection) {
      const d = i.direction ?? "";
      const ok =
        i.nature === "定性"
          ? d === "" || d === "正向指标"
          : i.nature === "≤" || i.nature === "<"
            ? d === "反向指标"
            : d === "正向指标";
      c.rule("perf", id, `${where}: 指标方向性“${d}” matches ${i.nature}`, ok);
    }
  }
}

/** Runs every check; returns the failures (empty = consistent) and the number of comparisons made. */
export function checkSeed(data: SeedData): { failures: CheckFailure[]; count: number } {
  const c = new Checker();
  const t = data.tables;
  const r1 = t["1"].rows;
  const r2 = t["2"].rows;

  // ---- 表1
  const incomeItems = r1.filter((r) => r.inLabel && /^[一二三四五六]、/.test(r.inLabel));
  const curIn = summaryRow(r1, "in", "本年收入合计");
  const carryIn = summaryRow(r1, "in", "上年结转");
  const grandIn = summaryRow(r1, "in", "收入总计");
  const curEx = summaryRow(r1, "ex", "本年支出合计");
  const grandEx = summaryRow(r1, "ex", "支出总计");
  const classRows1 = r1.filter((r) => r.exLabel && /^[一二三四五六七八九十]+、/.test(r.exLabel));
  c.eq("F1", "1", "本年收入合计 = Σ income items 一…六", inAmt(curIn), sum(incomeItems.map(inAmt)), incomeItems.length);
  c.eq("F2", "1", "收入总计 = 本年收入合计 + 上年结转", inAmt(grandIn), inAmt(curIn) + inAmt(carryIn), 2);
  c.eq(
    "F3",
    "1",
    "本年支出合计 = Σ 支出 类 rows",
    exAmt(curEx, "amount"),
    sum(classRows1.map((r) => exAmt(r, "amount"))),
    classRows1.length,
  );
  c.eq("F4", "1", "收入总计 = 支出总计", inAmt(grandIn), exAmt(grandEx, "amount"));
  c.eq("F4", "1", "支出总计 = 本年支出合计 (no 结转下年)", exAmt(grandEx, "amount"), exAmt(curEx, "amount"));

  // ---- 1-1
  const l11 = t["1-1"].lines;
  const sources = [
    "carryover",
    "gpb",
    "fund",
    "soe",
    "business",
    "operating",
    "other",
    "superior",
    "affiliated",
    "specialAccount",
  ];
  rowSum(c, "1-1", l11, "total", sources, "F5");
  checkHierarchy(c, "1-1", l11, ["total", ...sources]);
  const tot11 = l11.find((l) => l.kind === "total");
  c.eq("F6", "1-1", "1-1 合计 = 表1 收入总计", a(tot11, "total"), inAmt(grandIn));
  const sourceRow: Record<string, RegExp> = {
    gpb: /一般公共预算拨款收入/,
    fund: /政府性基金预算拨款收入/,
    soe: /国有资本经营预算拨款收入/,
    business: /^四、事业收入/,
    operating: /事业单位经营收入/,
    other: /其他收入/,
    carryover: /上年结转/,
  };
  for (const [k, re] of Object.entries(sourceRow)) {
    c.eq("F6", "1-1", `1-1 ${k} = 表1 income row`, a(tot11, k), inAmt(summaryRow(r1, "in", re)));
  }

  // ---- 1-2
  const l12 = t["1-2"].lines;
  rowSum(c, "1-2", l12, "total", ["basic", "project"], "F7");
  checkHierarchy(c, "1-2", l12, ["total", "basic", "project"]);
  const items12 = l12.filter((l) => l.kind === "item");
  const tot12 = l12.find((l) => l.kind === "total");
  c.eq("F8", "1-2", "1-2 合计 = Σ 项 rows", a(tot12, "total"), sum(items12.map((l) => a(l, "total"))), items12.length);
  const classCodes = [...new Set(items12.map((l) => (l.code ?? [])[0]))];
  for (const cls of classCodes) {
    const mine = items12.filter((l) => (l.code ?? [])[0] === cls);
    const row1 = summaryRow(r1, "ex", CLASS_LABELS[cls] ?? `?${cls}`);
    c.eq(
      "F8",
      "1-2",
      `Σ 1-2 项 of 类 ${cls} = 表1 ${CLASS_LABELS[cls]}`,
      exAmt(row1, "amount"),
      sum(mine.map((l) => a(l, "total"))),
      mine.length,
    );
  }
  c.eq("F8", "1-2", "1-2 合计 = 表1 本年支出合计", a(tot12, "total"), exAmt(curEx, "amount"));

  // ---- 表2
  const cur2 = summaryRow(r2, "in", "一、本年收入");
  const incomeUnder = (nth: number): SummaryRow[] => {
    const start = r2.findIndex((r) => r.inLabel === (nth === 0 ? "一、本年收入" : "二、上年结转"));
    return r2.slice(start + 1, start + 4);
  };
  const curParts = incomeUnder(0);
  const carry2 = summaryRow(r2, "in", "二、上年结转");
  const grand2In = summaryRow(r2, "in", "收入总计");
  const curEx2 = summaryRow(r2, "ex", "一、本年支出");
  const grand2Ex = summaryRow(r2, "ex", "支出总计");
  const classRows2 = r2.filter((r) => r.exLabel && Object.values(CLASS_LABELS).includes(r.exLabel));
  c.eq("F9", "2", "本年收入 = 一般公共 + 基金 + 国资", inAmt(cur2), sum(curParts.map(inAmt)), 3);
  for (const r of r2) {
    if (!r.exLabel || Object.keys(r.ex).length === 0) continue;
    c.eq(
      "F9",
      "2",
      `${r.exLabel}: 合计 = 一般公共 + 基金 + 国资`,
      exAmt(r, "total"),
      exAmt(r, "gpb") + exAmt(r, "fund") + exAmt(r, "soe"),
      3,
    );
  }
  c.eq(
    "sum",
    "2",
    "本年支出 = Σ 类 rows",
    exAmt(curEx2, "total"),
    sum(classRows2.map((r) => exAmt(r, "total"))),
    classRows2.length,
  );
  c.eq("sum", "2", "收入总计 = 本年收入 + 上年结转", inAmt(grand2In), inAmt(cur2) + inAmt(carry2), 2);
  c.eq("sum", "2", "上年结转 = 一般公共 + 基金 + 国资", inAmt(carry2), sum(incomeUnder(1).map(inAmt)), 3);
  c.eq("sum", "2", "收入总计 = 支出总计", inAmt(grand2In), exAmt(grand2Ex, "total"));
  c.eq("sum", "2", "支出总计 = 本年支出", exAmt(grand2Ex, "total"), exAmt(curEx2, "total"));
  for (const r of classRows2) {
    const r1row = summaryRow(r1, "ex", r.exLabel as string);
    c.eq("F10", "2", `表2 ${r.exLabel} = 表1 (all funds are 财政拨款)`, exAmt(r1row, "amount"), exAmt(r, "total"));
  }
  c.eq(
    "F11",
    "2",
    "表2 一般公共预算拨款收入 = 表1 一般公共预算拨款收入",
    inAmt(curParts[0]),
    inAmt(summaryRow(r1, "in", /一般公共预算拨款收入/)),
  );

  // ---- 表3
  const l3 = t["3"].lines;
  rowSum(c, "3", l3, "total", ["current", "carryover"], "F15");
  checkHierarchy(c, "3", l3, ["total", "current"]);
  const items3 = l3.filter((l) => l.kind === "item");
  for (const cls of classCodes) {
    const r2row = summaryRow(r2, "ex", CLASS_LABELS[cls]);
    const mine = items3.filter((l) => (l.code ?? [])[0] === cls);
    c.eq(
      "F11",
      "3",
      `表2 一般公共 ${CLASS_LABELS[cls]} = Σ 表3 类 ${cls}`,
      exAmt(r2row, "gpb"),
      sum(mine.map((l) => a(l, "total"))),
      mine.length,
    );
  }
  for (const l of items12) {
    const m = items3.find((x) => codeOf(x) === codeOf(l));
    c.rule("F16", "3", `表3 has 1-2 row ${codeOf(l)} ${l.name}`, !!m);
    if (!m) continue;
    c.rule("F16", "3", `表3 ${codeOf(l)} name “${m.name}” = 1-2 “${l.name}”`, m.name === l.name);
    c.eq("F16", "3", `表3 ${codeOf(l)} amount = 1-2`, a(l, "total"), a(m, "total"));
  }

  // ---- 2-1
  const l21 = t["2-1"].lines;
  const funds = ["gpb", "fund", "soe"];
  for (const b of ["cur", "adv", "carry"])
    for (const f of [...funds, "ret"])
      rowSum(c, "2-1", l21, `${b}.${f}.sub`, [`${b}.${f}.basic`, `${b}.${f}.proj`], "F12");
  rowSum(
    c,
    "2-1",
    l21,
    "cur.total",
    funds.map((f) => `cur.${f}.sub`),
    "F12",
  );
  rowSum(
    c,
    "2-1",
    l21,
    "grand",
    ["cur.total", ...funds.map((f) => `adv.${f}.sub`), ...[...funds, "ret"].map((f) => `carry.${f}.sub`)],
    "F12",
  );
  checkHierarchy(c, "2-1", l21, ["grand", "cur.total", "cur.gpb.sub", "cur.gpb.basic", "cur.gpb.proj"]);

  // ---- 3-1
  const l31 = t["3-1"].lines;
  rowSum(c, "3-1", l31, "total", ["personnel", "public"], "F17");
  checkHierarchy(c, "3-1", l31, ["total", "personnel", "public"]);
  const cls31 = (code: string) => l31.find((l) => l.kind === "class" && l.unitCode === code);
  const item31 = (code: string) => l31.find((l) => l.unitCode === code);
  const tot31 = l31.find((l) => l.kind === "total");
  c.eq(
    "F18",
    "3-1",
    "人员经费 = Σ301 + Σ303",
    a(tot31, "personnel"),
    a(cls31("301"), "total") + a(cls31("303"), "total"),
    2,
  );
  c.eq(
    "F18",
    "3-1",
    "公用经费 = Σ302 (+310)",
    a(tot31, "public"),
    a(cls31("302"), "total") + a(cls31("310"), "total"),
    2,
  );
  const basic12 = a(tot12, "basic");
  c.eq("F19", "3-1", "3-1 合计 = 1-2 基本支出 合计", basic12, a(tot31, "total"));
  const basicRows3 = items3.filter((l) => {
    const m = items12.find((x) => codeOf(x) === codeOf(l));
    return m !== undefined && m.amounts.basic !== undefined;
  });
  c.eq(
    "F19",
    "3-1",
    "3-1 合计 = Σ 表3 basic rows",
    a(tot31, "total"),
    sum(basicRows3.map((l) => a(l, "total"))),
    basicRows3.length,
  );
  const f12 = (code: string) =>
    a(
      items12.find((l) => codeOf(l) === code),
      "total",
    );
  c.eq("F20", "3-1", "30108 = 2080505", f12("2080505"), a(item31("30108"), "total"));
  c.eq("F20", "3-1", "30109 = 2080506", f12("2080506"), a(item31("30109"), "total"));
  c.eq("F20", "3-1", "30113 = 2210201", f12("2210201"), a(item31("30113"), "total"));
  c.eq("F21", "3-1", "3011001 = 2101101 + 2101102", f12("2101101") + f12("2101102"), a(item31("3011001"), "total"), 2);
  const retirePublic = t["6"].projects.filter((p) => /离休人员公用经费|退休人员公用经费/.test(p.name));
  c.eq(
    "F22",
    "3-1",
    "303 + 离退休公用经费 = 2080501 + 2080502",
    f12("2080501") + f12("2080502"),
    a(cls31("303"), "total") + sum(retirePublic.map((p) => fen(p.budget))),
    2 + retirePublic.length,
  );
  const byClass12 = (cls: string) => sum(items12.filter((l) => (l.code ?? [])[0] === cls).map((l) => a(l, "basic")));
  c.eq(
    "F23",
    "3-1",
    "2060701 = 基本合计 − 208 − 210 − 221",
    f12("2060701"),
    a(tot31, "total") - byClass12("208") - byClass12("210") - byClass12("221"),
  );

  // ---- 2-1 against 3-1 / 3-2 (F14, F24)
  for (const l of l21.filter((x) => x.kind === "item" || x.kind === "class")) {
    const code = codeOf(l);
    const m = l31.find((x) => x.unitCode === code);
    if (!m && !l.amounts["cur.gpb.basic"]) continue;
    c.eq("F14", "2-1", `2-1 基本 ${code} ${l.name} = 3-1`, a(m, "total"), a(l, "cur.gpb.basic"));
  }
  const l32 = t["3-2"].lines;
  checkHierarchy(c, "3-2", l32, ["total"]);
  const tot32 = l32.find((l) => l.kind === "total");
  const projects32 = l32.filter((l) => l.kind === "item");
  const tot21 = l21.find((l) => l.kind === "total");
  c.eq(
    "F24",
    "3-2",
    "Σ 3-2 projects = 3-2 合计",
    a(tot32, "total"),
    sum(projects32.map((l) => a(l, "total"))),
    projects32.length,
  );
  c.eq("F24", "3-2", "3-2 合计 = 1-2 项目支出", a(tot12, "project"), a(tot32, "total"));
  c.eq("F24", "3-2", "3-2 合计 = 2-1 项目支出 column", a(tot21, "cur.gpb.proj"), a(tot32, "total"));
  c.eq("F14", "2-1", "2-1 基本 column = 3-1 合计", a(tot31, "total"), a(tot21, "cur.gpb.basic"));
  for (const l of items12.filter((x) => x.amounts.project)) {
    const mine = projects32.filter((x) => codeOf(x) === codeOf(l));
    c.eq(
      "F24",
      "3-2",
      `Σ 3-2 projects of ${codeOf(l)} = 1-2 项目支出`,
      a(l, "project"),
      sum(mine.map((x) => a(x, "total"))),
      mine.length,
    );
  }

  // ---- 3-3 (F25, F26)
  const l33 = t["3-3"].lines;
  rowSum(c, "3-3", l33, "total", ["overseas", "vehicleSubtotal", "reception"], "F25");
  rowSum(c, "3-3", l33, "vehicleSubtotal", ["vehiclePurchase", "vehicleOperation"], "F25");
  checkHierarchy(c, "3-3", l33, [
    "total",
    "overseas",
    "vehicleSubtotal",
    "vehiclePurchase",
    "vehicleOperation",
    "reception",
  ]);
  const tot33 = l33.find((l) => l.kind === "total");
  const econ21 = (code: string) =>
    a(
      l21.find((l) => l.kind !== "class" && l.kind !== "sub" && codeOf(l) === code),
      "grand",
    );
  c.eq("F26", "3-3", "30212 = 因公出国（境）", econ21("30212"), a(tot33, "overseas"));
  c.eq("F26", "3-3", "31013 = 公务用车购置费", econ21("31013"), a(tot33, "vehiclePurchase"));
  c.eq("F26", "3-3", "30231 = 公务用车运行费", econ21("30231"), a(tot33, "vehicleOperation"));
  c.eq("F26", "3-3", "30217 = 公务接待费", econ21("30217"), a(tot33, "reception"));

  // ---- 4, 4-1, 5 (F28)
  const fundIncome = inAmt(summaryRow(r1, "in", /政府性基金预算拨款收入/));
  const soeIncome = inAmt(summaryRow(r1, "in", /国有资本经营预算拨款收入/));
  const fundCol = sum(r2.map((r) => exAmt(r, "fund")));
  const soeCol = sum(r2.map((r) => exAmt(r, "soe")));
  for (const [id, income, col] of [
    ["4", fundIncome, fundCol],
    ["4-1", fundIncome, fundCol],
    ["5", soeIncome, soeCol],
  ] as [TableId, number, number][]) {
    const lines = (t[id] as { lines: LedgerLine[] }).lines;
    const empty = lines.every((l) => Object.values(l.amounts).every((v) => fen(v) === 0));
    if (income === 0 && col === 0) {
      c.rule("F28", id, `表${id} is empty`, empty);
      c.rule(
        "F28",
        id,
        `表${id} says 此表无数据`,
        lines.some((l) => l.kind === "nodata" && /无数据/.test(l.name)),
      );
    } else {
      c.eq(
        "F28",
        id,
        `表${id} 合计 = 表2 column`,
        col,
        a(
          lines.find((l) => l.kind === "total"),
          "total",
        ),
      );
    }
  }

  // ---- 表6 (F29–F32, §4)
  const p6 = t["6"];
  const projects = p6.projects;
  c.eq(
    "F29",
    "6",
    "department line = Σ projects",
    fen(p6.departmentBudget),
    sum(projects.map((p) => fen(p.budget))),
    projects.length,
  );
  c.eq("F29", "6", "department line = 1-2 合计", a(tot12, "total"), fen(p6.departmentBudget));
  const cat = (p: ProjectData): string => p.code.charAt(8);
  const inProject32 = (p: ProjectData) => projects32.find((x) => x.name === p.name);
  for (const p of projects) {
    if (cat(p) === "R") continue;
    const m = inProject32(p);
    if (cat(p) === "T") c.rule("F30", "6", `T project “${p.name}” is a 3-2 project (same name)`, !!m);
    if (m) c.eq("F30", "6", `${p.name} 预算数 = 3-2`, a(m, "total"), fen(p.budget));
  }
  const rProjects = projects.filter((p) => cat(p) === "R");
  const yBasic = projects.filter((p) => cat(p) === "Y" && !inProject32(p));
  c.eq(
    "F30",
    "6",
    "Σ R projects = 3-1 人员经费",
    a(tot31, "personnel"),
    sum(rProjects.map((p) => fen(p.budget))),
    rProjects.length,
  );
  c.eq(
    "F30",
    "6",
    "Σ Y (公用) projects = 3-1 公用经费",
    a(tot31, "public"),
    sum(yBasic.map((p) => fen(p.budget))),
    yBasic.length,
  );
  for (const p of projects) {
    const w = sum(p.indicators.map((i) => Number(i.weight) || 0));
    c.rule("F31", "6", `${p.name}: Σ 权重 = 90 (is ${w})`, w === 90);
    for (const i of p.indicators.filter(
      (x) => x.level1 === "成本指标" && x.unit === "万元" && (x.nature === "≤" || x.nature === "="),
    )) {
      c.eq("F32", "6", `${p.name}: 成本指标 ${i.nature}${i.value} = 预算数`, fen(p.budget), fen(i.value));
    }
    if (cat(p) === "T" || inProject32(p)) {
      c.rule(
        "perf",
        "6",
        `${p.name}: 特定目标类 project has 满意度指标`,
        p.indicators.some((i) => i.level1 === "满意度指标"),
      );
      c.rule(
        "perf",
        "6",
        `${p.name}: 特定目标类 project has 成本指标`,
        p.indicators.some((i) => i.level1 === "成本指标"),
      );
    }
    checkIndicators(c, "6", p.name, p.indicators, true);
  }

  // ---- 表7 (F33, F34)
  const w = t["7"];
  c.eq("F33", "7", "资金总额 = 财政拨款 + 其他资金", fen(w.totalFunds), fen(w.fiscalFunds) + fen(w.otherFunds), 2);
  c.eq("F33", "7", "资金总额 = 表1 支出总计", exAmt(grandEx, "amount"), fen(w.totalFunds));
  const withAmount = w.tasks.filter((x) => x.amount !== undefined);
  c.eq(
    "F34",
    "7",
    "Σ 年度主要任务 amounts = 资金总额",
    fen(w.totalFunds),
    sum(withAmount.map((x) => fen(x.amount))),
    withAmount.length,
  );
  for (const i of w.indicators.filter((x) => x.level1 === "成本指标" && x.unit === "万元")) {
    c.eq("F34", "7", `成本指标 ${i.nature}${i.value} = 资金总额`, fen(w.totalFunds), fen(i.value));
  }
  const w7 = sum(w.indicators.map((i) => Number(i.weight) || 0));
  c.rule("F31", "7", `部门整体: Σ 权重 = 90 (is ${w7})`, w7 === 90);
  checkIndicators(c, "7", "部门整体", w.indicators, false);

  return { failures: c.failures, count: c.count };
}

export function describeFailure(f: CheckFailure): string {
  const amounts = f.expected !== undefined ? ` (expected ${f.expected}, found ${f.actual})` : "";
  return `[${f.rule}] 表${f.table} ${f.verdict}: ${f.what}${amounts}`;
}

if (require.main === module) {
  const which = process.argv[2] ?? "corrected";
  const data: SeedData = which === "published" ? seed2024() : correctedSeed2024();
  const { failures, count } = checkSeed(data);
  for (const f of failures) console.log(describeFailure(f));
  console.log(`${which}: ${count} checks, ${failures.length} failures`);
}
