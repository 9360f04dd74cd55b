/**
 * budget-check check-narrative <file.xlsx> --text <file.txt|file.docx> [--prior <prior.json>] [--json]
 *
 * Checks an existing 预算情况说明 against the workbook's tables (src/core/narrative-check). `--json` prints one
 * object shaped like `validate --json`, each finding with `"quote": {"line": n, "text": "…"}` (n = 1-based line of
 * the text file, blank lines counted; for .docx the paragraph number). Exit codes as validate: 0 no error-severity
 * finding, 1 at least one, 2 an input cannot be read (one Chinese line on stderr, nothing on stdout).
 */
import { promises as fs } from "fs";
import { parseArgs } from "util";
import { readXlsxFile } from "../hosts/xlsx/reader";
import { narrativeLinesFromBytes } from "../hosts/docx";
import { checkWorkbook, type CheckResult } from "../core/engine";
import { checkNarrative, type NarrativeFinding } from "../core/narrative-check";
import { SEVERITY_LABELS, type Severity } from "../core/model/findings";
import type { PriorYearInput } from "../core/narrative/types";
import { cellLabel, toJsonReport, type JsonReport } from "./report";

export interface CheckNarrativeIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CheckNarrativeDeps {
  /** The prior-year JSON reader shared with `narrate` (throws an error with a Chinese `reason`). */
  readPrior(file: string, io: CheckNarrativeIo): Promise<PriorYearInput>;
}

export interface NarrativeJsonReport extends JsonReport {
  text: string;
  findings: (JsonReport["findings"][number] & { quote: { line: number; text: string } })[];
}

class UsageError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Runs the command; never throws: an unreadable input is exit code 2 with one Chinese line on stderr. */
export async function checkNarrativeCommand(
  rest: string[],
  io: CheckNarrativeIo,
  deps: CheckNarrativeDeps,
): Promise<number> {
  try {
    return await run(rest, io, deps);
  } catch (err) {
    const reason =
      err && typeof (err as { reason?: unknown }).reason === "string"
        ? (err as { reason: string }).reason
        : `处理失败：${(err instanceof Error ? err.message : String(err)).split("\n")[0]}`;
    io.stderr(`${reason}\n`);
    return 2;
  }
}

async function run(rest: string[], io: CheckNarrativeIo, deps: CheckNarrativeDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { text: { type: "string" }, prior: { type: "string" }, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    // Node's errors come from another realm under test runners: read the message without instanceof.
    const option = /'(-{1,2}[^']+)'/.exec(String((err as { message?: unknown } | undefined)?.message ?? err))?.[1];
    throw new UsageError(
      option ? `无法识别的参数 ${option}（budget-check --help 查看用法）` : "参数有误（budget-check --help 查看用法）",
    );
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError("请指定公开表 .xlsx 文件（budget-check --help 查看用法）");
  if (positionals.length > 1)
    throw new UsageError(`一次只能核对一个公开表文件，收到 ${positionals.length} 个：${positionals.join("、")}`);
  const file = positionals[0];
  const textFile = values.text;
  if (typeof textFile !== "string" || textFile === "")
    throw new UsageError("请用 --text 指定要核对的说明文件（.txt 或 .docx）");

  const prior =
    typeof values.prior === "string" ? await deps.readPrior(values.prior, values.json ? quietIo(io) : io) : undefined;
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(textFile);
  } catch {
    throw new UsageError(`无法读取说明文件：${textFile}`);
  }
  const { lines } = narrativeLinesFromBytes(bytes, textFile);
  const workbook = await readXlsxFile(file);
  const result = checkWorkbook(workbook);
  if (Object.keys(result.model.tables).length === 0) {
    throw new UsageError(`在“${file}”中没有找到部门预算公开表，无法核对说明`);
  }
  const findings = checkNarrative({ lines, model: result.model, prior });

  if (values.json) {
    const report: NarrativeJsonReport = {
      file,
      text: textFile,
      // The tables exactly as validate --json lists them.
      tables: toJsonReport(file, { ...result, findings: [] }).tables,
      findings: findings.map((f) => toJson(f, file, result)),
    };
    io.stdout(`${JSON.stringify(report)}\n`);
  } else {
    io.stdout(formatText(file, textFile, findings));
  }
  return findings.some((f) => f.severity === "error") ? 1 : 0;
}

/** Problems in the prior-year file go to stderr in the text mode only (stdout holds one JSON object). */
function quietIo(io: CheckNarrativeIo): CheckNarrativeIo {
  return { stdout: io.stdout, stderr: () => undefined };
}

/** validate's JSON form of a finding (report.ts, given the workbook's own check result), plus the quote. */
function toJson(f: NarrativeFinding, file: string, result: CheckResult): NarrativeJsonReport["findings"][number] {
  const [json] = toJsonReport(file, { ...result, findings: [f] }).findings;
  return { ...json, quote: f.quote };
}

function formatText(file: string, textFile: string, findings: NarrativeFinding[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const lines = [`预算情况说明核对：${textFile}（对照 ${file}）`, ""];
  if (findings.length === 0) {
    lines.push("未发现说明与公开表不一致之处。");
  } else {
    lines.push(`共 ${findings.length} 个问题：错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}。`, "");
    for (const f of findings) {
      lines.push(`第 ${f.quote.line} 行  [${SEVERITY_LABELS[f.severity]}] ${f.rule}  ${f.message}`);
      lines.push(`    原文：${f.quote.text}`);
      if (f.cells[0]) lines.push(`    表格：${f.cells.map(cellLabel).join("、")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
