/**
 * 第三部分 预算情况说明 + 第四部分 名词解释, generated from the recognised tables.
 * Every amount comes from a table cell (分) or from the prior-year input; anything else is a 【待补充：…】 marker.
 */
import type { BudgetModel, LedgerTable, PerfProject } from "../model/tables";
import type { NarrativeDocument, NarrativeOptions, NarrativeParagraph, PriorYearInput } from "./types";
import { PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN } from "./types";
import { circled, clause, growthPercent, marker, percent, wan } from "./format";
import { normalizePrior, type NormalizedPrior, type ReasonKey } from "./prior";
import {
  AGENCY_OPERATING_USE,
  CODE_TEXTS,
  FALLBACK_FUNCTIONAL_NAMES,
  NAME_TEXTS,
  TERM_DEFINITIONS,
  type CodeText,
} from "./definitions";
import { catalogName } from "./names";
import {
  INCOME_SOURCES,
  agencyOperatingOf,
  fen,
  fiscalTotalOf,
  functionalItems,
  gpbData,
  incomeSources,
  incomeTotalOf,
  summaryLine,
  threePublicOf,
  totalRow,
} from "./figures";

/** "六、科学技术支出" / "收 入" -> "科学技术支出". */
function cleanLabel(label: string): string {
  return label
    .replace(/[\s\u3000]+/g, "")
    .replace(/^[一二三四五六七八九十百]+[、.．]/, "")
    .replace(/^[（(][一二三四五六七八九十]+[）)]/, "");
}

