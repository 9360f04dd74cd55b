/**
 * Generated workbooks for the property tests (tests/property) and the long fuzz run (scripts/fuzz.ts):
 *
 *   - random small grids built from the words recognition looks for (titles, header fragments, codes, amounts);
 *   - the real example workbooks (or a few of their sheets) with random edits: values of every kind, text in
 *     amount cells, header labels split as merged cells leave them, look-alike codes, rows deleted / duplicated,
 *     tables duplicated or removed, sheets emptied or grown;
 *
 * and the invariants every engine run must keep (checkRun): no exception, every cell a finding names exists in the
 * workbook, messages are readable, the same input gives the same output.
 *
 * Plans are plain data, so fast-check shrinks a failing case to a short list of edits.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { checkWorkbook, type CheckResult } from "../../src/core/engine";
import type { CheckOptions, Finding } from "../../src/core/model/findings";
import { TABLE_NAMES } from "../../src/core/model/tables";
import { a1, type CellRef, type CellValue, type SheetData, type WorkbookData } from "../../src/core/model/workbook";
import { readXlsxBuffer } from "../../src/hosts/xlsx/parse";

const ROOT = path.join(__dirname, "..", "..");
export const EXAMPLE_FILES = ["seed-as-published.xlsx", "seed-corrected.xlsx"];

let examples: WorkbookData[] | undefined;
/** The example workbooks of examples/, read once through the xlsx host. */
export function exampleWorkbooks(): WorkbookData[] {
  examples ??= EXAMPLE_FILES.map((f) =>
    readXlsxBuffer(new Uint8Array(fs.readFileSync(path.join(ROOT, "examples", f))), f),
  );
  return examples;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const TITLES = Object.values(TABLE_NAMES);
const HEADER_WORDS = [
  "科目编码",
  "科目名称",
  "功能分类科目",
  "经济分类科目",
  "类",
  "款",
  "项",
  "编码",
  "名称",
  "合计",
  "总计",
  "小计",
  "基本支出",
  "项目支出",
  "人员经费",
  "公用经费",
  "一般公共预算拨款",
  "政府性基金预算拨款",
  "国有资本经营预算拨款",
  "财政拨款",
  "事业收入",
  "其他收入",
  "上年结转",
  "本年收入",
  "本年支出",
  "项目名称",
  "绩效目标",
  "一级指标",
  "二级指标",
  "三级指标",
  "指标值",
  "权重",
  "单位：万元",
  "单位：元",
  "部门：",
  "单位名称",
  "单位编码",
  "年度",
  "本表无数据",
  "收入",
  "支出",
  "金额",
  "项目",
  "预算数",
  "因公出国（境）费",
  "公务接待费",
  "公务用车购置及运行费",
];
const CODES = [
  "201",
  "20101",
  "2010101",
  "2010102",
  "208",
  "20805",
  "2080505",
  "2080506",
  "210",
  "21011",
  "2101101",
  "221",
  "22102",
  "2210201",
  "301",
  "30101",
  "30201",
  "302",
  "303",
  "310",
];
const HOSTILE_TEXT = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '=HYPERLINK("javascript:alert(1)","点我")',
  "${7*7}",
  "%s%n",
  "\u202e反向",
  "\u0000",
  "💰",
];

/** A code as people mistype it: one digit dropped, doubled or swapped, full-width, a letter O, spaces, a quote. */
export function lookAlike(code: string, how: number): string {
  const i = code.length > 1 ? how % (code.length - 1) : 0;
  switch (how % 8) {
    case 0:
      return code.slice(0, i) + code.slice(i + 1);
    case 1:
      return code.slice(0, i) + code[i] + code.slice(i);
    case 2:
      return code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
    case 3:
      return code.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 4:
      return code.replace("0", "O");
    case 5:
      return ` ${code} `;
    case 6:
      return `'${code}`;
    default:
      return code + "0";
  }
}

