/**
 * Checks an existing 预算情况说明 against the recognised tables: every amount, share, growth rate, year, count,
 * code name and list number is tied to the table value it speaks of by its section and the words before it,
 * and only disagreements are reported. Arithmetic is exact (integer 分; shares compared at the text's rounding).
 */
import type { Finding } from "../model/findings";
import type { BudgetModel } from "../model/tables";
import type { CellRef } from "../model/workbook";
import { scaleDecimal } from "../model/money";
import { compareNames, nameMatchKey, normalizeName } from "../catalog";
import { percent, wan } from "../narrative/format";
import type { PriorYearInput } from "../narrative/types";
import { buildFacts, type CodeItem, type Fact, type Facts } from "./facts";
import { narrativeRule, type NarrativeRuleId } from "./rules";
import {
  findMentions,
  halfWidth,
  labelBefore,
  quoteAt,
  sentenceBounds,
  squeeze,
  toParagraphs,
  type Mention,
  type Paragraph,
} from "./text";

export interface NarrativeQuote {
  /** 1-based line of the text (blank lines count); for .docx the paragraph number. */
  line: number;
  /** The part of that line the finding is about. */
  text: string;
}

export interface NarrativeFinding extends Finding {
  quote: NarrativeQuote;
}

// ------------------------------------------------------------------ sections

type Sec = string;

const H1_KEYS: [RegExp, Sec][] = [
  [/名词解释/, "terms"],
  [/财政拨款收支/, "fiscal"],
  [/收支预算|收支总预算/, "ie"],
  [/当年拨款/, "gpb"],
  [/基本支出/, "basic"],
  [/三公/, "three"],
  [/政府性基金/, "fund"],
  [/国有资本/, "soe"],
  [/其他重要事项|其他事项/, "other"],
];
const H1_BY_ORDINAL = ["", "ie", "fiscal", "gpb", "basic", "three", "fund", "soe", "other"];
const H2_KEYS: Record<string, [RegExp, Sec][]> = {
  ie: [
    [/收入/, "ie.income"],
    [/支出/, "ie.expense"],
  ],
  gpb: [
    [/规模|变化/, "gpb.scale"],
    [/结构/, "gpb.structure"],
    [/具体/, "gpb.items"],
  ],
  three: [
    [/出国/, "three.overseas"],
    [/接待/, "three.reception"],
    [/车/, "three.vehicle"],
  ],
  other: [
    [/机关运行/, "agency"],
    [/采购/, "procurement"],
    [/资产/, "assets"],
    [/绩效/, "perf"],
  ],
};
const H2_BY_ORDINAL: Record<string, Sec[]> = {
  ie: ["", "ie.income", "ie.expense"],
  gpb: ["", "gpb.scale", "gpb.structure", "gpb.items"],
  other: ["", "agency", "procurement", "assets", "perf"],
};

/** The sections a complete narrative has (checklist of disclosure-rules.md §1.2), with Chinese names. */
const REQUIRED_SECTIONS: [Sec, string, RegExp][] = [
  ["ie", "一、收支预算情况说明", /收支总预算|收支预算/],
  ["fiscal", "二、财政拨款收支预算情况说明", /财政拨款收支/],
  ["gpb", "三、一般公共预算当年拨款情况说明", /当年拨款/],
  ["basic", "四、一般公共预算基本支出情况说明", /人员经费/],
  ["three", "五、“三公”经费财政拨款预算安排情况说明", /三公/],
  ["fund", "六、政府性基金预算支出情况说明", /政府性基金/],
  ["soe", "七、国有资本经营预算情况说明", /国有资本/],
  ["other", "八、其他重要事项的情况说明", /其他重要事项/],
  ["agency", "机关运行经费", /机关运行经费/],
  ["procurement", "政府采购情况", /政府采购/],
  ["assets", "国有资产占有使用情况", /国有资产|车辆/],
  ["perf", "预算绩效情况", /绩效目标/],
  ["terms", "第四部分 名词解释", /名词解释/],
];

// ------------------------------------------------------------------ anchors (data)

interface AmountAnchor {
  /** Sections (or section prefixes) where the anchor applies. */
  in: Sec[];
  label: RegExp;
  /** Fact keys; the first present one is the reference, any of them agreeing is accepted. */
  facts: string[];
  /** Denominators of a share that follows the amount. */
  share?: string[];
}

