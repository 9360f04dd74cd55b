/**
 * Mutation sweep: how well the engine pinpoints a single wrong amount.
 *
 * Reads examples/seed-corrected.xlsx once, enumerates every non-empty amount cell of the recognised model (ledger row
 * amounts, 表1/表2 summary line amounts, 表6 department and project budgets, 表7 funds and task amounts), and for each
 * creates two in-memory mutants (+1.00 and +0.01 in the table's unit; only the mutated row array is cloned). Each
 * mutant is checked and classified:
 *   pinpointed — some error/warning finding has cells[0] at the mutated cell;
 *   listed     — the cell appears in some error/warning finding's cells, but never first;
 *   missed     — no error/warning finding mentions the cell.
 * Prints per-table and overall counts and rates; writes the non-pinpointed cases of each workbook to its own file,
 * test-output/mutation-sweep-corrected.json and test-output/mutation-sweep-units-N.json.
 *
 * Run: node -r ts-node/register/transpile-only scripts/mutation-sweep.ts [--every N] [--delta 1|0.01]
 *      [--units N (default 10)] [--units-every N (every Nth cell of the multi-unit example; default 10 × --every)]
 */
import * as fs from "fs";
import * as path from "path";
import { checkWorkbook } from "../src/core/engine";
import { recognizeWorkbook } from "../src/core/recognition";
import type { Finding } from "../src/core/model/findings";
import type { TableId } from "../src/core/model/tables";
import { TABLE_IDS } from "../src/core/model/tables";
import { a1, type CellRef, type CellValue, type WorkbookData } from "../src/core/model/workbook";
import { readXlsxBuffer } from "../src/hosts/xlsx/reader";

export type Outcome = "pinpointed" | "listed" | "missed";

export interface AmountCell {
  table: TableId;
  cell: CellRef;
  /** What the cell is, e.g. "row 2080505 basic" or "income grandTotal". */
  what: string;
}

export interface SweepCase extends AmountCell {
  delta: number;
  outcome: Outcome;
  /** The loud findings of the mutant: rule, first cell and cell count. */
  findings: string[];
  /** Number of error/warning findings the fault raised. */
  loud: number;
}

export interface SweepResult {
  cases: SweepCase[];
  /** Counts per table and delta. */
  byTable: Record<string, Record<Outcome, number>>;
  total: Record<string, Record<Outcome, number>>;
}

const ROOT = path.join(__dirname, "..");

export function readCorrected(): WorkbookData {
  const file = path.join(ROOT, "examples", "seed-corrected.xlsx");
  return readXlsxBuffer(new Uint8Array(fs.readFileSync(file)), "seed-corrected.xlsx");
}

const keyOf = (c: CellRef) => `${c.sheet}\u0000${c.row}\u0000${c.col}`;
export const address = (c: CellRef | undefined): string => (c ? `${c.sheet}!${a1(c.row, c.col)}` : "(no cell)");

/** Every non-empty amount cell of the recognised model, in table order, each once. */
export function amountCells(wb: WorkbookData): AmountCell[] {
  const { model } = recognizeWorkbook(wb);
  const out: AmountCell[] = [];
  const seen = new Set<string>();
  const add = (table: TableId, cell: CellRef | undefined, what: string) => {
    if (!cell || seen.has(keyOf(cell))) return;
    seen.add(keyOf(cell));
    out.push({ table, cell, what });
  };
  for (const id of TABLE_IDS) {
    const t = model.tables[id];
    if (!t) continue;
    if (t.kind === "ledger") {
      for (const r of t.rows) {
        for (const [k, a] of Object.entries(r.amounts)) add(id, a.cell, `row ${r.code ?? r.name.trim()} ${k}`);
      }
    } else if (t.kind === "summary") {
      for (const l of [...t.income, ...t.expense]) {
        for (const [k, a] of Object.entries(l.amounts)) add(id, a.cell, `${l.side} ${l.key || l.label} ${k}`);
      }
    } else if (t.kind === "perf") {
      if (t.departmentLine?.budget) add(id, t.departmentLine.budget.cell, "department budget");
      for (const p of t.projects) if (p.budget) add(id, p.budget.cell, `project ${p.name} budget`);
    } else {
      if (t.totalFunds) add(id, t.totalFunds.cell, "totalFunds");
      if (t.fiscalFunds) add(id, t.fiscalFunds.cell, "fiscalFunds");
      if (t.otherFunds) add(id, t.otherFunds.cell, "otherFunds");
      for (const task of t.tasks) if (task.amount) add(id, task.amount.cell, `task ${task.name} amount`);
    }
  }
  return out;
}

