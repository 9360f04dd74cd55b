import { unzipSync, strFromU8 } from "fflate";
import { XMLParser } from "fast-xml-parser";
import { generateNarrative, narrativeToDocx, priorFromJson } from "../../../src/core/narrative";
import { growthPercent, percent } from "../../../src/core/narrative/format";
import { seedModel, SEED_PRIOR } from "./model-fixture";

interface Para {
  text: string;
  fonts: string[];
  size?: string;
  bold: boolean;
  jc?: string;
  firstLine?: string;
  line?: string;
  lineRule?: string;
}

/** What fast-xml-parser gives for the parts of word/document.xml read here (attributes without prefix). */
type Attrs = Record<string, string>;
interface WRun {
  "w:t"?: string | number | { "#text"?: string | number };
  "w:rPr"?: { "w:rFonts"?: Attrs; "w:sz"?: Attrs; "w:b"?: unknown };
}
interface WPara {
  "w:r"?: WRun[];
  "w:pPr"?: { "w:jc"?: Attrs; "w:ind"?: Attrs; "w:spacing"?: Attrs };
}

/** Paragraphs of word/document.xml with the properties the layout depends on. */
function paragraphs(xml: string): Para[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (name) => name === "w:p" || name === "w:r",
  });
  const body = (parser.parse(xml) as { "w:document": { "w:body": { "w:p"?: WPara[] } } })["w:document"]["w:body"];
  return (body["w:p"] ?? []).map((p) => {
    const runs = p["w:r"] ?? [];
    const text = runs
      .map((r) => {
        const t = r["w:t"];
        return typeof t === "object" ? String(t["#text"] ?? "") : String(t ?? "");
      })
      .join("");
    const rPr = runs[0]?.["w:rPr"] ?? {};
    const pPr = p["w:pPr"] ?? {};
    return {
      text,
      fonts: rPr["w:rFonts"] ? [rPr["w:rFonts"]["w:eastAsia"], rPr["w:rFonts"]["w:ascii"]] : [],
      size: rPr["w:sz"]?.["w:val"],
      bold: rPr["w:b"] !== undefined,
      jc: pPr["w:jc"]?.["w:val"],
      firstLine: pPr["w:ind"]?.["w:firstLine"],
      line: pPr["w:spacing"]?.["w:line"],
      lineRule: pPr["w:spacing"]?.["w:lineRule"],
    };
  });
}

describe("narrativeToDocx", () => {
  test("a valid .docx: A4, every heading present, official fonts and spacing", async () => {
    const doc = generateNarrative(seedModel(), SEED_PRIOR);
    const bytes = await narrativeToDocx(doc);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml"]));
    const xml = strFromU8(files["word/document.xml"]);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const ps = paragraphs(xml);
    const byText = new Map(ps.map((p) => [p.text, p]));

    const title = byText.get("第三部分 凉山州科学技术协会2024年部门预算情况说明");
    expect(title).toMatchObject({ fonts: ["黑体", "黑体"], size: "36", jc: "center" });
    expect(byText.get("第四部分 名词解释")).toMatchObject({ fonts: ["黑体", "黑体"], size: "36" });

    for (const s of doc.sections) {
      for (const p of s.paragraphs) {
        const got = byText.get(p.text);
        expect(got).toBeDefined();
        if (p.style === "heading1") expect(got).toMatchObject({ fonts: ["黑体", "黑体"], size: "32", bold: false });
        if (p.style === "heading2")
          expect(got).toMatchObject({ fonts: ["楷体_GB2312", "楷体_GB2312"], size: "32", bold: true });
        if (p.style === "body")
          expect(got).toMatchObject({ fonts: ["仿宋_GB2312", "仿宋_GB2312"], size: "32", firstLine: "640" });
        expect(got).toMatchObject({ line: "560", lineRule: "exact" });
      }
    }
    for (const h of [
      "一、收支预算情况说明",
      "五、“三公”经费财政拨款预算安排情况说明",
      "八、其他重要事项的情况说明",
      "（四）预算绩效情况",
    ]) {
      expect(byText.has(h)).toBe(true);
    }
  });
});