const INCOME_TOTAL = ["t1.in.grandTotal", "t1.in.currentTotal"];
const EXPENSE_TOTAL = ["t12.total", "t1.out.grandTotal", "t1.out.currentTotal"];
const ANCHORS: AmountAnchor[] = [
  { in: ["ie.income"], label: /上年结转/, facts: ["t1.in.carryover"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /一般公共预算拨款/, facts: ["t1.in.gpb"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /政府性基金/, facts: ["t1.in.fund"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /国有资本/, facts: ["t1.in.soe"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /事业单位经营收入|经营收入/, facts: ["t1.in.operating"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /事业收入/, facts: ["t1.in.business"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /上级补助/, facts: ["t1.in.superior"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /附属单位/, facts: ["t1.in.affiliated"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /其他收入/, facts: ["t1.in.other"], share: INCOME_TOTAL },
  { in: ["ie.income"], label: /收入(预算|合计|总计|总额)|预算收入/, facts: INCOME_TOTAL },
  { in: ["ie.expense"], label: /基本支出/, facts: ["t12.basic"], share: EXPENSE_TOTAL },
  { in: ["ie.expense"], label: /项目支出/, facts: ["t12.project"], share: EXPENSE_TOTAL },
  { in: ["ie.expense"], label: /支出(预算|合计|总计|总额)|预算支出/, facts: EXPENSE_TOTAL },
  { in: ["ie"], label: /收支(总预算|预算总[数额]|总额)/, facts: ["t1.in.grandTotal", "t1.out.grandTotal"] },
  { in: ["fiscal"], label: /上年结转/, facts: ["t2.in.carryover.gpb", "t2.in.carryover"] },
  {
    in: ["fiscal"],
    label: /财政(拨款)?收支(总预算|预算总[数额]|总额)/,
    facts: ["t2.in.grandTotal", "t2.out.grandTotal"],
  },
  { in: ["fiscal"], label: /一般公共预算拨款/, facts: ["t2.in.gpb"] },
  { in: ["fiscal"], label: /政府性基金/, facts: ["t2.in.fund"] },
  { in: ["fiscal"], label: /国有资本/, facts: ["t2.in.soe"] },
  {
    in: ["gpb"],
    label: /当年拨款/,
    facts: ["t3.total"],
    share: ["t1.out.currentTotal", "t1.out.grandTotal", "t12.total"],
  },
  { in: ["basic"], label: /人员经费/, facts: ["t31.personnel"], share: ["t31.total"] },
  { in: ["basic"], label: /公用经费/, facts: ["t31.public"], share: ["t31.total"] },
  { in: ["basic"], label: /基本支出/, facts: ["t31.total"] },
  { in: ["three"], label: /三公/, facts: ["t33.total"] },
  { in: ["three"], label: /出国/, facts: ["t33.overseas"] },
  { in: ["three"], label: /接待/, facts: ["t33.reception"] },
  { in: ["three"], label: /购置及运行/, facts: ["t33.vehicle"] },
  { in: ["three"], label: /购置/, facts: ["t33.purchase"] },
  { in: ["three"], label: /运行/, facts: ["t33.operation"] },
  { in: ["fund"], label: /政府性基金|拨款|支出/, facts: ["t4.total"] },
  { in: ["soe"], label: /国有资本|拨款|支出/, facts: ["t5.total"] },
  { in: ["agency"], label: /运行经费/, facts: ["t31.public"] },
  { in: ["procurement"], label: /货物/, facts: ["prior.goods"] },
  { in: ["procurement"], label: /工程/, facts: ["prior.works"] },
  { in: ["procurement"], label: /服务/, facts: ["prior.services"] },
  { in: ["procurement"], label: /采购预算|采购资金|采购总额/, facts: ["prior.procurement"] },
  { in: ["perf"], label: /基本支出/, facts: ["t6.basic", "t12.basic", "t31.total"] },
  { in: ["perf"], label: /项目支出/, facts: ["t6.project", "t12.project"] },
  { in: ["perf"], label: /政府性基金/, facts: ["t4.total"] },
  { in: ["perf"], label: /国有资本/, facts: ["t5.total"] },
  {
    in: ["perf"],
    label: /一般公共预算|预算资金|资金|金额/,
    facts: ["t6.total", "t6.sum", "t1.in.grandTotal", "t12.total", "t3.total"],
  },
];

/** Denominators tried when a share is wrong, to tell a wrong denominator from a wrong share. */
const ALL_TOTALS = [
  "t1.in.grandTotal",
  "t12.total",
  "t3.total",
  "t31.total",
  "t2.in.grandTotal",
  "t33.total",
  "t12.basic",
  "t12.project",
];

/** What a change or growth rate is about: keyword, topic. */
const TOPICS: [RegExp, string][] = [
  [/机关运行经费/, "agency"],
  [/“?三公”?经费/, "three"],
  [/公务接待/, "reception"],
  [/公务用车|公车|车辆/, "vehicle"],
  [/因公出国/, "overseas"],
  [/财政(拨款)?收支(总预算|预算总[数额]|预算)?/, "fiscal"],
  [/当年拨款/, "gpb"],
  [/收支(总预算|预算总[数额]|预算)/, "total"],
];
const TOPIC_BY_SECTION: Record<string, string> = {
  agency: "agency",
  three: "three",
  "three.reception": "reception",
  "three.vehicle": "vehicle",
  "three.overseas": "overseas",
  fiscal: "fiscal",
  gpb: "gpb",
  "gpb.scale": "gpb",
  ie: "total",
};
const TOPIC_NAMES: Record<string, string> = {
  agency: "机关运行经费",
  three: "“三公”经费",
  reception: "公务接待费",
  vehicle: "公务用车购置及运行维护费",
  overseas: "因公出国（境）费",
  fiscal: "财政拨款收支总预算",
  gpb: "一般公共预算当年拨款",
  total: "收支总预算",
};

const CHANGE_LABEL = /(增加|减少|增长|下降|降低|上升|增幅|降幅|减幅|减|增)(了|为|约)?$/;
const DOWN = /(减少|下降|降低|降幅|减幅|减)(了|为|约)?$/;
const PLACEHOLDER =
  /【[^】]*(待|填|补充|XX|××)[^】]*】|待填写|待补充|待定稿|[×╳]{2,}|X{2,}|x{2,}|[＊*]{2,}|_{3,}|＿{2,}|□{2,}/g;

// ------------------------------------------------------------------ the checker

export interface NarrativeCheckInput {
  /** The narrative, one entry per line (or per .docx paragraph / sheet row); index + 1 is the line number. */
  lines: string[];
  model: BudgetModel;
  prior?: PriorYearInput;
}

class Checker {
  readonly out: NarrativeFinding[] = [];
  readonly facts: Facts;
  private h1: Sec = "";
  private sec: Sec = "";
  private part = 3;
  private readonly seen = new Set<Sec>();
  private readonly sectionLine = new Map<Sec, number>();
  /** 三(二) list: codes mentioned, and the mentions in order (for where a missing one belongs). */
  private readonly structureSeen: { code: string; p: Paragraph; m: Mention }[] = [];
  private readonly itemParas: { codes: string[]; p: Paragraph }[] = [];

  constructor(
    readonly lines: string[],
    model: BudgetModel,
    prior?: PriorYearInput,
  ) {
    this.facts = buildFacts(model, prior);
  }

  report(
    rule: NarrativeRuleId,
    p: Paragraph,
    at: number,
    message: string,
    cells: (CellRef | undefined)[] = [],
    extra: Partial<Finding> = {},
    end = at,
  ) {
    const def = narrativeRule(rule);
    const c = cells.filter((x): x is CellRef => x !== undefined);
    this.out.push({ rule, severity: def.severity, message, cells: c, quote: quoteAt(p, at, end), ...extra });
    return this.out.length - 1;
  }

  run(): NarrativeFinding[] {
    const paras = toParagraphs(this.lines);
    // Numbered lists (三(三), 名词解释), each a run of items between headings; checked after the pass (look-ahead).
    const lists: Paragraph[][] = [];
    let list: Paragraph[] | undefined;
    let listSec: Sec | undefined;
    for (const p of paras) {
      this.enter(p);
      this.placeholders(p);
      if (p.kind === "part" || ((p.kind === "heading1" || p.kind === "heading2") && !p.alsoBody)) {
        list = undefined;
        // "第三部分 …2024年部门预算情况说明": a heading's year is the budget year's.
        const t = halfWidth(p.text);
        for (const m of findMentions(t)) if (m.kind === "year") this.year(p, t, m, [], new Map(), true);
        this.department(p);
        continue;
      }
      this.department(p);
      this.duplicate(p);
      if ((this.sec === "gpb.items" || this.sec === "terms") && (p.number !== undefined || this.looksLikeItem(p))) {
        if (!list || listSec !== this.sec) lists.push((list = []));
        listSec = this.sec;
        list.push(p);
      }
      this.codePaths(p);
      this.numbers(p);
      if (this.sec === "ie" || this.sec === "fiscal") this.classList(p);
    }
    for (const l of lists) this.numbering(l);
    this.coverage();
    this.sections(paras);
    return this.out;
  }

  // -------------------------------------------------------------- sections

  private enter(p: Paragraph) {
    const t = squeeze(p.text);
    if (p.kind === "part") {
      if (/名词解释|第四部分/.test(t)) this.setSec("terms", "terms", p);
      else this.setSec("", "", p);
      this.part = /第四部分/.test(t) ? 4 : 3;
      return;
    }
    if (p.kind === "heading1") {
      const head = t.slice(0, 30);
      const key =
        H1_KEYS.find(([re]) => re.test(head))?.[1] ?? (this.part === 3 ? (H1_BY_ORDINAL[p.ordinal ?? 0] ?? "") : "");
      this.setSec(key, key, p);
      return;
    }
    if (p.kind === "heading2") {
      const head = t.slice(p.bodyStart, p.bodyStart + 20);
      const key =
        (H2_KEYS[this.h1] ?? []).find(([re]) => re.test(head))?.[1] ??
        H2_BY_ORDINAL[this.h1]?.[p.ordinal ?? 0] ??
        this.h1;
      this.setSec(this.h1, key || this.h1, p);
    }
  }

  private setSec(h1: Sec, sec: Sec, p: Paragraph) {
    this.h1 = h1;
    this.sec = sec;
    for (const k of [h1, sec]) {
      if (!k) continue;
      this.seen.add(k);
      if (!this.sectionLine.has(k)) this.sectionLine.set(k, p.pieces[0].line);
    }
  }

  private inSection(specs: Sec[]): boolean {
    return specs.some((s) => this.sec === s || this.sec.startsWith(`${s}.`) || this.h1 === s);
  }

  private sections(paras: Paragraph[]) {
    const headings = paras.filter((p) => p.kind === "heading1").length;
    if (headings < 2) return; // a fragment, not a whole narrative
    const all = squeeze(paras.map((p) => p.text).join("\n"));
    const lastLine = paras[paras.length - 1];
    REQUIRED_SECTIONS.forEach(([key, name, re], i) => {
      if (
        this.seen.has(key) ||
        (key !== "terms" && !["ie", "fiscal", "gpb", "three", "fund", "soe"].includes(key) && re.test(all))
      )
        return;
      // Quote the heading of the next section that is present (where the missing one belongs).
      const next = REQUIRED_SECTIONS.slice(i + 1).find(([k]) => this.sectionLine.has(k));
      const line = next ? this.sectionLine.get(next[0])! : lastLine.pieces[lastLine.pieces.length - 1].line;
      const p = paras.find((x) => x.pieces.some((pc) => pc.line === line)) ?? lastLine;
      const at = p.pieces.find((pc) => pc.line === line)?.start ?? 0;
      this.report("N-SECTION", p, at, `说明缺少“${name}”部分（${narrativeRule("N-SECTION").title}）。`, [], {
        expected: name,
      });
    });
  }

  // -------------------------------------------------------------- text-level checks

  private placeholders(p: Paragraph) {
    const t = halfWidth(p.text);
    for (const m of t.matchAll(PLACEHOLDER)) {
      this.report(
        "N-PLACEHOLDER",
        p,
        m.index,
        `说明中残留占位文字“${m[0]}”，请填写后再发布。`,
        [],
        { actual: m[0] },
        m.index + m[0].length,
      );
    }
  }

  private department(p: Paragraph) {
    const dept = this.facts.department;
    if (!dept || dept.length < 5) return;
    const head = dept.slice(0, 2);
    const t = p.text;
    for (let i = t.indexOf(head); i >= 0; i = t.indexOf(head, i + 1)) {
      // Windows a little shorter or longer than the name, ending on its last character ("…协会"): a name with one
      // or two characters changed, dropped or added.
      let best: { w: string; d: number } | undefined;
      for (let len = dept.length - 2; len <= dept.length + 2; len++) {
        const w = t.slice(i, i + len);
        if (w === dept) {
          best = undefined;
          break;
        }
        if (w.length !== len || /[\s，。；：、,.;:（）()\d]/.test(w)) continue;
        // Ending on the name's last character, or (one character off) right before a break in the Chinese text.
        const ends = w[w.length - 1] === dept[dept.length - 1];
        const cut = !/[\u4e00-\u9fa5]/.test(t[i + len] ?? "");
        if (!ends && !cut) continue;
        const d = editDistance(w, dept);
        if (d >= 1 && d <= (ends ? 2 : 1) && (!best || d < best.d)) best = { w, d };
      }
      if (best) {
        this.report(
          "N-NAME",
          p,
          i,
          `部门名称写作“${best.w}”，表格为“${dept}”。`,
          [],
          { expected: dept, actual: best.w },
          i + best.w.length,
        );
        return;
      }
    }
  }

  /** 6-grams of every earlier paragraph of the current part, and which paragraphs hold each (linear in the text). */
  private readonly gramIndex = new Map<string, Set<Paragraph>>();
  private readonly gramsOf = new Map<Paragraph, Set<string>>();
  private gramPart = 0;

  private duplicate(p: Paragraph) {
    if (this.gramPart !== this.part) {
      // 名词解释 may echo the uses stated in 第三部分: repetition is looked for within one part.
      this.gramIndex.clear();
      this.gramPart = this.part;
    }
    const t = dupKey(p);
    const N = 6;
    const own = new Set<string>();
    for (let i = 0; i + N <= t.length; i++) own.add(t.slice(i, i + N));
    // Candidates: the earlier paragraphs sharing the most 6-grams.
    const hits = new Map<Paragraph, number>();
    if (t.length >= 20)
      for (const g of own) for (const e of this.gramIndex.get(g) ?? []) hits.set(e, (hits.get(e) ?? 0) + 1);
    const candidates = [...hits]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([e]) => e);
    let best: { p: Paragraph; ratio: number } | undefined;
    for (const e of candidates) {
      const grams = this.gramsOf.get(e)!;
      // The longest run of text found in the earlier paragraph: templated sentences share short pieces, a
      // repeated paragraph shares one long stretch.
      let run = 0;
      let longest = 0;
      let coveredTo = -1;
      for (let i = 0; i + N <= t.length; i++) {
        if (grams.has(t.slice(i, i + N))) {
          run = coveredTo >= i ? run + 1 : N;
          coveredTo = i + N;
          if (run > longest) longest = run;
        } else if (coveredTo <= i) run = 0;
      }
      // Short definitions share their template wording: a repetition must be long as well as most of the text.
      const ratio = longest >= DUPLICATE_MIN_RUN ? longest / t.length : 0;
      if (!best || ratio > best.ratio || (ratio === best.ratio && e.pieces[0].line < best.p.pieces[0].line))
        best = { p: e, ratio };
    }
    this.gramsOf.set(p, own);
    for (const g of own) (this.gramIndex.get(g) ?? this.gramIndex.set(g, new Set()).get(g)!).add(p);
    if (best && best.ratio >= DUPLICATE_RATIO) {
      const line = best.p.pieces[0].line;
      this.report("N-DUPLICATE", p, 0, `本段与第${line}行的段落大部分文字相同，疑为重复段落。`, [], {}, p.text.length);
    }
  }

  // -------------------------------------------------------------- numbering

  private looksLikeItem(p: Paragraph): boolean {
    const t = halfWidth(p.text);
    return (
      CODE_PATH.test(t.slice(0, 40)) || (this.sec === "terms" && /^[^，。：:]{2,24}[：:]\s*(指|反映|是指)/.test(t))
    );
  }

  /**
   * 1, 2, 3 … without repeats or gaps. One wrong number is one finding: when the item after it continues the
   * expected count, the odd number is a slip of its own (the count goes on); otherwise the count jumped there.
   */
  private numbering(items: Paragraph[]) {
    let prev = 0;
    items.forEach((p, k) => {
      const expected = prev + 1;
      const n = p.number;
      if (n === undefined) {
        this.report("N-NUMBERING", p, 0, `本条缺少序号，应为“${expected}.”。`, [], { expected: String(expected) });
        prev = expected;
        return;
      }
      if (n === expected) {
        prev = n;
        return;
      }
      const next = items[k + 1]?.number;
      const odd = next !== undefined && next === expected + 1;
      const what =
        n === prev
          ? `序号“${n}”与上一条重复`
          : n > expected && !odd
            ? `序号从“${prev}”跳到“${n}”，缺少“${expected}${n - 1 > expected ? `–${n - 1}` : ""}”`
            : `序号“${n}”有误（上一条为“${prev}”）`;
      this.report("N-NUMBERING", p, 0, `${what}，应为“${expected}”。`, [], {
        expected: String(expected),
        actual: String(n),
      });
      prev = odd ? expected : n;
    });
  }

  // -------------------------------------------------------------- code paths and names

  private codePaths(p: Paragraph) {
    const t = halfWidth(p.text);
    const head = t.slice(p.bodyStart);
    const m = CODE_PATH_FULL.exec(head);
    if (!m || m.index > 4) return;
    const base = p.bodyStart + m.index;
    const segs: { name: string; code: string; combined: boolean }[] = [{ name: m[1], code: m[2], combined: false }];
    if (m[4]) segs.push({ name: m[3], code: m[2] + m[4], combined: false });
    if (m[6]) segs.push({ name: m[5], code: m[2] + m[4] + m[6], combined: !!m[7] });
    const codes = segs[segs.length - 1].combined
      ? [segs[segs.length - 1].code, ...[...m[7].matchAll(/\d{2}/g)].map((x) => segs[segs.length - 2].code + x[0])]
      : [segs[segs.length - 1].code];
    const problems: string[] = [];
    let cell: CellRef | undefined;
    const borrowed: string[] = [];
    for (const s of segs) {
      if (s.combined) continue;
      const names = this.facts.namesOf(s.code);
      const refs = [names.table, names.catalog].filter((x): x is string => !!x);
      if (refs.length === 0) continue;
      const written = s.name.replace(/^[“”"]+|[“”"]+$/g, "");
      const level = s.code.length === 3 ? "类" : s.code.length === 5 ? "款" : "项";
      const ok = refs.some((r) => {
        const c = compareNames(written, r);
        return c === "same" || (c === "near" && level === "类");
      });
      if (ok) continue;
      const ref = names.catalog ?? names.table!;
      const isOld =
        compareNames(written, ref, s.code, "functional") === "near" && normalizeName(written) !== normalizeName(ref);
      const others = this.facts.codesNamed(written).filter((c) => c !== s.code);
      const why = isOld
        ? "是旧科目名称"
        : others.length
          ? `是${others.map((c) => `“${c}”`).join("、")}的名称`
          : "与科目名称不符";
      problems.push(`${level}“${s.code}”写作“${written}”，${why}，应为“${ref}”`);
      borrowed.push(...others);
      cell ??= names.tableCell;
    }
    const last = segs[segs.length - 1];
    if (last.code.length === 7 && this.sec === "gpb.items") {
      this.itemParas.push({ codes: [...codes, ...borrowed.filter((c) => c.length === 7)], p });
    }
    if (problems.length) {
      const itemCell = this.facts.namesOf(last.code).tableCell;
      this.report("N-NAME", p, base, `${problems.join("；")}。`, [cell ?? itemCell], {}, base + m[0].length);
    }
    this.pathCodes.set(p, {
      code: last.code,
      combined: last.combined,
      borrowed: borrowed.filter((c) => c.length === 7),
    });
  }

  private readonly pathCodes = new Map<Paragraph, { code: string; combined: boolean; borrowed: string[] }>();

  // -------------------------------------------------------------- numbers

  private numbers(p: Paragraph) {
    // A placeholder's own words ("【待补充：2023年…】") are not statements of the text.
    const t = halfWidth(p.text).replace(PLACEHOLDER, (x) => " ".repeat(x.length));
    const mentions = findMentions(t);
    let lastAmount: { m: Mention; fact?: Fact; denoms?: string[] } | undefined;
    const resolvedInSentence = new Map<number, CellRef | undefined>();
    for (const m of mentions) {
      const label = labelBefore(t, mentions, m);
      if (m.kind === "badNumber") {
        // The digits after the last stray mark are usually the figure meant: name its cell when it resolves.
        const tail = /(\d+(?:\.\d+)?)$/.exec(m.raw)?.[1];
        const meant =
          tail && /元$/.test(m.unit)
            ? this.resolveAmount(
                p,
                { ...m, kind: "amount", raw: tail, decimals: tail.split(".")[1]?.length ?? 0 },
                label,
              )
            : undefined;
        this.report(
          "N-NUMBER",
          p,
          m.start,
          `数字“${m.raw}”中夹有多余字符${meant ? `（${meant.what}为${wan(meant.fact.fen)}万元）` : ""}。`,
          [meant?.fact.cell],
          { actual: m.raw, ...(meant ? { expected: wan(meant.fact.fen) } : {}) },
          m.end,
        );
        lastAmount = meant ? { m, fact: meant.fact, denoms: meant.denoms } : undefined;
        continue;
      }
      if (m.kind === "amount") {
        // A reason may quote an amount ("主要原因是减少…1万元"): not a table figure.
        if (/原因|因为|由于/.test(label)) {
          lastAmount = undefined;
          continue;
        }
        if (CHANGE_LABEL.test(label)) {
          this.change(p, t, m, label);
          lastAmount = undefined;
          continue;
        }
        const r = this.resolveAmount(p, m, label);
        if (r) {
          this.compareAmount(p, m, r.fact, r.alternatives, r.what);
          resolvedInSentence.set(m.start, r.fact.cell);
        }
        lastAmount = { m, fact: r?.fact, denoms: r?.denoms };
      } else if (m.kind === "percent") {
        if (/占/.test(label) && lastAmount?.fact && lastAmount.denoms)
          this.share(p, m, lastAmount.fact, lastAmount.denoms);
        else if (CHANGE_LABEL.test(label)) this.growth(p, t, m, label);
      } else if (m.kind === "count") {
        this.count(p, m, label);
      }
    }
    // Years after amounts are known: a year before a table figure of the budget year must be the budget year.
    for (const m of mentions) if (m.kind === "year") this.year(p, t, m, mentions, resolvedInSentence);
    this.persisted(p, t);
    this.direction(p, t);
  }

  /** The fact an amount speaks of, or undefined when the text does not say (then nothing is checked). */
  private resolveAmount(
    p: Paragraph,
    m: Mention,
    label: string,
  ): { fact: Fact; alternatives: Fact[]; denoms?: string[]; what: string } | undefined {
    // 三(三): the item's own amount ("2024年预算数（基本支出）为…").
    if (this.sec === "gpb.items") {
      const pc = this.pathCodes.get(p);
      if (pc && !pc.combined && /[①-⑳]/.test(label)) return this.projectAmount(p, m, label, pc.code);
      if (!pc || pc.combined || !/预算数|预算为|^为$/.test(label)) return undefined;
      const f = this.facts.get(`item:${pc.code}`);
      if (!f) return undefined;
      this.basicOrProject(p, m, label, pc.code);
      // A code written with another item's name whose amount the text states: the name finding says it all.
      const alts = pc.borrowed.map((c) => this.facts.get(`item:${c}`)).filter((x): x is Fact => !!x);
      return { fact: f, alternatives: alts, what: f.label };
    }
    for (const a of ANCHORS) {
      if (!this.inSection(a.in) || !a.label.test(label)) continue;
      const fs = a.facts.map((k) => this.facts.get(k)).filter((x): x is Fact => !!x);
      if (!fs.length) return undefined;
      if (!fs.some((f) => this.agrees(m, f.fen))) {
        // "项目支出 472.34 万元" where 472.34 is the 基本支出 of the same section: the word is what was changed.
        const siblings = ANCHORS.filter((b) => b !== a && this.inSection(b.in) && !b.label.test(label))
          .map((b) => ({
            b,
            f: b.facts
              .map((k) => this.facts.get(k))
              .find((f): f is Fact => !!f && f.fen !== 0 && this.agrees(m, f.fen)),
          }))
          .filter((x): x is { b: AmountAnchor; f: Fact } => !!x.f);
        const distinct = [...new Set(siblings.map((x) => x.f.label))];
        if (distinct.length === 1) {
          const { b, f } = siblings[0];
          const word = label.length <= 20 ? label : (a.label.exec(label)?.[0] ?? label);
          const at = Math.max(0, m.start - label.length);
          this.report(
            "N-NAME",
            p,
            at,
            `“${word}”后的${m.raw}${m.unit}是${f.label}的金额（${fs[0].label}为${wan(fs[0].fen)}万元），所指项目有误。`,
            [fs[0].cell, f.cell],
            { expected: `${wan(fs[0].fen)}万元`, actual: m.raw, table: fs[0].table },
            m.end,
          );
          return { fact: f, alternatives: [], denoms: b.share, what: f.label };
        }
      }
      return { fact: fs[0], alternatives: fs.slice(1), denoms: a.share, what: fs[0].label };
    }
    // Lists by name: 二 (类) and 三(二) (项).
    const name = label
      .replace(PLACEHOLDER, "")
      .replace(/^[^\u4e00-\u9fa5“]+/, "")
      .replace(/^(其中|支出包括|包括|主要包括)/, "")
      .replace(/\((\d{3,7})\)$/, "");
    const codeInLabel = /\((\d{3,7})\)$/.exec(label)?.[1];
    const list =
      this.sec === "gpb.structure"
        ? "items"
        : this.sec === "fiscal" || this.sec === "ie" || this.sec === "ie.expense"
          ? "classes"
          : undefined;
    if (!list) return undefined;
    const pool = this.facts[list];
    const named = (x: CodeItem, loose: boolean) =>
      x.code === codeInLabel ||
      (!codeInLabel &&
        [x.name, this.facts.namesOf(x.code).catalog].some(
          (n) => n !== undefined && (loose ? compareNames(name, n) !== "different" : compareNames(name, n) === "same"),
        ));
    const matches = pool.filter((x) => named(x, list === "classes"));
    const denoms = list === "items" ? ["t3.total"] : ["t2.in.grandTotal", "t2.out.grandTotal", "t1.out.grandTotal"];
    const seen = (x: CodeItem) => this.structureSeen.some((s) => s.code === x.code);
    const found = (x: CodeItem) => {
      if (list === "items") this.structureSeen.push({ code: x.code, p, m });
      return { fact: x.fact, alternatives: [], denoms, what: x.fact.label };
    };
    const fen = this.statedFen(m);
    // The entry whose figure the text states, when it is not the named one: the name is what was changed.
    const owner = (exclude: CodeItem[]) => {
      const others = pool.filter((x) => !exclude.includes(x) && fen !== undefined && this.agrees(m, x.fact.fen));
      const fresh = others.filter((x) => !seen(x));
      // Of several entries with the same figure, the one whose name the paragraph no longer holds.
      const text = squeeze(p.text);
      const unnamed = fresh.filter(
        (x) => ![x.name, this.facts.namesOf(x.code).catalog].some((n) => n && text.includes(squeeze(n))),
      );
      return fresh.length === 1
        ? fresh[0]
        : unnamed.length === 1
          ? unnamed[0]
          : others.length === 1
            ? others[0]
            : undefined;
    };
    const what = list === "items" ? "表3的项级科目" : "支出功能分类类级科目";
    if (matches.length >= 1) {
      if (matches.some((x) => this.agrees(m, x.fact.fen)))
        return found(matches.find((x) => this.agrees(m, x.fact.fen))!);
      const other = owner(matches);
      if (other) {
        this.report(
          "N-NAME",
          p,
          Math.max(0, m.start - name.length),
          `“${name}”后的${m.raw}${m.unit}是“${other.code} ${other.name}”的金额，名称有误。`,
          [other.nameCell ?? other.fact.cell],
          { expected: other.name, actual: name },
          m.end,
        );
        return found(other);
      }
      return { ...found(matches[0]), alternatives: matches.slice(1).map((x) => x.fact) };
    }
    if (/^[\u4e00-\u9fa5“”]{2,24}$/.test(name)) {
      // A name that is no 项 (类) of the tables: if the amount is one entry's, the name is wrong.
      const other = owner([]);
      if (other) {
        this.report(
          "N-NAME",
          p,
          Math.max(0, m.start - name.length),
          `“${name}”不是${what}名称；${wan(other.fact.fen)}万元是“${other.code} ${other.name}”。`,
          [other.nameCell ?? other.fact.cell],
          { expected: other.name, actual: name },
          m.end,
        );
        return found(other);
      }
    }
    return undefined;
  }

  /** "预算数（基本支出）" for an item that 表1-2 shows entirely as 项目支出 (or the reverse). */
  private basicOrProject(p: Paragraph, m: Mention, label: string, code: string) {
    const s = this.facts.split.get(code);
    const said = /[(（]基本支出[)）]/.test(label) ? "basic" : /[(（]项目支出[)）]/.test(label) ? "project" : undefined;
    if (!s || !said) return;
    const other = said === "basic" ? s.project : s.basic;
    const own = said === "basic" ? s.basic : s.project;
    if (own.fen !== 0 || other.fen === 0) return;
    const at = label.search(/[(（](基本|项目)支出[)）]/);
    const start = Math.max(0, m.start - label.length + Math.max(at, 0));
    this.report(
      "N-AMOUNT",
      p,
      start,
      `写作“${said === "basic" ? "基本支出" : "项目支出"}”，表1-2中该科目${wan(other.fen)}万元全部为${said === "basic" ? "项目支出" : "基本支出"}。`,
      [other.cell],
      {
        expected: said === "basic" ? "项目支出" : "基本支出",
        actual: said === "basic" ? "基本支出" : "项目支出",
        table: "1-2",
      },
      m.end,
    );
  }

  /**
   * "①老科技工作者科普活动保障经费12.00万元" under an item: one of the item's 表3-2 projects (by name when the label
   * names one, else the project whose amount it is).
   */
  private projectAmount(
    p: Paragraph,
    m: Mention,
    label: string,
    code: string,
  ): { fact: Fact; alternatives: Fact[]; what: string } | undefined {
    const list = this.facts.projects.get(code);
    if (!list?.length) return undefined;
    const key = nameMatchKey(label);
    const named = list.filter((x) => nameMatchKey(x.name).length >= 4 && key.includes(nameMatchKey(x.name)));
    if (named.length)
      return { fact: named[0].fact, alternatives: named.slice(1).map((x) => x.fact), what: named[0].fact.label };
    if (list.some((x) => this.agrees(m, x.fact.fen))) return undefined;
    const amounts = list.map((x) => `${wan(x.fact.fen)}万元`).join("、");
    this.report(
      "N-AMOUNT",
      p,
      m.start,
      `说明写“${m.raw}${m.unit}”，不是表3-2中该科目下任一项目的金额（${amounts}）。`,
      [list[0].fact.cell],
      { expected: amounts, actual: m.raw, table: "3-2" },
      m.end,
    );
    return undefined;
  }

  private statedFen(m: Mention): number | undefined {
    const digits = m.unit === "亿元" ? 10 : m.unit === "万元" ? 6 : 2;
    return scaleDecimal(m.raw, digits);
  }

  /** Whether a stated amount agrees with a table figure at the text's rounding (integers and 1 dp: exactly). */
  private agrees(m: Mention, fen: number, unit = m.unit): boolean {
    const digits = unit === "亿元" ? 10 : unit === "万元" ? 6 : 2;
    const stated = scaleDecimal(m.raw, digits);
    if (stated === undefined) return true;
    const drop = digits - m.decimals;
    // 万元 with 2+ decimals (or 元 with any) is a rounded figure; fewer places must be exact.
    if (drop <= 0 || (unit === "万元" && m.decimals < 2) || unit === "亿元")
      return stated === fen || (drop > 0 && roundTo(fen, drop) === stated && unit === "亿元");
    return roundTo(fen, drop) === stated;
  }

  private compareAmount(p: Paragraph, m: Mention, fact: Fact, alternatives: Fact[], what: string) {
    if (this.agrees(m, fact.fen) || alternatives.some((a) => this.agrees(m, a.fen))) return;
    const cells = [fact.cell];
    if (m.unit === "万元" || m.unit === "元") {
      const other = m.unit === "万元" ? "元" : "万元";
      if ([fact, ...alternatives].some((f) => this.agrees({ ...m, decimals: Math.min(m.decimals, 2) }, f.fen, other))) {
        this.report(
          "N-UNIT",
          p,
          m.start,
          `“${m.raw}${m.unit}”的单位有误：${what}为${wan(fact.fen)}万元，按“${other}”计才相符。`,
          cells,
          { expected: `${wan(fact.fen)}万元`, actual: `${m.raw}${m.unit}` },
          m.end,
        );
        return;
      }
    }
    this.report(
      "N-AMOUNT",
      p,
      m.start,
      `说明写“${m.raw}${m.unit}”，${what}为${wan(fact.fen)}万元。`,
      cells,
      { expected: wan(fact.fen), actual: m.raw, table: fact.table },
      m.end,
    );
  }

  private share(p: Paragraph, m: Mention, part: Fact, denomKeys: string[]) {
    const denoms = denomKeys.map((k) => this.facts.get(k)).filter((x): x is Fact => !!x);
    if (!denoms.length) return;
    const ok = denoms.some((d) => percent(part.fen, d.fen, m.decimals) === m.raw);
    if (ok) return;
    const d = denoms[0];
    const expected = percent(part.fen, d.fen, m.decimals);
    if (expected === undefined) return;
    const wrongBase = ALL_TOTALS.map((k) => this.facts.get(k))
      .filter((x): x is Fact => !!x && x.fen !== d.fen && x.fen !== 0)
      .find((x) => percent(part.fen, x.fen, m.decimals) === m.raw);
    const message = wrongBase
      ? `占比“${m.raw}%”的分母有误：按${wrongBase.label}（${wan(wrongBase.fen)}万元）计算；应为${part.label} ÷ ${d.label} = ${expected}%。`
      : `占比写“${m.raw}%”，${part.label}（${wan(part.fen)}万元）÷ ${d.label}（${wan(d.fen)}万元）= ${expected}%。`;
    this.report(
      "N-SHARE",
      p,
      m.start,
      message,
      [part.cell, d.cell],
      { expected: `${expected}%`, actual: `${m.raw}%`, table: part.table },
      m.end,
    );
  }

  // -------------------------------------------------------------- changes on the prior year

  private topicAt(t: string, at: number): string | undefined {
    const s = sentenceBounds(t, at);
    const before = t.slice(s.start, at);
    let best: { topic: string; end: number; len: number } | undefined;
    for (const [re, topic] of TOPICS) {
      for (const x of before.matchAll(new RegExp(re.source, "g"))) {
        const end = x.index + x[0].length;
        if (!best || end > best.end || (end === best.end && x[0].length > best.len))
          best = { topic, end, len: x[0].length };
      }
    }
    return best?.topic ?? TOPIC_BY_SECTION[this.sec] ?? TOPIC_BY_SECTION[this.h1];
  }

  /** Current table figure and prior-year figure of a topic, in 分. */
  private pair(topic: string): { cur: Fact; prior: number } | undefined {
    const pr = this.facts.prior;
    const tp = pr.threePublic;
    const g = (k: string) => this.facts.get(k);
    let cur: Fact | undefined;
    let prior: number | undefined;
    switch (topic) {
      case "total":
        cur = g("t1.in.grandTotal") ?? g("t12.total");
        prior = pr.total;
        break;
      case "fiscal":
        cur = g("t2.in.grandTotal") ?? g("t2.out.grandTotal");
        prior = pr.fiscalTotal;
        break;
      case "gpb":
        cur = g("t3.total");
        prior = pr.gpbCurrent;
        break;
      case "agency":
        cur = g("t31.public");
        prior = pr.agencyOperating;
        break;
      case "three":
        cur = g("t33.total");
        prior =
          tp.total ??
          (tp.overseas !== undefined &&
          tp.reception !== undefined &&
          tp.vehiclePurchase !== undefined &&
          tp.vehicleOperation !== undefined
            ? tp.overseas + tp.reception + tp.vehiclePurchase + tp.vehicleOperation
            : undefined);
        break;
      case "reception":
        cur = g("t33.reception");
        prior = tp.reception;
        break;
      case "overseas":
        cur = g("t33.overseas");
        prior = tp.overseas;
        break;
      case "vehicle":
        cur = g("t33.vehicle");
        prior =
          tp.vehiclePurchase !== undefined || tp.vehicleOperation !== undefined
            ? (tp.vehiclePurchase ?? 0) + (tp.vehicleOperation ?? 0)
            : undefined;
        break;
    }
    return cur && prior !== undefined ? { cur, prior } : undefined;
  }

  private change(p: Paragraph, t: string, m: Mention, label: string) {
    const topic = this.topicAt(t, m.start);
    const pair = topic ? this.pair(topic) : undefined;
    if (!pair) return;
    const diff = pair.cur.fen - pair.prior;
    const down = DOWN.test(label);
    const name = TOPIC_NAMES[topic!];
    const expected = `${diff < 0 ? "减少" : "增加"}${wan(Math.abs(diff))}万元`;
    const signOk = diff === 0 || diff < 0 === down;
    if (signOk && this.agrees(m, Math.abs(diff))) return;
    this.report(
      "N-GROWTH",
      p,
      m.start,
      `${name}比上年${down ? "减少" : "增加"}“${m.raw}${m.unit}”有误：本年${wan(pair.cur.fen)}万元，上年${wan(pair.prior)}万元，应为${diff === 0 ? "持平" : expected}。`,
      [pair.cur.cell],
      {
        expected: diff === 0 ? "持平" : expected,
        actual: `${down ? "减少" : "增加"}${m.raw}${m.unit}`,
        table: pair.cur.table,
      },
      m.end,
    );
  }

  private growth(p: Paragraph, t: string, m: Mention, label: string) {
    const topic = this.topicAt(t, m.start);
    const pair = topic ? this.pair(topic) : undefined;
    if (!pair || pair.prior === 0) return;
    const diff = pair.cur.fen - pair.prior;
    const down = DOWN.test(label);
    const expected = percent(Math.abs(diff), Math.abs(pair.prior), m.decimals);
    const signOk = diff === 0 || diff < 0 === down;
    if (signOk && expected === m.raw) return;
    const onCurrent = pair.cur.fen !== 0 ? percent(Math.abs(diff), Math.abs(pair.cur.fen), m.decimals) : undefined;
    const name = TOPIC_NAMES[topic!];
    const word = diff < 0 ? "下降" : "增长";
    const message =
      signOk && onCurrent === m.raw
        ? `${name}的增减率“${m.raw}%”以本年数为基数计算，基数有误：应为增减额${wan(Math.abs(diff))}万元 ÷ 上年${wan(pair.prior)}万元 = ${expected}%。`
        : `${name}的增减率写“${down ? "下降" : "增长"}${m.raw}%”，本年${wan(pair.cur.fen)}万元、上年${wan(pair.prior)}万元，应为${word}${expected}%。`;
    this.report(
      "N-GROWTH",
      p,
      m.start,
      message,
      [pair.cur.cell],
      { expected: `${word}${expected}%`, actual: `${m.raw}%`, table: pair.cur.table },
      m.end,
    );
  }

  /** "较2023年预算持平": the change must be nil. */
  private persisted(p: Paragraph, t: string) {
    for (const x of t.matchAll(/持平/g)) {
      const topic = this.topicAt(t, x.index);
      const pair = topic ? this.pair(topic) : undefined;
      if (!pair || pair.cur.fen === pair.prior) continue;
      const diff = pair.cur.fen - pair.prior;
      this.report(
        "N-GROWTH",
        p,
        x.index,
        `${TOPIC_NAMES[topic!]}写“持平”，本年${wan(pair.cur.fen)}万元、上年${wan(pair.prior)}万元，应为${diff < 0 ? "减少" : "增加"}${wan(Math.abs(diff))}万元。`,
        [pair.cur.cell],
        { expected: `${diff < 0 ? "减少" : "增加"}${wan(Math.abs(diff))}万元`, actual: "持平" },
        x.index + 2,
      );
    }
  }

  /** "较2023年预算下降，是因为…" with no figure: the direction must agree with the tables and the prior year. */
  private direction(p: Paragraph, t: string) {
    const re = /(比|较)\s*\d{4}\s*年[^，。；,;\d]{0,12}?(增加|减少|增长|下降|降低|上升)(?!\s*(了|为|约)?\s*\d)/g;
    for (const x of t.matchAll(re)) {
      const at = x.index + x[0].length - x[2].length;
      const topic = this.topicAt(t, at);
      const pair = topic ? this.pair(topic) : undefined;
      if (!pair) continue;
      const diff = pair.cur.fen - pair.prior;
      const down = /减少|下降|降低/.test(x[2]);
      if (diff !== 0 && diff < 0 === down) continue;
      const right = diff === 0 ? "持平" : `${diff < 0 ? "减少" : "增加"}${wan(Math.abs(diff))}万元`;
      this.report(
        "N-GROWTH",
        p,
        at,
        `${TOPIC_NAMES[topic!]}写“${x[2]}”，本年${wan(pair.cur.fen)}万元、上年${wan(pair.prior)}万元，应为${right}。`,
        [pair.cur.cell],
        { expected: right, actual: x[2] },
        at + x[2].length,
      );
    }
  }

  // -------------------------------------------------------------- years and counts

  private year(
    p: Paragraph,
    t: string,
    m: Mention,
    mentions: Mention[],
    resolved: Map<number, CellRef | undefined>,
    heading = false,
  ) {
    const Y = this.facts.year;
    if (Y === undefined) return;
    const PY = this.facts.priorYear ?? Y - 1;
    const y = Number(m.raw);
    const before = t.slice(Math.max(0, m.start - 6), m.start).replace(/\s+/g, "");
    const after = t.slice(m.end, m.end + 8).replace(/\s+/g, "");
    const comparison =
      /(比|较|与|同|截至|截止|相比|对比|上年)$/.test(before) ||
      /^年(底|末|相比|同期|决算|度决算|实际|以前|之前)/.test(after);
    if (comparison) {
      if (y !== PY && !/^年(以前|之前)/.test(after)) {
        this.report(
          "N-YEAR",
          p,
          m.start,
          `与上年比较的年度写作“${y}年”，上一年度为${PY}年。`,
          [],
          { expected: String(PY), actual: String(y) },
          m.end + 1,
        );
      }
      return;
    }
    if (y === Y) return;
    const s = sentenceBounds(t, m.start);
    const figureAfter = mentions.some((o) => o.start > m.start && o.start < s.end && resolved.has(o.start));
    // "到2025年", "自2019年起": a span or a target, not the year the figures are for.
    if (/(到|至|自|从|于|在)$/.test(before)) return;
    const budgetWords =
      heading ||
      /^年(度)?(部门)?(预算|收支|收入|支出|一般公共|无|没有|未|安排|“?三公|公务|政府采购|机关运行|，|,|部门预算|主要|计划|拟|将|开展|实行|共|全年)/.test(
        after,
      );
    if (!figureAfter && !budgetWords) return;
    const cell = mentions
      .filter((o) => o.start > m.start && o.start < s.end && resolved.has(o.start))
      .map((o) => resolved.get(o.start))[0];
    this.report(
      "N-YEAR",
      p,
      m.start,
      `“${y}年”${figureAfter ? "所述为本年表格数" : "所述为本年预算"}，预算年度为${Y}年。`,
      cell ? [cell] : [],
      { expected: String(Y), actual: String(y) },
      m.end + 1,
    );
  }

  private count(p: Paragraph, m: Mention, label: string) {
    const n = Number(m.raw);
    const pr = this.facts.prior;
    let expected: number | undefined;
    let what = "";
    let cell: CellRef | undefined;
    if (this.sec === "perf" && m.unit === "个" && /项目/.test(label) && this.facts.projectCount) {
      expected = this.facts.projectCount.count;
      what = "表6的项目数";
      cell = this.facts.projectCount.cell;
    } else if (m.unit === "辆" && /(共有车辆|现有公务用车|现有车辆|车辆总数|共有公务用车)$/.test(label)) {
      expected = pr.assets?.vehicles;
      what = "上年数据中的车辆数";
    } else if (m.unit === "批次" && /接待$/.test(label) && this.inSection(["three"])) {
      expected = pr.reception?.batches;
      what = "上年数据中的接待批次";
    }
    if (expected === undefined || expected === n) return;
    this.report(
      "N-COUNT",
      p,
      m.start,
      `说明写“${m.raw}${m.unit}”，${what}为${expected}${m.unit}。`,
      [cell],
      { expected: String(expected), actual: m.raw },
      m.end,
    );
  }

  /** "支出包括：科学技术支出、社会保障和就业支出…": every 类 with money, and nothing else. */
  private classList(p: Paragraph) {
    const t = halfWidth(p.text);
    for (const x of t.matchAll(/支出包括[:：]([^。；;]*)/g)) {
      const start = x.index + x[0].length - x[1].length;
      const entries = [...x[1].matchAll(/[^、，,]+/g)].map((e) => ({
        at: start + e.index,
        name: squeeze(e[0]).replace(/\d[\d.]*万?元.*$/, ""),
        fen: /(\d+(?:\.\d+)?)\s*万元/.exec(e[0]) ? scaleDecimal(/(\d+(?:\.\d+)?)\s*万元/.exec(e[0])![1], 6) : undefined,
      }));
      const withMoney = this.facts.classes.filter((c) => c.fact.fen !== 0);
      if (entries.length < 2 || withMoney.length === 0) continue;
      const covered = new Set<string>();
      let unknown = false;
      for (const e of entries) {
        // An entry with its amount is the 类 whose amount it is (a wrong name there is reported with the amount).
        const owners = e.fen === undefined ? [] : withMoney.filter((k) => k.fact.fen === e.fen);
        if (owners.length === 1) {
          covered.add(owners[0].code);
          continue;
        }
        const c = this.facts.classes.find((k) =>
          [k.name, this.facts.namesOf(k.code).catalog].some((n) => n && compareNames(e.name, n) !== "different"),
        );
        if (c && c.fact.fen === 0) {
          unknown = true;
          this.report(
            "N-NAME",
            p,
            e.at,
            `“${e.name}”本年没有预算（${c.fact.label}为0），不是本部门支出的类级科目（${withMoney.map((k) => k.name).join("、")}）。`,
            [c.fact.cell],
            { actual: e.name },
            e.at + e.name.length,
          );
        } else if (c) covered.add(c.code);
        else if (
          /^[\u4e00-\u9fa5]{2,20}$/.test(e.name) &&
          !/\d/.test(t.slice(e.at, e.at + e.name.length + 12).split(/[、，,]/)[0])
        ) {
          unknown = true;
          this.report(
            "N-NAME",
            p,
            e.at,
            `“${e.name}”不是本部门支出的类级科目（${withMoney.map((k) => k.name).join("、")}）。`,
            [withMoney[0].nameCell],
            { actual: e.name },
            e.at + e.name.length,
          );
        }
      }
      if (unknown) continue; // the renamed entry is the one missing
      for (const c of withMoney) {
        if (covered.has(c.code)) continue;
        this.report(
          "N-ITEM",
          p,
          start,
          `“支出包括”缺少类级科目“${c.code} ${c.name}”（${wan(c.fact.fen)}万元）。`,
          [c.nameCell ?? c.fact.cell],
          { expected: c.name },
          start + x[1].length,
        );
      }
    }
  }

  // -------------------------------------------------------------- coverage (F37)

  private coverage() {
    // 三(三): one item per 表3 项.
    if (this.itemParas.length >= 2) {
      const covered = new Set(this.itemParas.flatMap((x) => x.codes));
      const order = this.facts.items.map((i) => i.code);
      for (const item of this.facts.items) {
        if (covered.has(item.code)) continue;
        const idx = order.indexOf(item.code);
        const next =
          this.itemParas.find((x) => x.codes.some((c) => order.indexOf(c) > idx)) ??
          this.itemParas[this.itemParas.length - 1];
        const msg = `“一般公共预算当年拨款具体情况”缺少表3科目“${item.code} ${item.name}”（${wan(item.fact.fen)}万元）的说明。`;
        const numberingHere = this.out.find((f) => f.rule === "N-NUMBERING" && f.quote.line === next.p.pieces[0].line);
        if (numberingHere) {
          numberingHere.message += msg;
          numberingHere.cells.push(...(item.nameCell ? [item.nameCell] : []));
          continue;
        }
        this.report("N-ITEM", next.p, 0, msg, [item.nameCell ?? item.fact.cell]);
      }
    }
    // 三(二): every 项 with its amount.
    if (this.structureSeen.length >= 2) {
      const covered = new Set(this.structureSeen.map((x) => x.code));
      const order = this.facts.items.map((i) => i.code);
      for (const item of this.facts.items) {
        if (covered.has(item.code) || item.fact.fen === 0) continue;
        const idx = order.indexOf(item.code);
        // The entry before it in table order is where it was left out.
        const before = this.structureSeen.filter((x) => order.indexOf(x.code) < idx);
        const next = before[before.length - 1] ?? this.structureSeen[0];
        this.report(
          "N-ITEM",
          next.p,
          next.m.start,
          `“一般公共预算当年拨款结构情况”缺少表3科目“${item.code} ${item.name}”（${wan(item.fact.fen)}万元）。`,
          [item.nameCell ?? item.fact.cell],
          {},
          next.m.end,
        );
      }
    }
  }
}

const DUPLICATE_RATIO = 0.7;
const DUPLICATE_MIN_RUN = 30;
const NAME = '([\\u4e00-\\u9fa5“”"]+?)';
/** 类(206)款(07)项(01), each optional after the 类, a combined "(01)(02)" at the end. */
const CODE_PATH_FULL = new RegExp(
  `${NAME}\\s*\\((\\d{3})\\)(?:\\s*${NAME}\\s*\\((\\d{2})\\)(?:\\s*${NAME}\\s*\\((\\d{2})\\)((?:\\s*\\(\\d{2}\\))*))?)?`,
);
const CODE_PATH = /[\u4e00-\u9fa5]+\s*\(\d{3}\)/;

/** Text compared for repetition: without the list number and the leading code path (名词解释 repeats those by design). */
function dupKey(p: Paragraph): string {
  let t = halfWidth(p.text).slice(p.bodyStart);
  const m = CODE_PATH_FULL.exec(t);
  if (m && m.index <= 4) t = t.slice(m.index + m[0].length);
  return squeeze(t).replace(/[，,。；;：:、]/g, "");
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function roundTo(fen: number, dropDigits: number): number {
  const f = 10 ** dropDigits;
  const q = Math.trunc(Math.abs(fen) / f);
  const r = Math.abs(fen) - q * f;
  const v = (r * 2 >= f ? q + 1 : q) * f;
  return fen < 0 ? -v : v;
}

/** Checks a narrative against the recognised tables. Never throws on odd text; every finding carries its quote. */
export function checkNarrative(input: NarrativeCheckInput): NarrativeFinding[] {
  const c = new Checker(input.lines, input.model, input.prior);
  const found = c.run();
  return found.sort((a, b) => a.quote.line - b.quote.line);
}
