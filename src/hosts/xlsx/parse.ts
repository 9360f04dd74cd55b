/**
 * A small .xlsx reader whose cost grows linearly with the cells (exceljs's reader is quadratic in merged
 * ranges, see ../shared/domain/performance-notes.md). It unzips only the parts it needs with fflate and reads
 * them with the SAX parser saxes, producing the host-neutral WorkbookData (0-based absolute rows[r][c]).
 *
 * Read: workbook.xml (sheet names, order, state), its relationships, sharedStrings.xml (plain and rich text,
 * phonetic runs excluded), each worksheet (values and cached formula results) and its merged ranges.
 * Not read: styles, number formats (dates stay serial numbers), chart sheets, comments.
 *
 * Browser-safe (no fs): the task pane uses it to read an official catalog chosen by the user.
 *
 * Hostile files end in an XlsxReadError, never in a hang or an exhausted heap: the zip reader (unzip.ts) bounds
 * entries and inflated sizes, and the cells, text and coordinates read here are bounded too (src/core/limits.ts).
 */
import { SaxesParser } from "saxes";
import { LIMITS, formatBytes, formatCount, type Limits } from "../../core/limits";
import type { CellValue, MergedRange, SheetData, WorkbookData } from "../../core/model/workbook";
import { XlsxReadError } from "./errors";
import { assertZip } from "./sniff";
import { InflateBudget, ZipError, listZip, readEntry, type ZipEntry } from "./unzip";

export { XlsxReadError } from "./errors";
export type { XlsxReadErrorCode } from "./errors";

/** Reads .xlsx bytes. `fileName` only labels errors; `limits` are lowered by tests only. */
export function readXlsxBuffer(data: Uint8Array, fileName?: string, limits: Limits = LIMITS): WorkbookData {
  if (data.length > limits.workbookFileBytes) throw fileTooLarge(data.length, fileName, limits);
  assertZip(data, fileName);
  try {
    return readPackage(data, fileName, limits);
  } catch (err) {
    if (err instanceof XlsxReadError) throw err;
    if (err instanceof ZipError) {
      if (err.kind === "too-large") throw tooLarge(err.detail, fileName);
      throw damaged(err.detail, fileName);
    }
    // A RangeError here means an allocation failed: the file asked for more memory than it may have.
    if (err instanceof RangeError) throw tooLarge("内容超出可处理的范围", fileName);
    throw damaged("压缩包结构无效或内容不完整", fileName);
  }
}

/** The reason for a file over LIMITS.workbookFileBytes (the CLI checks the size before reading, too). */
export function fileTooLarge(bytes: number, fileName?: string, limits: Limits = LIMITS): XlsxReadError {
  return tooLarge(`文件大小 ${formatBytes(bytes)} 超过上限 ${formatBytes(limits.workbookFileBytes)}`, fileName);
}

function tooLarge(detail: string, fileName?: string): XlsxReadError {
  return new XlsxReadError("too-large", `文件过大或结构异常，已停止读取：${detail}`, fileName);
}

function damaged(detail: string, fileName?: string): XlsxReadError {
  return new XlsxReadError("damaged", `文件已损坏，无法读取：${detail}`, fileName);
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

interface SheetEntry {
  name: string;
  relId: string;
  visibility: SheetData["visibility"];
}

type Unzipped = Record<string, Uint8Array>;

/** The archive being read: its entries by name and by lower-case name, and the inflated-size budget. */
interface Archive {
  data: Uint8Array;
  byName: Map<string, ZipEntry>;
  budget: InflateBudget;
  limits: Limits;
}

/** The zip's entries by lower-case name, so that odd-cased part names written by some tools still resolve. */
function listEntries(archive: Archive): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of archive.byName.values()) names.set(e.name.toLowerCase(), e.name);
  return names;
}

function extract(archive: Archive, wanted: string[]): Unzipped {
  const out: Unzipped = {};
  for (const name of new Set(wanted)) {
    const entry = archive.byName.get(name);
    if (entry) out[name] = readEntry(archive.data, entry, archive.budget, archive.limits.partBytes);
  }
  return out;
}

