/**
 * npm run bench: prints, and writes to bench-results.json (path printed):
 *   1. scale: consistent workbooks of 1, 10, 100 and 1,000 budget units from the corrected example (units sharing project
 *      names, as examples/department-10-units.xlsx) — read time, engine
 *      time, end-to-end time, peak memory and time per 1,000 rows, so that a reader or a rule that grows faster
 *      than the cells shows at once (each size in a fresh child process; median of RUNS runs);
 *   2. batch: 100 example-sized workbooks in one `budget-check validate <folder> --json` — files/s and the ratio to
 *      the sum of single runs (`--all-singles` runs all 100 singly; by default the sum is estimated from 3 single
 *      runs of each of the 4 distinct workbooks);
 *   3. CLI start-up: `node bin/budget-check.js validate examples/seed-as-published.xlsx` end to end;
 *   4. the task pane's bundle (dist/, built by `npm run bench` before this script): initial JS and lazy chunks gzipped;
 *   5. round trips to Excel of 校验 and 清除标记 on every ExcelApi level, counted by the fake Excel through the gateway
 *      (scripts/office-syncs.ts).
 * Pass --exceljs to also time exceljs's reader on the scale files (slow: quadratic in merged ranges).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { writeBudgetWorkbook } from "./examples/build-workbook";
import { MULTI_UNIT_LAYOUT } from "./build-examples";
import { correctedSeed2024 } from "../examples/data/corrected";
import { seed2024 } from "../examples/data/seed2024";
import { INITIAL_JS_LIMIT_BYTES, bundleSizes, type BundleSizes } from "./bundle-size";
import { readXlsxFile } from "../src/hosts/xlsx/reader";
import { checkWorkbook } from "../src/core/engine";
import { toJsonReport } from "../src/core/report/json";

const SIZES = [1, 10, 100, 1000];
const RUNS = 3;
const BATCH_FILES = 100;
const STARTUP_RUNS = 5;
const STARTUP_TARGET_S = 0.25;
const BATCH_TARGET_S = 30;

/** The project root (the folder with package.json), from the compiled or the source location of this script. */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("package.json not found");
    dir = up;
  }
  return dir;
}
const ROOT = projectRoot();
const BIN = path.join(ROOT, "bin", "budget-check.js");

/** Wall time of one `node bin/budget-check.js …` run, in seconds, and its exit code. */
function timeCli(args: string[]): { seconds: number; status: number | null; stdout: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, status: r.status, stdout: r.stdout };
}

interface BatchMeasurement {
  files: number;
  threads: number;
  batchSeconds: number;
  filesPerSecond: number;
  sumOfSingleRunsSeconds: number;
  sumOfSingleRunsMethod: string;
  ratioToSumOfSingles: number;
  exitCode: number | null;
  summary: unknown;
}

