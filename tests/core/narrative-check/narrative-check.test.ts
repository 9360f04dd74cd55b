/**
 * The narrative checker on real files: the seed's published narrative against the as-published workbook (exactly
 * the slips listed in examples/NARRATIVE-SLIPS.md), the generator's text for the corrected workbook (nothing), and
 * single-sentence mutations of both (exactly one new finding, on the mutated line).
 */
import * as fs from "fs";
import * as path from "path";
import { readXlsxFile } from "../../../src/hosts/xlsx/reader";
import { checkWorkbook } from "../../../src/core/engine";
import type { BudgetModel } from "../../../src/core/model/tables";
import { generateNarrative, narrativeToPlainText } from "../../../src/core/narrative";
import type { PriorYearInput } from "../../../src/core/narrative/types";
import { checkNarrative, NARRATIVE_RULES, type NarrativeFinding } from "../../../src/core/narrative-check";
import { findMentions, toParagraphs } from "../../../src/core/narrative-check/text";
import { splitLines } from "../../../src/hosts/docx";

const ROOT = path.resolve(__dirname, "../../..");
const PRIOR: PriorYearInput = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/prior-2023.json"), "utf8"));
const PUBLISHED_TEXT = splitLines(fs.readFileSync(path.join(ROOT, "examples/narrative-2024-as-published.txt"), "utf8"));

let published: BudgetModel;
let corrected: BudgetModel;
let generated: string[];

beforeAll(async () => {
  published = checkWorkbook(await readXlsxFile(path.join(ROOT, "examples/seed-as-published.xlsx"))).model;
  corrected = checkWorkbook(await readXlsxFile(path.join(ROOT, "examples/seed-corrected.xlsx"))).model;
  generated = splitLines(narrativeToPlainText(generateNarrative(corrected, PRIOR)));
});

const key = (f: NarrativeFinding) => `${f.quote.line} ${f.rule} ${f.message}`;

/** Replaces `from` (which must occur on exactly one line) and returns the findings the change adds. */
function mutate(
  lines: string[],
  model: BudgetModel,
  from: string,
  to: string,
): { line: number; added: NarrativeFinding[] } {
  const hits = lines.map((l, i) => (l.includes(from) ? i : -1)).filter((i) => i >= 0);
  expect(hits).toHaveLength(1);
  const before = new Set(checkNarrative({ lines, model, prior: PRIOR }).map(key));
  const changed = [...lines];
  changed[hits[0]] = changed[hits[0]].replace(from, to);
  expect(changed[hits[0]]).not.toBe(lines[hits[0]]);
  const added = checkNarrative({ lines: changed, model, prior: PRIOR }).filter((f) => !before.has(key(f)));
  return { line: hits[0] + 1, added };
}

