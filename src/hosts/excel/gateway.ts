/**
 * The Excel gateway: the only code that touches Office.js. Everything is batched so that the number of
 * round trips (context.sync) does not grow with the number of sheets or cells:
 *
 *  readWorkbook     2 syncs (sheet list; all used ranges with values). When a response would be too large
 *                   (Excel on the web: 5 MB; all hosts: values null above 5 M cells), it falls back to
 *                   1 sync for the used-range sizes + one sync per ≤ READ_CHUNK_CELLS cells (halved on failure).
 *  applyHighlights  ExcelApi 1.9: ≤ 4 syncs (sheet list; saved state, only if a previous highlight exists;
 *                   restore previous + snapshot of the target fills; ALL writes in one sync). Below 1.9: +1
 *                   sync for the cells of rectangles whose fill is not uniform.
 *  clearHighlights  ≤ 3 syncs (sheet list; saved state; restore + delete state).
 *
 * The snapshot of the original fills lives in the workbook itself, in a VeryHidden sheet
 * "__budget_check_state" (JSON in column A, ≤ 30,000 characters per cell). Reasons: it is written in the same
 * batch as the fills (no window where fills changed but no snapshot exists), it has no size limit (Office
 * settings are meant for small values), and it survives close/reopen with the file. Values are never written
 * into user cells; only fills of the highlighted cells change.
 */
import {
  OWN_SHEET_NAMES,
  a1,
  type CellRef,
  type CellValue,
  type SheetData,
  type WorkbookData,
} from "../../core/model/workbook";
import { SEVERITY_LABELS, type Finding, type Severity } from "../../core/model/findings";
import { TABLE_NAMES, type TableId } from "../../core/model/tables";
import { HIGHLIGHT_COLORS } from "../xlsx/colors";
import type { ExcelGateway, HighlightResult } from "./types";

export const STATE_SHEET = "__budget_check_state";
export const RESULTS_SHEET = "校验结果";
export const NARRATIVE_SHEET = "预算情况说明";

/** Highlight colours, shared with the annotated .xlsx copy: error #FFC7CE, warning #FFEB9C, info #DDEBF7. */
export const SEVERITY_COLORS: Record<Severity, string> = HIGHLIGHT_COLORS;
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** RangeAreas limits: Excel fails somewhere above ~8,000 characters / ~500 areas (office-js#5198); stay well below. */
export const MAX_AREA_CHARS = 4000;
export const MAX_AREAS = 300;
/** Cells per sync when a used range is too big to read at once. */
export const READ_CHUNK_CELLS = 100_000;
/** Characters of state JSON per cell (Excel's cell limit is 32,767). */
const STATE_CHUNK = 30_000;
/** Prefix of each state cell, so that Excel never parses a chunk as a number, date or formula. */
const STATE_PREFIX = "j:";
const DEBOUNCE_MS = 500;
/** Events that arrive this long after our own write are still attributed to it (events are asynchronous). */
const QUIET_MS = 300;

type Host = { Excel: typeof Excel; Office: typeof Office };

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Saved original fill: "none", "#RRGGBB", or "#RRGGBB|Pattern|#PatternColor|tintAndShade" for patterns or tints (1.9). */
type FillKey = string;

interface SavedState {
  v: 1;
  /** sheet → fill key → A1 addresses (rectangles) joined with ",". */
  fills: Record<string, Record<FillKey, string>>;
  cells: number;
  created: string;
}

/** A user-facing error (Chinese message) that keeps the Office error code for logs. */
export class ExcelGatewayError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ExcelGatewayError";
  }
}

function errorCode(e: unknown): string | undefined {
  return e && typeof e === "object" && "code" in e ? String(e.code) : undefined;
}