/** value + delta, keeping a text amount as text (thousands separators dropped) and avoiding float residue. */
export function bumped(value: CellValue | undefined, delta: number): CellValue {
  if (typeof value === "number") return Math.round((value + delta) * 1e6) / 1e6;
  if (typeof value === "string") {
    const text = value.trim().replace(/,/g, "");
    const n = Number(text);
    if (text === "" || !Number.isFinite(n)) throw new Error(`not an amount: ${value}`);
    const decimals = Math.max(2, (text.split(".")[1] ?? "").length);
    return (Math.round((n + delta) * 1e6) / 1e6).toFixed(decimals);
  }
  throw new Error(`not an amount: ${String(value)}`);
}

/** A copy of the workbook with one cell changed; the original and its other sheets/rows are shared, never modified. */
export function withCell(wb: WorkbookData, at: CellRef, value: CellValue): WorkbookData {
  const si = wb.sheets.findIndex((s) => s.name === at.sheet);
  if (si < 0) throw new Error(`no sheet ${at.sheet}`);
  const sheet = wb.sheets[si];
  const rows = sheet.rows.slice();
  const row = (rows[at.row] ?? []).slice();
  row[at.col] = value;
  rows[at.row] = row;
  const sheets = wb.sheets.slice();
  sheets[si] = { ...sheet, rows };
  return { ...wb, sheets };
}

export function classify(findings: Finding[], cell: CellRef): Outcome {
  const k = keyOf(cell);
  const loud = findings.filter((f) => f.severity !== "info");
  if (loud.some((f) => f.cells[0] && keyOf(f.cells[0]) === k)) return "pinpointed";
  if (loud.some((f) => f.cells.some((c) => keyOf(c) === k))) return "listed";
  return "missed";
}

const zero = (): Record<Outcome, number> => ({ pinpointed: 0, listed: 0, missed: 0 });

/** Runs the sweep over every `every`-th amount cell for each delta. */
export function sweep(wb: WorkbookData, deltas: number[] = [1, 0.01], every = 1): SweepResult {
  const cells = amountCells(wb).filter((_, i) => i % every === 0);
  const cases: SweepCase[] = [];
  const byTable: SweepResult["byTable"] = {};
  const total: SweepResult["total"] = {};
  for (const delta of deltas) {
    total[String(delta)] = zero();
    for (const c of cells) {
      const sheet = wb.sheets.find((s) => s.name === c.cell.sheet)!;
      const mutant = withCell(wb, c.cell, bumped(sheet.rows[c.cell.row]?.[c.cell.col], delta));
      const { findings } = checkWorkbook(mutant);
      const outcome = classify(findings, c.cell);
      const loud = findings.filter((f) => f.severity !== "info");
      cases.push({
        ...c,
        delta,
        outcome,
        findings: loud.map((f) => `${f.severity} ${f.rule} ${address(f.cells[0])} (+${f.cells.length - 1})`),
        loud: loud.length,
      });
      const tk = `${c.table}@${delta}`;
      (byTable[tk] ??= zero())[outcome]++;
      total[String(delta)][outcome]++;
    }
  }
  return { cases, byTable, total };
}

/** Average number of error/warning findings one fault raises (target ≤ 1.2). */
export function findingsPerFault(cases: SweepCase[]): number {
  return cases.length === 0 ? 0 : cases.reduce((s, c) => s + c.loud, 0) / cases.length;
}

/**
 * Pinpoint rate where the data can tell: 表6 人员类/运转类 project budgets are only checked as group sums, so which
 * project of the group is off cannot be known (those mutants are listed in one finding that says so).
 */
export function tellable(c: SweepCase): boolean {
  return !(c.table === "6" && /^project /.test(c.what) && c.outcome === "listed");
}

