/**
 * The CLI contract: commands, --json shape, exit codes 0/1/2, one-line Chinese reasons, annotate and narrate outputs.
 * Runs main() in-process with captured output; one test runs the real bin through Node as a user would.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { runCli } from "../support/run-cli";
import type { JsonReport } from "../../src/cli/report";

const ROOT = path.resolve(__dirname, "../..");
const PUBLISHED = path.join(ROOT, "examples/seed-as-published.xlsx");
const CORRECTED = path.join(ROOT, "examples/seed-corrected.xlsx");
const PRIOR = path.join(ROOT, "examples/prior-2023.json");

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "budget-cli-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** An OLE2 compound file (the container of .xls and of encrypted .xlsx) naming one stream. */
function compoundFile(name: string, stream: string): string {
  const file = path.join(tmp, name);
  const bytes = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  Buffer.from(stream, "utf16le").copy(bytes, 1024);
  fs.writeFileSync(file, bytes);
  return file;
}

function expectOneChineseLine(stderr: string): void {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/[\u4e00-\u9fa5]/);
  expect(stderr).not.toMatch(/\bat .*\.(js|ts):\d+/); // no stack trace
}

describe("validate", () => {
  test("as-published example: readable report, exit 1 (it has error-severity slips)", async () => {
    const { code, stdout } = await runCli("validate", PUBLISHED);
    expect(code).toBe(1);
    expect(stdout).toContain("识别公开表：14/14 张");
    expect(stdout).toMatch(/结果：错误 \d+ 个，警告 \d+ 个，提示 \d+ 个/);
    expect(stdout).toContain("【表3 一般公共预算支出预算表】");
    expect(stdout).toContain("学术交流活动的");
  });

  test("corrected example: exit 0 and no error or warning", async () => {
    const { code, stdout } = await runCli("validate", CORRECTED, "--json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  test("--json prints exactly one JSON object of the contract's shape", async () => {
    const { code, stdout, stderr } = await runCli("validate", PUBLISHED, "--json");
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(Object.keys(report).sort()).toEqual(["file", "findings", "tables"]);
    expect(report.file).toBe(PUBLISHED);
    expect(report.tables.map((t) => t.id).sort()).toEqual(
      ["1", "1-1", "1-2", "2", "2-1", "3", "3-1", "3-2", "3-3", "4", "4-1", "5", "6", "7"].sort(),
    );
    for (const t of report.tables) {
      expect(typeof t.sheet).toBe("string");
      expect(typeof t.title).toBe("string");
    }
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(typeof f.rule).toBe("string");
      expect(["error", "warning", "info"]).toContain(f.severity);
      expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
      for (const c of f.cells) {
        expect(typeof c.sheet).toBe("string");
        expect(c.address).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
      }
    }
    const nameSlip = report.findings.find((f) => f.rule === "CODE-NAME-CONSISTENT");
    expect(nameSlip?.severity).toBe("error");
    expect(nameSlip?.cells[0].sheet).toBe("6 一般公共预算支出预算表");
  });

  test("a missing table: cells is empty and the finding names the table id", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(CORRECTED);
    const sheet = wb.worksheets.find((s) => s.name.includes("三公") && s.name.startsWith("9"));
    expect(sheet).toBeDefined();
    wb.removeWorksheet(sheet!.id);
    const file = path.join(tmp, "no-3-3.xlsx");
    await wb.xlsx.writeFile(file);
    const { code, stdout } = await runCli("validate", file, "--json");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    const missing = report.findings.filter((f) => f.rule === "T-MISSING");
    expect(missing).toHaveLength(1);
    expect(missing[0].table).toBe("3-3");
    expect(missing[0].cells).toEqual([]);
  });

  test("--annotate writes a filled copy with a 校验结果 sheet and never touches the input", async () => {
    const before = fs.readFileSync(PUBLISHED);
    const out = path.join(tmp, "annotated.xlsx");
    const { code } = await runCli("validate", PUBLISHED, "--annotate", out);
    expect(code).toBe(1);
    expect(fs.readFileSync(PUBLISHED).equals(before)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const results = wb.getWorksheet("校验结果");
    expect(results).toBeDefined();
    expect(results!.rowCount).toBeGreaterThan(10);
    const sheet3 = wb.getWorksheet("6 一般公共预算支出预算表")!;
    const fill = sheet3.getCell("E12").fill as ExcelJS.FillPattern;
    expect(fill?.fgColor?.argb?.toUpperCase()).toContain("FFC7CE");
    expect(sheet3.getCell("E12").value).toBe("学术交流活动的");
  });

  test("--annotate refuses to overwrite the input", async () => {
    const { code, stdout, stderr } = await runCli("validate", PUBLISHED, "--annotate", PUBLISHED);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectOneChineseLine(stderr);
  });

  test("--catalog loads an official catalog and makes names strict", async () => {
    const csv = path.join(tmp, "official.csv");
    // The official names for the seed's codes, with 2060704 deliberately named otherwise.
    fs.writeFileSync(
      csv,
      "\uFEFF科目编码,科目名称\n2060701,机构运行\n2060702,科普活动\n2060703,青少年科技活动\n2060704,学术交流\n",
      "utf8",
    );
    const { code, stdout } = await runCli("validate", CORRECTED, "--json", "--catalog", csv);
    const report = JSON.parse(stdout) as JsonReport;
    const catalogErrors = report.findings.filter((f) => f.rule === "CODE-CATALOG" && f.severity === "error");
    expect(catalogErrors.length).toBeGreaterThan(0);
    expect(catalogErrors.some((f) => f.message.includes("学术交流"))).toBe(true);
    expect(code).toBe(1);
  });

  test("--weights accepts 90 or 100 only", async () => {
    const { code, stderr } = await runCli("validate", CORRECTED, "--weights", "80");
    expect(code).toBe(2);
    expectOneChineseLine(stderr);
    const hundred = await runCli("validate", CORRECTED, "--json", "--weights", "100");
    const report = JSON.parse(hundred.stdout) as JsonReport;
    expect(report.findings.some((f) => f.rule === "F31" && f.severity === "error")).toBe(true);
  });
});