describe("priorFromJson", () => {
  test("reads the documented keys exactly, amounts as decimal strings", () => {
    const { prior, problems } = priorFromJson({
      ...SEED_PRIOR,
      total: 614.51,
      agencyOperating: "51.30",
      reasons: { agencyOperating: "增加公务运行经费" },
      procurement: { goods: 7.28, works: 0, services: "0.1" },
      assets: { vehicles: 1, vehicleBreakdown: { official: 1, directed: 0, lawEnforcement: 0 }, largeEquipment: 0 },
      reception: { batches: 3, persons: "20" },
    });
    expect(problems).toEqual([]);
    expect(prior).toMatchObject({
      year: 2023,
      total: "614.51",
      agencyOperating: "51.3",
      threePublic: { total: "10.89", overseas: "0", reception: "0.19", vehiclePurchase: "0", vehicleOperation: "10.7" },
      reasons: { agencyOperating: "增加公务运行经费" },
      procurement: { goods: "7.28", works: "0", services: "0.1" },
      assets: { vehicles: 1, vehicleBreakdown: { official: 1, directed: 0, lawEnforcement: 0 }, largeEquipment: 0 },
      reception: { batches: 3, persons: 20 },
    });
    // Binary noise of a float never leaks into the amount.
    expect(priorFromJson({ total: 0.1 + 0.2 }).prior.total).toBe("0.3");
  });

  test("the cleaned prior drives the generator like the raw one", () => {
    const a = generateNarrative(seedModel(), SEED_PRIOR);
    const b = generateNarrative(seedModel(), priorFromJson(SEED_PRIOR).prior);
    expect(b.sections).toEqual(a.sections);
  });

  test("bad input gives Chinese problems, never a throw", () => {
    expect(priorFromJson("abc").problems).toEqual([expect.stringContaining("应为 JSON 对象")]);
    expect(priorFromJson(null)).toEqual({ prior: {}, problems: [] });
    const { prior, problems } = priorFromJson({
      year: "去年",
      total: "六百万",
      agencyOperating: -1,
      threePublic: { total: 10, overseas: 0, reception: 1, vehiclePurchase: 0, vehicleOperation: 8, extra: 1 },
      assets: { vehicles: 1.5 },
      foo: 1,
    });
    expect(prior.total).toBeUndefined();
    expect(prior.year).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("“year”（上年年度）应为四位年份"),
        expect.stringContaining("“total”（上年收支总预算）不是有效金额"),
        expect.stringContaining("不能为负数"),
        expect.stringContaining("未知字段“threePublic.extra”"),
        expect.stringContaining("上年“三公”经费合计不等于"),
        expect.stringContaining("“assets.vehicles”应为非负整数"),
        expect.stringContaining("未知字段“foo”"),
      ]),
    );
    for (const p of problems) expect(p).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("share and growth arithmetic", () => {
  test("half-up rounding on exact integers", () => {
    expect(percent(472_340_000, 753_710_000, 2)).toBe("62.67");
    expect(percent(1, 8, 1)).toBe("12.5"); // 12.5 exactly
    expect(percent(1, 16, 1)).toBe("6.3"); // 6.25 -> 6.3 (half away from zero)
    expect(percent(1, 3, 2)).toBe("33.33");
    expect(percent(5, 0, 2)).toBeUndefined();
    expect(growthPercent(57_330_000, 51_300_000)).toBe("11.75"); // on the prior base, not 10.52
    expect(growthPercent(9_700_000, 10_700_000)).toBe("9.35");
    expect(growthPercent(1, 0)).toBeUndefined();
    // Large amounts stay exact (BigInt): 1e13 分 shares.
    expect(percent(3_333_333_333_333, 10_000_000_000_000, 2)).toBe("33.33");
  });
});
