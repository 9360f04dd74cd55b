/**
 * budget-check: the command-line host of the engine.
 *
 *   budget-check validate <path>... [--json] [--report <summary.xlsx|.csv|.md>] [--catalog <file>]
 *                                   [--annotate <out.xlsx>] [--weights 90|100] [--rules <file.txt>]
 *   budget-check narrate  <file.xlsx> [--prior <file.json|last-year.xlsx>] [--out <file.docx|file.md>] [--share-decimals 1|2]
 *   budget-check check-narrative <file.xlsx> --text <file.txt|file.docx> [--prior <file.json>] [--json]  (check-narrative.ts)
 *
 * Exit codes (a contract other tools rely on): 0 no error-severity finding, 1 at least one, 2 an input cannot be
 * read (one-line Chinese reason on stderr). With several files (or a folder) the others are still checked.
 *
 * Start-up is kept short: exceljs (annotate, --report .xlsx, catalog), docx and the narrative are loaded only by
 * the commands that use them (`await import`, a lazy require in the compiled CommonJS).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { parseArgs, type ParseArgsConfig } from "util";
import { readXlsxFile } from "../hosts/xlsx/reader";
import { checkWorkbook, type CheckResult } from "../core/engine";
import type { CheckOptions } from "../core/model/findings";
import type { PriorYearInput } from "../core/narrative/types";
import { toJsonReport } from "../core/report/json";
import { batchExitCode, isFileError, toBatchReport, type BatchItem } from "../core/report/batch";
import { formatTextReport } from "./report";
import { CliError, reasonOf } from "./errors";
import { expandPaths } from "./paths";
import type { CheckFileOptions } from "./check-file";

export { CliError } from "./errors";
import { CHECK_NARRATIVE_USAGE } from "./check-narrative-usage";
import { readRulesFile } from "./rules-file";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

const USAGE = `用法：
  budget-check validate <文件.xlsx|文件夹>... [--json] [--report <汇总.xlsx|.csv|.md>] [--catalog <科目表.xlsx|csv>]
                        [--annotate <输出.xlsx>] [--weights 90|100] [--rules <审核公式.txt>]
  budget-check narrate <文件.xlsx> [--prior <上年数据.json|上年公开表.xlsx>] [--out <输出.docx|输出.md>] [--share-decimals 1|2]

  validate   校验部门预算公开表，按表和严重程度输出问题清单；可一次校验多个文件或文件夹（含子文件夹中的全部 .xlsx）
    --json       以 JSON 输出（标准输出仅一个 JSON 对象；多个文件时为 {"files": [...], "summary": {...}}）
    --report     写出汇总报告（.xlsx 含“汇总”“问题清单”两个工作表；.csv；.md）：每个文件一行，并列出全部问题
    --catalog    加载官方科目表（编码、名称两列），按官方科目表严格核对科目名称
    --annotate   另存一份标注副本：问题单元格填色，并新增“校验结果”工作表（原文件不变；仅限单个文件）
    --weights    每个项目绩效指标权重之和，默认 90（预算执行率 10 分另计），可设为 100
    --rules      加载审核公式文件（每行一条公式，写法见 docs/formulas.md），与内置规则一并校验
  narrate    根据公开表生成“第三部分 预算情况说明”和“第四部分 名词解释”
    --prior      上年度数据：JSON（上年预算总额、“三公”经费、机关运行经费、原因等），或上年公开的预算公开表 .xlsx
                 （从中读取上年各项金额）；缺少的数据以【待补充：…】标出
    --out        写入 .docx 或 .md 文件；省略时在标准输出打印 Markdown
${CHECK_NARRATIVE_USAGE}

退出码：0 无错误；1 存在“错误”级问题；2 有文件无法读取或参数有误（其余文件仍会校验）。`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    io.stderr(`${reasonOf(err)}\n`);
    return EXIT_UNREADABLE;
  }
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal: a batch then shows a progress bar there. */
  stderrIsTTY?: boolean;
}

function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "-h" || command === "--help" || command === "help") {
    io.stdout(`${USAGE}\n`);
    return command ? EXIT_OK : EXIT_UNREADABLE;
  }
  if (command === "validate") return validateCommand(rest, io);
  if (command === "narrate") return narrateCommand(rest, io);
  if (command === "check-narrative") {
    // Loaded only for this command: the narrative checker and the .docx reader cost start-up time of validate.
    const { checkNarrativeCommand } = await import("./check-narrative");
    return checkNarrativeCommand(rest, io, { readPrior });
  }
  throw new CliError(
    `未知命令“${command}”。可用命令：validate、narrate、check-narrative（budget-check --help 查看用法）`,
  );
}