describe("unreadable input: exit 2, one Chinese line on stderr, nothing on stdout", () => {
  const cases: [string, () => string][] = [
    ["a missing file", () => path.join(tmp, "nope.xlsx")],
    [
      "a text file renamed .xlsx",
      () => {
        const f = path.join(tmp, "text.xlsx");
        fs.writeFileSync(f, "项目,金额\n合计,753.70\n");
        return f;
      },
    ],
    ["an old .xls (OLE2 compound file)", () => compoundFile("old.xlsx", "Workbook")],
    ["a password-protected .xlsx (encrypted OLE2 package)", () => compoundFile("locked.xlsx", "EncryptionInfo")],
    [
      "a damaged (truncated) .xlsx",
      () => {
        const f = path.join(tmp, "truncated.xlsx");
        const whole = fs.readFileSync(CORRECTED);
        fs.writeFileSync(f, whole.subarray(0, Math.floor(whole.length / 2)));
        return f;
      },
    ],
    [
      "a Word file renamed .xlsx",
      () => {
        const f = path.join(tmp, "word.xlsx");
        fs.writeFileSync(
          f,
          zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document/>") }),
        );
        return f;
      },
    ],
    [
      "an empty file",
      () => {
        const f = path.join(tmp, "zero.xlsx");
        fs.writeFileSync(f, "");
        return f;
      },
    ],
    [
      "a directory",
      () => {
        const d = path.join(tmp, "folder.xlsx");
        fs.mkdirSync(d, { recursive: true });
        return d;
      },
    ],
  ];
  /** What each reason must say, so that a wrong diagnosis fails (not only a missing one). */
  const REASONS: Record<string, RegExp> = {
    "a missing file": /找不到/,
    "a text file renamed .xlsx": /纯文本/,
    "an old .xls (OLE2 compound file)": /\.xls/,
    "a password-protected .xlsx (encrypted OLE2 package)": /加密|密码/,
    "a damaged (truncated) .xlsx": /损坏/,
  };
  test.each(cases)("%s", async (label, make) => {
    const { code, stdout, stderr } = await runCli("validate", make(), "--json");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectOneChineseLine(stderr);
    if (REASONS[label]) expect(stderr).toMatch(REASONS[label]);
  });

  test("a workbook without any cell says it is empty", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1");
    const f = path.join(tmp, "blank.xlsx");
    await wb.xlsx.writeFile(f);
    const { code, stderr } = await runCli("validate", f);
    expect(code).toBe(2);
    expect(stderr).toMatch(/没有任何数据/);
  });

  test("bad arguments", async () => {
    for (const argv of [
      ["validate"],
      ["validate", "a.xlsx", "b.xlsx"],
      ["validate", CORRECTED, "--bogus"],
      ["frobnicate"],
      [],
    ]) {
      const { code, stderr } = await runCli(...argv);
      expect(code).toBe(2);
      expect(stderr === "" ? "用法" : stderr).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  test("an unzip of a valid workbook still parses (sanity of the damaged case)", () => {
    expect(Object.keys(unzipSync(fs.readFileSync(CORRECTED))).some((k) => k === "xl/workbook.xml")).toBe(true);
  });
});

describe("narrate", () => {
  test("Markdown on stdout from the corrected example with the prior-year figures", async () => {
    const { code, stdout } = await runCli("narrate", CORRECTED, "--prior", PRIOR);
    expect(code).toBe(0);
    expect(stdout).toContain("一般公共预算当年拨款情况说明");
    expect(stdout).toContain("753.71");
    expect(stdout).toContain("名词解释");
    expect(stdout).not.toContain("2023年支出预算");
  });

  test("--out writes .docx and .md files", async () => {
    const docx = path.join(tmp, "说明.docx");
    const md = path.join(tmp, "说明.md");
    expect((await runCli("narrate", CORRECTED, "--prior", PRIOR, "--out", docx)).code).toBe(0);
    expect((await runCli("narrate", CORRECTED, "--prior", PRIOR, "--out", md)).code).toBe(0);
    const parts = unzipSync(fs.readFileSync(docx));
    expect(Object.keys(parts)).toContain("word/document.xml");
    expect(fs.readFileSync(md, "utf8")).toContain("三公");
  });

  test("without --prior the missing inputs are counted as 【待补充】 markers", async () => {
    const { code, stdout, stderr } = await runCli("narrate", CORRECTED);
    expect(code).toBe(0);
    const markers = stdout.match(/【待补充：/g) ?? [];
    expect(markers.length).toBeGreaterThan(0);
    expect(stderr).toContain(`${markers.length} 处【待补充】`);
  });

  test("a broken --prior file ends with exit 2 and a reason", async () => {
    const bad = path.join(tmp, "bad.json");
    fs.writeFileSync(bad, "{ year: 2023,");
    const { code, stdout, stderr } = await runCli("narrate", CORRECTED, "--prior", bad);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectOneChineseLine(stderr);
  });
});

describe("the installed command", () => {
  const bin = path.join(ROOT, "bin/budget-check.js");
  const built = fs.existsSync(path.join(ROOT, "dist-cli/src/cli/main.js"));

  (built ? test : test.skip)("node bin/budget-check.js validate --json exits 1 on the published example", () => {
    const run = spawnSync(process.execPath, [bin, "validate", PUBLISHED, "--json"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.tables).toHaveLength(14);
  });

  (built ? test : test.skip)("exit code 2 and a Chinese reason for a missing file", () => {
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [bin, "validate", path.join(tmp, "missing.xlsx")], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (err) {
      const e = err as { status: number; stderr: string };
      status = e.status;
      stderr = e.stderr;
    }
    expect(status).toBe(2);
    expectOneChineseLine(stderr);
  });
});
