/**
 * .docx narrative input: real Word files written with the `docx` package (Word's own list numbering included) are
 * read paragraph by paragraph, and the checker's line numbers are paragraph numbers.
 */
import * as fs from "fs";
import * as path from "path";
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, TextRun } from "docx";
import { zipSync, strToU8 } from "fflate";
import { readXlsxFile } from "../../../src/hosts/xlsx/reader";
import { checkWorkbook } from "../../../src/core/engine";
import { generateNarrative, narrativeToDocx, narrativeToPlainText } from "../../../src/core/narrative";
import { checkNarrative } from "../../../src/core/narrative-check";
import { DocxReadError, narrativeLinesFromBytes, readDocxParagraphs, splitLines } from "../../../src/hosts/docx";

const ROOT = path.resolve(__dirname, "../../..");
const PRIOR = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/prior-2023.json"), "utf8"));

async function docxOf(paragraphs: { text: string; numbered?: boolean }[]): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: "items",
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.LEFT }],
        },
      ],
    },
    sections: [
      {
        children: paragraphs.map(
          (p) =>
            new Paragraph({
              children: [new TextRun(p.text)],
              ...(p.numbered ? { numbering: { reference: "items", level: 0 } } : {}),
            }),
        ),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("readDocxParagraphs", () => {
  test("paragraphs in order, empty ones kept, Word list numbers written in front", async () => {
    const bytes = await docxOf([
      { text: "（三）一般公共预算当年拨款具体情况" },
      { text: "" },
      { text: "科学技术支出（206）。", numbered: true },
      { text: "社会保障和就业支出（208）。", numbered: true },
      { text: "住房保障支出（221）。", numbered: true },
    ]);
    expect(readDocxParagraphs(bytes)).toEqual([
      "（三）一般公共预算当年拨款具体情况",
      "",
      "1. 科学技术支出（206）。",
      "2. 社会保障和就业支出（208）。",
      "3. 住房保障支出（221）。",
    ]);
  });

  test("unreadable files give one Chinese reason", () => {
    expect(() => readDocxParagraphs(new Uint8Array())).toThrow(DocxReadError);
    expect(() => readDocxParagraphs(strToU8("纯文本"))).toThrow(/不是 Word 文档/);
    expect(() => readDocxParagraphs(zipSync({ "xl/workbook.xml": strToU8("<workbook/>") }))).toThrow(
      /缺少 word\/document.xml/,
    );
    expect(() => readDocxParagraphs(zipSync({ "word/document.xml": strToU8("<w:document><w:body><w:p>") }))).toThrow(
      /不是有效的 XML/,
    );
  });

  test("plain text: UTF-8, GB18030 and CRLF are read as lines, blank lines kept", () => {
    expect(narrativeLinesFromBytes(strToU8("一、收支\r\n\r\n二、财政\r\n"), "a.txt")).toEqual({
      lines: ["一、收支", "", "二、财政"],
      kind: "text",
    });
    const gbk = new Uint8Array([0xd2, 0xbb, 0xa1, 0xa2, 0xca, 0xd5, 0xd6, 0xa7, 0x0a]); // "一、收支\n" in GB18030
    expect(narrativeLinesFromBytes(gbk, "b.txt").lines).toEqual(["一、收支"]);
    expect(() => narrativeLinesFromBytes(new Uint8Array([0, 1, 2, 3, 0, 5]), "c.bin")).toThrow(
      /既不是文本文件也不是 Word 文档/,
    );
  });
});

describe("checking a .docx narrative", () => {
  test("the generator's .docx for the corrected example raises nothing; a mutated paragraph is found by its paragraph number", async () => {
    const model = checkWorkbook(await readXlsxFile(path.join(ROOT, "examples/seed-corrected.xlsx"))).model;
    const doc = generateNarrative(model, PRIOR);
    const paragraphs = readDocxParagraphs(await narrativeToDocx(doc));
    // The .docx holds the same paragraphs as the plain text (which also has blank separator lines).
    const plain = splitLines(narrativeToPlainText(doc))
      .map((l) => l.trim())
      .filter(Boolean);
    expect(paragraphs.map((l) => l.trim()).filter(Boolean)).toEqual(plain);
    expect(checkNarrative({ lines: paragraphs, model, prior: PRIOR })).toEqual([]);

    const i = paragraphs.findIndex((p) => p.includes("人员经费415.01万元"));
    const mutated = await docxOf(
      paragraphs.map((text, k) => ({ text: k === i ? text.replace("415.01", "451.01") : text })),
    );
    const found = checkNarrative({ lines: readDocxParagraphs(mutated), model, prior: PRIOR });
    expect(found.map((f) => [f.rule, f.quote.line])).toEqual([["N-AMOUNT", i + 1]]);
    expect(found[0].quote.text).toContain("451.01");
    expect(found[0].cells[0]?.sheet).toBe("7 一般公共预算基本支出预算表");
  });

  test("Word list numbering that repeats a number is checked like typed numbering", async () => {
    const model = checkWorkbook(await readXlsxFile(path.join(ROOT, "examples/seed-corrected.xlsx"))).model;
    const text = splitLines(narrativeToPlainText(generateNarrative(model, PRIOR))).map((l) => l.trim());
    // Items of 三(三) as a Word list without typed numbers, except one typed "9." left in by hand after item 9.
    const items = text.map((l) => {
      const m = /^(\d+)\. (科学技术支出|社会保障和就业支出|卫生健康支出|住房保障支出)（/.exec(l);
      return m && Number(m[1]) <= 17 && text.indexOf(l) < text.findIndex((x) => x.startsWith("四、"))
        ? { text: l.replace(/^\d+\. /, ""), numbered: true }
        : { text: l };
    });
    const bytes = await docxOf(items);
    const paragraphs = readDocxParagraphs(bytes);
    expect(checkNarrative({ lines: paragraphs, model, prior: PRIOR })).toEqual([]);
    const k = items.findIndex((x) => x.numbered && x.text.includes("职业年金缴费支出（06）"));
    expect(k).toBeGreaterThan(0);
    items[k] = { text: `9. ${items[k].text}` }; // typed "9." replaces the list number 10
    const found = checkNarrative({ lines: readDocxParagraphs(await docxOf(items)), model, prior: PRIOR });
    expect(found.map((f) => `${f.quote.line} ${f.rule}`)).toEqual([`${k + 1} N-NUMBERING`]);
  });
});
