import {
  generateNarrative,
  narrativeToMarkdown,
  narrativeToPlainText,
  PLACEHOLDER_OPEN,
  type NarrativeDocument,
} from "../../../src/core/narrative";
import { ledger, perf, seedModel, SEED_ITEMS, SEED_PRIOR, summary, GOALS } from "./model-fixture";

function bodyAfter(doc: NarrativeDocument, heading: string): string[] {
  const paras = doc.sections.flatMap((s) => s.paragraphs);
  const i = paras.findIndex((p) => p.text === heading);
  expect(i).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (const p of paras.slice(i + 1)) {
    if (p.style !== "body") break;
    out.push(p.text);
  }
  return out;
}

function allText(doc: NarrativeDocument): string {
  return doc.sections.flatMap((s) => [s.title, ...s.paragraphs.map((p) => p.text)]).join("\n");
}

describe("generateNarrative on the corrected seed", () => {
  const doc = generateNarrative(seedModel(), SEED_PRIOR);
  const text = allText(doc);

  test("titles and every section heading, in order", () => {
    expect(doc.sections.map((s) => s.title)).toEqual([
      "第三部分 凉山州科学技术协会2024年部门预算情况说明",
      "第四部分 名词解释",
    ]);
    const h1 = doc.sections[0].paragraphs.filter((p) => p.style === "heading1").map((p) => p.text);
    expect(h1).toEqual([
      "一、收支预算情况说明",
      "二、财政拨款收支预算情况说明",
      "三、一般公共预算当年拨款情况说明",
      "四、一般公共预算基本支出情况说明",
      "五、“三公”经费财政拨款预算安排情况说明",
      "六、政府性基金预算支出情况说明",
      "七、国有资本经营预算情况说明",
      "八、其他重要事项的情况说明",
    ]);
    const h2 = doc.sections[0].paragraphs.filter((p) => p.style === "heading2").map((p) => p.text);
    expect(h2).toEqual(
      expect.arrayContaining([
        "（一）收入预算情况",
        "（二）支出预算情况",
        "（一）机关运行经费",
        "（二）政府采购情况",
        "（三）国有资产占有使用情况",
        "（四）预算绩效情况",
      ]),
    );
  });

  test("一、收支: total, Δ on the prior total, income and expense shares", () => {
    const [intro] = bodyAfter(doc, "一、收支预算情况说明");
    expect(intro).toContain("支出包括：科学技术支出、社会保障和就业支出、卫生健康支出、住房保障支出。");
    expect(intro).toContain("2024年收支总预算753.71万元，比2023年预算增加139.20万元");
    expect(bodyAfter(doc, "（一）收入预算情况")[0]).toBe(
      "2024年收入预算753.71万元，其中：上年结转0.00万元，占0.00%；一般公共预算拨款收入753.71万元，占100.00%。",
    );
    expect(bodyAfter(doc, "（二）支出预算情况")[0]).toBe(
      "2024年支出预算753.71万元，其中：基本支出472.34万元，占62.67%；项目支出281.37万元，占37.33%。",
    );
    expect(text).not.toMatch(/2023年支出预算/);
  });

  test("二、财政拨款: expenditure by 类 from 表2 with the corrected 卫生健康 23.50", () => {
    const [p] = bodyAfter(doc, "二、财政拨款收支预算情况说明");
    expect(p).toContain("财政拨款收支总预算753.71万元");
    expect(p).toContain(
      "支出包括：科学技术支出570.41万元、社会保障和就业支出132.23万元、卫生健康支出23.50万元、住房保障支出27.57万元。",
    );
    expect(p).toContain("本年一般公共预算拨款收入753.71万元");
  });

  test("三(二): every 项 of 表3 with its share to 0.1%", () => {
    const [p] = bodyAfter(doc, "（二）一般公共预算当年拨款结构情况");
    expect(p).toContain("一般公共预算当年拨款753.71万元，占本年支出的100.0%。");
    expect(p).toContain("机构运行289.04万元，占38.3%");
    expect(p).toContain("其他科学技术普及支出228.00万元，占30.3%");
    expect(p).toContain("行政单位离退休80.86万元，占10.7%");
    expect(p).toContain("住房公积金27.57万元，占3.7%。");
    for (const [, name] of SEED_ITEMS) expect(p).toContain(name);
  });

  test("三(二) with 2-decimal structure shares", () => {
    const d2 = generateNarrative(seedModel(), SEED_PRIOR, { structureShareDecimals: 2 });
    const [p] = bodyAfter(d2, "（二）一般公共预算当年拨款结构情况");
    // 289.04 / 753.71 = 38.3490…% -> 38.35%
    expect(p).toContain("机构运行289.04万元，占38.35%");
  });

  test("三(三): one item per 表3 项 line, numbered 1…15 without gaps, codes and names from the tables", () => {
    const items = bodyAfter(doc, "（三）一般公共预算当年拨款具体情况");
    expect(items).toHaveLength(SEED_ITEMS.length);
    items.forEach((t, i) => expect(t.startsWith(`${i + 1}. `)).toBe(true));
    expect(items[0]).toBe(
      "1. 科学技术支出（206）科学技术普及（07）机构运行（01）。2024年预算数（基本支出）为289.04万元，主要用于保障机构正常运转的基本支出，包括基本工资、津贴补贴等人员经费以及办公费、印刷费、水电费、邮电费、差旅费等日常公用经费。",
    );
    expect(items[5]).toMatch(
      /^6\. 科学技术支出（206）其他科学技术支出（99）其他科学技术支出（99）。2024年预算数（项目支出）为26\.57万元/,
    );
    expect(items[6]).toMatch(/^7\. 社会保障和就业支出（208）行政事业单位养老支出（05）行政单位离退休（01）。/);
    expect(items[14]).toMatch(
      /^15\. 住房保障支出（221）住房改革支出（02）住房公积金（01）。2024年预算数（基本支出）为27\.57万元/,
    );
    for (const t of items) expect(t).toMatch(/2024年预算数/);
    expect(text).not.toContain("科学技术普及（99）");
    expect(text).not.toMatch(/社会保障和就业（208）|住房保障（221）/);
  });

  test("三(三): 主要用于 comes from 表6 年度目标 of the projects under the code", () => {
    const items = bodyAfter(doc, "（三）一般公共预算当年拨款具体情况");
    // 2060702: the single project 科普宣传活动业务经费 matches 表6 by name.
    expect(items[1]).toContain(`主要用于${GOALS.kepu.replace(/。$/, "")}。`);
    // 表6 says "用于开展…": no doubled 用于.
    expect(items[2]).toContain("主要用于开展科学家（精神）进校园等活动");
    expect(items[2]).not.toContain("用于用于");
    // 2060799: four projects, each with amount and goal; the "·" vs "." spelling still matches.
    expect(items[4]).toContain("①凉山州级科普专项经费128.00万元，");
    expect(items[4]).toContain("③科创中国·天府科技云服务大会50.00万元，“科创会”是省科协");
    expect(items[4]).toContain("④“最美科技工作者”评选活动25.00万元，通过“最美科技工作者”评选活动");
    // 2060704: 学术交流活动业务经费 has no 表6 twin, so the standard wording of the code is used.
    expect(items[3]).toContain("主要用于开展学术交流、学术研讨及人才交流活动。");
  });

  test("四、基本支出: 人员经费 / 公用经费 with their 经济分类 款 names", () => {
    const ps = bodyAfter(doc, "四、一般公共预算基本支出情况说明");
    expect(ps[0]).toBe("凉山州科学技术协会2024年一般公共预算基本支出472.34万元，其中：");
    expect(ps[1]).toMatch(/^人员经费415\.01万元，主要包括：基本工资、津贴补贴、奖金、绩效工资/);
    expect(ps[1]).toContain("离休费");
    expect(ps[1]).not.toContain("艰苦边远地区津贴"); // 9-digit sub-items stay out of the list
    expect(ps[2]).toMatch(/^公用经费57\.33万元，主要包括：办公费、印刷费/);
    expect(ps[2]).not.toContain("基本工资");
  });

  test("五、三公: 9.89 = 0 + 9.70 + 0.19, Δ on the prior items", () => {
    const ps = bodyAfter(doc, "五、“三公”经费财政拨款预算安排情况说明");
    expect(ps[0]).toContain("“三公”经费财政拨款预算数9.89万元，其中：因公出国（境）费0.00万元");
    expect(ps[0]).toContain("公务用车运行维护费9.70万元");
    expect(ps[0]).toContain("公务接待费0.19万元");
    // 9.89 − 10.89 = −1.00 on a base of 10.89 -> 9.18%
    expect(ps[0]).toContain("比2023年预算减少1.00万元，下降9.18%");
    expect(bodyAfter(doc, "（一）因公出国（境）费")[0]).toBe("2024年无因公出国（境）预算。");
    expect(bodyAfter(doc, "（二）公务接待费")[0]).toBe("2024年公务接待费预算0.19万元，与2023年预算持平。");
    const v = bodyAfter(doc, "（三）公务用车购置及运行维护费");
    // 9.70 vs 10.70 -> −9.35%
    expect(v[0]).toContain("比2023年预算减少1.00万元，下降9.35%");
    expect(v).toContain("2024年没有安排公务用车购置费。");
  });

  test("六、七: empty 表4 / 表5 get their sentences", () => {
    expect(bodyAfter(doc, "六、政府性基金预算支出情况说明")).toEqual([
      "凉山州科学技术协会2024年没有使用政府性基金预算拨款安排的支出。",
    ]);
    expect(bodyAfter(doc, "七、国有资本经营预算情况说明")).toEqual([
      "凉山州科学技术协会2024年没有使用国有资本经营预算拨款安排的支出。",
    ]);
  });

  test("八(一): 机关运行经费 = 3-1 公用经费, growth on the PRIOR base (11.75%, not 10.5%)", () => {
    const [p] = bodyAfter(doc, "（一）机关运行经费");
    expect(p).toContain("机关运行经费财政拨款预算57.33万元，比2023年预算增加6.03万元，增长11.75%");
  });

  test("八(四): project count and amount are those of 表6 (34, not 15)", () => {
    const [p] = bodyAfter(doc, "（四）预算绩效情况");
    expect(p).toContain("实行绩效目标管理的项目34个");
    expect(p).toContain("涉及预算资金753.71万元，其中：基本支出472.34万元，项目支出281.37万元。");
  });

  test("第四部分: every functional code used, plus the general terms", () => {
    const terms = doc.sections[1].paragraphs.map((p) => p.text);
    terms.forEach((t, i) => expect(t.startsWith(`${i + 1}. `)).toBe(true));
    for (const [code] of SEED_ITEMS) {
      expect(terms.some((t) => t.includes(`（${code.slice(5)}）：`) && t.includes(`（${code.slice(0, 3)}）`))).toBe(
        true,
      );
    }
    expect(terms).toHaveLength(SEED_ITEMS.length + 6);
    for (const name of [
      "一般公共预算拨款收入：",
      "上年结转：",
      "基本支出：",
      "项目支出：",
      "“三公”经费：",
      "机关运行经费：",
    ]) {
      expect(terms.some((t) => t.includes(name))).toBe(true);
    }
    expect(terms).toContain(
      "8. 科学技术支出（206）其他科学技术支出（99）其他科学技术支出（99）：反映除上述项目以外其他用于科学技术方面的支出。",
    );
  });

  test("only 2024 as the budget year; 2023 only as the prior year", () => {
    const years = [...text.matchAll(/(\d{4})年/g)].map((m) => m[1]);
    expect(new Set(years)).toEqual(new Set(["2024", "2023"]));
    for (const m of text.matchAll(/2023年([^，。]{0,8})/g)) {
      expect(m[1]).toMatch(/^(预算|相比|底)/);
    }
  });

  test("markers: counted, listed in order, and matching the text", () => {
    const found = text.match(/【待补充：[^】]*】/g) ?? [];
    expect(doc.placeholders).toEqual(found);
    expect(doc.placeholderCount).toBe(found.length);
    // The reasons and the non-table facts are not in the input, so they are markers, not invented text.
    expect(doc.placeholders).toContain("【待补充：机关运行经费增加的主要原因】");
    expect(doc.placeholders).toContain("【待补充：政府采购预算总额及货物、工程、服务预算】");
  });

  test("Markdown and plain text carry every paragraph", () => {
    const md = narrativeToMarkdown(doc);
    expect(md).toMatch(/^# 第三部分 凉山州科学技术协会2024年部门预算情况说明\n/);
    expect(md).toContain("\n## 八、其他重要事项的情况说明\n");
    expect(md).toContain("\n### （四）预算绩效情况\n");
    expect(md).toContain("\n# 第四部分 名词解释\n");
    const plain = narrativeToPlainText(doc);
    for (const s of doc.sections) for (const p of s.paragraphs) expect(plain).toContain(p.text);
    expect(plain).not.toMatch(/[#*]/);
  });
});

describe("generateNarrative with a complete prior input", () => {
  const prior = {
    ...SEED_PRIOR,
    fiscalTotal: "614.51",
    gpbCurrent: "614.51",
    reasons: {
      total: "基本部分职工正常晋级工资等及项目部分增加专项预算",
      fiscalTotal: "基本部分职工正常晋级工资等",
      gpbCurrent: "项目部分增加专项预算。",
      threePublic: "压减公务用车运行维护费",
      vehicle: "减少年初预算项目中编列1万元",
      agencyOperating: "增加机关水电、办公、邮电、差旅等公务运行经费",
    },
    procurement: { goods: 7.28, works: 0, services: "0", goodsUse: "采购公务用车定点加油、维修维护、保险等" },
    assets: {
      vehicles: 1,
      vehicleBreakdown: { official: 1, directed: 0, lawEnforcement: 0 },
      largeEquipment: 0,
      plannedLargeEquipment: 0,
    },
    reception: { batches: 3, persons: 20 },
  };
  const doc = generateNarrative(seedModel(), prior);

  test("no marker is left and the reasons are used", () => {
    expect(doc.placeholders).toEqual([]);
    expect(doc.placeholderCount).toBe(0);
    const [p] = bodyAfter(doc, "（一）一般公共预算当年拨款规模变化情况");
    expect(p).toBe(
      "凉山州科学技术协会2024年一般公共预算当年拨款预算753.71万元，比2023年预算增加139.20万元，增长22.65%，主要原因是项目部分增加专项预算。",
    );
    expect(bodyAfter(doc, "（一）机关运行经费")[0]).toContain(
      "增长11.75%，主要原因是增加机关水电、办公、邮电、差旅等公务运行经费。",
    );
  });

  test("八(二) 政府采购 = 货物 + 工程 + 服务; 八(三) assets; 接待批次", () => {
    expect(bodyAfter(doc, "（二）政府采购情况")[0]).toBe(
      "2024年，凉山州科学技术协会安排政府采购预算7.28万元，其中：政府采购货物预算7.28万元，主要用于采购公务用车定点加油、维修维护、保险等；政府采购工程预算0.00万元；政府采购服务预算0.00万元。",
    );
    const a = bodyAfter(doc, "（三）国有资产占有使用情况");
    expect(a[0]).toContain(
      "共有车辆1辆，其中：公务用车1辆、定向保障用车0辆、执法执勤用车0辆；单位价值200万元以上大型设备0台（套）。",
    );
    expect(a[1]).toBe("2024年部门预算未安排购置车辆及单位价值200万元以上大型设备。");
    expect(bodyAfter(doc, "（二）公务接待费")[1]).toContain("预计接待3批次、20人次。");
  });
});

describe("generateNarrative without prior input", () => {
  const doc = generateNarrative(seedModel());
  const text = allText(doc);

  test("every comparison is a marker, never an invented figure", () => {
    expect(text).not.toMatch(/比2023年预算(增加|减少)/);
    expect(text).not.toMatch(/持平/);
    expect(doc.placeholders).toEqual(
      expect.arrayContaining([
        "【待补充：2023年收支总预算及增减变化原因】",
        "【待补充：2023年机关运行经费及增减变化原因】",
        "【待补充：2023年“三公”经费及增减变化原因】",
        "【待补充：2023年公务接待费及增减变化原因】",
      ]),
    );
    const withPrior = generateNarrative(seedModel(), SEED_PRIOR);
    expect(doc.placeholderCount).toBeGreaterThan(withPrior.placeholderCount);
    expect(doc.placeholderCount).toBe((text.match(/【待补充：/g) ?? []).length);
  });

  test("the table figures are still all there", () => {
    expect(text).toContain("基本支出472.34万元，占62.67%");
    expect(text).toContain("机关运行经费财政拨款预算57.33万元");
  });
});

describe("generateNarrative on other models", () => {
  test("项目支出 under other codes get their own items, mixed lines show both parts", () => {
    const m = seedModel();
    const items: [string, string, string, string][] = [
      ["2010101", "行政运行", "100.00", ""],
      ["2010102", "一般行政管理事务", "", "30.00"],
      ["2130199", "其他农业农村支出", "10.00", "5.00"],
    ];
    m.tables["3"] = ledger(
      "3",
      ["total", "current", "carryover"],
      [
        ["t", "", "合计", { total: "145.00", current: "145.00" }],
        ["i", "201", "一般公共服务支出", { total: "130.00", current: "130.00" }],
        ["i", "20101", "人大事务", { total: "130.00", current: "130.00" }],
        ...items
          .slice(0, 2)
          .map(([c, n, b, p]): ["i", string, string, Record<string, string>] => [
            "i",
            c,
            n,
            { total: b || p, current: b || p },
          ]),
        ["i", "213", "农林水支出", { total: "15.00", current: "15.00" }],
        ["i", "21301", "农业农村", { total: "15.00", current: "15.00" }],
        ["i", "2130199", "其他农业农村支出", { total: "15.00", current: "15.00" }],
      ],
    );
    m.tables["3-2"] = ledger(
      "3-2",
      ["total"],
      [
        ["t", "", "合计", { total: "35.00" }],
        ["i", "2010102", "人大代表履职经费", { total: "30.00" }],
        ["i", "2130199", "乡村振兴专项", { total: "5.00" }],
      ],
    );
    m.tables["6"] = perf([["人大代表履职经费", "T", "30.00", "保障人大代表依法履职。"]]);
    const doc = generateNarrative(m);
    const its = bodyAfter(doc, "（三）一般公共预算当年拨款具体情况");
    expect(its).toEqual([
      "1. 一般公共服务支出（201）人大事务（01）行政运行（01）。2024年预算数（基本支出）为100.00万元，主要用于保障行政单位（包括参照公务员法管理的事业单位）正常运转的基本支出。",
      "2. 一般公共服务支出（201）人大事务（01）一般行政管理事务（02）。2024年预算数（项目支出）为30.00万元，主要用于保障人大代表依法履职。",
      "3. 农林水支出（213）农业农村（01）其他农业农村支出（99）。2024年预算数为15.00万元（基本支出10.00万元，项目支出5.00万元），其中：基本支出主要用于【待补充：农林水支出（213）农业农村（01）其他农业农村支出（99）基本支出的主要用途】；项目支出主要用于【待补充：农林水支出（213）农业农村（01）其他农业农村支出（99）项目支出的主要用途】。",
    ]);
    // The 类 and 款 names come from the table's own 类/款 lines (人大事务 is not in the fallback list).
    expect(
      doc.sections[1].paragraphs.some((p) => p.text.includes("一般公共服务支出（201）人大事务（01）行政运行（01）：")),
    ).toBe(true);
    // No definition known for 2130199: a marker, counted.
    expect(doc.placeholders).toContain("【待补充：科目2130199的解释】");
  });

  test("non-empty 表4 gives the amount and its lines", () => {
    const m = seedModel();
    m.tables["4"] = ledger(
      "4",
      ["total", "basic", "project"],
      [
        ["t", "", "合计", { total: "20.00", project: "20.00" }],
        ["i", "2296002", "用于社会福利的彩票公益金支出", { total: "20.00", project: "20.00" }],
      ],
    );
    const doc = generateNarrative(m);
    const [p] = bodyAfter(doc, "六、政府性基金预算支出情况说明");
    expect(p).toMatch(
      /^凉山州科学技术协会2024年政府性基金预算拨款安排的支出20\.00万元，其中：基本支出0\.00万元，项目支出20\.00万元。支出包括：/,
    );
    expect(p).toContain("用于社会福利的彩票公益金支出（02）20.00万元");
  });

  test("missing year, department and tables become markers, never a crash", () => {
    const doc = generateNarrative({ tables: {}, duplicates: [], unrecognizedSheets: [] });
    expect(doc.year).toBeUndefined();
    expect(doc.sections[0].title).toBe("第三部分 【待补充：部门名称】【待补充：预算年度】年部门预算情况说明");
    expect(doc.placeholderCount).toBeGreaterThan(10);
    const text = allText(doc);
    expect(text).not.toMatch(/\d+\.\d{2}万元/); // no amount is invented
    // No 表4 and no 表2/表1 line: whether the fund is used is unknown, so it is asked, not assumed.
    expect(text).toContain("年政府性基金预算拨款安排的支出【待补充：政府性基金预算支出情况】。");
    expect(text).not.toContain("没有使用政府性基金");
  });

  test("表1-1 stands in for a missing 表1", () => {
    const m = seedModel();
    delete m.tables["1"];
    m.tables["1-1"] = ledger(
      "1-1",
      ["total", "carryover", "gpb", "business"],
      [["t", "", "合计", { total: "800.00", carryover: "40.00", gpb: "753.71", business: "6.29" }]],
    );
    const doc = generateNarrative(m);
    expect(bodyAfter(doc, "（一）收入预算情况")[0]).toBe(
      "2024年收入预算800.00万元，其中：上年结转40.00万元，占5.00%；一般公共预算拨款收入753.71万元，占94.21%；事业收入6.29万元，占0.79%。",
    );
  });

  test("a model whose 表1 has a 政府性基金 income names it in 名词解释", () => {
    const m = seedModel();
    m.tables["1"] = summary(
      "1",
      [
        ["gpb", "一、一般公共预算拨款收入", { amount: "700.00" }],
        ["fund", "二、政府性基金预算拨款收入", { amount: "53.71" }],
      ],
      [],
    );
    const doc = generateNarrative(m);
    expect(doc.sections[1].paragraphs.map((p) => p.text)).toContain(
      "2. 政府性基金预算拨款收入：指本级财政当年拨付的政府性基金预算资金。",
    );
    expect(PLACEHOLDER_OPEN).toBe("【待补充：");
  });
  test("a branch that stops at 款 still gets its item; 类 names fall back to the catalog", () => {
    const m = seedModel();
    m.tables["3"] = ledger(
      "3",
      ["total", "current", "carryover"],
      [
        ["t", "", "合计", { total: "50.00", current: "50.00" }],
        ["i", "2210201", "住房公积金", { total: "20.00", current: "20.00" }],
        ["i", "20129", "群众团体事务", { total: "30.00", current: "30.00" }],
      ],
    );
    delete m.tables["1"];
    delete m.tables["2"];
    const doc = generateNarrative(m);
    const its = bodyAfter(doc, "（三）一般公共预算当年拨款具体情况");
    expect(its).toHaveLength(2);
    expect(its[0]).toMatch(/^1\. 住房保障支出（221）住房改革支出（02）住房公积金（01）。/);
    expect(its[1]).toMatch(/^2\. 一般公共服务支出（201）群众团体事务（29）。2024年预算数（基本支出）为30\.00万元/);
  });

  test("the prior 三公 total follows from its four items when not given", () => {
    const { total: _omit, ...items } = SEED_PRIOR.threePublic;
    const doc = generateNarrative(seedModel(), { ...SEED_PRIOR, threePublic: items });
    expect(bodyAfter(doc, "五、“三公”经费财政拨款预算安排情况说明")[0]).toContain(
      "比2023年预算减少1.00万元，下降9.18%",
    );
    const partial = generateNarrative(seedModel(), { ...SEED_PRIOR, threePublic: { reception: 0.19 } });
    expect(partial.placeholders).toContain("【待补充：2023年“三公”经费及增减变化原因】");
  });
});
