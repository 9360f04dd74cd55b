/** Test helpers: exceljs as the reference reader, and hand-built .xlsx packages for cases exceljs never writes. */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { strToU8, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { columnLetters, type CellValue, type MergedRange, type WorkbookData } from "../../../src/core/model/workbook";

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "xlsx-host-test-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The displayed value of an exceljs cell, in the WorkbookData model's terms (undefined for no value). */
export function exceljsCellValue(cell: ExcelJS.Cell): CellValue | undefined {
  const v = cell.value as unknown;
  return plain(v);
}

function plain(v: unknown): CellValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) throw new Error("dates are not expected in these tests");
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
  if ("error" in o) return String(o.error);
  if ("formula" in o || "sharedFormula" in o) return plain(o.result);
  if ("text" in o && "hyperlink" in o) return plain(o.text);
  throw new Error(`unexpected exceljs value ${JSON.stringify(v)}`);
}

export interface ComparableSheet {
  name: string;
  visibility: string;
  /** "A1" -> value, only cells with a value (merge slaves excluded). */
  cells: Record<string, CellValue>;
  merges: string[];
}

/** Reads a file with exceljs into a comparable shape. */
export async function readWithExceljs(path: string): Promise<ComparableSheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((ws) => {
    const cells: Record<string, CellValue> = {};
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // exceljs repeats the master's value in every cell of a merged range; the file stores it once.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const v = exceljsCellValue(cell);
        if (v !== undefined) cells[cell.address] = v;
      });
    });
    const merges = Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges)
      .map((master) => String((ws as unknown as { _merges: Record<string, { range: string }> })._merges[master].range))
      .sort();
    return { name: ws.name, visibility: ws.state ?? "visible", cells, merges };
  });
}

function rangeText(m: MergedRange): string {
  return `${columnLetters(m.left)}${m.top + 1}:${columnLetters(m.right)}${m.bottom + 1}`;
}

/** Our model in the same comparable shape. */
export function comparable(wb: WorkbookData): ComparableSheet[] {
  return wb.sheets.map((s) => {
    const cells: Record<string, CellValue> = {};
    s.rows.forEach((row, r) => {
      row?.forEach((v, c) => {
        if (v !== undefined && v !== null) cells[`${columnLetters(c)}${r + 1}`] = v;
      });
    });
    return {
      name: s.name,
      visibility: s.visibility ?? "visible",
      cells,
      merges: (s.merges ?? []).map(rangeText).sort(),
    };
  });
}

const CT_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export interface HandSheet {
  name: string;
  state?: "hidden" | "veryHidden";
  /** Inner XML of <sheetData>. */
  sheetData: string;
  /** Extra XML after sheetData (e.g. <mergeCells>). */
  after?: string;
}

/** A minimal but valid .xlsx package built by hand, for XML shapes exceljs does not write. */
export function handXlsx(sheets: HandSheet[], sharedStrings?: string[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const ct = [
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`,
    `<Default Extension="xml" ContentType="application/xml"/>`,
    `<Override PartName="/xl/workbook.xml" ContentType="${CT_MAIN}"/>`,
    ...sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_SHEET}"/>`),
    ...(sharedStrings ? [`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT_SST}"/>`] : []),
  ];
  files["[Content_Types].xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${ct.join("")}</Types>`,
  );
  files["_rels/.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files["xl/workbook.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R}"><sheets>${sheets
      .map(
        (s, i) =>
          `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
      )
      .join("")}</sheets></workbook>`,
  );
  const rels = sheets.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  if (sharedStrings)
    rels.push(`<Relationship Id="rId${sheets.length + 1}" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`);
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`,
  );
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${s.sheetData}</sheetData>${s.after ?? ""}</worksheet>`,
    );
  });
  if (sharedStrings) {
    files["xl/sharedStrings.xml"] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.join("")}</sst>`,
    );
  }
  return zipSync(files);
}
