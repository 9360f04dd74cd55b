/**
 * `budget-check validate … --rules <file.txt>`: user formulas join the report (their own rule ids, exit 1 on an
 * 错误-level formula that fails); a bad rules file is exit 2 with one Chinese line naming the line number.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as iconv from "iconv-lite";
import { main, type CliIo } from "../../src/cli/main";
import type { JsonReport } from "../../src/cli/report";
import { MAX_RULES_FILE_BYTES } from "../../src/core/formulas/file";

const ROOT = path.resolve(__dirname, "../..");
const CORRECTED = path.join(ROOT, "examples/seed-corrected.xlsx");
const NATIONAL = path.join(ROOT, "examples/national-education.xlsx");

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "budget-rules-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function rulesFile(name: string, text: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

function expectOneChineseLine(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/[\u4e00-\u9fa5]/);
  expect(stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
  return lines[0];
}

const GOOD = `# 财政局审核公式
Q1 错误 表1["收入总计"].预算数 = 表1["支出总计"].预算数
Q2 错误 表1-2["合计"].合计 = 表1-2["合计"].基本支出 + 表1-2["合计"].项目支出
`;

describe("validate --rules", () => {
  test("formulas that hold add nothing: exit 0, tables carry the template", async () => {
    const { code, stdout } = await runCli("validate", CORRECTED, "--json", "--rules", rulesFile("good.txt", GOOD));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.findings.filter((f) => /^Q\d$/.test(f.rule))).toEqual([]);
    expect(new Set(report.tables.map((t) => t.template))).toEqual(new Set(["sichuan-14"]));
  });

  test("a failing 错误 formula is reported with its id and cell, exit 1", async () => {
    const file = rulesFile(
      "fail.txt",
      `${GOOD}Q3 错误 表1["收入总计"].预算数 = 表1["支出总计"].预算数 + 1\nQ4 提示 表1-2["合计"].合计 < 100\n`,
    );
    const { code, stdout } = await runCli("validate", CORRECTED, "--json", "--rules", file);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    const q3 = report.findings.find((f) => f.rule === "Q3")!;
    expect(q3).toMatchObject({ severity: "error", table: "1", expected: "754.71", actual: "753.71" });
    expect(q3.cells[0].sheet).toBe("1 部门收支总表");
    expect(report.findings.find((f) => f.rule === "Q4")).toMatchObject({ severity: "info" });
    // The equation is internal: never in the JSON.
    expect(stdout).not.toContain("equation");
  });

  test("GBK-encoded files (Windows Notepad) are read", async () => {
    const bytes = iconv.encode(`${GOOD}Q3 错误 表1["收入总计"].预算数 = 1\n`, "gbk");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const { code, stdout } = await runCli("validate", CORRECTED, "--json", "--rules", rulesFile("gbk.txt", bytes));
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.findings.filter((f) => /^Q\d$/.test(f.rule)).map((f) => f.rule)).toEqual(["Q3"]);
  });

  const BAD: [string, string, RegExp][] = [
    ["syntax", `${GOOD}\nQ5 错误 表1["收入总计"].预算数 表1["支出总计"].预算数\n`, /第5行：语法错误/],
    ["unknown table", `Q1 错误 表8["合计"].合计 = 1`, /第1行：未知的表“表8”/],
    ["unknown column", `\nQ1 错误 表3-1["合计"].工资 = 1`, /第2行：表3-1（一般公共预算基本支出预算表）没有列“工资”/],
    ["unknown row", `Q1 错误 表1["收入合计总额"].预算数 = 1`, /第1行：表1（部门收支总表）没有行“收入合计总额”/],
    ["ambiguous", `Q1 错误 表2-1[30201].项目支出 = 1`, /第1行：引用不唯一/],
    ["empty", `# 只有注释\n\n`, /中没有公式/],
  ];
  test.each(BAD)("a bad file (%s): exit 2, one Chinese line with the line number", async (_n, text, msg) => {
    const { code, stdout, stderr } = await runCli("validate", CORRECTED, "--rules", rulesFile("bad.txt", text));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const line = expectOneChineseLine(stderr);
    expect(line).toMatch(/审核公式文件“bad.txt”/);
    expect(line).toMatch(msg);
  });

  test("a binary or oversized file is refused in one line", async () => {
    const bin = await runCli(
      "validate",
      CORRECTED,
      "--rules",
      rulesFile("x.txt", Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00])),
    );
    expect(bin.code).toBe(2);
    expect(expectOneChineseLine(bin.stderr)).toMatch(/不是文本文件/);
    const big = await runCli(
      "validate",
      CORRECTED,
      "--rules",
      rulesFile("big.txt", "#".repeat(MAX_RULES_FILE_BYTES + 10)),
    );
    expect(big.code).toBe(2);
    expect(expectOneChineseLine(big.stderr)).toMatch(/过大/);
    const missing = await runCli("validate", CORRECTED, "--rules", path.join(tmp, "nope.txt"));
    expect(missing.code).toBe(2);
    expect(expectOneChineseLine(missing.stderr)).toMatch(/无法读取审核公式文件/);
  });
});

describe("national-9 workbooks", () => {
  test("validate: the 9 tables with their template, exit 0", async () => {
    const { code, stdout } = await runCli("validate", NATIONAL, "--json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.tables.map((t) => t.id).sort()).toEqual(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"]);
    expect(new Set(report.tables.map((t) => t.template))).toEqual(new Set(["national-9"]));
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
    const text = await runCli("validate", NATIONAL);
    expect(text.stdout).toContain("模板：全国通用部门预算公开表（9张表）");
    expect(text.stdout).toContain("识别公开表：9/9 张");
    expect(text.stdout).toContain("表N8 一般公共预算基本支出部门预算经济分类预算表");
  });

  test("validate --rules with national table ids", async () => {
    const file = rulesFile("national.txt", `W1 错误 表N5["合计"].基本支出 = 表N8["合计"].合计 + 1\n`);
    const { code, stdout } = await runCli("validate", NATIONAL, "--json", "--rules", file);
    expect(code).toBe(1);
    const w1 = (JSON.parse(stdout) as JsonReport).findings.find((f) => f.rule === "W1")!;
    expect(w1).toMatchObject({ severity: "error", table: "N5" });
    expect(w1.cells[0].sheet).toBe("5 一般公共预算支出功能分类预算表");
  });

  test("narrate says it covers the Sichuan template only", async () => {
    const { code, stdout, stderr } = await runCli("narrate", NATIONAL);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(expectOneChineseLine(stderr)).toMatch(/只支持四川省14张表模板/);
  });
});