function wrap(action: string, e: unknown): ExcelGatewayError {
  if (e instanceof ExcelGatewayError) return e;
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  const hint =
    code === "InvalidOperation" || code === "AccessDenied"
      ? "（工作簿可能处于单元格编辑状态或受保护，请按 Esc 结束编辑或取消保护后重试）"
      : code === "ApiNotFound"
        ? "（当前 Excel 版本不支持此操作）"
        : "";
  return new ExcelGatewayError(`${action}失败${hint}：${detail}${code ? `（${code}）` : ""}`, code);
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers (exported for tests)

/** Merges cells into rectangles: vertical runs per column, then runs with the same rows in adjacent columns. */
export function mergeRects(cells: { row: number; col: number }[]): Rect[] {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: Rect[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.left === c.col && c.row === last.bottom + 1) last.bottom = c.row;
    else if (last && last.left === c.col && c.row <= last.bottom)
      continue; // duplicate
    else runs.push({ top: c.row, bottom: c.row, left: c.col, right: c.col });
  }
  const open = new Map<string, Rect>();
  const out: Rect[] = [];
  for (const run of runs) {
    const key = `${run.top}:${run.bottom}`;
    const prev = open.get(key);
    if (prev && prev.right === run.left - 1) prev.right = run.left;
    else {
      const r = { ...run };
      open.set(key, r);
      out.push(r);
    }
  }
  return out;
}

