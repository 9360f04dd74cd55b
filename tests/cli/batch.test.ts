/**
 * Batch validate (issue #9): a folder of workbooks the examples do not contain as such (a correct one in another
 * layout, a faulty one, a multi-unit one in a nested folder, an unreadable one, an Excel lock file, a text file)
 * checked in one call. Each workbook's object must equal its single run; summary, exit codes and the --report
 * forms (.xlsx read back with exceljs, .csv, .md) must be right.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli, runCliOnTerminal } from "../support/run-cli";
import type { JsonReport } from "../../src/core/report/json";
import type { BatchReport } from "../../src/core/report/batch";
import { ISSUE_COLUMNS, SUMMARY_COLUMNS } from "../../src/core/report/summary";
import { writeBudgetWorkbook } from "../../scripts/examples/build-workbook";
import { correctedSeed2024 } from "../../examples/data/corrected";

const ROOT = path.resolve(__dirname, "../..");
const PUBLISHED = path.join(ROOT, "examples/seed-as-published.xlsx");
const CORRECTED = path.join(ROOT, "examples/seed-corrected.xlsx");

let tmp: string;
let dir: string;
let files: { correct: string; faulty: string; nested: string; unreadable: string; published: string };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "budget-batch-"));
  dir = path.join(tmp, "各部门");
  fs.mkdirSync(path.join(dir, "二级单位", "更深"), { recursive: true });
  files = {
    correct: path.join(dir, "甲部门-正确.xlsx"),
    faulty: path.join(dir, "乙部门-有错.xlsx"),
    nested: path.join(dir, "二级单位", "更深", "丙部门-三个单位.xlsx"),
    unreadable: path.join(dir, "丁部门-损坏.xlsx"),
    published: path.join(dir, "二级单位", "戊部门-原样.XLSX"),
  };
  // A correct workbook in another layout (joined codes, amounts in 元 as text, tables offset).
  await writeBudgetWorkbook(files.correct, correctedSeed2024(), {
    codeStyle: "joined",
    unit: "元",
    amountsAs: "text",
    offset: { rows: 2, cols: 1 },
  });
  // A faulty one: one amount of 表3 changed by 1.00.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(CORRECTED);
  const ws = wb.worksheets.find((s) => s.name.startsWith("6 "))!;
  let changed = false;
  ws.eachRow((row) => {
    if (changed) return;
    row.eachCell((cell) => {
      if (!changed && typeof cell.value === "number" && cell.value > 100 && cell.value < 400) {
        cell.value = cell.value + 1;
        changed = true;
      }
    });
  });
  expect(changed).toBe(true);
  await wb.xlsx.writeFile(files.faulty);
  await writeBudgetWorkbook(files.nested, correctedSeed2024(), { units: 3 });
  fs.writeFileSync(files.unreadable, "编码,名称\n2060701,机构运行\n");
  fs.copyFileSync(PUBLISHED, files.published);
  // Excel's lock file of an open workbook, and a file that is not a workbook: both skipped by the folder walk.
  fs.writeFileSync(path.join(dir, "~$甲部门-正确.xlsx"), Buffer.from([0x0d, 0x00, 0x41]));
  fs.writeFileSync(path.join(dir, "说明.txt"), "不是工作簿");
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const allFiles = () => [files.correct, files.faulty, files.nested, files.unreadable, files.published];

describe("validate <folder> --json", () => {
  let batch: BatchReport;
  let code: number;
  let stderr: string;

  beforeAll(async () => {
    const run = await runCli("validate", dir, "--json");
    code = run.code;
    stderr = run.stderr;
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    batch = JSON.parse(run.stdout) as BatchReport;
  }, 180_000);

  test("one object: every .xlsx below the folder, lock file and other files skipped", () => {
    expect(Object.keys(batch).sort()).toEqual(["files", "summary"]);
    expect(batch.files.map((f) => f.file).sort()).toEqual(allFiles().sort());
    expect(batch.files.some((f) => path.basename(f.file).startsWith("~$"))).toBe(false);
    expect(stderr).toBe(""); // not a terminal: no progress bar
  });

  test("each workbook's object equals its single run", async () => {
    for (const f of [files.correct, files.faulty, files.nested, files.published]) {
      const single = await runCli("validate", f, "--json");
      const inBatch = batch.files.find((e) => e.file === f);
      expect(inBatch).toEqual(JSON.parse(single.stdout) as JsonReport);
    }
  }, 120_000);

  test("the unreadable file is reported with the reason a single run gives", async () => {
    const single = await runCli("validate", files.unreadable, "--json");
    expect(single.code).toBe(2);
    const entry = batch.files.find((e) => e.file === files.unreadable);
    expect(entry).toEqual({ file: files.unreadable, error: single.stderr.trim() });
    expect((entry as { error: string }).error).toMatch(/纯文本/);
  });

  test("summary counts and exit code 2 (a file could not be read)", () => {
    const reports = batch.files.filter((e): e is JsonReport => "findings" in e);
    const count = (s: string) => reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
    expect(batch.summary).toEqual({
      files: 5,
      unreadable: 1,
      error: count("error"),
      warning: count("warning"),
      info: count("info"),
    });
    expect(batch.summary.error).toBeGreaterThan(0);
    expect(code).toBe(2);
  });

  test("the faulty and the correct workbooks are told apart", () => {
    const byFile = (f: string) => batch.files.find((e) => e.file === f) as JsonReport;
    expect(byFile(files.correct).findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(byFile(files.nested).findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(
      byFile(files.faulty).findings.some((f) => f.severity === "error" && f.cells[0]?.sheet.startsWith("6 ")),
    ).toBe(true);
  });
});

describe("exit codes of several paths", () => {
  test("1 when every file is readable and one has an error finding; 0 when none has", async () => {
    const one = await runCli("validate", files.correct, files.faulty, "--json");
    expect(one.code).toBe(1);
    expect((JSON.parse(one.stdout) as BatchReport).summary.unreadable).toBe(0);
    const zero = await runCli("validate", files.correct, files.nested, "--json");
    expect(zero.code).toBe(0);
    expect((JSON.parse(zero.stdout) as BatchReport).files.map((f) => f.file)).toEqual([files.correct, files.nested]);
  }, 120_000);

  test("on a terminal a progress bar is drawn on stderr, then erased; stdout stays one object", async () => {
    const run = await runCliOnTerminal("validate", files.correct, files.nested, "--json");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("\r校验中 [");
    expect(run.stderr).toContain("] 2/2");
    expect(run.stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect((JSON.parse(run.stdout) as BatchReport).summary.files).toBe(2);
  }, 60_000);

  test("--rules reaches every worker: each file's object equals its single run with the same formulas", async () => {
    const rules = path.join(tmp, "审核公式.txt");
    fs.writeFileSync(rules, 'Q9 错误 表1["收入总计"].预算数 = 表1["支出总计"].预算数 + 1\n');
    const batch = JSON.parse(
      (await runCli("validate", files.correct, files.nested, "--json", "--rules", rules)).stdout,
    ) as BatchReport;
    for (const f of [files.correct, files.nested]) {
      const single = JSON.parse((await runCli("validate", f, "--json", "--rules", rules)).stdout) as JsonReport;
      expect(single.findings.some((x) => x.rule === "Q9")).toBe(true);
      expect(batch.files.find((e) => e.file === f)).toEqual(single);
    }
  }, 120_000);

  test("a path that does not exist is an unreadable entry; the others are still checked", async () => {
    const missing = path.join(tmp, "没有这个.xlsx");
    const run = await runCli("validate", missing, files.correct, "--json");
    expect(run.code).toBe(2);
    const batch = JSON.parse(run.stdout) as BatchReport;
    expect(batch.files.find((f) => f.file === missing)).toEqual({
      file: missing,
      error: expect.stringMatching(/找不到/),
    });
    expect(batch.summary.files).toBe(2);
    expect(batch.files.map((f) => f.file)).toEqual([missing, files.correct]); // argument order
  }, 60_000);

  test("one file keeps today's output; --annotate refuses several files; an empty folder is explained", async () => {
    const single = await runCli("validate", files.correct, "--json");
    expect(Object.keys(JSON.parse(single.stdout) as object).sort()).toEqual(["file", "findings", "tables"]);
    const annotate = await runCli("validate", dir, "--annotate", path.join(tmp, "x.xlsx"));
    expect(annotate.code).toBe(2);
    expect(annotate.stderr).toMatch(/--annotate 只能用于单个文件/);
    const empty = path.join(tmp, "空文件夹");
    fs.mkdirSync(empty);
    const none = await runCli("validate", empty);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/没有找到 \.xlsx 文件/);
  }, 60_000);
});

describe("--report", () => {
  let batch: BatchReport;
  let text: { code: number; stdout: string };
  const out = (name: string) => path.join(tmp, name);

  beforeAll(async () => {
    const run = await runCli("validate", dir, "--json", "--report", out("汇总.xlsx"));
    batch = JSON.parse(run.stdout) as BatchReport;
    expect(run.stderr).toContain("已写出汇总报告");
    text = await runCli("validate", dir, "--report", out("汇总.csv"));
    await runCli("validate", dir, "--report", out("汇总.md"));
  }, 240_000);

  const reports = () => batch.files.filter((e): e is JsonReport => "findings" in e);
  const totalFindings = () => reports().reduce((n, r) => n + r.findings.length, 0);

  test(".xlsx: 汇总 has one row per workbook, 问题清单 one row per finding, no hyperlinks", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out("汇总.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总", "问题清单"]);
    const rows = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const all: unknown[][] = [];
      ws.eachRow((row) => all.push((row.values as unknown[]).slice(1)));
      return all;
    };
    const summary = rows("汇总");
    expect(summary[0]).toEqual([...SUMMARY_COLUMNS]);
    expect(summary).toHaveLength(1 + 5);
    const row = (f: string) => summary.find((r) => r[0] === f)!;
    const faulty = batch.files.find((e) => e.file === files.faulty) as JsonReport;
    const n = (s: string) => faulty.findings.filter((f) => f.severity === s).length;
    expect(row(files.faulty)).toEqual([
      files.faulty,
      "凉山州科学技术协会",
      14,
      n("error"),
      n("warning"),
      n("info"),
      "有错误",
    ]);
    expect(row(files.correct)[6]).toBe("通过");
    expect(String(row(files.unreadable)[6])).toMatch(/^无法读取：.*纯文本/);

    const issues = rows("问题清单");
    expect(issues[0]).toEqual([...ISSUE_COLUMNS]);
    expect(issues).toHaveLength(1 + totalFindings());
    const first = faulty.findings[0];
    expect(issues).toContainEqual([
      files.faulty,
      expect.stringContaining(`表${first.table}`),
      first.cells[0]?.sheet,
      first.cells[0]?.address,
      { error: "错误", warning: "警告", info: "提示" }[first.severity],
      first.rule,
      first.message,
    ]);
    for (const ws of wb.worksheets) {
      ws.eachRow((r) => r.eachCell((c) => expect(c.hyperlink).toBeUndefined()));
    }
  });

  test(".csv: UTF-8 with BOM, both blocks, quoted fields", () => {
    const bytes = fs.readFileSync(out("汇总.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("汇总");
    expect(lines[1]).toBe(SUMMARY_COLUMNS.join(","));
    const issuesAt = lines.indexOf("问题清单");
    expect(lines[issuesAt - 1]).toBe("");
    const summaryBlock = lines.slice(2, issuesAt - 1);
    expect(summaryBlock).toHaveLength(5);
    expect(summaryBlock.filter((l) => l.startsWith(`${files.correct},`))).toEqual([
      `${files.correct},凉山州科学技术协会,14,0,0,${(batch.files.find((e) => e.file === files.correct) as JsonReport).findings.length},通过`,
    ]);
    expect(lines[issuesAt + 1]).toBe(ISSUE_COLUMNS.join(","));
    expect(lines.slice(issuesAt + 2).filter((l) => l !== "")).toHaveLength(totalFindings());
  });

  test("text output (no --json) lists every file and the totals", () => {
    expect(text.code).toBe(2);
    for (const f of allFiles()) expect(text.stdout).toContain(f);
    expect(text.stdout).toMatch(/共 5 个文件：无法读取 1 个；错误 \d+ 个/);
  });

  test(".md: the totals sentence and both tables", () => {
    const md = fs.readFileSync(out("汇总.md"), "utf8");
    const s = batch.summary;
    expect(md).toContain(`共 5 个文件，无法读取 1 个；错误 ${s.error} 个，警告 ${s.warning} 个，提示 ${s.info} 个。`);
    expect(md).toContain(`| ${SUMMARY_COLUMNS.join(" | ")} |`);
    expect(md.split("\n").filter((l) => l.startsWith(`| ${files.faulty} |`))).toHaveLength(
      1 + (batch.files.find((e) => e.file === files.faulty) as JsonReport).findings.length,
    );
  });

  test("a wrong report extension or overwriting an input is refused", async () => {
    const bad = await runCli("validate", dir, "--report", out("汇总.docx"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--report/);
    const over = await runCli("validate", files.correct, files.faulty, "--report", files.faulty);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/不能覆盖/);
  });
});