/** A consistent multi-unit department built from the corrected example (units share project names). */
export async function readMultiUnit(units: number): Promise<WorkbookData> {
  const os = await import("os");
  const { writeBudgetWorkbook } = await import("./examples/build-workbook");
  const { correctedSeed2024 } = await import("../examples/data/corrected");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sweep-")), `units-${units}.xlsx`);
  await writeBudgetWorkbook(file, correctedSeed2024(), { units, sharedProjectNames: true });
  const wb = readXlsxBuffer(new Uint8Array(fs.readFileSync(file)), path.basename(file));
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return wb;
}

export function rate(counts: Record<Outcome, number>): number {
  const n = counts.pinpointed + counts.listed + counts.missed;
  return n === 0 ? 1 : counts.pinpointed / n;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const every = Number(opt("--every") ?? 1);
  const deltas = opt("--delta") ? [Number(opt("--delta"))] : [1, 0.01];
  const units = Number(opt("--units") ?? 10);
  // Every cell of the 10-unit example would be ~9,700 mutants (over an hour here): a sample of every 10th by default.
  const unitsEvery = Number(opt("--units-every") ?? every * 10);
  const all: SweepCase[] = [];
  const runs: [string, WorkbookData, number, string][] = [
    ["corrected example (1 unit)", readCorrected(), every, "mutation-sweep-corrected.json"],
    [
      `multi-unit example (${units} units, shared project names, ${unitsEvery === 1 ? "every cell" : `every ${unitsEvery}th cell`})`,
      await readMultiUnit(units),
      unitsEvery,
      `mutation-sweep-units-${units}.json`,
    ],
  ];
  for (const [label, wb, step, file] of runs) {
    console.log(`\n=== ${label}`);
    all.push(...report(wb, deltas, step, file));
  }
  const tell = all.filter(tellable);
  console.log(
    `\nALL: ${all.length} faults; pinpointed where the data can tell ${tell.filter((c) => c.outcome === "pinpointed").length}/${tell.length}` +
      ` (${pct(tell.filter((c) => c.outcome === "pinpointed").length / Math.max(tell.length, 1))}); missed ${all.filter((c) => c.outcome === "missed").length};` +
      ` error/warning findings per fault ${findingsPerFault(all).toFixed(2)}`,
  );
}

function report(wb: WorkbookData, deltas: number[], every: number, file: string): SweepCase[] {
  const started = Date.now();
  const baseline = checkWorkbook(wb).findings.filter((f) => f.severity !== "info");
  if (baseline.length > 0) throw new Error(`the example is not clean: ${baseline.length} findings`);
  const result = sweep(wb, deltas, every);
  for (const delta of deltas) {
    console.log(`\n+${delta.toFixed(2)}: table      cells  pinpointed  listed  missed  rate`);
    for (const id of TABLE_IDS) {
      const c = result.byTable[`${id}@${delta}`];
      if (!c) continue;
      const n = c.pinpointed + c.listed + c.missed;
      console.log(
        `       ${id.padEnd(10)} ${String(n).padStart(5)}  ${String(c.pinpointed).padStart(10)}  ${String(c.listed).padStart(6)}  ${String(c.missed).padStart(6)}  ${pct(rate(c))}`,
      );
    }
    const t = result.total[String(delta)];
    const n = t.pinpointed + t.listed + t.missed;
    console.log(
      `       ${"overall".padEnd(10)} ${String(n).padStart(5)}  ${String(t.pinpointed).padStart(10)}  ${String(t.listed).padStart(6)}  ${String(t.missed).padStart(6)}  ${pct(rate(t))}`,
    );
  }
  const misses = result.cases
    .filter((c) => c.outcome !== "pinpointed")
    .map((c) => ({
      table: c.table,
      cell: address(c.cell),
      what: c.what,
      delta: c.delta,
      outcome: c.outcome,
      findings: c.findings,
    }));
  const outDir = path.join(ROOT, "test-output");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(
    path.join(outDir, file),
    JSON.stringify({ total: result.total, byTable: result.byTable, misses }, null, 2),
  );
  console.log(
    `\n${result.cases.length} mutants in ${((Date.now() - started) / 1000).toFixed(1)} s; ${misses.length} not pinpointed → test-output/${file};` +
      ` error/warning findings per fault ${findingsPerFault(result.cases).toFixed(2)}; exactly one: ${result.cases.filter((c) => c.loud === 1).length}/${result.cases.length}`,
  );
  return result.cases;
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`变异扫描失败：${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