function normName(s: string): string {
  return s
    .replace(/^[0-9A-Za-z]{10,}[-－—]/, "")
    .replace(/[\s\u3000“”"'‘’·・•.．、，,（）()\-－—《》<>【】[\]]/g, "")
    .toLowerCase();
}

class Writer {
  paragraphs: NarrativeParagraph[] = [];
  h1(text: string) {
    this.paragraphs.push({ text, style: "heading1" });
  }
  h2(text: string) {
    this.paragraphs.push({ text, style: "heading2" });
  }
  p(text: string) {
    // Cell text (表6 年度目标) may hold line breaks; a paragraph is one line.
    this.paragraphs.push({ text: text.replace(/[ \t]*[\r\n]+[ \t\u3000]*/g, ""), style: "body" });
  }
}

class Context {
  readonly prior: NormalizedPrior;
  readonly Y: string;
  readonly PY: string;
  readonly dept: string;
  readonly structureDecimals: number;
  private readonly names = new Map<string, string>();

  constructor(
    readonly model: BudgetModel,
    priorInput: PriorYearInput | undefined,
    options: NarrativeOptions,
  ) {
    this.prior = normalizePrior(priorInput).prior;
    this.Y = model.year !== undefined ? String(model.year) : marker("预算年度");
    const py = this.prior.year ?? (model.year !== undefined ? model.year - 1 : undefined);
    this.PY = py !== undefined ? String(py) : marker("上年年度");
    const tableDept = Object.values(model.tables).find((t) => t?.department)?.department;
    this.dept = (model.department ?? tableDept ?? "").trim() || marker("部门名称");
    this.structureDecimals = options.structureShareDecimals === 2 ? 2 : 1;
    // The tables' own names first: 表3, then 表1-2, 表4, 表5 (3-2 items carry project names, not code names).
    for (const id of ["3", "1-2", "4", "5"] as const) {
      const t = model.tables[id];
      if (!t || t.codeKind === "economic") continue;
      for (const r of t.rows) {
        if (r.kind !== "item" || !r.code || !/^\d{3}(\d{2}){0,2}$/.test(r.code)) continue;
        const name = r.name.trim();
        if (name && !this.names.has(r.code)) this.names.set(r.code, name);
      }
    }
    for (const t of [model.tables["1"], model.tables["2"]]) {
      for (const l of t?.expense ?? []) {
        const m = /^class:(\d{3})$/.exec(l.key);
        if (m && !this.names.has(m[1])) this.names.set(m[1], cleanLabel(l.label));
      }
    }
  }

  /** Name of a functional code: tables, then the built-in catalog, then the fallback table, else a marker. */
  funcName(code: string): string {
    return this.names.get(code) ?? catalogName(code) ?? FALLBACK_FUNCTIONAL_NAMES[code] ?? marker(`科目${code}的名称`);
  }

  /** "科学技术支出（206）科学技术普及（07）机构运行（01）". */
  codePath(code: string, ownName?: string): string {
    if (code.length === 5) {
      const c3 = code.slice(0, 3);
      return `${this.funcName(c3)}（${c3}）${ownName ?? this.funcName(code)}（${code.slice(3)}）`;
    }
    if (code.length !== 7) return `${ownName ?? this.funcName(code)}（${code}）`;
    const c3 = code.slice(0, 3);
    const c5 = code.slice(0, 5);
    return `${this.funcName(c3)}（${c3}）${this.funcName(c5)}（${code.slice(3, 5)}）${ownName ?? this.funcName(code)}（${code.slice(5)}）`;
  }

  codeText(code: string, name: string): CodeText | undefined {
    return CODE_TEXTS[code] ?? NAME_TEXTS[name];
  }

  /**
   * "比2023年预算增加6.03万元，增长11.75%，主要原因是…" (no final punctuation). `what` names the prior figure
   * in the marker when it is missing.
   */
  change(
    current: number,
    priorFen: number | undefined,
    what: string,
    reasonKey: ReasonKey,
    withPercent = true,
  ): string {
    const reason = this.prior.reasons[reasonKey];
    if (priorFen === undefined) {
      return `与${this.PY}年相比${marker(`${this.PY}年${what}及增减变化原因`)}`;
    }
    const diff = current - priorFen;
    if (diff === 0) {
      return `与${this.PY}年预算持平${reason ? `，主要原因是${clause(reason)}` : ""}`;
    }
    const up = diff > 0;
    const g = withPercent ? growthPercent(current, priorFen) : undefined;
    const pct = g !== undefined ? `，${up ? "增长" : "下降"}${g}%` : "";
    const why = reason ? clause(reason) : marker(`${what}${up ? "增加" : "减少"}的主要原因`);
    return `比${this.PY}年预算${up ? "增加" : "减少"}${wan(Math.abs(diff))}万元${pct}，主要原因是${why}`;
  }
}

// ---------------------------------------------------------------- sections

function sectionIncomeExpense(ctx: Context, w: Writer) {
  const { model, dept, Y } = ctx;
  const t1 = model.tables["1"];
  const t12 = model.tables["1-2"];
  const sources = incomeSources(model);
  const incomeTotal = incomeTotalOf(model, sources);

  const incomeNames = INCOME_SOURCES.filter(([k]) => (sources.get(k) ?? 0) !== 0).map(([, n]) => n);
  const classes = (t1?.expense ?? []).filter((l) => /^class:/.test(l.key) && (fen(l.amounts.amount) ?? 0) !== 0);
  const classNames = classes.map((l) => ctx.funcName(l.key.slice(6)));

  w.h1("一、收支预算情况说明");
  const totalText =
    incomeTotal === undefined
      ? `${dept}${Y}年收支总预算${marker("收支总预算（表1收入总计）")}万元。`
      : `${dept}${Y}年收支总预算${wan(incomeTotal)}万元，${ctx.change(incomeTotal, ctx.prior.total, "收支总预算", "total", false)}。`;
  w.p(
    `按照综合预算的原则，${dept}所有收入和支出均纳入部门预算管理。` +
      `收入包括：${incomeNames.length ? incomeNames.join("、") : marker("收入来源（表1）")}；` +
      `支出包括：${classNames.length ? classNames.join("、") : marker("支出功能分类类级科目（表1）")}。` +
      totalText,
  );

  w.h2("（一）收入预算情况");
  if (incomeTotal === undefined) {
    w.p(`${Y}年收入预算${marker("收入预算总额及构成（表1）")}。`);
  } else {
    const parts = INCOME_SOURCES.filter(([k]) => k === "carryover" || k === "gpb" || (sources.get(k) ?? 0) !== 0).map(
      ([k, n]) => {
        const v = sources.get(k) ?? 0;
        const p = percent(v, incomeTotal, 2);
        return `${n}${wan(v)}万元${p !== undefined ? `，占${p}%` : ""}`;
      },
    );
    w.p(`${Y}年收入预算${wan(incomeTotal)}万元，其中：${parts.join("；")}。`);
  }

  w.h2("（二）支出预算情况");
  const tr12 = totalRow(t12);
  const expenseTotal =
    fen(tr12?.amounts.total) ??
    fen(summaryLine(t1, "expense", "grandTotal")?.amounts.amount) ??
    fen(summaryLine(t1, "expense", "currentTotal")?.amounts.amount);
  if (expenseTotal === undefined || !tr12) {
    w.p(`${Y}年支出预算${marker("支出预算总额及基本支出、项目支出构成（表1-2）")}。`);
  } else {
    const items: [string, number][] = [
      ["基本支出", fen(tr12.amounts.basic) ?? 0],
      ["项目支出", fen(tr12.amounts.project) ?? 0],
    ];
    for (const [k, n] of [
      ["remitSuperior", "上缴上级支出"],
      ["subsidyAffiliated", "对附属单位补助支出"],
      ["operating", "事业单位经营支出"],
    ] as const) {
      const v = fen(tr12.amounts[k]) ?? 0;
      if (v !== 0) items.push([n, v]);
    }
    const parts = items.map(([n, v]) => {
      const p = percent(v, expenseTotal, 2);
      return `${n}${wan(v)}万元${p !== undefined ? `，占${p}%` : ""}`;
    });
    w.p(`${Y}年支出预算${wan(expenseTotal)}万元，其中：${parts.join("；")}。`);
  }
}

function sectionFiscal(ctx: Context, w: Writer) {
  const { model, dept, Y } = ctx;
  const t2 = model.tables["2"];
  w.h1("二、财政拨款收支预算情况说明");
  if (!t2) {
    w.p(`${dept}${Y}年财政拨款收支总预算${marker("财政拨款收支总预算及收支构成（表2）")}。`);
    return;
  }
  const inc = (k: string) => fen(summaryLine(t2, "income", k)?.amounts.amount);
  const classes = t2.expense.filter((l) => /^class:/.test(l.key) && (fen(l.amounts.total) ?? 0) !== 0);
  const carry = inc("carryover");
  const total = fiscalTotalOf(t2);
  const income: string[] = [`本年一般公共预算拨款收入${wan(inc("gpb") ?? 0)}万元`];
  if ((inc("fund") ?? 0) !== 0) income.push(`本年政府性基金预算拨款收入${wan(inc("fund")!)}万元`);
  if ((inc("soe") ?? 0) !== 0) income.push(`本年国有资本经营预算拨款收入${wan(inc("soe")!)}万元`);
  const carryGpb =
    inc("carryover.gpb") ??
    (inc("carryover.fund") === undefined && inc("carryover.soe") === undefined ? carry : undefined);
  income.push(`上年结转一般公共预算拨款收入${wan(carryGpb ?? 0)}万元`);
  if ((inc("carryover.fund") ?? 0) !== 0)
    income.push(`上年结转政府性基金预算拨款收入${wan(inc("carryover.fund")!)}万元`);
  if ((inc("carryover.soe") ?? 0) !== 0)
    income.push(`上年结转国有资本经营预算拨款收入${wan(inc("carryover.soe")!)}万元`);
  const expense = classes.map((l) => `${ctx.funcName(l.key.slice(6))}${wan(fen(l.amounts.total) ?? 0)}万元`);
  w.p(
    `${dept}${Y}年财政拨款收支总预算${wan(total)}万元，${ctx.change(total, ctx.prior.fiscalTotal, "财政拨款收支总预算", "fiscalTotal", false)}。` +
      `收入包括：${income.join("、")}；` +
      `支出包括：${expense.length ? expense.join("、") : marker("财政拨款支出类级科目（表2）")}。`,
  );
}

/** 表3-2 projects by code, and the 表6 project matching each by name. */
function projectsByCode(ctx: Context): Map<string, { name: string; fen: number; perf?: PerfProject }[]> {
  const out = new Map<string, { name: string; fen: number; perf?: PerfProject }[]>();
  const t32 = ctx.model.tables["3-2"];
  const perf = ctx.model.tables["6"]?.projects ?? [];
  const byName = new Map<string, PerfProject>();
  for (const p of perf) {
    const k = normName(p.name);
    if (k && !byName.has(k)) byName.set(k, p);
  }
  for (const r of t32?.rows ?? []) {
    if (r.kind !== "item" || !r.code || r.code.length !== 7) continue;
    const k = normName(r.name);
    let match = byName.get(k);
    if (!match && k.length >= 4) {
      // A name that differs only by a prefix or suffix (e.g. a trailing 经费) still matches when unique.
      const cands = perf.filter((p) => {
        const n = normName(p.name);
        return n.length >= 4 && (n.includes(k) || k.includes(n));
      });
      if (cands.length === 1) match = cands[0];
    }
    const list = out.get(r.code) ?? [];
    list.push({ name: r.name.trim(), fen: fen(r.amounts.total) ?? 0, perf: match });
    out.set(r.code, list);
  }
  return out;
}

function sectionGpb(ctx: Context, w: Writer) {
  const { model, dept, Y } = ctx;
  const d = gpbData(model);
  w.h1("三、一般公共预算当年拨款情况说明");
  w.h2("（一）一般公共预算当年拨款规模变化情况");
  if (!d) {
    w.p(`${dept}${Y}年一般公共预算当年拨款预算${marker("一般公共预算当年拨款（表3）")}。`);
    w.h2("（二）一般公共预算当年拨款结构情况");
    w.p(marker("一般公共预算当年拨款结构（表3）"));
    w.h2("（三）一般公共预算当年拨款具体情况");
    w.p(marker("一般公共预算当年拨款具体情况（表3）"));
    return;
  }
  w.p(
    `${dept}${Y}年一般公共预算当年拨款预算${wan(d.total)}万元，${ctx.change(d.total, ctx.prior.gpbCurrent, "一般公共预算当年拨款", "gpbCurrent")}。`,
  );

  w.h2("（二）一般公共预算当年拨款结构情况");
  const t1 = model.tables["1"];
  const spend =
    fen(summaryLine(t1, "expense", "currentTotal")?.amounts.amount) ??
    fen(summaryLine(t1, "expense", "grandTotal")?.amounts.amount) ??
    fen(totalRow(model.tables["1-2"])?.amounts.total);
  const dec = ctx.structureDecimals;
  const shareOfSpend = spend !== undefined ? percent(d.total, spend, dec) : undefined;
  const nameCount = new Map<string, number>();
  for (const i of d.items) nameCount.set(i.name, (nameCount.get(i.name) ?? 0) + 1);
  const parts = d.items.map((i) => {
    const label = (nameCount.get(i.name) ?? 0) > 1 ? `${i.name}（${i.code}）` : i.name;
    const p = percent(d.current(i), d.total, dec);
    return `${label}${wan(d.current(i))}万元${p !== undefined ? `，占${p}%` : ""}`;
  });
  w.p(
    `一般公共预算当年拨款${wan(d.total)}万元${shareOfSpend !== undefined ? `，占本年支出的${shareOfSpend}%` : ""}。` +
      (parts.length ? `支出包括：${parts.join("；")}。` : ""),
  );

  w.h2("（三）一般公共预算当年拨款具体情况");
  const projects = projectsByCode(ctx);
  const t12items = new Map(functionalItems(model.tables["1-2"]).map((i) => [i.code, i]));
  let n = 0;
  for (const item of d.items) {
    n += 1;
    const amount = d.current(item);
    const list = projects.get(item.code) ?? [];
    let projectFen: number;
    if (model.tables["3-2"]) projectFen = list.reduce((s, p) => s + p.fen, 0);
    else projectFen = t12items.get(item.code)?.amounts.project ?? 0;
    projectFen = Math.min(Math.max(projectFen, 0), Math.max(amount, 0));
    const basicFen = amount - projectFen;
    const std = ctx.codeText(item.code, item.name);
    const head = `${n}. ${ctx.codePath(item.code, item.name)}。`;
    let money: string;
    if (projectFen === 0) money = `${Y}年预算数（基本支出）为${wan(amount)}万元`;
    else if (basicFen === 0) money = `${Y}年预算数（项目支出）为${wan(amount)}万元`;
    else money = `${Y}年预算数为${wan(amount)}万元（基本支出${wan(basicFen)}万元，项目支出${wan(projectFen)}万元）`;

    const projectUse = (): string => {
      const matched = list.filter((p) => p.perf && clause(p.perf.goal) !== "");
      if (matched.length === 0) {
        return std ? std.use : marker(`${ctx.codePath(item.code, item.name)}项目支出的主要用途`);
      }
      if (list.length === 1) return goalText(list[0].perf!.goal);
      return list
        .map((p, k) => {
          const goal =
            p.perf && clause(p.perf.goal) !== ""
              ? goalText(p.perf.goal)
              : (std?.use ?? marker(`项目“${p.name}”的主要用途`));
          return `${circled(k + 1)}${p.name}${wan(p.fen)}万元，${goal}`;
        })
        .join("；");
    };
    let use: string;
    if (projectFen === 0) use = std ? std.use : marker(`${ctx.codePath(item.code, item.name)}的主要用途`);
    else if (basicFen === 0) use = projectUse();
    else
      use = `基本支出主要用于${std ? std.use : marker(`${ctx.codePath(item.code, item.name)}基本支出的主要用途`)}；项目支出主要用于${projectUse()}`;
    const lead =
      basicFen !== 0 && projectFen !== 0
        ? "其中"
        : list.length > 1 && basicFen === 0
          ? "主要用于以下项目："
          : "主要用于";
    w.p(`${head}${money}，${lead === "其中" ? `其中：${use}` : `${lead}${use}`}。`);
  }
  if (n === 0) w.p(marker("一般公共预算当年拨款具体情况（表3无项级科目）"));
}

/** A 表6 年度目标 as the object of "主要用于": without a leading 用于 / 主要用于 and the final 。 */
function goalText(goal: string): string {
  return clause(goal).replace(/^(主要)?用于[：:]?/, "");
}

function economicNames(t: LedgerTable, column: string): string[] {
  const rows = t.rows.filter((r) => r.kind === "item" && r.code && (r.amounts[column]?.fen ?? 0) !== 0);
  let chosen = rows.filter((r) => r.code!.length === 5);
  if (chosen.length === 0) chosen = rows.filter((r) => r.code!.length === 3);
  const names: string[] = [];
  for (const r of chosen) {
    const name = r.name.trim();
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

function sectionBasic(ctx: Context, w: Writer) {
  const { model, dept, Y } = ctx;
  const t = model.tables["3-1"];
  w.h1("四、一般公共预算基本支出情况说明");
  const tr = totalRow(t);
  if (!t || !tr) {
    w.p(`${dept}${Y}年一般公共预算基本支出${marker("一般公共预算基本支出及人员经费、公用经费（表3-1）")}。`);
    return;
  }
  const personnel = fen(tr.amounts.personnel) ?? 0;
  const pub = fen(tr.amounts.public) ?? 0;
  const total = fen(tr.amounts.total) ?? personnel + pub;
  w.p(`${dept}${Y}年一般公共预算基本支出${wan(total)}万元，其中：`);
  const pn = economicNames(t, "personnel");
  const un = economicNames(t, "public");
  w.p(`人员经费${wan(personnel)}万元${pn.length ? `，主要包括：${pn.join("、")}等` : ""}。`);
  w.p(`公用经费${wan(pub)}万元${un.length ? `，主要包括：${un.join("、")}等` : ""}。`);
}

function sectionThreePublic(ctx: Context, w: Writer) {
  const { model, dept, Y, PY } = ctx;
  const t = model.tables["3-3"];
  const tr = totalRow(t);
  w.h1("五、“三公”经费财政拨款预算安排情况说明");
  if (!t || !tr) {
    w.p(`${dept}${Y}年“三公”经费财政拨款预算${marker("“三公”经费财政拨款预算及构成（表3-3）")}。`);
    return;
  }
  const {
    overseas,
    vehiclePurchase: purchase,
    vehicleOperation: operation,
    vehicle,
    reception,
    total,
  } = threePublicOf(tr);
  const p = ctx.prior.threePublic;
  // The prior total may be given, or follow from all four prior items.
  const priorTotal =
    p.total ??
    (p.overseas !== undefined &&
    p.reception !== undefined &&
    p.vehiclePurchase !== undefined &&
    p.vehicleOperation !== undefined
      ? p.overseas + p.reception + p.vehiclePurchase + p.vehicleOperation
      : undefined);
  w.p(
    `${dept}${Y}年“三公”经费财政拨款预算数${wan(total)}万元，其中：因公出国（境）费${wan(overseas)}万元，` +
      `公务用车购置及运行费${wan(vehicle)}万元（其中：公务用车购置费${wan(purchase)}万元，公务用车运行维护费${wan(operation)}万元），` +
      `公务接待费${wan(reception)}万元。“三公”经费预算${ctx.change(total, priorTotal, "“三公”经费", "threePublic")}。`,
  );

  w.h2("（一）因公出国（境）费");
  if (overseas === 0) {
    w.p(
      `${Y}年无因公出国（境）预算` +
        (p.overseas !== undefined && p.overseas !== 0
          ? `，${ctx.change(0, p.overseas, "因公出国（境）费", "overseas")}`
          : "") +
        "。",
    );
  } else {
    w.p(
      `${Y}年因公出国（境）费预算${wan(overseas)}万元，${ctx.change(overseas, p.overseas, "因公出国（境）费", "overseas")}。`,
    );
  }

  w.h2("（二）公务接待费");
  if (reception === 0) {
    w.p(
      `${Y}年无公务接待费预算` +
        (p.reception !== undefined && p.reception !== 0
          ? `，${ctx.change(0, p.reception, "公务接待费", "reception")}`
          : "") +
        "。",
    );
  } else {
    const rc = ctx.prior.reception;
    const batches = rc?.batches !== undefined ? String(rc.batches) : marker("接待批次");
    const persons = rc?.persons !== undefined ? String(rc.persons) : marker("接待人次");
    w.p(
      `${Y}年公务接待费预算${wan(reception)}万元，${ctx.change(reception, p.reception, "公务接待费", "reception")}。`,
    );
    w.p(
      `${Y}年公务接待费计划用于执行公务、开展业务活动开支的交通费、住宿费、用餐费等，预计接待${batches}批次、${persons}人次。`,
    );
  }

  w.h2("（三）公务用车购置及运行维护费");
  const priorVehicle =
    p.vehiclePurchase !== undefined || p.vehicleOperation !== undefined
      ? (p.vehiclePurchase ?? 0) + (p.vehicleOperation ?? 0)
      : undefined;
  if (vehicle === 0) {
    w.p(
      `${Y}年无公务用车购置及运行维护费预算` +
        (priorVehicle !== undefined && priorVehicle !== 0
          ? `，${ctx.change(0, priorVehicle, "公务用车购置及运行维护费", "vehicle")}`
          : "") +
        "。",
    );
  } else {
    w.p(
      `${Y}年公务用车购置及运行维护费预算${wan(vehicle)}万元，${ctx.change(vehicle, priorVehicle, "公务用车购置及运行维护费", "vehicle")}。`,
    );
  }
  const vehicles = ctx.prior.assets?.vehicles;
  w.p(`截至${PY}年底，现有公务用车${vehicles !== undefined ? String(vehicles) : marker("现有公务用车数量")}辆。`);
  w.p(
    purchase === 0
      ? `${Y}年没有安排公务用车购置费。`
      : `${Y}年安排公务用车购置费${wan(purchase)}万元，计划购置公务用车${ctx.prior.assets?.plannedVehicles !== undefined ? String(ctx.prior.assets.plannedVehicles) : marker("计划购置车辆数")}辆。`,
  );
  if (operation !== 0) {
    w.p(`${Y}年安排公务用车运行维护费${wan(operation)}万元，用于车辆燃油、过路过桥、维修、保险等方面的支出。`);
  }
}

function sectionFundLike(
  ctx: Context,
  w: Writer,
  heading: string,
  table: LedgerTable | undefined,
  incomeKey: "fund" | "soe",
  fundName: string,
) {
  const { model, dept, Y } = ctx;
  w.h1(heading);
  const tr = totalRow(table);
  const tableTotal =
    table && !table.empty
      ? (fen(tr?.amounts.total) ?? functionalItems(table).reduce((s, i) => s + (i.amounts.total ?? 0), 0))
      : undefined;
  // Without the table, 表2's column (or 表1's income line) says whether the fund is used at all.
  const fromT2 = fen(summaryLine(model.tables["2"], "expense", "currentTotal")?.amounts[incomeKey]);
  const fromT1 = fen(summaryLine(model.tables["1"], "income", incomeKey)?.amounts.amount);
  const amount = table ? (tableTotal ?? 0) : (fromT2 ?? fromT1);
  if (amount === undefined) {
    w.p(`${dept}${Y}年${fundName}拨款安排的支出${marker(`${fundName}支出情况`)}。`);
    return;
  }
  if (amount === 0) {
    w.p(`${dept}${Y}年没有使用${fundName}拨款安排的支出。`);
    return;
  }
  let text = `${dept}${Y}年${fundName}拨款安排的支出${wan(amount)}万元`;
  if (tr && table) {
    text += `，其中：基本支出${wan(fen(tr.amounts.basic) ?? 0)}万元，项目支出${wan(fen(tr.amounts.project) ?? 0)}万元`;
    const items = functionalItems(table).filter((i) => (i.amounts.total ?? 0) !== 0);
    if (items.length) {
      text += `。支出包括：${items.map((i) => `${ctx.codePath(i.code, i.name)}${wan(i.amounts.total ?? 0)}万元`).join("；")}`;
    }
  }
  w.p(`${text}。`);
}

function sectionOther(ctx: Context, w: Writer) {
  const { model, dept, Y, PY, prior } = ctx;
  w.h1("八、其他重要事项的情况说明");

  w.h2("（一）机关运行经费");
  const ao = agencyOperatingOf(model);
  if (ao === undefined) {
    w.p(`${Y}年，${dept}机关运行经费财政拨款预算${marker("机关运行经费（表3-1公用经费）")}万元。`);
  } else {
    w.p(
      `${Y}年，${dept}机关运行经费财政拨款预算${wan(ao)}万元，${ctx.change(ao, prior.agencyOperating, "机关运行经费", "agencyOperating")}。`,
    );
  }
  w.p(AGENCY_OPERATING_USE);

  w.h2("（二）政府采购情况");
  const pr = prior.procurement;
  if (!pr || (pr.goods === undefined && pr.works === undefined && pr.services === undefined)) {
    w.p(`${Y}年，${dept}政府采购预算${marker("政府采购预算总额及货物、工程、服务预算")}。`);
  } else {
    const part = (v: number | undefined, what: string, use?: string) =>
      `政府采购${what}预算${v !== undefined ? wan(v) : marker(`政府采购${what}预算`)}万元${use ? `，主要用于${clause(use)}` : ""}`;
    const complete = pr.goods !== undefined && pr.works !== undefined && pr.services !== undefined;
    const total = complete ? wan(pr.goods! + pr.works! + pr.services!) : marker("政府采购预算总额");
    w.p(
      `${Y}年，${dept}安排政府采购预算${total}万元，其中：${part(pr.goods, "货物", pr.goodsUse)}；` +
        `${part(pr.works, "工程", pr.worksUse)}；${part(pr.services, "服务", pr.servicesUse)}。`,
    );
  }

  w.h2("（三）国有资产占有使用情况");
  const as = prior.assets;
  const cnt = (v: number | undefined, what: string) => (v !== undefined ? String(v) : marker(what));
  const b = as?.vehicleBreakdown;
  w.p(
    `截至${as?.asOf ? clause(as.asOf) : `${PY}年底`}，${dept}共有车辆${cnt(as?.vehicles, "车辆总数")}辆，其中：` +
      `公务用车${cnt(b?.official, "公务用车数量")}辆、定向保障用车${cnt(b?.directed, "定向保障用车数量")}辆、` +
      `执法执勤用车${cnt(b?.lawEnforcement, "执法执勤用车数量")}辆；单位价值200万元以上大型设备${cnt(as?.largeEquipment, "单位价值200万元以上大型设备数量")}台（套）。`,
  );
  // With 表3-3 present a blank 购置费 cell is 0 (no vehicle purchase budgeted).
  const t33 = model.tables["3-3"];
  const purchaseFen = t33 ? (fen(totalRow(t33)?.amounts.vehiclePurchase) ?? 0) : undefined;
  const plannedVehicles = as?.plannedVehicles ?? (purchaseFen === 0 ? 0 : undefined);
  const plannedEquip = as?.plannedLargeEquipment;
  if (plannedVehicles === 0 && plannedEquip === 0) {
    w.p(`${Y}年部门预算未安排购置车辆及单位价值200万元以上大型设备。`);
  } else {
    const v = plannedVehicles === 0 ? "未安排购置车辆" : `安排购置车辆${cnt(plannedVehicles, "计划购置车辆数")}辆`;
    const e =
      plannedEquip === 0
        ? "未安排购置单位价值200万元以上大型设备"
        : plannedEquip === undefined
          ? `单位价值200万元以上大型设备购置安排${marker("是否安排购置单位价值200万元以上大型设备及数量")}`
          : `安排购置单位价值200万元以上大型设备${plannedEquip}台（套）`;
    w.p(`${Y}年部门预算${v}；${e}。`);
  }

  w.h2("（四）预算绩效情况");
  const t6 = model.tables["6"];
  if (!t6) {
    w.p(`${Y}年，${dept}实行绩效目标管理的项目${marker("绩效目标管理项目个数及涉及金额（表6）")}。`);
    return;
  }
  const t32names = new Set(
    (model.tables["3-2"]?.rows ?? []).filter((r) => r.kind === "item").map((r) => normName(r.name)),
  );
  let basic = 0;
  let project = 0;
  for (const p of t6.projects) {
    const v = p.budget?.fen ?? 0;
    // 特定目标类 and any project listed in 表3-2 are 项目支出; 人员类/运转类 are 基本支出.
    if (p.category === "T" || t32names.has(normName(p.name))) project += v;
    else basic += v;
  }
  w.p(
    `绩效目标是预算编制的前提和基础。${Y}年，${dept}实行绩效目标管理的项目${t6.projects.length}个，` +
      `从产出、效益、满意度、成本等方面设置了绩效指标，综合反映项目预期完成的数量、质量、时效、成本以及预期达到的社会效益、经济效益、可持续影响和服务对象满意度等情况，` +
      `涉及预算资金${wan(basic + project)}万元，其中：基本支出${wan(basic)}万元，项目支出${wan(project)}万元。`,
  );
}

function sectionTerms(ctx: Context, w: Writer) {
  const { model } = ctx;
  const items: string[] = [];
  const term = ([name, def]: readonly [string, string]) => items.push(`${name}：${def}。`);
  const inc = (k: string) =>
    fen(summaryLine(model.tables["1"], "income", k)?.amounts.amount) ??
    fen(totalRow(model.tables["1-1"])?.amounts[k]) ??
    0;
  term(TERM_DEFINITIONS.gpb);
  if (inc("fund") !== 0) term(TERM_DEFINITIONS.fund);
  if (inc("soe") !== 0) term(TERM_DEFINITIONS.soe);
  term(TERM_DEFINITIONS.carryover);
  const codes = new Map<string, string>();
  for (const id of ["1-2", "3", "4", "5"] as const) {
    for (const i of functionalItems(model.tables[id])) if (!codes.has(i.code)) codes.set(i.code, i.name);
  }
  for (const code of [...codes.keys()].sort()) {
    const name = ctx.funcName(code);
    const text = ctx.codeText(code, name);
    items.push(`${ctx.codePath(code, name)}：${text ? text.definition : marker(`科目${code}的解释`)}。`);
  }
  term(TERM_DEFINITIONS.basic);
  term(TERM_DEFINITIONS.project);
  term(TERM_DEFINITIONS.threePublic);
  term(TERM_DEFINITIONS.agencyOperating);
  items.forEach((t, k) => w.p(`${k + 1}. ${t}`));
}

/** Builds 第三部分 and 第四部分 from the model; never throws on missing tables (markers instead). */
export function generateNarrative(
  model: BudgetModel,
  prior?: PriorYearInput,
  options: NarrativeOptions = {},
): NarrativeDocument {
  const ctx = new Context(model, prior, options);
  const part3 = new Writer();
  sectionIncomeExpense(ctx, part3);
  sectionFiscal(ctx, part3);
  sectionGpb(ctx, part3);
  sectionBasic(ctx, part3);
  sectionThreePublic(ctx, part3);
  sectionFundLike(ctx, part3, "六、政府性基金预算支出情况说明", model.tables["4"], "fund", "政府性基金预算");
  sectionFundLike(ctx, part3, "七、国有资本经营预算情况说明", model.tables["5"], "soe", "国有资本经营预算");
  sectionOther(ctx, part3);
  const part4 = new Writer();
  sectionTerms(ctx, part4);

  const sections = [
    { title: `第三部分 ${ctx.dept}${ctx.Y}年部门预算情况说明`, paragraphs: part3.paragraphs },
    { title: "第四部分 名词解释", paragraphs: part4.paragraphs },
  ];
  const placeholders: string[] = [];
  const re = new RegExp(
    `${escapeRe(PLACEHOLDER_OPEN)}[^${escapeRe(PLACEHOLDER_CLOSE)}]*${escapeRe(PLACEHOLDER_CLOSE)}`,
    "g",
  );
  for (const s of sections) {
    for (const text of [s.title, ...s.paragraphs.map((p) => p.text)]) {
      for (const m of text.match(re) ?? []) placeholders.push(m);
    }
  }
  return { department: ctx.dept, year: model.year, sections, placeholderCount: placeholders.length, placeholders };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