function parse<O extends NonNullable<ParseArgsConfig["options"]>>(rest: string[], options: O) {
  try {
    return parseArgs({ args: rest, options, allowPositionals: true as const, strict: true as const });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const option = /'(-{1,2}[^']+)'/.exec(message)?.[1];
    throw new CliError(
      option ? `无法识别的参数 ${option}（budget-check --help 查看用法）` : `参数有误（budget-check --help 查看用法）`,
    );
  }
}

function singleFile(positionals: string[]): string {
  if (positionals.length === 0) throw new CliError("请指定要校验的 .xlsx 文件（budget-check --help 查看用法）");
  if (positionals.length > 1)
    throw new CliError(`一次只能处理一个文件，收到 ${positionals.length} 个：${positionals.join("、")}`);
  return positionals[0];
}

/** validate's options; a new flag is one line here (and its use below). */
const VALIDATE_OPTIONS = {
  json: { type: "boolean" },
  catalog: { type: "string" },
  annotate: { type: "string" },
  weights: { type: "string" },
  report: { type: "string" },
  rules: { type: "string" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

const REPORT_EXT = /\.(xlsx|csv|md)$/i;

async function validateCommand(rest: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(rest, VALIDATE_OPTIONS);
  if (positionals.length === 0) throw new CliError("请指定要校验的 .xlsx 文件或文件夹（budget-check --help 查看用法）");
  const workerOptions: CheckFileOptions = { weightTotal: parseWeights(values.weights) };
  if (values.rules !== undefined) {
    const rules = await readRulesFile(values.rules);
    if (!rules.ok) throw new CliError(rules.message);
    workerOptions.formulas = rules.formulas; // plain data: cloned to every worker
  }
  const reportPath = values.report;
  if (reportPath !== undefined && !REPORT_EXT.test(reportPath)) {
    throw new CliError(`--report 的输出文件须以 .xlsx、.csv 或 .md 结尾：${reportPath}`);
  }
  if (values.catalog !== undefined) {
    const { readCatalogFile } = await import("../hosts/xlsx/catalog-file");
    const { catalogFromRows } = await import("../core/catalog");
    const { rows, fileName } = await readCatalogFile(values.catalog);
    const { catalog, problems } = catalogFromRows(rows, fileName);
    if (catalog.size() === 0) throw new CliError(`官方科目表“${fileName}”中没有可用的科目（需要编码、名称两列）`);
    workerOptions.catalog = { rows, fileName };
    if (!values.json) {
      io.stderr(
        `已加载官方科目表“${fileName}”：${catalog.size()} 个科目${problems.length ? `，跳过 ${problems.length} 行` : ""}\n`,
      );
    }
  }

  // One file named as a file: exactly the single-file behaviour (text or one validate object, exit 2 on failure).
  const single = positionals.length === 1 ? await isFile(positionals[0]) : false;
  if (!single && values.annotate !== undefined) throw new CliError("--annotate 只能用于单个文件");
  const { files, missing, order } = single
    ? { files: positionals, missing: [], order: positionals }
    : await expandPaths(positionals);
  for (const out of [values.annotate, reportPath]) {
    if (out !== undefined && files.some((f) => path.resolve(f) === path.resolve(out))) {
      throw new CliError(`输出文件不能覆盖被校验的文件：${out}`);
    }
  }
  if (single)
    return validateOne(
      files[0],
      workerOptions,
      { json: values.json === true, annotate: values.annotate, report: reportPath },
      io,
    );
  if (files.length === 0 && missing.length === 0) {
    throw new CliError(`没有找到 .xlsx 文件：${positionals.join("、")}`);
  }

  const { checkFiles } = await import("./batch");
  const progress = io.stderrIsTTY ? progressBar(io) : undefined;
  const checked = await checkFiles(files, workerOptions, progress?.update);
  progress?.end();
  const byFile = new Map<string, BatchItem>(missing.map((m) => [m.file, m]));
  files.forEach((f, i) => byFile.set(f, checked[i]));
  const items = order.map((f) => byFile.get(f)!);
  const batch = toBatchReport(items);
  if (values.json) io.stdout(`${JSON.stringify(batch)}\n`);
  else io.stdout(formatBatchText(items));
  if (reportPath !== undefined) await writeSummaryReport(reportPath, items, io);
  return batchExitCode(batch.summary);
}

async function isFile(p: string): Promise<boolean> {
  try {
    return !(await fs.stat(p)).isDirectory();
  } catch {
    return true; // a missing path: the reader names it, as a single run always did
  }
}

async function validateOne(
  file: string,
  workerOptions: CheckFileOptions,
  out: { json: boolean; annotate?: string; report?: string },
  io: CliIo,
): Promise<number> {
  if (out.annotate !== undefined) assertDistinctOutput(file, out.annotate);
  const { checkOptionsOf } = await import("./check-file");
  const options: CheckOptions = checkOptionsOf(workerOptions);
  const workbook = await readXlsxFile(file);
  const result = checkWorkbook(workbook, options);

  if (out.annotate !== undefined) {
    const { writeAnnotatedCopy } = await import("../hosts/xlsx/annotate");
    await writeAnnotatedCopy(file, result.findings, out.annotate, { tables: result.tables });
  }
  const report = toJsonReport(file, result);
  if (out.json) {
    io.stdout(`${JSON.stringify(report)}\n`);
  } else {
    io.stdout(formatTextReport(file, result));
    if (out.annotate !== undefined) io.stdout(`\n已写出标注副本：${out.annotate}（原文件未改动）\n`);
  }
  if (out.report !== undefined) {
    const { departmentOfModel } = await import("../core/narrative/prior-workbook");
    await writeSummaryReport(out.report, [{ report, department: departmentOfModel(result.model) }], io);
  }
  return hasErrors(result) ? EXIT_FINDINGS : EXIT_OK;
}

/** --report: .xlsx (exceljs, loaded only here), .csv (UTF-8 with BOM) or .md. */
async function writeSummaryReport(file: string, items: BatchItem[], io: CliIo): Promise<void> {
  let bytes: Uint8Array | string;
  if (/\.xlsx$/i.test(file)) {
    const { summaryToXlsx } = await import("../hosts/xlsx/summary-xlsx");
    bytes = await summaryToXlsx(items);
  } else {
    const { summaryToCsv, summaryToMarkdown } = await import("../core/report/summary");
    bytes = /\.csv$/i.test(file) ? summaryToCsv(items) : summaryToMarkdown(items);
  }
  try {
    await fs.writeFile(file, bytes);
  } catch {
    throw new CliError(`无法写出汇总报告：${file}（请检查文件夹是否存在、文件是否正在 Excel 中打开）`);
  }
  io.stderr(`已写出汇总报告：${file}\n`);
}

/** Several files as text: one block per file (its findings), then the totals. */
function formatBatchText(items: BatchItem[]): string {
  const lines: string[] = [];
  const batch = toBatchReport(items);
  for (const item of items) {
    if (isFileError(item)) {
      lines.push(`✗ ${item.file}`, `    无法读取：${item.error}`);
      continue;
    }
    const { report } = item;
    const c = { error: 0, warning: 0, info: 0 };
    for (const f of report.findings) c[f.severity] += 1;
    lines.push(
      `${c.error > 0 ? "✗" : "✓"} ${report.file}${item.department ? `（${item.department}）` : ""}  ` +
        `识别公开表 ${new Set(report.tables.map((t) => t.id)).size} 张；错误 ${c.error} 个，警告 ${c.warning} 个，提示 ${c.info} 个`,
    );
    for (const f of report.findings) {
      if (f.severity === "info") continue;
      const where = f.cells[0] ? `${f.cells[0].sheet}!${f.cells[0].address}  ` : "";
      lines.push(`    ${f.severity === "error" ? "错误" : "警告"} [${f.rule}] ${where}${f.message}`);
    }
  }
  const s = batch.summary;
  lines.push(
    "",
    `共 ${s.files} 个文件：无法读取 ${s.unreadable} 个；错误 ${s.error} 个，警告 ${s.warning} 个，提示 ${s.info} 个。`,
    "（--report 汇总.xlsx 可写出每个文件一行的汇总表和完整问题清单；单个文件的详细报告请单独校验该文件）",
  );
  return `${lines.join("\n")}\n`;
}

/** "校验中 [########------------] 12/30" redrawn in place on a terminal's stderr. */
function progressBar(io: CliIo): { update(done: number, total: number): void; end(): void } {
  const width = 24;
  let shown = false;
  return {
    update(done, total) {
      const filled = Math.round((done / total) * width);
      io.stderr(`\r校验中 [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
      shown = true;
    },
    end() {
      if (shown) io.stderr("\r\x1b[2K");
    },
  };
}

function hasErrors(result: CheckResult): boolean {
  return result.findings.some((f) => f.severity === "error");
}

function parseWeights(text: string | undefined): 90 | 100 {
  if (text === undefined) return 90;
  if (text === "90" || text === "100") return Number(text) as 90 | 100;
  throw new CliError(`--weights 只能是 90 或 100，收到“${text}”`);
}

function assertDistinctOutput(input: string, output: string): void {
  if (path.resolve(input) === path.resolve(output)) {
    throw new CliError("标注副本不能覆盖原文件，请为 --annotate 指定另一个文件名");
  }
  if (!/\.xlsx$/i.test(output)) throw new CliError(`--annotate 的输出文件须以 .xlsx 结尾：${output}`);
}

async function narrateCommand(rest: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(rest, {
    prior: { type: "string", multiple: true },
    out: { type: "string" },
    "share-decimals": { type: "string" },
  });
  const file = singleFile(positionals);
  const out = values.out;
  if (out !== undefined && !/\.(docx|md)$/i.test(out)) throw new CliError(`--out 须为 .docx 或 .md 文件：${out}`);
  if (out !== undefined && path.resolve(out) === path.resolve(file)) throw new CliError("输出文件不能覆盖输入文件");
  const shareText = values["share-decimals"];
  if (shareText !== undefined && shareText !== "1" && shareText !== "2") {
    throw new CliError(`--share-decimals 只能是 1 或 2，收到“${shareText}”`);
  }
  const priorFiles = values.prior ?? [];
  const priorBooks = priorFiles.filter((f) => /\.xlsx$/i.test(f));
  const priorJsons = priorFiles.filter((f) => !/\.xlsx$/i.test(f));
  if (priorBooks.length > 1 || priorJsons.length > 1) {
    throw new CliError("--prior 最多指定一个上年公开表（.xlsx）和一个上年数据 JSON");
  }
  const narrative = await import("../core/narrative");
  let prior = priorJsons.length === 1 ? await readPrior(priorJsons[0], io) : undefined;

  const workbook = await readXlsxFile(file);
  const result = checkWorkbook(workbook);
  if (result.template !== "sichuan-14") {
    throw new CliError(
      "预算情况说明的生成目前只支持四川省14张表模板；该工作簿为全国通用9张表模板，未生成说明（validate 校验不受影响）",
    );
  }
  if (priorBooks.length === 1) prior = await readPriorWorkbook(priorBooks[0], result, prior, io);
  const doc = narrative.generateNarrative(result.model, prior, {
    structureShareDecimals: shareText === "2" ? 2 : 1,
  });
  if (out === undefined) {
    io.stdout(narrative.narrativeToMarkdown(doc));
  } else if (/\.docx$/i.test(out)) {
    await fs.writeFile(out, await narrative.narrativeToDocx(doc));
    io.stderr(`已写出 ${out}\n`);
  } else {
    await fs.writeFile(out, narrative.narrativeToMarkdown(doc), "utf8");
    io.stderr(`已写出 ${out}\n`);
  }
  if (doc.placeholderCount > 0) {
    io.stderr(`提示：说明中有 ${doc.placeholderCount} 处【待补充】，请补充后再发布。\n`);
  }
  const errors = result.findings.filter((f) => f.severity === "error").length;
  if (errors > 0) {
    io.stderr(`提示：公开表存在 ${errors} 个“错误”级问题（budget-check validate 查看），说明中的数字取自表格原值。\n`);
  }
  return EXIT_OK;
}

/** --prior last-year.xlsx: last year's published tables give the prior-year figures; the JSON (if any) the rest. */
async function readPriorWorkbook(
  file: string,
  current: CheckResult,
  fromJson: PriorYearInput | undefined,
  io: CliIo,
): Promise<PriorYearInput> {
  const { recognizeWorkbook } = await import("../core/recognition");
  const { departmentOfModel, mergePrior, priorFromModel } = await import("../core/narrative/prior-workbook");
  let priorBook;
  try {
    priorBook = await readXlsxFile(file);
  } catch (err) {
    throw new CliError(`上年公开表无法读取：${reasonOf(err)}`);
  }
  const { model } = recognizeWorkbook(priorBook);
  const { prior, taken, warnings } = priorFromModel(model, {
    year: current.model.year,
    department: departmentOfModel(current.model),
  });
  for (const w of warnings) io.stderr(`警告：${w}\n`);
  if (taken.length > 0) io.stderr(`已从上年公开表读取：${taken.join("、")}\n`);
  const merged = mergePrior(prior, fromJson);
  for (const c of merged.conflicts) io.stderr(`提示：上年公开表与上年数据 JSON 不一致，采用公开表的数字（${c}）\n`);
  return merged.prior;
}

async function readPrior(file: string, io: CliIo): Promise<PriorYearInput> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    throw new CliError(`无法读取上年数据文件：${file}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    const detail = err instanceof Error ? err.message.split("\n")[0] : "";
    throw new CliError(`上年数据文件不是有效的 JSON：${file}${detail ? `（${detail}）` : ""}`);
  }
  const { priorFromJson } = await import("../core/narrative/prior");
  const { prior, problems } = priorFromJson(value);
  for (const p of problems) io.stderr(`上年数据：${p}\n`);
  return prior;
}