const decoder = new TextDecoder("utf-8");

function readPackage(bytes: Uint8Array, fileName: string | undefined, limits: Limits): WorkbookData {
  const data: Archive = {
    data: bytes,
    byName: new Map(listZip(bytes, limits.zipEntries).map((e) => [e.name, e])),
    budget: new InflateBudget(limits.inflatedBytes),
    limits,
  };
  const entries = listEntries(data);
  const actual = (p: string) => entries.get(p.toLowerCase());

  // The main part is named by the package relationships; xl/workbook.xml is the usual default.
  let workbookPath = "xl/workbook.xml";
  const rootRelsName = actual("_rels/.rels");
  if (rootRelsName) {
    const rootRels = parseRels(
      partText(extract(data, [rootRelsName]), rootRelsName, fileName),
      "",
      rootRelsName,
      fileName,
    );
    const main = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type) && actual(r.target));
    if (main && /\.xml$/i.test(main.target)) workbookPath = main.target;
  }
  const workbookName = actual(workbookPath);
  if (!workbookName) throw notWorkbook(entries, fileName);

  const baseDir = workbookPath.includes("/") ? workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1) : "";
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const relsName = actual(relsPath);
  const first = extract(data, relsName ? [workbookName, relsName] : [workbookName]);
  const sheetEntries = parseWorkbook(partText(first, workbookName, fileName), workbookName, fileName);
  const rels = relsName ? parseRels(partText(first, relsName, fileName), baseDir, relsName, fileName) : [];
  const relById = new Map(rels.map((r) => [r.id, r]));

  // Only worksheets hold cells; chart sheets and dialog sheets are skipped, as exceljs does.
  const sheetParts: { entry: SheetEntry; part: string }[] = [];
  for (const entry of sheetEntries) {
    const rel = relById.get(entry.relId);
    if (!rel) {
      // Without a relationship the sheet cannot be located; a workbook written by Excel always has one.
      if (!relsName) throw damaged("缺少工作簿关系部件（workbook.xml.rels）", fileName);
      throw damaged(`工作表“${entry.name}”的数据部件缺失`, fileName);
    }
    if (!REL_WORKSHEET.test(rel.type)) continue;
    const part = actual(rel.target);
    if (!part) throw damaged(`工作表“${entry.name}”的数据部件缺失（${rel.target}）`, fileName);
    sheetParts.push({ entry, part });
  }
  const sstRel = rels.find((r) => REL_SHARED_STRINGS.test(r.type));
  const sstName = sstRel ? actual(sstRel.target) : actual(`${baseDir}sharedStrings.xml`);

  const sharedStrings = sstName
    ? parseSharedStrings(partText(extract(data, [sstName]), sstName, fileName), sstName, fileName)
    : [];

  const sheets: SheetData[] = [];
  let cellCount = 0;
  const totals: ReadTotals = { cells: 0, textChars: 0, limits };
  for (const { entry, part } of sheetParts) {
    // One part inflated at a time: peak memory stays near one sheet's XML. A part named by two sheets is read twice.
    const parsed = parseSheet(partText(extract(data, [part]), part, fileName), sharedStrings, part, totals, fileName);
    cellCount += parsed.cellCount;
    sheets.push({ name: entry.name, rows: parsed.rows, merges: parsed.merges, visibility: entry.visibility });
  }
  if (sheets.length === 0) throw new XlsxReadError("empty", "工作簿中没有任何工作表", fileName);
  if (cellCount === 0) throw new XlsxReadError("empty", "工作簿中没有任何数据", fileName);
  return { sheets };
}

