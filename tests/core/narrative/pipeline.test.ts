/**
 * Through the real pipeline: examples/seed-corrected.xlsx → readXlsxFile → recognizeWorkbook → generateNarrative.
 * The figures must equal those of the hand-built fixture (model-fixture.ts), which encodes the same corrected seed.
 */
import { existsSync } from "fs";
import { readXlsxFile } from "../../../src/hosts/xlsx/reader";
import { recognizeWorkbook } from "../../../src/core/recognition";
import { generateNarrative, narrativeToDocx, type NarrativeDocument } from "../../../src/core/narrative";
import { seedModel, SEED_PRIOR } from "./model-fixture";

const FILE = "examples/seed-corrected.xlsx";
const run = existsSync(FILE) ? test : test.skip;

function texts(doc: NarrativeDocument): string[] {
  return doc.sections.flatMap((s) => [s.title, ...s.paragraphs.map((p) => p.text)]);
}

run("seed-corrected.xlsx gives the narrative of the corrected seed", async () => {
  const { model } = recognizeWorkbook(await readXlsxFile(FILE));
  const doc = generateNarrative(model, SEED_PRIOR);
  const all = texts(doc).join("\n");

  for (const figure of [
    "2024年收支总预算753.71万元，比2023年预算增加139.20万元",
    "基本支出472.34万元，占62.67%；项目支出281.37万元，占37.33%",
    "卫生健康支出23.50万元",
    "机构运行289.04万元，占38.3%",
    "“三公”经费财政拨款预算数9.89万元，其中：因公出国（境）费0.00万元",
    "公务接待费0.19万元",
    "2024年无因公出国（境）预算。",
    "机关运行经费财政拨款预算57.33万元，比2023年预算增加6.03万元，增长11.75%",
    "人员经费415.01万元",
    "公用经费57.33万元",
    "实行绩效目标管理的项目34个",
    "涉及预算资金753.71万元，其中：基本支出472.34万元，项目支出281.37万元。",
    "2024年没有使用政府性基金预算拨款安排的支出。",
    "2024年没有使用国有资本经营预算拨款安排的支出。",
    "科学技术支出（206）其他科学技术支出（99）其他科学技术支出（99）。2024年预算数（项目支出）为26.57万元",
  ]) {
    expect(all).toContain(figure);
  }
  // 表6 年度目标 cells with line breaks still give one-line paragraphs.
  expect(all).toContain("专职工作人员，主要完成：1、促使科技工作者");
  for (const p of doc.sections.flatMap((s) => s.paragraphs)) expect(p.text).not.toMatch(/[\r\n]/);
  const items = doc.sections[0].paragraphs.filter((p) => /^\d+\. /.test(p.text));
  expect(items.map((p) => Number(/^(\d+)\./.exec(p.text)![1]))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));

  // Every paragraph of 第三部分 with a figure matches the hand-built model, except where the workbook's own
  // wording differs (project names and goals of 表6).
  const expected = generateNarrative(seedModel(), SEED_PRIOR);
  const heads = (d: NarrativeDocument) =>
    d.sections.flatMap((s) => s.paragraphs.filter((p) => p.style !== "body").map((p) => p.text));
  expect(heads(doc)).toEqual(heads(expected));
  expect(doc.placeholderCount).toBe(expected.placeholderCount);

  const bytes = await narrativeToDocx(doc);
  expect(bytes.length).toBeGreaterThan(5000);
});