describe("the published narrative (examples/narrative-2024-as-published.txt)", () => {
  test("raises exactly the slips listed in examples/NARRATIVE-SLIPS.md, each on its line", () => {
    const md = fs.readFileSync(path.join(ROOT, "examples/NARRATIVE-SLIPS.md"), "utf8");
    const listed = [...md.matchAll(/^\| (\d+) \| (N-[A-Z]+) \|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(listed.length).toBeGreaterThanOrEqual(15);
    const found = checkNarrative({ lines: PUBLISHED_TEXT, model: published, prior: PRIOR });
    expect(found.map((f) => `${f.quote.line} ${f.rule}`).sort()).toEqual(listed);
    for (const f of found) {
      // The quote is part of the line it names.
      expect(PUBLISHED_TEXT[f.quote.line - 1].replace(/\s+/g, "")).toContain(
        f.quote.text.replace(/\s+/g, "").slice(0, 12),
      );
      expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  test("the figures that disagree name the table cell (cells[0])", () => {
    const found = checkNarrative({ lines: PUBLISHED_TEXT, model: published, prior: PRIOR });
    const growth = found.find((f) => f.rule === "N-GROWTH")!;
    expect(growth.cells[0]).toMatchObject({ sheet: "7 一般公共预算基本支出预算表" });
    expect(growth.expected).toBe("增长11.8%");
    expect(growth.message).toContain("以本年数为基数");
    const count = found.find((f) => f.rule === "N-COUNT")!;
    expect(count.cells[0]?.sheet).toBe("13 部门预算项目绩效目标表");
    expect(count.expected).toBe("34");
    const year = found.find((f) => f.rule === "N-YEAR" && f.quote.line === 51)!;
    expect(year.cells[0]?.sheet).toBe("6 一般公共预算支出预算表");
  });

  test("without the prior year, growth figures are not judged (nothing to compare with)", () => {
    const found = checkNarrative({ lines: PUBLISHED_TEXT, model: published });
    expect(found.filter((f) => f.rule === "N-GROWTH")).toEqual([]);
    expect(found.filter((f) => f.rule === "N-YEAR")).toHaveLength(2);
  });

  // Single-sentence mutations of the published text, checked against the as-published workbook.
  const PUBLISHED_MUTATIONS: [string, string, string][] = [
    ["协会 2024 年收支总预算 753.70", "协会 2024 年收支总预算 735.70", "N-AMOUNT"],
    ["比 2023 年收支预算总数增加 139.19", "比 2023 年收支预算总数增加 193.19", "N-GROWTH"],
    ["2024 年收支总预算", "2023 年收支总预算", "N-YEAR"],
    ["基本支出 472.34 万元，占 62.67%", "基本支出 472.34 万元，占 67.62%", "N-SHARE"],
    ["拨款收入 753.70 万元、上年结转", "拨款收入 735.70 万元、上年结转", "N-AMOUNT"],
    ["比 2023 年预算数增加", "比 2022 年预算数增加", "N-YEAR"],
    ["机构运行 289.04 万元、占 38.3%", "机构运行 289.04 万元、占 38.5%", "N-SHARE"],
    ["行政单位离退休 80.86 万元", "行政单位离退休 80.68 万元", "N-AMOUNT"],
    ["（基本支出）为 289.04", "（基本支出）为 298.04", "N-AMOUNT"],
    ["科学技术普及（07）科普活动（02）。", "科学技术普及（07）青少年科技活动（02）。", "N-NAME"],
    ["人员经费 415.01", "人员经费 415.10", "N-AMOUNT"],
    ["公务接待费 0.19 万元", "公务接待费 0.91 万元", "N-AMOUNT"],
    ["下降 9%", "下降 12%", "N-GROWTH"],
    ["较 2023 年预算持平", "较 2023 年预算下降", "N-GROWTH"],
    ["政府采购预算7.28万元", "政府采购预算7.82万元", "N-AMOUNT"],
    ["2024年部门预算未安排", "2023年部门预算未安排", "N-YEAR"],
    ["14. 卫生健康支出（210）", "卫生健康支出（210）", "N-NUMBERING"],
    ["其他科学技术普及支出 228 万元，占 30.3%；", "", "N-ITEM"],
    ["一般公共预算拨款收入 753.70 万元，占 100%", "一般公共预算拨款收入 7537000 万元，占 100%", "N-UNIT"],
    ["住房公积金（01）：指", "住房公积金（02）：指", "N-NAME"],
    ["社会保障和就业支出、卫生健康支出、住房保障支出。凉山州", "社会保障和就业支出、住房保障支出。凉山州", "N-ITEM"],
    [
      "社会保障和就业支出、卫生健康支出、住房保障支出。凉山州",
      "社会保障和就业支出、教育支出、住房保障支出。凉山州",
      "N-NAME",
    ],
    ["凉山州科学技术协会 2024 年没有使用政府性基金", "凉山州科技协会 2024 年没有使用政府性基金", "N-NAME"],
    ["凉山州科学技术协会 2024 年一般公共预算基本支出", "凉山州科学技术协 2024 年一般公共预算基本支出", "N-NAME"],
    ["②14.57 万元", "②14.75 万元", "N-AMOUNT"],
    ["科普活动 12 万元、占 1.6%", "青少年科技活动 12 万元、占 1.6%", "N-NAME"],
    ["第三部分 凉山州科学技术协会 2024 年", "第三部分 凉山州科学技术协会 2023 年", "N-YEAR"],
    ["2024年主要用于补助聘请科学家", "2025年主要用于补助聘请科学家", "N-YEAR"],
    ["（基本支出）为 289.04", "（项目支出）为 289.04", "N-AMOUNT"],
    ["基本支出 472.34 万元，占 62.67%", "项目支出 472.34 万元，占 62.67%", "N-NAME"],
    ["人员经费 415.01", "公用经费 415.01", "N-NAME"],
    ["8. 科学技术支出(206)", "9. 科学技术支出(206)", "N-NUMBERING"],
    ["17. 基本支出", "16. 基本支出", "N-NUMBERING"],
  ];
  test.each(PUBLISHED_MUTATIONS)("“%s” → “%s” raises one %s on its line", (from, to, rule) => {
    const { line, added } = mutate(PUBLISHED_TEXT, published, from, to);
    expect(added.map((f) => `${f.quote.line} ${f.rule}`)).toEqual([`${line} ${rule}`]);
  });
});

describe("the generator's narrative for the corrected workbook", () => {
  test("raises nothing", () => {
    expect(checkNarrative({ lines: generated, model: corrected, prior: PRIOR })).toEqual([]);
  });

  const GENERATED_MUTATIONS: [string, string, string][] = [
    // an amount
    ["协会2024年收支总预算753.71万元", "协会2024年收支总预算753.17万元", "N-AMOUNT"],
    ["卫生健康支出23.50万元", "卫生健康支出23.05万元", "N-AMOUNT"],
    ["2024年预算数（基本支出）为289.04万元", "2024年预算数（基本支出）为289.40万元", "N-AMOUNT"],
    ["公用经费57.33万元", "公用经费57.30万元", "N-AMOUNT"],
    ["涉及预算资金753.71万元", "涉及预算资金735.71万元", "N-AMOUNT"],
    // a year
    ["2024年收入预算753.71", "2023年收入预算753.71", "N-YEAR"],
    ["截至2023年底，凉山州", "截至2022年底，凉山州", "N-YEAR"],
    // a share
    ["占62.67%", "占62.76%", "N-SHARE"],
    ["机构运行289.04万元，占38.3%", "机构运行289.04万元，占38.4%", "N-SHARE"],
    ["上年结转0.00万元，占0.00%", "上年结转0.00万元，占1.00%", "N-SHARE"],
    // a name
    ["学术交流活动（04）。", "学术交流活动（03）。", "N-NAME"],
    ["机构运行（01）。", "科普活动（01）。", "N-NAME"],
    ["养老支出（05）事业单位离退休（02）：", "离退休（05）事业单位离退休（02）：", "N-NAME"],
    // a number removed from the list
    [
      "6. 科学技术支出（206）其他科学技术支出（99）其他科学技术支出（99）。",
      "科学技术支出（206）其他科学技术支出（99）其他科学技术支出（99）。",
      "N-NUMBERING",
    ],
    ["科普活动12.00万元，占1.6%；", "", "N-ITEM"],
    // a growth rate
    ["增长22.65%", "增长18.47%", "N-GROWTH"],
    ["下降9.18%", "下降10.10%", "N-GROWTH"],
    ["增长11.75%", "增长10.52%", "N-GROWTH"],
    ["比2023年预算增加6.03万元", "比2023年预算增加6.30万元", "N-GROWTH"],
    ["与2023年预算持平", "比2023年预算增加", "N-GROWTH"],
    // counts, units, placeholders
    ["实行绩效目标管理的项目34个", "实行绩效目标管理的项目33个", "N-COUNT"],
    ["人员经费415.01万元", "人员经费415.01元", "N-UNIT"],
    [
      "没有使用政府性基金预算拨款安排的支出。",
      "没有使用政府性基金预算拨款安排的支出【待补充：说明】。",
      "N-PLACEHOLDER",
    ],
    ["项目支出281.37万元，占37.33%", "项目支出2８1.3.7万元，占37.33%", "N-NUMBER"],
    ["、社会保障和就业支出132.23万元", "", "N-ITEM"],
    ["④“最美科技工作者”评选活动25.00万元", "④“最美科技工作者”评选活动52.00万元", "N-AMOUNT"],
  ];
  test.each(GENERATED_MUTATIONS)("“%s” → “%s” raises one %s on its line", (from, to, rule) => {
    const { line, added } = mutate(generated, corrected, from, to);
    expect(added.map((f) => `${f.quote.line} ${f.rule}`)).toEqual([`${line} ${rule}`]);
  });

  test("an item left out of 三(三) is one finding on the next item: the numbering skip naming the missing 项", () => {
    const i = generated.findIndex((l) => l.includes("3. 科学技术支出（206）科学技术普及（07）青少年科技活动（03）"));
    const lines = [...generated.slice(0, i), ...generated.slice(i + 1)];
    const found = checkNarrative({ lines, model: corrected, prior: PRIOR });
    expect(found.map((f) => `${f.quote.line} ${f.rule}`)).toEqual([`${i + 1} N-NUMBERING`]);
    expect(found[0].message).toContain("2060703 青少年科技活动");
  });

  test("a duplicated paragraph is reported on the copy, not on the original", () => {
    const i = generated.findIndex((l) => l.includes("2024年安排公务用车运行维护费"));
    const lines = [...generated.slice(0, i + 1), generated[i], ...generated.slice(i + 1)];
    const found = checkNarrative({ lines, model: corrected, prior: PRIOR });
    expect(found.map((f) => `${f.quote.line} ${f.rule}`)).toEqual([`${i + 2} N-DUPLICATE`]);
  });

  test("a section left out is reported", () => {
    const start = generated.findIndex((l) => l.includes("七、国有资本经营预算情况说明"));
    const lines = [...generated.slice(0, start), ...generated.slice(start + 2)];
    const found = checkNarrative({ lines, model: corrected, prior: PRIOR });
    expect(found.map((f) => f.rule)).toEqual(["N-SECTION"]);
    expect(found[0].message).toContain("国有资本经营预算");
    expect(lines[found[0].quote.line - 1]).toContain("八、其他重要事项");
  });

  test("the generator's own 【待补充】 markers are placeholders when the prior year is missing", () => {
    const text = splitLines(narrativeToPlainText(generateNarrative(corrected)));
    const found = checkNarrative({ lines: text, model: corrected });
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((f) => f.rule))).toEqual(new Set(["N-PLACEHOLDER"]));
  });
});

describe("text handling", () => {
  test("a sentence broken over lines is one paragraph; offsets map back to the source lines", () => {
    const paras = toParagraphs([
      "一、收支预算情况说明",
      "",
      "凉山州科学技术协会 2024 年一般公共预算基本支出",
      "",
      "472.34 万元，其中：",
      "人员经费 415.01 万元。",
    ]);
    expect(paras.map((p) => p.kind)).toEqual(["heading1", "body", "body"]);
    expect(paras[1].text).toBe("凉山州科学技术协会 2024 年一般公共预算基本支出472.34 万元，其中：");
    expect(paras[1].pieces.map((p) => p.line)).toEqual([3, 5]);
  });

  test("numbers with stray characters are told apart from plain ones", () => {
    const kinds = findMentions(
      "项目支出 214)281.37 万元，占 37.33%；合计 1,234.50 万元；2024 年；15 个；75O.2万元",
    ).map((m) => `${m.kind}:${m.raw}`);
    expect(kinds).toEqual([
      "badNumber:214)281.37",
      "percent:37.33",
      "amount:1234.50",
      "year:2024",
      "count:15",
      "badNumber:75O.2",
    ]);
  });

  test("every rule id is documented data", () => {
    const ids = NARRATIVE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of NARRATIVE_RULES) {
      expect(r.id).toMatch(/^N-[A-Z]+$/);
      expect(r.title).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
