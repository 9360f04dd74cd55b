/**
 * Builds the fake Excel from a real .xlsx: the example workbook (examples/seed-as-published.xlsx) plus fills of
 * its own (a user who already coloured some cells), written by exceljs and read back with exceljs — values and
 * each cell's original solid fill — independently of the xlsx host's reader.
 */
import { readFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import type { CellValue, WorkbookData } from "../../../src/core/model/workbook";
import { exceljsCellValue } from "../xlsx/helpers";

export const SEED_XLSX = join(__dirname, "../../../examples/seed-as-published.xlsx");

export interface XlsxFixture {
  buffer: Buffer;
  /** Values as exceljs reads them (merge slaves excluded). */
  workbook: WorkbookData;
  /** Original solid fills as exceljs reads them: sheet → address → "#RRGGBB". */
  fills: Record<string, Record<string, string>>;
}

/** exceljs's value as the hosts see it; an empty string is an empty cell, as Excel's used range reports it. */
function plain(cell: ExcelJS.Cell): CellValue | undefined {
  const v = exceljsCellValue(cell);
  return v === "" ? undefined : v;
}

/** The user's own fills added to the seed: [sheet index, address, ARGB]. White is a real solid white fill. */
export const USER_FILLS: [number, string, string][] = [
  [0, "A1", "FFFFFF00"],
  [0, "B5", "FF92D050"],
  [0, "B6", "FFFFFFFF"],
  [0, "B7", "FF00B0F0"],
  [1, "A4", "FFFFFF00"],
  [1, "B4", "FFFFFF00"],
  [4, "C10", "FFF4B084"],
];

async function readBack(
  buffer: Buffer,
): Promise<{ workbook: WorkbookData; fills: Record<string, Record<string, string>> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const fills: Record<string, Record<string, string>> = {};
  const workbook: WorkbookData = {
    sheets: wb.worksheets.map((ws) => {
      const rows: (CellValue | undefined)[][] = [];
      const f: Record<string, string> = {};
      ws.eachRow({ includeEmpty: true }, (row) => {
        row.eachCell({ includeEmpty: true }, (cell) => {
          const fill = cell.fill as ExcelJS.FillPattern | undefined;
          if (fill && fill.type === "pattern" && fill.pattern === "solid" && fill.fgColor?.argb)
            f[cell.address] = `#${fill.fgColor.argb.slice(2)}`;
          if (cell.type === ExcelJS.ValueType.Merge) return;
          const v = plain(cell);
          if (v === undefined) return;
          const r = Number(cell.row) - 1;
          const c = Number(cell.col) - 1;
          (rows[r] ??= [])[c] = v;
        });
      });
      fills[ws.name] = f;
      const state = ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible";
      return { name: ws.name, rows, visibility: state };
    }),
  };
  return { workbook, fills };
}

/** The seed workbook with USER_FILLS, as a real .xlsx. */
export async function loadFixture(): Promise<XlsxFixture> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(SEED_XLSX) as unknown as ArrayBuffer);
  for (const [i, address, argb] of USER_FILLS) {
    // A fresh style object: exceljs shares style objects between cells, so assigning .fill would recolour others.
    const cell = wb.worksheets[i].getCell(address);
    cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb } } };
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, ...(await readBack(buffer)) };
}

/** A synthetic workbook of `sheets` sheets with a small table each. */
export function syntheticWorkbook(sheets: number, rows = 20, cols = 6): WorkbookData {
  return {
    sheets: Array.from({ length: sheets }, (_, s) => ({
      name: `表${s + 1}`,
      rows: Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => (r === 0 ? `列${c + 1}` : r * 100 + c)),
      ),
    })),
  };
}

/** Normalises a WorkbookData for comparison: sheet → visibility and "A1" → value for cells with a value. */
export function comparable(wb: WorkbookData): { name: string; visibility: string; cells: Record<string, CellValue> }[] {
  const letters = (c: number): string => {
    let n = c + 1;
    let s = "";
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  return wb.sheets.map((s) => {
    const cells: Record<string, CellValue> = {};
    s.rows.forEach((row, r) =>
      row?.forEach((v, c) => {
        if (v !== undefined && v !== null && v !== "") cells[`${letters(c)}${r + 1}`] = v;
      }),
    );
    return { name: s.name, visibility: s.visibility ?? "visible", cells };
  });
}
