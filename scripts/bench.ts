/**
 * npm run bench: builds consistent workbooks of 1, 10, 100 and 1,000 budget units from the corrected example (units sharing
 * project names, as examples/department-10-units.xlsx) and prints,
 * for each, read time, engine time, end-to-end time, peak memory and time per 1,000 rows, so that a reader or a rule
 * that grows faster than the cells shows at once.
 *
 * Each size is measured in a fresh child process (peak memory is per process); every measurement is the median of
 * RUNS runs. Pass --exceljs to also time exceljs's reader on the same files (slow: quadratic in merged ranges).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { writeBudgetWorkbook } from "./examples/build-workbook";
import { MULTI_UNIT_LAYOUT } from "./build-examples";
import { correctedSeed2024 } from "../examples/data/corrected";
import { readXlsxFile } from "../src/hosts/xlsx/reader";
import { checkWorkbook } from "../src/core/engine";
import { toJsonReport } from "../src/cli/report";

const SIZES = [1, 10, 100, 1000];
const RUNS = 3;

interface Measurement {
  units: number;
  fileKb: number;
  rows: number;
  cells: number;
  merges: number;
  readMs: number;
  engineMs: number;
  endToEndMs: number;
  peakRssMb: number;
  errors: number;
  warnings: number;
  infos: number;
  exceljsReadMs?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Child process: measure one file. */
async function measureOne(file: string, units: number, withExceljs: boolean): Promise<Measurement> {
  const reads: number[] = [];
  const engines: number[] = [];
  const totals: number[] = [];
  let last: ReturnType<typeof checkWorkbook> | undefined;
  let rows = 0;
  let cells = 0;
  let merges = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const workbook = await readXlsxFile(file);
    const t1 = process.hrtime.bigint();
    const result = checkWorkbook(workbook);
    const t2 = process.hrtime.bigint();
    JSON.stringify(toJsonReport(file, result));
    const t3 = process.hrtime.bigint();
    reads.push(Number(t1 - t0) / 1e6);
    engines.push(Number(t2 - t1) / 1e6);
    totals.push(Number(t3 - t0) / 1e6);
    last = result;
    if (i === 0) {
      for (const sheet of workbook.sheets) {
        merges += sheet.merges?.length ?? 0;
        for (const row of sheet.rows) {
          if (!row) continue;
          let nonEmpty = 0;
          for (const v of row) if (v !== null && v !== undefined && v !== "") nonEmpty++;
          if (nonEmpty > 0) rows++;
          cells += nonEmpty;
        }
      }
    }
  }
  const findings = last?.findings ?? [];
  const m: Measurement = {
    units,
    fileKb: Math.round(fs.statSync(file).size / 1024),
    rows,
    cells,
    merges,
    readMs: median(reads),
    engineMs: median(engines),
    endToEndMs: median(totals),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    infos: findings.filter((f) => f.severity === "info").length,
  };
  if (withExceljs) {
    const t0 = process.hrtime.bigint();
    await new ExcelJS.Workbook().xlsx.readFile(file);
    m.exceljsReadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return m;
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--one") {
    const m = await measureOne(args[1], Number(args[2]), args.includes("--exceljs"));
    process.stdout.write(JSON.stringify(m));
    return;
  }
  const withExceljs = args.includes("--exceljs");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "budget-bench-"));
  const data = correctedSeed2024();
  const results: Measurement[] = [];
  for (const units of SIZES) {
    const file = path.join(dir, `bench-${units}-units.xlsx`);
    await writeBudgetWorkbook(file, data, MULTI_UNIT_LAYOUT(units));
    const out = execFileSync(
      process.execPath,
      [__filename, "--one", file, String(units), ...(withExceljs ? ["--exceljs"] : [])],
      {
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    results.push(JSON.parse(out) as Measurement);
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const header = [
    "单位数",
    "文件KB",
    "非空行",
    "单元格",
    "合并区域",
    "读取ms",
    "校验ms",
    "端到端ms",
    "每千行ms",
    "峰值内存MB",
    "错误/警告/提示",
  ];
  if (withExceljs) header.push("exceljs读取ms");
  const lines = [header.join("\t")];
  for (const m of results) {
    const perK = (m.endToEndMs / m.rows) * 1000;
    const row = [
      m.units,
      m.fileKb,
      m.rows,
      m.cells,
      m.merges,
      fmt(m.readMs),
      fmt(m.engineMs),
      fmt(m.endToEndMs),
      perK.toFixed(2),
      m.peakRssMb,
      `${m.errors}/${m.warnings}/${m.infos}`,
    ];
    if (withExceljs) row.push(m.exceljsReadMs !== undefined ? fmt(m.exceljsReadMs) : "-");
    lines.push(row.join("\t"));
  }
  const small = results[1];
  const big = results[results.length - 1];
  const ratio = big.endToEndMs / big.rows / (small.endToEndMs / small.rows);
  lines.push("");
  lines.push(
    `每行耗时之比（${big.units} 单位 / ${small.units} 单位）：${ratio.toFixed(2)}（约 1 表示线性；明显大于 1 说明存在超线性的读取或规则）`,
  );
  lines.push(`中位数取自 ${RUNS} 次运行；每个规模在独立子进程中测量峰值内存。`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((err) => {
  process.stderr.write(`基准测试失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
