/**
 * Shared helpers of the whole-workbook integration tests: read the example workbooks, build others in memory
 * (builder → buffer → xlsx reader, never via disk), locate cells through the builder's plan, mutate one cell of a
 * WorkbookData without touching the original, and print findings readably.
 */
import * as fs from "fs";
import * as path from "path";
import {
  buildBudgetWorkbook,
  locateIn,
  planWorkbook,
  workbookToBuffer,
  type LayoutOptions,
  type Located,
  type RowMatcher,
  type WorkbookPlan,
} from "../../scripts/examples/build-workbook";
import type { SeedData } from "../../examples/data/types";
import { checkWorkbook, type CheckResult } from "../../src/core/engine";
import type { Finding } from "../../src/core/model/findings";
import type { TableId } from "../../src/core/model/tables";
import { a1, type CellRef, type CellValue, type WorkbookData } from "../../src/core/model/workbook";
import { readXlsxBuffer } from "../../src/hosts/xlsx/reader";

export const ROOT = path.join(__dirname, "..", "..");
export const OUTPUT_DIR = path.join(ROOT, "test-output", "integration");

/** An example workbook of examples/, read with the xlsx host. */
export function readExample(name: string): WorkbookData {
  return readXlsxBuffer(new Uint8Array(fs.readFileSync(path.join(ROOT, "examples", name))), name);
}

/** Builds a workbook in memory and reads it back through the xlsx host. */
export async function buildAndRead(data: SeedData, layout: LayoutOptions = {}): Promise<WorkbookData> {
  const bytes = await workbookToBuffer(buildBudgetWorkbook(data, layout));
  return readXlsxBuffer(bytes, "built.xlsx");
}

/** "Sheet!A1" for a cell reference. */
export const addr = (c: CellRef | undefined): string => (c ? `${c.sheet}!${a1(c.row, c.col)}` : "(no cell)");

/** "Sheet!A1" for a located cell. */
export const locAddr = (l: { sheet: string; address: string }): string => `${l.sheet}!${l.address}`;

export function describeFinding(f: Finding): string {
  return `${f.severity} ${f.rule} [${f.table ?? "-"}] ${addr(f.cells[0])}${f.cells.length > 1 ? ` (+${f.cells.length - 1})` : ""}: ${f.message}`;
}

export const loud = (fs: Finding[]): Finding[] => fs.filter((f) => f.severity !== "info");

/** A cell's value in a workbook (null when empty or absent). */
export function cellValue(wb: WorkbookData, at: { sheet: string; row: number; col: number }): CellValue {
  const sheet = wb.sheets.find((s) => s.name === at.sheet);
  if (!sheet) throw new Error(`no sheet ${at.sheet}`);
  return sheet.rows[at.row]?.[at.col] ?? null;
}

/** A copy of the workbook with one cell changed (shared with the mutation sweep). */
export { withCell } from "../../scripts/mutation-sweep";

/** A copy of the workbook without the named sheets. */
export function withoutSheets(wb: WorkbookData, names: string[]): WorkbookData {
  return { ...wb, sheets: wb.sheets.filter((s) => !names.includes(s.name)) };
}

/** value + delta without binary-float residue (753.71 + 0.01 = 753.72 exactly as the decimal). */
export function plus(value: CellValue, delta: number): number {
  if (typeof value !== "number") throw new Error(`not a number: ${String(value)}`);
  return Math.round((value + delta) * 1e6) / 1e6;
}

/** Cell locator bound to one plan (the plan of the data/layout the workbook was built from). */
export class Locator {
  constructor(readonly plan: WorkbookPlan) {}
  static of(data: SeedData, layout: LayoutOptions = {}): Locator {
    return new Locator(planWorkbook(data, layout));
  }
  at(table: TableId, row: RowMatcher, column: string): Located {
    return locateIn(this.plan, table, row, column);
  }
  sheetOf(table: TableId): string {
    const t = this.plan.tables[table];
    if (!t) throw new Error(`no table ${table} in the plan`);
    return t.sheet;
  }
  /** The table whose plan area holds the cell (undefined outside every table). */
  tableAt(c: CellRef): TableId | undefined {
    for (const t of Object.values(this.plan.tables)) {
      if (t && t.sheet === c.sheet && c.row >= t.top && c.row <= t.bottom && c.col >= t.left && c.col <= t.right)
        return t.id;
    }
    return undefined;
  }
}

export function check(wb: WorkbookData): CheckResult {
  return checkWorkbook(wb);
}

/** Writes a diagnostic JSON file under test-output/integration (the only place these tests write to). */
export function writeOutput(name: string, data: unknown): void {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUTPUT_DIR, name), JSON.stringify(data, null, 2));
}

/** The workbook a plan describes, straight from its cells (no xlsx round trip: for sizes the writer makes slow). */
export function planToWorkbookData(plan: WorkbookPlan): WorkbookData {
  return {
    sheets: plan.sheets.map((s) => {
      const rows: CellValue[][] = [];
      for (const c of s.cells) (rows[c.row] ??= [])[c.col] = c.value;
      return {
        name: s.name,
        rows,
        merges: s.merges.map(({ top, left, bottom, right }) => ({ top, left, bottom, right })),
      };
    }),
  };
}
