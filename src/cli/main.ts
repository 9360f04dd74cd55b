/**
 * budget-check: the command-line host of the engine.
 *
 *   budget-check validate <file.xlsx> [--json] [--catalog <file>] [--annotate <out.xlsx>] [--weights 90|100] [--rules <file.txt>]
 *   budget-check narrate  <file.xlsx> [--prior <file.json>] [--out <file.docx|file.md>] [--share-decimals 1|2]
 *
 * Exit codes (a contract other tools rely on): 0 no error-severity finding, 1 at least one, 2 the input cannot be
 * read (one-line Chinese reason on stderr; nothing on stdout).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { parseArgs, type ParseArgsConfig } from "util";
import { readXlsxFile, XlsxReadError } from "../hosts/xlsx/reader";
import { AnnotateError, writeAnnotatedCopy } from "../hosts/xlsx/annotate";
import { readCatalogFile } from "../hosts/xlsx/catalog-file";
import { checkWorkbook, type CheckResult } from "../core/engine";
import { catalogFromRows } from "../core/catalog";
import type { CheckOptions } from "../core/model/findings";
import { generateNarrative, narrativeToDocx, narrativeToMarkdown, priorFromJson } from "../core/narrative";
import type { PriorYearInput } from "../core/narrative/types";
import { formatTextReport, toJsonReport } from "./report";
import { readRulesFile } from "./rules-file";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

/** An expected failure with a one-line Chinese reason (bad arguments, unreadable input). */
export class CliError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const USAGE = `用法：
  budget-check validate <文件.xlsx> [--json] [--catalog <科目表.xlsx|csv>] [--annotate <输出.xlsx>] [--weights 90|100] [--rules <审核公式.txt>]
  budget-check narrate <文件.xlsx> [--prior <上年数据.json>] [--out <输出.docx|输出.md>] [--share-decimals 1|2]

  validate   校验部门预算公开表，按表和严重程度输出问题清单
    --json       以 JSON 输出（标准输出仅一个 JSON 对象）
    --catalog    加载官方科目表（编码、名称两列），按官方科目表严格核对科目名称
    --annotate   另存一份标注副本：问题单元格填色，并新增“校验结果”工作表（原文件不变）
    --weights    每个项目绩效指标权重之和，默认 90（预算执行率 10 分另计），可设为 100
    --rules      加载审核公式文件（每行一条公式，写法见 docs/formulas.md），与内置规则一并校验
  narrate    根据公开表生成“第三部分 预算情况说明”和“第四部分 名词解释”
    --prior      上年度数据 JSON（上年预算总额、“三公”经费、机关运行经费等），缺少的数据以【待补充：…】标出
    --out        写入 .docx 或 .md 文件；省略时在标准输出打印 Markdown

退出码：0 无错误；1 存在“错误”级问题；2 文件无法读取或参数有误。`;

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
}

function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  };
}

function reasonOf(err: unknown): string {
  if (err instanceof CliError) return err.reason;
  if (err instanceof XlsxReadError) return err.reason;
  if (err instanceof AnnotateError) return err.reason;
  const message = err instanceof Error ? err.message : String(err);
  return `处理失败：${message.split("\n")[0]}`;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "-h" || command === "--help" || command === "help") {
    io.stdout(`${USAGE}\n`);
    return command ? EXIT_OK : EXIT_UNREADABLE;
  }
  if (command === "validate") return validateCommand(rest, io);
  if (command === "narrate") return narrateCommand(rest, io);
  throw new CliError(`未知命令“${command}”。可用命令：validate、narrate（budget-check --help 查看用法）`);
}

function parse(rest: string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args: rest, options, allowPositionals: true, strict: true });
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

async function validateCommand(rest: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(rest, {
    json: { type: "boolean" },
    catalog: { type: "string" },
    annotate: { type: "string" },
    weights: { type: "string" },
    rules: { type: "string" },
  });
  const file = singleFile(positionals);
  const options: CheckOptions = { weightTotal: parseWeights(values.weights as string | undefined) };
  if (typeof values.rules === "string") {
    const rules = await readRulesFile(values.rules);
    if (!rules.ok) throw new CliError(rules.message);
    options.formulas = rules.formulas;
  }
  if (typeof values.catalog === "string") {
    const { rows, fileName } = await readCatalogFile(values.catalog);
    const { catalog, problems } = catalogFromRows(rows, fileName);
    if (catalog.size() === 0) throw new CliError(`官方科目表“${fileName}”中没有可用的科目（需要编码、名称两列）`);
    options.officialCatalog = catalog;
    if (!values.json) {
      io.stderr(
        `已加载官方科目表“${fileName}”：${catalog.size()} 个科目${problems.length ? `，跳过 ${problems.length} 行` : ""}\n`,
      );
    }
  }
  const annotatePath = values.annotate as string | undefined;
  if (annotatePath !== undefined) assertDistinctOutput(file, annotatePath);

  const workbook = await readXlsxFile(file);
  const result = checkWorkbook(workbook, options);

  if (annotatePath !== undefined) {
    await writeAnnotatedCopy(file, result.findings, annotatePath, { tables: result.tables });
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(toJsonReport(file, result))}\n`);
  } else {
    io.stdout(formatTextReport(file, result));
    if (annotatePath !== undefined) io.stdout(`\n已写出标注副本：${annotatePath}（原文件未改动）\n`);
  }
  return hasErrors(result) ? EXIT_FINDINGS : EXIT_OK;
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
    prior: { type: "string" },
    out: { type: "string" },
    "share-decimals": { type: "string" },
  });
  const file = singleFile(positionals);
  const out = values.out as string | undefined;
  if (out !== undefined && !/\.(docx|md)$/i.test(out)) throw new CliError(`--out 须为 .docx 或 .md 文件：${out}`);
  if (out !== undefined && path.resolve(out) === path.resolve(file)) throw new CliError("输出文件不能覆盖输入文件");
  const shareText = values["share-decimals"] as string | undefined;
  if (shareText !== undefined && shareText !== "1" && shareText !== "2") {
    throw new CliError(`--share-decimals 只能是 1 或 2，收到“${shareText}”`);
  }
  const prior = typeof values.prior === "string" ? await readPrior(values.prior, io) : undefined;

  const workbook = await readXlsxFile(file);
  const result = checkWorkbook(workbook);
  if (result.template !== "sichuan-14") {
    throw new CliError(
      "预算情况说明的生成目前只支持四川省14张表模板；该工作簿为全国通用9张表模板，未生成说明（validate 校验不受影响）",
    );
  }
  const doc = generateNarrative(result.model, prior, {
    structureShareDecimals: shareText === "2" ? 2 : 1,
  });
  if (out === undefined) {
    io.stdout(narrativeToMarkdown(doc));
  } else if (/\.docx$/i.test(out)) {
    await fs.writeFile(out, await narrativeToDocx(doc));
    io.stderr(`已写出 ${out}\n`);
  } else {
    await fs.writeFile(out, narrativeToMarkdown(doc), "utf8");
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
  const { prior, problems } = priorFromJson(value);
  for (const p of problems) io.stderr(`上年数据：${p}\n`);
  return prior;
}