function notWorkbook(entries: Map<string, string>, fileName?: string): XlsxReadError {
  const has = (p: string) => entries.has(p);
  let what = "压缩包中没有 Excel 工作簿内容（缺少 xl/workbook.xml）";
  if (has("word/document.xml")) what = "文件是 Word 文档（.docx）";
  else if (has("ppt/presentation.xml")) what = "文件是 PowerPoint 演示文稿（.pptx）";
  else if (has("xl/workbook.bin")) what = "文件是 Excel 二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx";
  else if (has("content.xml") && has("mimetype")) what = "文件是 OpenDocument 格式（如 .ods），请另存为 .xlsx";
  return new XlsxReadError("not-xlsx", `这不是 Excel 工作簿（.xlsx）：${what}`, fileName);
}

function partText(parts: Unzipped, name: string, fileName?: string): string {
  const bytes = parts[name];
  if (!bytes) throw damaged(`缺少部件 ${name}`, fileName);
  // Parts are UTF-8 (the only encoding Excel writes); a BOM is tolerated by the XML parser after stripping.
  const text = decoder.decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---------------------------------------------------------------------------------------------------------------
// XML plumbing

type Attrs = Record<string, string>;

interface SaxHandlers {
  open(local: string, attrs: Attrs): void;
  close(local: string): void;
  text(text: string): void;
}

function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** Runs saxes over one part; a malformed part becomes a "damaged" error naming the part. */
function parseXml(xml: string, part: string, h: SaxHandlers, fileName?: string): void {
  // Namespace processing off and positions off: prefixes are stripped by hand, which is much faster.
  const parser = new SaxesParser({ position: false });
  parser.on("opentag", (tag) => h.open(localName(tag.name), tag.attributes as Attrs));
  parser.on("closetag", (tag) => h.close(localName(tag.name)));
  parser.on("text", h.text);
  parser.on("cdata", h.text);
  // No OOXML part has a DTD; one here is a billion-laughs or external-entity attack. Entities are never expanded
  // (saxes knows only the five predefined ones), and the part is refused with its own reason.
  parser.on("doctype", () => {
    throw damaged(`部件 ${part} 含有文档类型声明（DTD），Excel 工作簿中不会出现，为安全起见拒绝读取`, fileName);
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    // A limit reached inside a handler keeps its own reason.
    if (err instanceof XlsxReadError) throw err;
    throw damaged(`部件 ${part} 不是有效的 XML（内容可能不完整）`, fileName);
  }
}

/** An attribute by local name (prefixes differ between writers, e.g. r:id vs. a strict-OOXML prefix). */
function attrLocal(attrs: Attrs, local: string): string | undefined {
  if (local in attrs) return attrs[local];
  for (const k in attrs) if (localName(k) === local && k.includes(":")) return attrs[k];
  return undefined;
}

interface Rel {
  id: string;
  type: string;
  /** Resolved package path without leading slash, e.g. "xl/worksheets/sheet1.xml". */
  target: string;
}

function parseRels(xml: string, baseDir: string, part: string, fileName?: string): Rel[] {
  const rels: Rel[] = [];
  parseXml(
    xml,
    part,
    {
      open(name, a) {
        if (name !== "Relationship" || a.TargetMode === "External") return;
        if (a.Id && a.Target) rels.push({ id: a.Id, type: a.Type ?? "", target: resolvePath(baseDir, a.Target) });
      },
      close() {},
      text() {},
    },
    fileName,
  );
  return rels;
}

function resolvePath(baseDir: string, target: string): string {
  const raw = target.startsWith("/") ? target.slice(1) : baseDir + target;
  const out: string[] = [];
  for (const seg of raw.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

function parseWorkbook(xml: string, part: string, fileName?: string): SheetEntry[] {
  const sheets: SheetEntry[] = [];
  parseXml(
    xml,
    part,
    {
      open(name, a) {
        if (name !== "sheet") return;
        const state = a.state;
        sheets.push({
          name: a.name ?? "",
          relId: attrLocal(a, "id") ?? "",
          visibility: state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible",
        });
      },
      close() {},
      text() {},
    },
    fileName,
  );
  return sheets;
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ (and a literal "_x" as _x005F_x). */
function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * String items (<si>, and <is> of inline strings) are the concatenation of their <t> elements, plain or inside
 * rich-text runs <r>, but not the phonetic guides <rPh>. Text is kept exactly, whitespace included.
 */
class StringItemCollector {
  private depthPhonetic = 0;
  private inT = false;
  private parts: string[] = [];

  reset(): void {
    this.depthPhonetic = 0;
    this.inT = false;
    this.parts = [];
  }
  open(name: string): void {
    if (name === "rPh") this.depthPhonetic++;
    else if (name === "t" && this.depthPhonetic === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === "rPh") this.depthPhonetic--;
    else if (name === "t") this.inT = false;
  }
  text(t: string): void {
    if (this.inT) this.parts.push(t);
  }
  value(): string {
    return decodeOoxmlEscapes(this.parts.length === 1 ? this.parts[0] : this.parts.join(""));
  }
}

function parseSharedStrings(xml: string, part: string, fileName?: string): string[] {
  const out: string[] = [];
  const item = new StringItemCollector();
  let inSi = false;
  parseXml(
    xml,
    part,
    {
      open(name) {
        if (name === "si") {
          inSi = true;
          item.reset();
        } else if (inSi) item.open(name);
      },
      close(name) {
        if (name === "si") {
          inSi = false;
          out.push(item.value());
        } else if (inSi) item.close(name);
      },
      text(t) {
        if (inSi) item.text(t);
      },
    },
    fileName,
  );
  return out;
}

/** "AB12" -> {row: 11, col: 27}; undefined for anything else. Hand-written because it runs once per cell. */
function parseRef(ref: string): { row: number; col: number } | undefined {
  let i = 0;
  let col = 0;
  const n = ref.length;
  let ch = 0;
  if (i < n && ref.charCodeAt(i) === 36) i++; // $
  while (i < n) {
    ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) col = col * 26 + (ch - 96);
    else break;
    i++;
  }
  if (col === 0) return undefined;
  if (i < n && ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const start = i;
  while (i < n) {
    ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return undefined;
    row = row * 10 + (ch - 48);
    i++;
  }
  if (i === start || row === 0) return undefined;
  return { row: row - 1, col: col - 1 };
}

function parseRange(ref: string): MergedRange | undefined {
  const [a, b] = ref.split(":");
  const p = parseRef(a);
  const q = b === undefined ? p : parseRef(b);
  if (!p || !q) return undefined;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

interface ParsedSheet {
  rows: (CellValue | undefined)[][];
  merges: MergedRange[];
  cellCount: number;
}

/** What all sheets of one workbook have read so far, against the cell and text limits. */
interface ReadTotals {
  cells: number;
  textChars: number;
  limits: Limits;
}

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). A reference beyond it would make a huge sparse array. */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

function parseSheet(
  xml: string,
  sharedStrings: string[],
  part: string,
  totals: ReadTotals,
  fileName?: string,
): ParsedSheet {
  const rows: (CellValue | undefined)[][] = [];
  const merges: MergedRange[] = [];
  let cellCount = 0;

  // Position: rows and cells without an r attribute follow the previous one.
  let rowIdx = -1;
  let nextCol = 0;
  let inSheetData = false;

  // Current cell.
  let cellRow = 0;
  let cellCol = 0;
  let cellType = "n";
  let inCell = false;
  let inV = false;
  let vText = "";
  let hasV = false;
  let inIs = false;
  let hasIs = false;
  const inline = new StringItemCollector();

  let badIndex: string | undefined;

  const finishCell = () => {
    let value: CellValue | undefined;
    switch (cellType) {
      case "s": {
        if (vText === "") break;
        const idx = Number(vText);
        value = sharedStrings[idx];
        if (value === undefined) badIndex = vText;
        break;
      }
      case "inlineStr":
        // Some writers put the text of an inline string in <v> instead of <is>.
        value = hasIs ? inline.value() : hasV ? vText : undefined;
        break;
      case "b":
        if (vText !== "") value = vText === "1" || vText.toLowerCase() === "true";
        break;
      case "str": // formula with a string result
      case "e": // error: the text itself, e.g. "#DIV/0!"
      case "d": // ISO 8601 date, rare; kept as its text
        // A formula string result may legitimately be "", but only when a <v> was present.
        if (vText !== "" || hasV) value = vText;
        break;
      default: {
        if (vText === "") break;
        const num = Number(vText);
        // "1e400" overflows to Infinity: no spreadsheet holds that number, so the text is kept.
        value = Number.isFinite(num) ? num : vText;
      }
    }
    if (value === undefined) return;
    if (cellRow >= MAX_ROWS || cellCol >= MAX_COLS) {
      throw damaged(
        `部件 ${part} 中的单元格位置超出 Excel 的范围（第 ${formatCount(cellRow + 1)} 行第 ${formatCount(cellCol + 1)} 列）`,
        fileName,
      );
    }
    if (typeof value === "string") {
      if (value.length > totals.limits.cellTextChars) {
        throw tooLarge(
          `部件 ${part} 中有单元格文字长达 ${formatCount(value.length)} 个字符（Excel 上限 ${formatCount(totals.limits.cellTextChars)}）`,
          fileName,
        );
      }
      totals.textChars += value.length;
      if (totals.textChars > totals.limits.totalTextChars) {
        throw tooLarge(`单元格文字总量超过 ${formatCount(totals.limits.totalTextChars)} 个字符`, fileName);
      }
    }
    if (++totals.cells > totals.limits.cells)
      throw tooLarge(`单元格和合并区域超过 ${formatCount(totals.limits.cells)} 个`, fileName);
    let row = rows[cellRow];
    if (row === undefined) row = rows[cellRow] = [];
    row[cellCol] = value;
    cellCount++;
  };

  parseXml(
    xml,
    part,
    {
      open(name, a) {
        if (inCell) {
          if (name === "v") {
            inV = true;
            hasV = true;
          } else if (name === "is") {
            inIs = true;
            hasIs = true;
            inline.reset();
          } else if (inIs) inline.open(name);
          return;
        }
        switch (name) {
          case "sheetData":
            inSheetData = true;
            break;
          case "row": {
            if (!inSheetData) break;
            const r = a.r !== undefined ? Number(a.r) : NaN;
            rowIdx = Number.isInteger(r) && r >= 1 ? r - 1 : rowIdx + 1;
            nextCol = 0;
            break;
          }
          case "c": {
            if (!inSheetData) break;
            if (rowIdx < 0) rowIdx = 0;
            const ref = a.r !== undefined ? parseRef(a.r) : undefined;
            if (ref) {
              cellRow = ref.row;
              cellCol = ref.col;
            } else {
              cellRow = rowIdx;
              cellCol = nextCol;
            }
            nextCol = cellCol + 1;
            cellType = a.t ?? "n";
            inCell = true;
            inV = false;
            hasV = false;
            inIs = false;
            hasIs = false;
            vText = "";
            inline.reset();
            break;
          }
          case "mergeCell": {
            const m = a.ref !== undefined ? parseRange(a.ref) : undefined;
            if (!m) break;
            if (m.bottom >= MAX_ROWS || m.right >= MAX_COLS) break; // outside the grid: ignored like any bad range
            if (++totals.cells > totals.limits.cells)
              throw tooLarge(`单元格和合并区域超过 ${formatCount(totals.limits.cells)} 个`, fileName);
            merges.push(m);
            break;
          }
        }
      },
      close(name) {
        if (inCell) {
          if (name === "c") {
            inCell = false;
            finishCell();
          } else if (name === "v") inV = false;
          else if (name === "is") inIs = false;
          else if (inIs) inline.close(name);
          return;
        }
        if (name === "sheetData") inSheetData = false;
      },
      text(t) {
        if (inV) vText += t;
        else if (inIs) inline.text(t);
      },
    },
    fileName,
  );
  if (badIndex !== undefined) throw damaged(`部件 ${part} 引用了不存在的共享字符串（序号 ${badIndex}）`, fileName);
  return { rows, merges, cellCount };
}
