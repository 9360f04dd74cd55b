/**
 * The check-narrative contract: `budget-check check-narrative <file.xlsx> --text <file.txt|file.docx>
 * [--prior <prior.json>] [--json]`, the validate-shaped JSON with a quote per finding, exit codes 0/1/2.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main, type CliIo } from "../../src/cli/main";
import type { NarrativeJsonReport } from "../../src/cli/check-narrative";
import { checkWorkbook } from "../../src/core/engine";
import { generateNarrative, narrativeToDocx, narrativeToPlainText } from "../../src/core/narrative";
import { readXlsxFile } from "../../src/hosts/xlsx/reader";

const ROOT = path.resolve(__dirname, "../..");
const PUBLISHED = path.join(ROOT, "examples/seed-as-published.xlsx");
const CORRECTED = path.join(ROOT, "examples/seed-corrected.xlsx");
const PRIOR = path.join(ROOT, "examples/prior-2023.json");
const TEXT = path.join(ROOT, "examples/narrative-2024-as-published.txt");

let tmp: string;
let generatedTxt: string;
let generatedDocx: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "budget-narr-"));
  const model = checkWorkbook(await readXlsxFile(CORRECTED)).model;
  const doc = generateNarrative(model, JSON.parse(fs.readFileSync(PRIOR, "utf8")));
  generatedTxt = path.join(tmp, "说明.txt");
  fs.writeFileSync(generatedTxt, narrativeToPlainText(doc), "utf8");
  generatedDocx = path.join(tmp, "说明.docx");
  fs.writeFileSync(generatedDocx, await narrativeToDocx(doc));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function expectOneChineseLine(stderr: string): void {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/[\u4e00-\u9fa5]/);
  expect(stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
}

describe("check-narrative --json", () => {
  test("one validate-shaped object; each finding quotes its 1-based line (blank lines counted); exit 1", async () => {
    const { code, stdout, stderr } = await runCli(
      "check-narrative",
      PUBLISHED,
      "--text",
      TEXT,
      "--prior",
      PRIOR,
      "--json",
    );
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout) as NarrativeJsonReport;
    expect(Object.keys(report).sort()).toEqual(["file", "findings", "tables", "text"]);
    expect(report.file).toBe(PUBLISHED);
    expect(report.text).toBe(TEXT);
    expect(report.tables).toHaveLength(14);
    // The same table list as validate --json.
    const validate = await runCli("validate", PUBLISHED, "--json");
    expect(report.tables).toEqual(JSON.parse(validate.stdout).tables);
    expect(report.tables[0]).toMatchObject({ id: "1", sheet: "1 部门收支总表" });
    const lines = fs.readFileSync(TEXT, "utf8").split("\n");
    for (const f of report.findings) {
      expect(
        Object.keys(f).every((k) =>
          ["rule", "severity", "message", "cells", "table", "expected", "actual", "quote"].includes(k),
        ),
      ).toBe(true);
      expect(["error", "warning", "info"]).toContain(f.severity);
      for (const c of f.cells) expect(c.address).toMatch(/^[A-Z]+\d+$/);
      expect(lines[f.quote.line - 1].replace(/\s/g, "")).toContain(f.quote.text.replace(/\s/g, ""));
    }
    const growth = report.findings.find((f) => f.rule === "N-GROWTH")!;
    expect(growth.quote.line).toBe(117);
    expect(growth.quote.text).toContain("10.5%");
    expect(growth.cells[0]).toEqual({
      sheet: "7 一般公共预算基本支出预算表",
      address: expect.stringMatching(/^[A-Z]+\d+$/),
    });
    const number = report.findings.find((f) => f.rule === "N-NUMBER")!;
    expect(number.quote).toEqual({ line: 13, text: expect.stringContaining("214)281.37") });
    expect(report.findings.map((f) => f.quote.line)).toEqual(
      [...report.findings.map((f) => f.quote.line)].sort((a, b) => a - b),
    );
  });

  test("the generator's text and .docx for the corrected example: no finding, exit 0", async () => {
    for (const text of [generatedTxt, generatedDocx]) {
      const { code, stdout } = await runCli("check-narrative", CORRECTED, "--text", text, "--prior", PRIOR, "--json");
      expect(code).toBe(0);
      expect(JSON.parse(stdout).findings).toEqual([]);
    }
  });

  test("for a .docx the line is the paragraph number", async () => {
    const docx = path.join(tmp, "改.docx");
    const { readDocxParagraphs } = await import("../../src/hosts/docx");
    const paragraphs = readDocxParagraphs(fs.readFileSync(generatedDocx));
    const i = paragraphs.findIndex((p) => p.includes("公用经费57.33万元"));
    const { Document, Packer, Paragraph } = await import("docx");
    const doc = new Document({
      sections: [{ children: paragraphs.map((t, k) => new Paragraph(k === i ? t.replace("57.33", "75.33") : t)) }],
    });
    fs.writeFileSync(docx, await Packer.toBuffer(doc));
    const { code, stdout } = await runCli("check-narrative", CORRECTED, "--text", docx, "--prior", PRIOR, "--json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as NarrativeJsonReport;
    expect(report.findings.map((f) => [f.rule, f.quote.line])).toEqual([["N-AMOUNT", i + 1]]);
  });
});

describe("check-narrative text report", () => {
  test("Chinese lines with line number, rule, quote and cell", async () => {
    const { code, stdout } = await runCli("check-narrative", PUBLISHED, "--text", TEXT, "--prior", PRIOR);
    expect(code).toBe(1);
    expect(stdout).toMatch(/共 19 个问题：错误 \d+，警告 \d+，提示 0。/);
    expect(stdout).toContain("第 117 行  [错误] N-GROWTH");
    expect(stdout).toContain("原文：");
    expect(stdout).toContain("表格：'7 一般公共预算基本支出预算表'!");
  });

  test("a narrative that agrees: exit 0 and a sentence saying so", async () => {
    const { code, stdout } = await runCli("check-narrative", CORRECTED, "--text", generatedTxt, "--prior", PRIOR);
    expect(code).toBe(0);
    expect(stdout).toContain("未发现说明与公开表不一致之处");
  });
});

describe("check-narrative exit code 2", () => {
  test.each([
    [["check-narrative", PUBLISHED], /--text/],
    [["check-narrative", "--text", TEXT], /请指定公开表/],
    [["check-narrative", PUBLISHED, "--text", path.join(ROOT, "没有这个文件.txt")], /无法读取说明文件/],
    [["check-narrative", path.join(ROOT, "没有.xlsx"), "--text", TEXT], /找不到文件/],
    [["check-narrative", PUBLISHED, "--text", TEXT, "--prior", path.join(ROOT, "没有.json")], /上年数据/],
    [["check-narrative", PUBLISHED, "--text", TEXT, "--bogus"], /无法识别的参数 --bogus/],
    [["check-narrative", PUBLISHED, "--text", PUBLISHED], /不是 Word 文档|缺少 word/],
  ])("%j", async (argv, reason) => {
    const { code, stdout, stderr } = await runCli(...(argv as string[]));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectOneChineseLine(stderr);
    expect(stderr).toMatch(reason as RegExp);
  });

  test("a workbook without any budget table", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = "随便写的";
    const file = path.join(tmp, "空.xlsx");
    await wb.xlsx.writeFile(file);
    const { code, stderr } = await runCli("check-narrative", file, "--text", TEXT);
    expect(code).toBe(2);
    expectOneChineseLine(stderr);
    expect(stderr).toContain("没有找到部门预算公开表");
  });
});