/** 100 workbooks (4 distinct ones × 25, in 4 sub-folders), one batch run, and the single runs to compare with. */
async function measureBatch(allSingles: boolean): Promise<BatchMeasurement> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "budget-batch-bench-"));
  try {
    const kinds = [
      path.join(dir, "kind-published.xlsx"),
      path.join(dir, "kind-corrected.xlsx"),
      path.join(dir, "kind-joined.xlsx"),
      path.join(dir, "kind-yuan.xlsx"),
    ];
    fs.copyFileSync(path.join(ROOT, "examples", "seed-as-published.xlsx"), kinds[0]);
    fs.copyFileSync(path.join(ROOT, "examples", "seed-corrected.xlsx"), kinds[1]);
    await writeBudgetWorkbook(kinds[2], correctedSeed2024(), { codeStyle: "joined", offset: { rows: 1, cols: 1 } });
    await writeBudgetWorkbook(kinds[3], seed2024(), { unit: "元", amountsAs: "text" });
    const folder = path.join(dir, "各部门");
    const files: { file: string; kind: number }[] = [];
    for (let i = 0; i < BATCH_FILES; i++) {
      const sub = path.join(folder, `片区${(i % 4) + 1}`);
      fs.mkdirSync(sub, { recursive: true });
      const file = path.join(sub, `部门${String(i + 1).padStart(3, "0")}.xlsx`);
      fs.copyFileSync(kinds[i % kinds.length], file);
      files.push({ file, kind: i % kinds.length });
    }
    const batch = timeCli(["validate", folder, "--json"]);
    const summary = (JSON.parse(batch.stdout) as { summary: { files: number } }).summary;
    if (summary.files !== BATCH_FILES) throw new Error(`batch checked ${summary.files} files, expected ${BATCH_FILES}`);
    let sum = 0;
    let method: string;
    if (allSingles) {
      for (const f of files) sum += timeCli(["validate", f.file, "--json"]).seconds;
      method = `all ${BATCH_FILES} files run singly`;
    } else {
      const perKind = kinds.map((k) => {
        const times = [0, 1, 2].map(() => timeCli(["validate", k, "--json"]).seconds);
        return times.reduce((a, b) => a + b, 0) / times.length;
      });
      sum = files.reduce((s, f) => s + perKind[f.kind], 0);
      method =
        "estimated: mean of 3 single runs of each of the 4 distinct workbooks × their 25 copies (--all-singles runs all)";
    }
    const threads =
      Number(process.env.BUDGET_CHECK_THREADS) ||
      (typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length);
    return {
      files: BATCH_FILES,
      threads,
      batchSeconds: batch.seconds,
      filesPerSecond: BATCH_FILES / batch.seconds,
      sumOfSingleRunsSeconds: sum,
      sumOfSingleRunsMethod: method,
      ratioToSumOfSingles: batch.seconds / sum,
      exitCode: batch.status,
      summary,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function measureStartup(): { runs: number; medianSeconds: number; minSeconds: number; command: string } {
  const file = path.join(ROOT, "examples", "seed-as-published.xlsx");
  timeCli(["validate", file]); // warm the file cache
  const times = Array.from({ length: STARTUP_RUNS }, () => timeCli(["validate", file]).seconds);
  return {
    runs: STARTUP_RUNS,
    medianSeconds: median(times),
    minSeconds: Math.min(...times),
    command: "node bin/budget-check.js validate examples/seed-as-published.xlsx",
  };
}

/** One row of scripts/office-syncs.ts --json (not imported: that script pulls the fake Excel, test code, into the build). */
interface SyncFigures {
  level: string;
  findings: number;
  marked: number;
  check: number;
  recheck: number;
  clear: number;
}

function measureSyncs(): SyncFigures[] {
  // The Office helper's measurement (scripts/office-syncs.ts), run with ts-node: the fake Excel is test code.
  const out = execFileSync(
    process.execPath,
    [
      "-r",
      "ts-node/register/transpile-only",
      path.join(ROOT, "scripts", "office-syncs.ts"),
      path.join(ROOT, "examples", "seed-as-published.xlsx"),
      "--json",
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  return JSON.parse(out) as SyncFigures[];
}

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

  const batch = await measureBatch(args.includes("--all-singles"));
  const startup = measureStartup();
  const distDir = path.join(ROOT, "dist");
  const bundle: BundleSizes | { todo: string } = fs.existsSync(path.join(distDir, "taskpane.html"))
    ? bundleSizes(distDir)
    : { todo: "dist/ is missing: npm run bench builds it (npm run build)" };
  const syncs = measureSyncs();

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

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  lines.push("");
  lines.push(
    `批量：${batch.files} 个示例大小的工作簿，${batch.threads} 个线程，${batch.batchSeconds.toFixed(2)} s（目标 ≤ ${BATCH_TARGET_S} s），` +
      `${batch.filesPerSecond.toFixed(1)} 个/秒；逐个运行之和 ${batch.sumOfSingleRunsSeconds.toFixed(2)} s，比值 ${batch.ratioToSumOfSingles.toFixed(3)}（目标 ≤ 0.5）`,
  );
  lines.push(`  逐个运行之和：${batch.sumOfSingleRunsMethod}`);
  lines.push(
    `命令行启动（${startup.command}）：中位数 ${startup.medianSeconds.toFixed(3)} s，最快 ${startup.minSeconds.toFixed(3)} s（${startup.runs} 次；目标 ≤ ${STARTUP_TARGET_S} s）`,
  );
  if ("todo" in bundle) lines.push(`任务窗格包大小：${bundle.todo}`);
  else {
    lines.push(
      `任务窗格初始 JS：${kb(bundle.initialGzipBytes)} gzip（${bundle.initial.map((x) => x.file).join("、")}；上限 ${kb(INITIAL_JS_LIMIT_BYTES)}）；` +
        `按需加载 ${bundle.lazy.length} 个分块共 ${kb(bundle.lazyGzipBytes)} gzip`,
    );
  }
  for (const r of syncs) {
    lines.push(
      `与 Excel 的往返（模拟 Excel，ExcelApi ${r.level}，${r.findings} 个问题，标记 ${r.marked} 个单元格）：` +
        `校验 ${r.check} 次，再次校验 ${r.recheck} 次，清除标记 ${r.clear} 次`,
    );
  }

  const resultsFile = path.join(ROOT, "bench-results.json");
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    scale: results,
    batch,
    startup: { ...startup, targetSeconds: STARTUP_TARGET_S },
    bundle: "todo" in bundle ? bundle : { ...bundle, initialLimitBytes: INITIAL_JS_LIMIT_BYTES },
    syncs,
  };
  fs.writeFileSync(resultsFile, `${JSON.stringify(json, null, 2)}\n`);
  lines.push("", `结果已写入 ${resultsFile}`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((err) => {
  process.stderr.write(`基准测试失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