export function rectAddress(r: Rect): string {
  const tl = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${a1(r.bottom, r.right)}`;
}

function parseRectAddress(address: string): Rect | undefined {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(address.trim());
  if (!m) return undefined;
  const col = (s: string): number => {
    let n = 0;
    for (const ch of s) n = n * 26 + ch.charCodeAt(0) - 64;
    return n - 1;
  };
  const top = Number(m[2]) - 1;
  const left = col(m[1]);
  return m[3] ? { top, left, bottom: Number(m[4]) - 1, right: col(m[3]) } : { top, left, bottom: top, right: left };
}

/** Splits rectangle addresses into getRanges() arguments of ≤ maxChars characters and ≤ maxAreas areas. */
export function chunkAddresses(addresses: string[], maxChars = MAX_AREA_CHARS, maxAreas = MAX_AREAS): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (const a of addresses) {
    const add = (cur.length ? 1 : 0) + a.length;
    if (cur.length && (len + add > maxChars || cur.length >= maxAreas)) {
      out.push(cur.join(","));
      cur = [];
      len = 0;
    }
    len += (cur.length ? 1 : 0) + a.length;
    cur.push(a);
  }
  if (cur.length) out.push(cur.join(","));
  return out;
}

/** The worst severity per highlighted cell (cells[0] of each finding), grouped by sheet. */
export function highlightTargets(
  findings: Finding[],
): Map<string, Map<string, { row: number; col: number; severity: Severity }>> {
  const bySheet = new Map<string, Map<string, { row: number; col: number; severity: Severity }>>();
  for (const f of findings) {
    const c = f.cells[0];
    if (!c || !c.sheet || OWN_SHEET_NAMES.includes(c.sheet) || c.row < 0 || c.col < 0) continue;
    let m = bySheet.get(c.sheet);
    if (!m) bySheet.set(c.sheet, (m = new Map()));
    const k = `${c.row},${c.col}`;
    const prev = m.get(k);
    if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity])
      m.set(k, { row: c.row, col: c.col, severity: f.severity });
  }
  return bySheet;
}

/** "'Sheet 1'!F12": Excel's reference syntax (quotes doubled inside). */
export function sheetReference(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

function encodeState(s: SavedState): string[][] {
  const json = JSON.stringify(s);
  const rows: string[][] = [];
  for (let i = 0; i < json.length; i += STATE_CHUNK) rows.push([STATE_PREFIX + json.slice(i, i + STATE_CHUNK)]);
  return rows;
}

function decodeState(values: unknown[][]): SavedState {
  const json = values
    .map((r) => r[0])
    .filter((v): v is string => typeof v === "string" && v.startsWith(STATE_PREFIX))
    .map((v) => v.slice(STATE_PREFIX.length))
    .join("");
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ExcelGatewayError("工作簿中保存的高亮状态已损坏，无法恢复原有填充色。");
  }
  const s = parsed as SavedState;
  if (!s || s.v !== 1 || typeof s.fills !== "object")
    throw new ExcelGatewayError("工作簿中保存的高亮状态无法识别，无法恢复原有填充色。");
  return s;
}

/** Groups cells by their original fill key and merges each group into rectangle addresses. */
function groupByFill(cells: { row: number; col: number; key: FillKey }[]): Record<FillKey, string> {
  const groups = new Map<FillKey, { row: number; col: number }[]>();
  for (const c of cells) {
    let g = groups.get(c.key);
    if (!g) groups.set(c.key, (g = []));
    g.push(c);
  }
  const out: Record<FillKey, string> = {};
  for (const [k, g] of groups) out[k] = mergeRects(g).map(rectAddress).join(",");
  return out;
}

function fillKeyOf(fill: Excel.CellPropertiesFill | undefined): FillKey {
  if (!fill || fill.pattern === "None" || !fill.color) return "none";
  const c = fill.color.toUpperCase();
  // Gradients cannot be set through the API: keep their main colour as a solid fill (documented limitation).
  const pattern = !fill.pattern || /Gradient$/.test(fill.pattern) ? "Solid" : fill.pattern;
  const tint = typeof fill.tintAndShade === "number" && fill.tintAndShade !== 0 ? String(fill.tintAndShade) : "";
  if (pattern === "Solid" && !tint) return c;
  return `${c}|${pattern}|${(fill.patternColor ?? "#000000").toUpperCase()}|${tint}`;
}

// ---------------------------------------------------------------------------------------------------------------

export function createOfficeGateway(host: Host): ExcelGateway {
  const { Excel: X, Office: O } = host;
  const supports = (v: string): boolean => {
    try {
      return !!O.context?.requirements?.isSetSupported("ExcelApi", v);
    } catch {
      return false;
    }
  };
  const caps = { rangeAreas: supports("1.9"), cellProperties: supports("1.9"), events: supports("1.7") };
  const canDisableEvents = supports("1.8");
  const canNullObject = supports("1.4");
  const canHyperlink = supports("1.7");

  // Our own writes must not look like user edits: count them and ignore events until shortly after.
  let writing = 0;
  let quietUntil = 0;

  /** Runs a batch with a sync counter; syncs that happen inside are counted in `counter.n`. */
  async function run<T>(
    action: string,
    batch: (ctx: Excel.RequestContext, sync: () => Promise<void>) => Promise<T>,
    counter?: { n: number },
  ): Promise<T> {
    try {
      return await X.run(async (ctx) => {
        const sync = async (): Promise<void> => {
          if (counter) counter.n++;
          await ctx.sync();
        };
        return batch(ctx, sync);
      });
    } catch (e) {
      throw wrap(action, e);
    }
  }

  async function writingScope<T>(fn: () => Promise<T>): Promise<T> {
    writing++;
    try {
      return await fn();
    } catch (e) {
      // A failed batch may have left events off (they are turned on again at the end of each write batch).
      if (canDisableEvents)
        await X.run(async (ctx) => {
          ctx.runtime.enableEvents = true;
          await ctx.sync();
        }).catch(() => undefined);
      throw e;
    } finally {
      writing--;
      quietUntil = Date.now() + QUIET_MS;
    }
  }

  function eventsOff(ctx: Excel.RequestContext): void {
    if (canDisableEvents) ctx.runtime.enableEvents = false;
  }
  function eventsOn(ctx: Excel.RequestContext): void {
    if (canDisableEvents) ctx.runtime.enableEvents = true;
  }

  /** Queues fills: colour (or clear for "none") for rectangles of one sheet, in RangeAreas chunks or per rectangle. */
  function queueFills(ws: Excel.Worksheet, byKey: Record<FillKey, string>): void {
    for (const [key, addrList] of Object.entries(byKey)) {
      if (!addrList) continue;
      const addresses = addrList.split(",");
      const [color, pattern, patternColor, tint] = key.split("|");
      const apply = (fmt: Excel.RangeFormat): void => {
        if (key === "none") fmt.fill.clear();
        else {
          fmt.fill.color = color;
          if (pattern && pattern !== "Solid" && caps.cellProperties) {
            fmt.fill.pattern = pattern as Excel.FillPattern;
            fmt.fill.patternColor = patternColor;
          }
          if (tint && caps.cellProperties) fmt.fill.tintAndShade = Number(tint);
        }
      };
      if (caps.rangeAreas) for (const chunk of chunkAddresses(addresses)) apply(ws.getRanges(chunk).format);
      else for (const a of addresses) apply(ws.getRange(a).format);
    }
  }

  async function listSheets(ctx: Excel.RequestContext, sync: () => Promise<void>): Promise<Excel.Worksheet[]> {
    ctx.workbook.worksheets.load("items/name,items/visibility");
    await sync();
    return ctx.workbook.worksheets.items;
  }

  async function readState(
    ctx: Excel.RequestContext,
    sync: () => Promise<void>,
    sheets: Excel.Worksheet[],
  ): Promise<SavedState | undefined> {
    if (!sheets.some((s) => s.name === STATE_SHEET)) return undefined;
    const ws = ctx.workbook.worksheets.getItem(STATE_SHEET);
    const used = canNullObject ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange(true);
    used.load("values");
    await sync();
    if (used.isNullObject) return undefined;
    return decodeState(used.values);
  }

  /** Queues the restore of saved fills on the sheets that still exist. Returns the number of cells restored. */
  function queueRestore(ctx: Excel.RequestContext, state: SavedState, sheetNames: Set<string>): number {
    let cells = 0;
    for (const [sheet, byKey] of Object.entries(state.fills)) {
      if (!sheetNames.has(sheet)) continue;
      queueFills(ctx.workbook.worksheets.getItem(sheet), byKey);
      for (const list of Object.values(byKey))
        for (const a of list.split(",")) {
          const r = parseRectAddress(a);
          if (r) cells += (r.bottom - r.top + 1) * (r.right - r.left + 1);
        }
    }
    return cells;
  }

  function queueDeleteState(ctx: Excel.RequestContext): void {
    const ws = ctx.workbook.worksheets.getItem(STATE_SHEET);
    // Excel refuses to delete a VeryHidden sheet.
    ws.visibility = "Hidden";
    ws.delete();
  }

  async function readUsedRanges(
    ctx: Excel.RequestContext,
    sync: () => Promise<void>,
    sheets: Excel.Worksheet[],
  ): Promise<Map<string, { rowIndex: number; columnIndex: number; values: unknown[][] | null } | null>> {
    const out = new Map<string, { rowIndex: number; columnIndex: number; values: unknown[][] | null } | null>();
    const ranges = sheets.map((ws) => {
      const r = canNullObject ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange(true);
      r.load("address,rowIndex,columnIndex,rowCount,columnCount,values");
      return { ws, r };
    });
    try {
      await sync();
    } catch (e) {
      const code = errorCode(e) ?? "";
      if (!/PayloadSizeLimitExceeded|ResponseTooLarge|GeneralException/i.test(code)) throw e;
      return readChunked(ctx, sync, sheets);
    }
    const tooBig: Excel.Worksheet[] = [];
    for (const { ws, r } of ranges) {
      if (r.isNullObject) out.set(ws.name, null);
      else if (!Array.isArray(r.values))
        tooBig.push(ws); // values come back null above 5 M cells
      else out.set(ws.name, { rowIndex: r.rowIndex, columnIndex: r.columnIndex, values: r.values });
    }
    if (tooBig.length) for (const [k, v] of await readChunked(ctx, sync, tooBig)) out.set(k, v);
    return out;
  }

  /** Reads used ranges in row chunks of ≤ READ_CHUNK_CELLS cells per sync (halved when Excel still refuses). */
  async function readChunked(
    ctx: Excel.RequestContext,
    sync: () => Promise<void>,
    sheets: Excel.Worksheet[],
  ): Promise<Map<string, { rowIndex: number; columnIndex: number; values: unknown[][] | null } | null>> {
    const out = new Map<string, { rowIndex: number; columnIndex: number; values: unknown[][] | null } | null>();
    const dims = sheets.map((ws) => {
      const r = canNullObject ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange(true);
      r.load("rowIndex,columnIndex,rowCount,columnCount");
      return { ws, r };
    });
    await sync();
    // Pieces: [sheet, firstRow, rows]; each piece ≤ budget cells, each sync ≤ budget cells in total.
    type Piece = { ws: Excel.Worksheet; name: string; top: number; left: number; rows: number; cols: number };
    const pieces: Piece[] = [];
    for (const { ws, r } of dims) {
      if (r.isNullObject) {
        out.set(ws.name, null);
        continue;
      }
      out.set(ws.name, { rowIndex: r.rowIndex, columnIndex: r.columnIndex, values: new Array(r.rowCount) });
      pieces.push({ ws, name: ws.name, top: r.rowIndex, left: r.columnIndex, rows: r.rowCount, cols: r.columnCount });
    }
    let budget = READ_CHUNK_CELLS;
    let queue = pieces;
    while (queue.length) {
      const batch: Piece[] = [];
      const rest: Piece[] = [];
      let used = 0;
      for (const p of queue) {
        const room = budget - used;
        const fit = Math.floor(room / p.cols);
        if (batch.length && fit < 1) {
          rest.push(p);
          continue;
        }
        const take = Math.max(1, Math.min(p.rows, fit));
        batch.push({ ...p, rows: take });
        used += take * p.cols;
        if (take < p.rows) rest.push({ ...p, top: p.top + take, rows: p.rows - take });
      }
      const loads = batch.map((p) => {
        const range = p.ws.getRange(`${a1(p.top, p.left)}:${a1(p.top + p.rows - 1, p.left + p.cols - 1)}`);
        range.load("values");
        return { p, range };
      });
      let ok = true;
      try {
        await sync();
        ok = loads.every(({ range }) => Array.isArray(range.values));
      } catch (e) {
        if (!/PayloadSizeLimitExceeded/i.test(errorCode(e) ?? "")) throw e;
        ok = false;
      }
      if (!ok) {
        // Still too large for the host: retry the same pieces with half the cells per sync.
        if (budget <= 1) throw new ExcelGatewayError("工作表数据量过大，Excel 无法一次返回，读取失败。");
        budget = Math.max(1, Math.floor(budget / 2));
        continue;
      }
      for (const { p, range } of loads) {
        const entry = out.get(p.name)!;
        const base = p.top - entry.rowIndex;
        range.values.forEach((row, i) => (entry.values![base + i] = row));
      }
      queue = rest;
    }
    return out;
  }

  return {
    capabilities: () => ({ ...caps }),

    async readWorkbook(): Promise<WorkbookData> {
      return run("读取工作簿", async (ctx, sync) => {
        const all = await listSheets(ctx, sync);
        const sheets = all.filter((s) => !OWN_SHEET_NAMES.includes(s.name));
        const used = await readUsedRanges(ctx, sync, sheets);
        const data: SheetData[] = sheets.map((ws) => {
          const u = used.get(ws.name);
          const rows: (CellValue | undefined)[][] = [];
          if (u && u.values) {
            u.values.forEach((src, i) => {
              if (!src) return;
              let row: (CellValue | undefined)[] | undefined;
              src.forEach((v, j) => {
                if (v === "" || v === null || v === undefined) return;
                if (!row) row = [];
                row[u.columnIndex + j] = v as CellValue;
              });
              if (row) rows[u.rowIndex + i] = row;
            });
          }
          const vis = ws.visibility;
          return {
            name: ws.name,
            rows,
            visibility: vis === "VeryHidden" ? "veryHidden" : vis === "Hidden" ? "hidden" : "visible",
          };
        });
        return { sheets: data };
      });
    },

    async applyHighlights(findings: Finding[]): Promise<HighlightResult> {
      const counter = { n: 0 };
      const targets = highlightTargets(findings);
      return writingScope(() =>
        run(
          "标记问题单元格",
          async (ctx, sync) => {
            const sheets = await listSheets(ctx, sync);
            const names = new Set(sheets.map((s) => s.name));
            const previous = await readState(ctx, sync, sheets);

            // 1) Restore the previous highlight so the snapshot below sees the user's own fills, and snapshot.
            eventsOff(ctx);
            if (previous) queueRestore(ctx, previous, names);
            type Snap = {
              sheet: string;
              rect: Rect;
              props?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
              fill?: Excel.RangeFill;
            };
            const snaps: Snap[] = [];
            const rectsBySheet = new Map<string, { rect: Rect; severity: Severity }[]>();
            for (const [sheet, cells] of targets) {
              if (!names.has(sheet)) continue; // renamed or deleted since the read
              const ws = ctx.workbook.worksheets.getItem(sheet);
              const bySev = new Map<Severity, { row: number; col: number }[]>();
              for (const c of cells.values()) {
                let g = bySev.get(c.severity);
                if (!g) bySev.set(c.severity, (g = []));
                g.push(c);
              }
              const list: { rect: Rect; severity: Severity }[] = [];
              for (const [severity, g] of bySev) for (const rect of mergeRects(g)) list.push({ rect, severity });
              rectsBySheet.set(sheet, list);
              for (const { rect } of list) {
                const range = ws.getRange(rectAddress(rect));
                if (caps.cellProperties)
                  snaps.push({
                    sheet,
                    rect,
                    props: range.getCellProperties({
                      format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } },
                    }),
                  });
                else {
                  const fill = range.format.fill.load("color");
                  snaps.push({ sheet, rect, fill });
                }
              }
            }
            await sync();

            // Below 1.9 a rectangle with mixed fills reads as null: read its cells one by one (one more sync).
            const original: { sheet: string; row: number; col: number; key: FillKey }[] = [];
            const perCell: { sheet: string; row: number; col: number; fill: Excel.RangeFill }[] = [];
            for (const s of snaps) {
              if (s.props) {
                s.props.value.forEach((row, i) =>
                  row.forEach((cp, j) =>
                    original.push({
                      sheet: s.sheet,
                      row: s.rect.top + i,
                      col: s.rect.left + j,
                      key: fillKeyOf(cp.format?.fill),
                    }),
                  ),
                );
                continue;
              }
              const color = s.fill!.color;
              for (let r = s.rect.top; r <= s.rect.bottom; r++)
                for (let c = s.rect.left; c <= s.rect.right; c++) {
                  if (color !== null) original.push({ sheet: s.sheet, row: r, col: c, key: legacyKey(color) });
                  else {
                    const fill = ctx.workbook.worksheets.getItem(s.sheet).getRange(a1(r, c)).format.fill;
                    fill.load("color");
                    perCell.push({ sheet: s.sheet, row: r, col: c, fill });
                  }
                }
            }
            if (perCell.length) {
              await sync();
              for (const p of perCell)
                original.push({ sheet: p.sheet, row: p.row, col: p.col, key: legacyKey(p.fill.color) });
            }

            // 2) All writes in one sync: the snapshot first (so it exists before any fill changes), then fills.
            if (caps.rangeAreas) ctx.application.suspendScreenUpdatingUntilNextSync();
            eventsOff(ctx);
            const bySheet = new Map<string, { row: number; col: number; key: FillKey }[]>();
            for (const o of original) {
              let g = bySheet.get(o.sheet);
              if (!g) bySheet.set(o.sheet, (g = []));
              g.push(o);
            }
            const state: SavedState = { v: 1, fills: {}, cells: original.length, created: new Date().toISOString() };
            for (const [sheet, cells] of bySheet) state.fills[sheet] = groupByFill(cells);
            if (original.length) {
              const stateWs = names.has(STATE_SHEET)
                ? ctx.workbook.worksheets.getItem(STATE_SHEET)
                : ctx.workbook.worksheets.add(STATE_SHEET);
              if (names.has(STATE_SHEET)) stateWs.getRange("A:A").clear("Contents");
              const rows = encodeState(state);
              const cell = stateWs.getRange(`A1:A${rows.length}`);
              cell.numberFormat = rows.map(() => ["@"]);
              cell.values = rows;
              stateWs.visibility = "VeryHidden";
              for (const [sheet, list] of rectsBySheet) {
                const byColor: Record<FillKey, string> = {};
                for (const { rect, severity } of list) {
                  const c = SEVERITY_COLORS[severity];
                  byColor[c] = byColor[c] ? `${byColor[c]},${rectAddress(rect)}` : rectAddress(rect);
                }
                queueFills(ctx.workbook.worksheets.getItem(sheet), byColor);
              }
            } else if (names.has(STATE_SHEET)) queueDeleteState(ctx);
            eventsOn(ctx);
            await sync();
            return { cells: original.length, syncs: counter.n };
          },
          counter,
        ),
      );
    },

    async clearHighlights(): Promise<{ restored: number }> {
      return writingScope(() =>
        run("清除标记", async (ctx, sync) => {
          const sheets = await listSheets(ctx, sync);
          const state = await readState(ctx, sync, sheets);
          if (!state) {
            if (sheets.some((s) => s.name === STATE_SHEET)) {
              queueDeleteState(ctx);
              await sync();
            }
            return { restored: 0 };
          }
          if (caps.rangeAreas) ctx.application.suspendScreenUpdatingUntilNextSync();
          eventsOff(ctx);
          const restored = queueRestore(ctx, state, new Set(sheets.map((s) => s.name)));
          queueDeleteState(ctx);
          eventsOn(ctx);
          await sync();
          return { restored };
        }),
      );
    },

    async hasHighlights(): Promise<boolean> {
      return run("读取标记状态", async (ctx, sync) => {
        const sheets = await listSheets(ctx, sync);
        return sheets.some((s) => s.name === STATE_SHEET);
      });
    },

    async selectCell(ref: CellRef): Promise<void> {
      await run(`定位单元格 ${ref.sheet}!${a1(ref.row, ref.col)}`, async (ctx, sync) => {
        const ws = canNullObject
          ? ctx.workbook.worksheets.getItemOrNullObject(ref.sheet)
          : ctx.workbook.worksheets.getItem(ref.sheet);
        ws.load("name,visibility");
        await sync();
        if (ws.isNullObject)
          throw new ExcelGatewayError(`找不到工作表“${ref.sheet}”，它可能已被重命名或删除，请重新校验。`);
        if (ws.visibility !== "Visible") throw new ExcelGatewayError(`工作表“${ref.sheet}”已隐藏，请先取消隐藏。`);
        ws.activate();
        ws.getRange(a1(ref.row, ref.col)).select();
        await sync();
      });
    },

    async writeResultsSheet(
      findings: Finding[],
      tables: { id: TableId; sheet: string; title: string }[],
    ): Promise<void> {
      const titleOf = (id?: TableId): string =>
        id ? (tables.find((t) => t.id === id)?.title ?? TABLE_NAMES[id] ?? id) : "";
      const header = ["序号", "严重程度", "规则", "表", "工作表", "单元格", "说明"];
      const rows: (string | number)[][] = findings.map((f, i) => {
        const c = f.cells[0];
        return [
          i + 1,
          SEVERITY_LABELS[f.severity] ?? f.severity,
          f.rule,
          titleOf(f.table),
          c?.sheet ?? "",
          c ? a1(c.row, c.col) : "",
          f.message,
        ];
      });
      await writingScope(() =>
        run("写入校验结果表", async (ctx, sync) => {
          const sheets = await listSheets(ctx, sync);
          eventsOff(ctx);
          if (sheets.some((s) => s.name === RESULTS_SHEET)) {
            const old = ctx.workbook.worksheets.getItem(RESULTS_SHEET);
            old.visibility = "Visible";
            old.delete();
          }
          const ws = ctx.workbook.worksheets.add(RESULTS_SHEET);
          const all = [header, ...rows];
          const range = ws.getRange(`A1:G${all.length}`);
          // Text format everywhere but 序号, so that "1-1" or "=..." is never turned into a date or formula.
          range.numberFormat = all.map(() => ["0", "@", "@", "@", "@", "@", "@"]);
          /* eslint-disable-next-line office-addins/call-sync-after-load -- false positive: a write, not a read; the
             rule matches variables by name across the file and knows only context.sync(), not our counted sync(). */
          range.values = all;
          ws.getRange("A1:G1").format.font.bold = true;
          const widths = [40, 60, 90, 220, 120, 60, 480];
          widths.forEach((w, i) => (ws.getRange(`${a1(0, i)}:${a1(0, i)}`).format.columnWidth = w));
          if (all.length > 1) ws.getRange(`G2:G${all.length}`).format.wrapText = true;
          if (canHyperlink) {
            findings.forEach((f, i) => {
              const c = f.cells[0];
              if (!c || !c.sheet) return;
              ws.getRange(`F${i + 2}`).hyperlink = {
                documentReference: sheetReference(c.sheet, a1(c.row, c.col)),
                textToDisplay: a1(c.row, c.col),
              };
            });
            ws.freezePanes.freezeRows(1);
          }
          ws.activate();
          eventsOn(ctx);
          await sync();
        }),
      );
    },

    async writeNarrativeSheet(lines: string[], overwrite: boolean): Promise<"written" | "exists"> {
      // A cell holds at most 32,767 characters: split longer paragraphs over several rows.
      const cells: string[] = [];
      for (const l of lines) {
        if (l.length <= 32000) cells.push(l);
        else for (let i = 0; i < l.length; i += 32000) cells.push(l.slice(i, i + 32000));
      }
      return writingScope(() =>
        run("写入预算情况说明", async (ctx, sync) => {
          const sheets = await listSheets(ctx, sync);
          const exists = sheets.some((s) => s.name === NARRATIVE_SHEET);
          if (exists && !overwrite) return "exists" as const;
          eventsOff(ctx);
          if (exists) {
            const old = ctx.workbook.worksheets.getItem(NARRATIVE_SHEET);
            old.visibility = "Visible";
            old.delete();
          }
          const ws = ctx.workbook.worksheets.add(NARRATIVE_SHEET);
          ws.getRange("A1").format.columnWidth = 560;
          if (cells.length) {
            const range = ws.getRange(`A1:A${cells.length}`);
            range.numberFormat = cells.map(() => ["@"]);
            /* eslint-disable-next-line office-addins/call-sync-after-load -- false positive: a write, not a read; the
               rule matches variables by name across the file and knows only context.sync(), not our counted sync(). */
            range.values = cells.map((c) => [c]);
            range.format.wrapText = true;
            range.format.verticalAlignment = "Top";
          }
          ws.activate();
          eventsOn(ctx);
          await sync();
          return "written" as const;
        }),
      );
    },

    async loadSetting<T>(key: string): Promise<T | undefined> {
      const v = O.context.document.settings.get(key) as T | null | undefined;
      return v === null || v === undefined ? undefined : v;
    },

    async saveSetting<T>(key: string, value: T): Promise<void> {
      const settings = O.context.document.settings;
      settings.set(key, value);
      await new Promise<void>((resolve, reject) =>
        settings.saveAsync((r: Office.AsyncResult<void>) => {
          if (String(r.status) === "failed") reject(new ExcelGatewayError(`保存设置失败：${r.error?.message ?? ""}`));
          else resolve();
        }),
      );
    },

    async onUserEdit(handler: () => void): Promise<() => Promise<void>> {
      if (!caps.events) return async () => {};
      let timer: ReturnType<typeof setTimeout> | undefined;
      const changed = new Set<string>();
      const idToName = new Map<string, string>();
      const fire = async (): Promise<void> => {
        timer = undefined;
        const ids = [...changed];
        changed.clear();
        if (ids.some((id) => !idToName.has(id))) {
          try {
            await X.run(async (ctx) => {
              ctx.workbook.worksheets.load("items/id,items/name");
              await ctx.sync();
              idToName.clear();
              for (const ws of ctx.workbook.worksheets.items) idToName.set(ws.id, ws.name);
            });
          } catch {
            // A failed lookup must not lose the edit: treat unknown sheets as user sheets.
          }
        }
        if (ids.some((id) => !OWN_SHEET_NAMES.includes(idToName.get(id) ?? ""))) handler();
      };
      const onChanged = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
        if (writing > 0 || Date.now() < quietUntil) return;
        changed.add(args.worksheetId);
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void fire(), DEBOUNCE_MS);
      };
      const registration = await run("订阅工作表修改事件", async (ctx, sync) => {
        const r = ctx.workbook.worksheets.onChanged.add(onChanged);
        await sync();
        return r;
      });
      return async () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        await X.run(registration.context, async (ctx) => {
          registration.remove();
          await ctx.sync();
        });
      };
    },
  };
}

/** Below 1.9 there is no pattern: "#FFFFFF" is what Excel reports for "no fill", so it is restored as no fill. */
function legacyKey(color: string | null): FillKey {
  if (!color || color.toUpperCase() === "#FFFFFF") return "none";
  return color.toUpperCase();
}