const arbText = fc.oneof(
  fc.constantFrom(...TITLES, ...HEADER_WORDS, ...CODES, ...HOSTILE_TEXT),
  fc.tuple(fc.constantFrom(...CODES), fc.nat()).map(([c, h]) => lookAlike(c, h)),
  fc.tuple(fc.constantFrom(...CODES), fc.constantFrom(...HEADER_WORDS)).map(([c, w]) => `${c} ${w}`),
  fc.constantFrom(
    "12,345.67",
    "—",
    "-",
    "1.2万",
    "(100)",
    "１２３.４５",
    "0.00",
    "1e3",
    "",
    " ",
    "　",
    "NaN",
    "Infinity",
    "1,2,3",
    "-0",
  ),
  fc.string({ maxLength: 12 }),
);

/** Any cell value a host can deliver: hosts never deliver NaN or ±Infinity (the xlsx reader keeps "1e400" as text). */
export const arbValue: fc.Arbitrary<CellValue | undefined> = fc.oneof(
  { weight: 4, arbitrary: arbText },
  { weight: 4, arbitrary: fc.integer({ min: -1_000_000, max: 100_000_000 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e21, -1e21, 2 ** 53, 5e-324, Number.MAX_VALUE) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
);

// ---------------------------------------------------------------------------------------------------------------
// Random grids

/** 1–3 small sheets of words recognition looks for; titles are placed on top of some of them. */
export const arbRandomWorkbook: fc.Arbitrary<WorkbookData> = fc
  .array(
    fc.record({
      name: fc.oneof(
        fc.constantFrom("Sheet1", "表1", "校验结果", "<b>x</b>", "a'b"),
        fc.string({ minLength: 1, maxLength: 8 }),
      ),
      title: fc.option(fc.constantFrom(...TITLES), { nil: undefined }),
      rows: fc.array(fc.array(arbValue, { maxLength: 8 }), { maxLength: 14 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((sheets) => ({
    sheets: sheets.map((s, i) => ({
      name: `${s.name}${i}`,
      rows: s.title ? [[s.title], ...s.rows] : s.rows,
    })),
  }));

// ---------------------------------------------------------------------------------------------------------------
// Edits of real workbooks

export type Edit =
  | { kind: "set"; sheet: number; row: number; col: number; value: CellValue | undefined }
  | { kind: "textInAmount"; sheet: number; pick: number; text: string }
  | { kind: "splitLabel"; sheet: number; pick: number; at: number; down: boolean }
  | { kind: "spreadLabel"; sheet: number; pick: number; width: number }
  | { kind: "lookAlikeCode"; sheet: number; pick: number; how: number }
  | { kind: "deleteRow"; sheet: number; row: number }
  | { kind: "duplicateRow"; sheet: number; row: number }
  | { kind: "swapRows"; sheet: number; a: number; b: number }
  | { kind: "duplicateTable"; sheet: number; below: boolean }
  | { kind: "removeSheet"; sheet: number }
  | { kind: "emptySheet"; sheet: number }
  | { kind: "renameSheet"; sheet: number; name: string }
  | { kind: "grow"; sheet: number; rows: number; cols: number }
  | { kind: "stack"; sheet: number; from: number }
  | { kind: "pasteRow"; sheet: number; from: number; row: number; at: number }
  | { kind: "title"; sheet: number; row: number; col: number; title: string }
  | { kind: "scaleRow"; sheet: number; row: number; factor: number };

const sheetIdx = fc.nat({ max: 40 });
const pos = fc.nat({ max: 200 });

export const arbEdit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("set" as const),
      sheet: sheetIdx,
      row: pos,
      col: fc.nat({ max: 20 }),
      value: arbValue,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("textInAmount" as const),
      sheet: sheetIdx,
      pick: fc.nat(),
      text: arbText,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("splitLabel" as const),
      sheet: sheetIdx,
      pick: fc.nat(),
      at: fc.nat({ max: 10 }),
      down: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("spreadLabel" as const),
      sheet: sheetIdx,
      pick: fc.nat(),
      width: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("lookAlikeCode" as const),
      sheet: sheetIdx,
      pick: fc.nat(),
      how: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("deleteRow" as const), sheet: sheetIdx, row: pos }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicateRow" as const), sheet: sheetIdx, row: pos }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("swapRows" as const), sheet: sheetIdx, a: pos, b: pos }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("duplicateTable" as const), sheet: sheetIdx, below: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("removeSheet" as const), sheet: sheetIdx }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("emptySheet" as const), sheet: sheetIdx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("renameSheet" as const),
      sheet: sheetIdx,
      name: fc.oneof(
        fc.constantFrom(...HOSTILE_TEXT, "校验结果", "预算情况说明"),
        fc.string({ minLength: 1, maxLength: 6 }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("grow" as const),
      sheet: sheetIdx,
      rows: fc.nat({ max: 300 }),
      cols: fc.nat({ max: 60 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("stack" as const), sheet: sheetIdx, from: sheetIdx }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("pasteRow" as const),
      sheet: sheetIdx,
      from: sheetIdx,
      row: pos,
      at: pos,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("title" as const),
      sheet: sheetIdx,
      row: pos,
      col: fc.nat({ max: 12 }),
      title: fc.constantFrom(...TITLES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("scaleRow" as const),
      sheet: sheetIdx,
      row: pos,
      factor: fc.constantFrom(10000, 0.0001, -1, 100, 1e9),
    }),
  },
);

/** A copy of the sheets that edits may change in place (row arrays are copied, values are immutable). */
export function cloneWorkbook(wb: WorkbookData): WorkbookData {
  return { sheets: wb.sheets.map(cloneSheet) };
}
function cloneSheet(s: SheetData): SheetData {
  return { ...s, rows: s.rows.map((r) => (r ? r.slice() : r)), merges: s.merges?.slice() };
}

type Pred = (v: CellValue | undefined) => boolean;
const isNumber: Pred = (v) => typeof v === "number";
const isLabel: Pred = (v) => typeof v === "string" && /[\u4e00-\u9fff]/.test(v) && v.length >= 2 && v.length <= 30;
const isCode: Pred = (v) => (typeof v === "string" || typeof v === "number") && /^\s*\d{3,7}\s*$/.test(String(v));

/** The pick-th cell (mod count) satisfying pred, or undefined. */
function pickCell(s: SheetData, pred: Pred, pick: number): { row: number; col: number } | undefined {
  const cells: { row: number; col: number }[] = [];
  s.rows.forEach((r, row) => r?.forEach((v, col) => pred(v) && cells.push({ row, col })));
  return cells.length ? cells[pick % cells.length] : undefined;
}

function setCell(s: SheetData, row: number, col: number, value: CellValue | undefined): void {
  const r = (s.rows[row] ??= []);
  r[col] = value;
}

/** Applies the edits in order; sheet indices are taken modulo the current sheet count. Mutates `wb`. */
export function applyEdits(wb: WorkbookData, edits: Edit[]): WorkbookData {
  for (const e of edits) {
    if (wb.sheets.length === 0) break;
    const i = e.sheet % wb.sheets.length;
    const s = wb.sheets[i];
    const n = s.rows.length;
    switch (e.kind) {
      case "set":
        setCell(s, e.row % (n + 3), e.col, e.value);
        break;
      case "textInAmount": {
        const c = pickCell(s, isNumber, e.pick);
        if (c) setCell(s, c.row, c.col, e.text);
        break;
      }
      case "splitLabel": {
        // A label in two cells, as a merged header copied cell by cell leaves it.
        const c = pickCell(s, isLabel, e.pick);
        if (!c) break;
        const text = String(s.rows[c.row][c.col]);
        const at = 1 + (e.at % (text.length - 1));
        setCell(s, c.row, c.col, text.slice(0, at));
        if (e.down) setCell(s, c.row + 1, c.col, text.slice(at));
        else setCell(s, c.row, c.col + 1, text.slice(at));
        break;
      }
      case "spreadLabel": {
        // An unmerged header: the label repeated in every cell the merge covered.
        const c = pickCell(s, isLabel, e.pick);
        if (!c) break;
        for (let k = 1; k <= e.width; k++) setCell(s, c.row, c.col + k, s.rows[c.row][c.col]);
        break;
      }
      case "lookAlikeCode": {
        const c = pickCell(s, isCode, e.pick);
        if (c) setCell(s, c.row, c.col, lookAlike(String(s.rows[c.row][c.col]).trim(), e.how));
        break;
      }
      case "deleteRow":
        if (n) s.rows.splice(e.row % n, 1);
        break;
      case "duplicateRow":
        if (n) s.rows.splice(e.row % n, 0, s.rows[e.row % n]?.slice() ?? []);
        break;
      case "swapRows":
        if (n) [s.rows[e.a % n], s.rows[e.b % n]] = [s.rows[e.b % n], s.rows[e.a % n]];
        break;
      case "duplicateTable":
        if (e.below) s.rows.push([], ...s.rows.map((r) => (r ? r.slice() : [])));
        else wb.sheets.push({ ...cloneSheet(s), name: uniqueName(wb, `${s.name} (2)`) });
        break;
      case "removeSheet":
        wb.sheets.splice(i, 1);
        break;
      case "emptySheet":
        s.rows = [];
        s.merges = [];
        break;
      case "renameSheet":
        s.name = uniqueName(wb, e.name);
        break;
      case "grow":
        // A far-away cell makes the sheet large (sparse), as a stray mark at the bottom of a sheet does.
        setCell(s, n + e.rows * 100, e.cols * 10, 1);
        break;
      case "stack": {
        // Another sheet's table below this one: stacked tables in one sheet.
        const other = wb.sheets[e.from % wb.sheets.length];
        s.rows.push([], ...other.rows.map((r) => (r ? r.slice() : [])));
        break;
      }
      case "pasteRow": {
        const other = wb.sheets[e.from % wb.sheets.length];
        if (other.rows.length) s.rows.splice(e.at % (n + 1), 0, other.rows[e.row % other.rows.length]?.slice() ?? []);
        break;
      }
      case "title":
        setCell(s, e.row % (n + 1), e.col, e.title);
        break;
      case "scaleRow": {
        const r = n ? s.rows[e.row % n] : undefined;
        if (r) for (let c = 0; c < r.length; c++) if (typeof r[c] === "number") r[c] = (r[c] as number) * e.factor;
        break;
      }
    }
  }
  return wb;
}

function uniqueName(wb: WorkbookData, name: string): string {
  let out = name;
  for (let k = 2; wb.sheets.some((s) => s.name === out); k++) out = `${name}${k}`;
  return out;
}

/** An example workbook (or 1–2 of its sheets, for speed) with 1–6 edits. */
export interface ExampleCase {
  example: number;
  /** Sheet indices to keep; empty = the whole workbook. */
  sheets: number[];
  edits: Edit[];
}

export function arbExampleCase(opts: { whole: boolean }): fc.Arbitrary<ExampleCase> {
  return fc.record({
    example: fc.nat({ max: EXAMPLE_FILES.length - 1 }),
    sheets: opts.whole ? fc.constant([]) : fc.uniqueArray(fc.nat({ max: 13 }), { minLength: 1, maxLength: 2 }),
    edits: fc.array(arbEdit, { minLength: 1, maxLength: 6 }),
  });
}

export function exampleCaseWorkbook(c: ExampleCase): WorkbookData {
  const base = exampleWorkbooks()[c.example];
  const picked = c.sheets.length
    ? { sheets: c.sheets.filter((i) => i < base.sheets.length).map((i) => base.sheets[i]) }
    : base;
  return applyEdits(cloneWorkbook(picked), c.edits);
}

// ---------------------------------------------------------------------------------------------------------------
// Invariants

/** The used range of each sheet (rows × widest row, merged ranges included). */
function sheetBounds(wb: WorkbookData): Map<string, { rows: number; cols: number }> {
  const out = new Map<string, { rows: number; cols: number }>();
  for (const s of wb.sheets) {
    let cols = 0;
    for (const r of s.rows) if (r && r.length > cols) cols = r.length;
    let rows = s.rows.length;
    for (const m of s.merges ?? []) {
      rows = Math.max(rows, m.bottom + 1);
      cols = Math.max(cols, m.right + 1);
    }
    out.set(s.name, { rows, cols });
  }
  return out;
}

/** Text that betrays a bug when it reaches a user's message. */
const BROKEN_TEXT = /undefined|NaN|\[object |Infinity|null/;

/** Problems of one result; [] when every invariant holds. */
export function resultProblems(wb: WorkbookData, result: CheckResult): string[] {
  const problems: string[] = [];
  const bounds = sheetBounds(wb);
  const checkCell = (f: { rule: string }, c: CellRef, where: string) => {
    const b = bounds.get(c.sheet);
    if (!b) problems.push(`${f.rule}: ${where} on a sheet that does not exist: ${JSON.stringify(c.sheet)}`);
    else if (
      !Number.isInteger(c.row) ||
      !Number.isInteger(c.col) ||
      c.row < 0 ||
      c.col < 0 ||
      c.row >= b.rows ||
      c.col >= b.cols
    ) {
      problems.push(
        `${f.rule}: ${where} ${c.sheet}!${Number.isInteger(c.row) && Number.isInteger(c.col) ? a1(c.row, c.col) : `(${c.row},${c.col})`} outside the sheet (${b.rows}×${b.cols})`,
      );
    }
  };
  for (const f of result.findings) {
    if (!f.rule || !["error", "warning", "info"].includes(f.severity))
      problems.push(`bad rule/severity: ${f.rule} ${f.severity}`);
    if (typeof f.message !== "string" || !/[\u4e00-\u9fff]/.test(f.message))
      problems.push(`${f.rule}: message is not Chinese: ${f.message}`);
    // Cell texts and sheet names are quoted in messages (and are `actual`); only the engine's own words are judged.
    for (const t of [f.message, ...(f.related ?? []).map((r) => r.message)]) {
      let own = t.replace(/“[^”]*”|「[^」]*」/g, "");
      for (const s of wb.sheets) if (s.name) own = own.split(s.name).join("");
      if (BROKEN_TEXT.test(own)) problems.push(`${f.rule}: broken text in ${JSON.stringify(t)}`);
    }
    for (const t of [f.expected, f.actual])
      if (t !== undefined && /undefined|\[object /.test(t)) problems.push(`${f.rule}: broken value ${t}`);
    f.cells.forEach((c, k) => checkCell(f, c, `cells[${k}]`));
    for (const r of f.related ?? []) r.cells.forEach((c, k) => checkCell(f, c, `related ${r.rule} cells[${k}]`));
    if (f.equation) {
      f.equation.terms.forEach((t, k) => checkCell(f, t.cell, `equation term ${k}`));
      if (!Number.isFinite(f.equation.gap) || !Number.isFinite(f.equation.tolerance))
        problems.push(`${f.rule}: equation gap not finite`);
    }
  }
  for (const t of result.tables)
    if (!bounds.has(t.sheet)) problems.push(`table ${t.id} on a sheet that does not exist: ${t.sheet}`);
  return problems;
}

/** What must be equal between two runs on the same input. */
export function signature(result: CheckResult): string {
  const strip = (f: Finding) => ({ ...f });
  return JSON.stringify({ tables: result.tables, findings: result.findings.map(strip) });
}

export interface RunOutcome {
  problems: string[];
  ms: number;
  findings: number;
}

/**
 * Checks a workbook twice (on two separate copies, so that a rule changing its input is caught too) and returns
 * every broken invariant. An exception is a problem, not a throw.
 */
export function checkRun(wb: WorkbookData, options: CheckOptions = {}, opts: { twice?: boolean } = {}): RunOutcome {
  const copy = opts.twice === false ? undefined : cloneWorkbook(wb);
  const before = JSON.stringify(wb);
  const t0 = performance.now();
  let first: CheckResult;
  try {
    first = checkWorkbook(wb, options);
  } catch (err) {
    return {
      problems: [`exception: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`],
      ms: performance.now() - t0,
      findings: 0,
    };
  }
  const ms = performance.now() - t0;
  const problems = resultProblems(wb, first);
  if (JSON.stringify(wb) !== before) problems.push("the engine changed its input workbook");
  if (copy) {
    try {
      const second = checkWorkbook(copy, options);
      if (signature(second) !== signature(first)) problems.push("two runs on the same input differ");
    } catch (err) {
      problems.push(`exception on the second run: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { problems, ms, findings: first.findings.length };
}
