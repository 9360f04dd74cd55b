/**
 * The Excel gateway: the only code that touches Office.js. It runs on every ExcelApi level from 1.1 (Office 2016
 * volume licence) to the newest, gating each feature on its documented requirement set (see capabilities()).
 *
 * Round trips (context.sync), whatever the number of sheets and findings:
 *  readWorkbook + applyHighlights (the pane's 校验)
 *    ExcelApi ≥ 1.9: 3 — sheet list; all used ranges + a probe of the previous highlight; ONE write batch in
 *                    which each target cell's formats are first copied to the hidden state sheet (copyFrom,
 *                    so no snapshot read is needed), then the cell is filled.
 *    below 1.9:      4 — the same, plus one read of the target cells' fills before the write batch.
 *  clearHighlights   2 — probe (current fills of the marked cells, move trackers, saved copies); restore + delete.
 *  Extra syncs only when something unusual happened: a marked cell moved (+1), a marked sheet was deleted (+1),
 *  a used range or a probe too large for one response (chunks), Excel rejected a RangeAreas address (+1).
 *
 * Saved state ("what did the cell look like before we filled it"), keyed by worksheet id and per cell:
 *  - the index {sheet id → [address, original fill or copy row, mark colour]} lives in the document settings
 *    (read without a round trip, chunked over several keys); like every change it persists once the user saves;
 *  - from ExcelApi 1.2 (the first level that can hide a sheet) a VeryHidden sheet "__budget_check_state" holds one
 *    row per marked cell: column A a formula referring to the cell (=ISREF('表1'!B7)), which Excel rewrites when
 *    rows are inserted or the sheet renamed, so the mark follows its cell; from 1.9 column B holds a copy of the
 *    cell's formats taken just before filling (colour, pattern, pattern colour, tint).
 * Before restoring, each cell is probed: only a cell that still carries the add-in's colour is restored; a cell the
 * user recoloured is left alone and reported. Values are never written into user cells.
 */
import {
  NARRATIVE_SHEET,
  OWN_SHEET_NAMES,
  a1,
  type CellRef,
  type CellValue,
  type SheetData,
  type WorkbookData,
} from "../../core/model/workbook";
import { SEVERITY_LABELS, type Finding, type Severity } from "../../core/model/findings";
import { tableName, type AnyTableId } from "../../core/model/tables";
import { HIGHLIGHT_COLORS } from "../xlsx/colors";
import type { ClearResult, ExcelGateway, GatewayCapabilities, HighlightResult, ReadOptions } from "./types";

export const STATE_SHEET = "__budget_check_state";
export const RESULTS_SHEET = "校验结果";
export { NARRATIVE_SHEET };
/** Settings key of the saved-state index (chunks under KEY.0, KEY.1, …). */
export const STATE_SETTING = "budgetCheck.marks";

/** Strong colours for the cell to fix (cells[0]), shared with the annotated .xlsx copy. */
export const SEVERITY_COLORS: Record<Severity, string> = HIGHLIGHT_COLORS;
/** Light colours for a finding's other cells (related equations, the other side of a cross-check). */
export const LIGHT_COLORS: Record<Severity, string> = { error: "#FCE4E8", warning: "#FFF5D6", info: "#EEF4FB" };
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** RangeAreas limits: Excel fails somewhere above ~8,000 characters / ~500 areas (office-js#5198); stay well below. */
export const MAX_AREA_CHARS = 4000;
export const MAX_AREAS = 300;
/** Cells per sync when a used range is too big to read at once. */
export const READ_CHUNK_CELLS = 100_000;
/** Marked cells probed per sync (each answer and its saved copy ~100 bytes: 10,000 stay far below Excel on the web's 5 MB). */
export const PROBE_CHUNK = 10_000;
/** Format copies per request (a few hundred bytes each). */
export const WRITE_CHUNK = 5_000;
/** Characters per settings key. */
const SETTING_CHUNK = 30_000;
const DEBOUNCE_MS = 500;
/** Events that arrive this long after our own write are still attributed to it (events are asynchronous). */
const QUIET_MS = 300;
/** The probe taken by readWorkbook is reused by applyHighlights only this soon after. */
const PROBE_FRESH_MS = 10_000;

type Host = { Excel: typeof Excel; Office: typeof Office };

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A fill: "none", "#RRGGBB" (solid), or "#RRGGBB|Pattern|#PatternColor|tint" (1.9). */
type FillKey = string;

/** One marked cell. `o`: its original fill, or absent when the original is the copy in row `t` (1.9). */
interface Mark {
  a: string;
  m: string;
  o?: FillKey;
  /** Row (1-based) of its tracker formula / format copy in the state sheet. */
  t?: number;
}
interface SheetMarks {
  id: string;
  name: string;
  marks: Mark[];
}
interface SavedState {
  v: 2;
  sheets: SheetMarks[];
  /** Rows used in the state sheet (0 when there is none: ExcelApi 1.1). */
  rows: number;
  created: string;
}

interface SheetInfo {
  id: string;
  name: string;
  visibility: string;
  protected: boolean;
}

/** A probed mark: where it is now and what it carries. */
interface Probed {
  sheetId: string;
  sheet: string;
  mark: Mark;
  /** Current address (after moves), or undefined when its row or sheet was deleted. */
  address?: string;
  original?: FillKey;
  state: "marked" | "original" | "changed" | "deleted" | "protected";
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

const HINTS: Record<string, string> = {
  InvalidOperationInCellEditMode: "（Excel 正处于单元格编辑状态，请按 Enter 或 Esc 结束编辑后重试）",
  InvalidOperation: "（工作簿可能处于单元格编辑状态或受保护，请按 Esc 结束编辑或取消保护后重试）",
  AccessDenied: "（工作表或工作簿受保护，请取消保护后重试）",
  ApiNotFound: "（当前 Excel 版本不支持此操作）",
  RangeExceedsLimit: "（区域超出 Excel 单次处理的上限）",
  RequestPayloadSizeLimitExceeded: "（数据量超出 Excel 单次请求的上限）",
  ResponsePayloadSizeLimitExceeded: "（数据量超出 Excel 单次返回的上限）",
};

function wrap(action: string, e: unknown): ExcelGatewayError {
  if (e instanceof ExcelGatewayError) return e;
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  return new ExcelGatewayError(
    `${action}失败${(code && HINTS[code]) ?? ""}：${detail}${code ? `（${code}）` : ""}`,
    code,
  );
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

function colIndex(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** "B7" → {row: 6, col: 1}. */
function parseCell(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.trim());
  return m ? { row: Number(m[2]) - 1, col: colIndex(m[1]) } : undefined;
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

export interface HighlightTarget {
  row: number;
  col: number;
  severity: Severity;
  /** The cell to fix (cells[0]): strong colour; other cells of the finding: light colour. */
  strong: boolean;
  color: string;
}

/**
 * The cells to fill, by sheet: each finding's cells[0] in the strong colour of its severity, its other cells
 * (and those of its related equations) in the light one. Per cell, strong beats light, then the worse severity wins.
 */
export function highlightTargets(findings: Finding[]): Map<string, Map<string, HighlightTarget>> {
  const bySheet = new Map<string, Map<string, HighlightTarget>>();
  const rank = (t: { strong: boolean; severity: Severity }) => (t.strong ? 10 : 0) + SEVERITY_RANK[t.severity];
  const put = (c: CellRef | undefined, severity: Severity, strong: boolean) => {
    if (!c || !c.sheet || OWN_SHEET_NAMES.includes(c.sheet) || c.row < 0 || c.col < 0) return;
    let m = bySheet.get(c.sheet);
    if (!m) bySheet.set(c.sheet, (m = new Map()));
    const k = `${c.row},${c.col}`;
    const next = {
      row: c.row,
      col: c.col,
      severity,
      strong,
      color: strong ? SEVERITY_COLORS[severity] : LIGHT_COLORS[severity],
    };
    const prev = m.get(k);
    if (!prev || rank(next) > rank(prev)) m.set(k, next);
  };
  for (const f of findings) {
    f.cells.forEach((c, i) => put(c, f.severity, i === 0));
    for (const r of f.related ?? []) for (const c of r.cells) put(c, f.severity, false);
  }
  return bySheet;
}

/** "'Sheet 1'!F12": Excel's reference syntax (quotes doubled inside). */
export function sheetReference(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** Reads "=ISREF('表 1'!$B$8)" back as {sheet, address}; undefined when Excel turned it into #REF!. */
export function parseTracker(formula: unknown): { sheet: string; address: string } | undefined {
  if (typeof formula !== "string" || formula.includes("#REF!")) return undefined;
  const m = /^=ISREF\(('(?:[^']|'')+'|[^!()]+)!(\$?[A-Z]{1,3}\$?\d+)\)$/i.exec(formula.trim());
  if (!m) return undefined;
  const sheet = m[1].startsWith("'") ? m[1].slice(1, -1).replace(/''/g, "'") : m[1];
  return { sheet, address: m[2].replace(/\$/g, "").toUpperCase() };
}

type FillProps = {
  color?: string | null;
  pattern?: string | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
};

/**
 * The fill as a key. "No fill" is recognised both as pattern "None" and as real Excel reports it on some builds:
 * pattern null with colour #FFFFFF and tintAndShade null (office-js#4900, #6218); a white fill has a tint number.
 */
export function fillKeyOf(fill: FillProps | undefined): FillKey {
  if (!fill || fill.pattern === "None" || !fill.color) return "none";
  if (
    (fill.pattern === null || fill.pattern === undefined) &&
    (fill.tintAndShade === null || fill.tintAndShade === undefined) &&
    fill.color.toUpperCase() === "#FFFFFF"
  )
    return "none";
  const c = fill.color.toUpperCase();
  // Gradients cannot be set through the API: their main colour comes back as a solid fill (documented limitation).
  const pattern = !fill.pattern || /Gradient$/.test(fill.pattern) ? "Solid" : fill.pattern;
  const tint = typeof fill.tintAndShade === "number" && fill.tintAndShade !== 0 ? String(fill.tintAndShade) : "";
  if (pattern === "Solid" && !tint) return c;
  return `${c}|${pattern}|${(fill.patternColor ?? "#000000").toUpperCase()}|${tint}`;
}

/** Below 1.9 only the colour is known: "#FFFFFF" is what Excel reports for "no fill", so it is restored as no fill. */
function legacyKey(color: string | null | undefined): FillKey {
  if (!color || color.toUpperCase() === "#FFFFFF") return "none";
  return color.toUpperCase();
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
  let level = 0;
  for (let minor = 1; minor <= 30 && supports(`1.${minor}`); minor++) level = minor;
  const at = (minor: number) => level >= minor;
  const caps: GatewayCapabilities = {
    apiVersion: level ? `1.${level}` : "",
    rangeAreas: at(9),
    cellProperties: at(9),
    // Worksheet.onChanged is 1.7 (one subscription per sheet); WorksheetCollection.onChanged 1.9.
    events: at(7),
    hyperlinks: at(7),
    hiddenState: at(2),
    tracksMoves: at(2),
    whiteVsNoFill: at(9),
    protection: at(2),
  };
  /** Once Excel rejected a RangeAreas address, fill rectangle by rectangle for the rest of the session. */
  let areasRejected = false;

  // Our own writes must not look like user edits: count them and ignore events until shortly after.
  let writing = 0;
  let quietUntil = 0;
  /** The probe of the previous highlight taken by the last readWorkbook, for applyHighlights. */
  let lastRead:
    { at: number; sheets: SheetInfo[]; probed: Probed[] | undefined; state: SavedState | undefined } | undefined;

  /** Runs a batch with a sync counter; syncs that happen inside are counted in `counter.n`. */
  async function run<T>(
    action: string,
    batch: (ctx: Excel.RequestContext, sync: () => Promise<void>) => Promise<T>,
    counter?: { n: number },
  ): Promise<T> {
    const body = async (ctx: Excel.RequestContext): Promise<T> => {
      const sync = async (): Promise<void> => {
        if (counter) counter.n++;
        await ctx.sync();
      };
      return batch(ctx, sync);
    };
    try {
      // From 1.11 Excel holds the batch while the user is typing in a cell instead of failing it.
      return at(11) ? await X.run({ delayForCellEdit: true }, body) : await X.run(body);
    } catch (e) {
      throw wrap(action, e);
    }
  }

  async function writingScope<T>(fn: () => Promise<T>): Promise<T> {
    writing++;
    lastRead = undefined;
    try {
      return await fn();
    } catch (e) {
      // A failed batch may have left events off (they are turned on again at the end of each write batch).
      if (at(8))
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
    if (at(8)) ctx.runtime.enableEvents = false;
  }
  function eventsOn(ctx: Excel.RequestContext): void {
    if (at(8)) ctx.runtime.enableEvents = true;
  }

  // ----- saved state in the document settings -----

  function loadState(): SavedState | undefined {
    const settings = O.context.document.settings;
    const head = settings.get(STATE_SETTING) as { v?: number; chunks?: number } | null;
    if (!head || head.v !== 2 || typeof head.chunks !== "number") return undefined;
    let json = "";
    for (let i = 0; i < head.chunks; i++) {
      const part = settings.get(`${STATE_SETTING}.${i}`);
      if (typeof part !== "string") throw new ExcelGatewayError("工作簿中保存的标记状态不完整，无法恢复原有填充色。");
      json += part;
    }
    try {
      const s = JSON.parse(json) as SavedState;
      if (s && s.v === 2 && Array.isArray(s.sheets)) return s;
    } catch {
      // fall through
    }
    throw new ExcelGatewayError("工作簿中保存的标记状态已损坏，无法恢复原有填充色。");
  }

  async function saveState(state: SavedState | undefined): Promise<void> {
    const settings = O.context.document.settings;
    const head = settings.get(STATE_SETTING) as { chunks?: number } | null;
    for (let i = 0; i < (head?.chunks ?? 0); i++) settings.remove(`${STATE_SETTING}.${i}`);
    settings.remove(STATE_SETTING);
    if (state && state.sheets.some((s) => s.marks.length)) {
      const json = JSON.stringify(state);
      let n = 0;
      for (let i = 0; i < json.length; i += SETTING_CHUNK)
        settings.set(`${STATE_SETTING}.${n++}`, json.slice(i, i + SETTING_CHUNK));
      settings.set(STATE_SETTING, { v: 2, chunks: n });
    }
    await new Promise<void>((resolve, reject) =>
      settings.saveAsync((r: Office.AsyncResult<void>) => {
        if (String(r.status) === "failed") reject(new ExcelGatewayError(`保存标记状态失败：${r.error?.message ?? ""}`));
        else resolve();
      }),
    );
  }

  // ----- reading -----

  async function listSheets(ctx: Excel.RequestContext, sync: () => Promise<void>): Promise<SheetInfo[]> {
    const props = ["name", "id", "visibility", ...(caps.protection ? ["protection/protected"] : [])];
    ctx.workbook.worksheets.load(props.map((p) => `items/${p}`).join(","));
    await sync();
    return ctx.workbook.worksheets.items.map((ws) => ({
      id: ws.id,
      name: ws.name,
      visibility: ws.visibility,
      protected: caps.protection ? ws.protection.protected : false,
    }));
  }

  function usedRange(ws: Excel.Worksheet): Excel.Range {
    if (at(4)) return ws.getUsedRangeOrNullObject(true);
    return at(2) ? ws.getUsedRange(true) : ws.getUsedRange();
  }

  /** Queues the probe of saved marks; resolve() after the sync. Marks of sheets not in `live` are "deleted". */
  function queueProbe(
    ctx: Excel.RequestContext,
    state: SavedState,
    live: Map<string, SheetInfo> | undefined,
    only?: Set<Mark>,
  ): () => { probed: Probed[]; moved: Probed[] } {
    const book = ctx.workbook.worksheets;
    // Without a listing the state sheet is assumed to exist; with one, only if it is listed.
    const stateSheet = state.rows > 0 && (!live || [...live.values()].some((s) => s.name === STATE_SHEET));
    // Only the state-sheet rows of the probed marks (a chunk's rows are contiguous: marks are numbered in order).
    let first = 1;
    let last = state.rows;
    if (only) {
      const rows = [...only].map((m) => m.t ?? 0).filter((t) => t > 0);
      first = rows.length ? Math.min(...rows) : 1;
      last = rows.length ? Math.max(...rows) : 1;
    }
    const trackers = stateSheet ? book.getItem(STATE_SHEET).getRange(`A${first}:A${last}`) : undefined;
    trackers?.load("formulas");
    const copies =
      stateSheet && caps.cellProperties
        ? book.getItem(STATE_SHEET).getRange(`B${first}:B${last}`).getCellProperties(FILL_SPEC)
        : undefined;
    type Info = () => { name: string; protected: boolean };
    const probes: { sm: SheetMarks; info: Info; mark: Mark; read: () => FillKey }[] = [];
    for (const sm of state.sheets) {
      const known = live?.get(sm.id);
      if (live && !known) {
        for (const mark of sm.marks)
          if (!only || only.has(mark))
            probes.push({ sm, info: () => ({ name: sm.name, protected: false }), mark, read: () => "deleted" });
        continue;
      }
      const ws = book.getItem(sm.id);
      let info: Info;
      if (known) info = () => ({ name: known.name, protected: known.protected });
      else {
        /* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load --
           false positives: `protection` is a navigation property whose `protected` is loaded here, and `info` is
           called only after the sync (the rule cannot see through the closure). */
        ws.load("name");
        const prot = caps.protection ? ws.protection : undefined;
        prot?.load("protected");
        info = () => ({ name: ws.name, protected: prot ? prot.protected : false });
        /* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load */
      }
      for (const mark of sm.marks) {
        if (only && !only.has(mark)) continue;
        probes.push({ sm, info, mark, read: queueFillRead(ws.getRange(mark.a)) });
      }
    }
    return () => {
      const formulas = trackers?.formulas;
      const probed: Probed[] = [];
      const moved: Probed[] = [];
      for (const p of probes) {
        const info = p.info();
        const fill = p.read();
        const original =
          p.mark.o ?? (copies && p.mark.t ? fillKeyOf(copies.value[p.mark.t - first]?.[0]?.format?.fill) : undefined);
        const base: Probed = {
          sheetId: p.sm.id,
          sheet: info.name,
          mark: p.mark,
          address: p.mark.a,
          original,
          state: "changed",
        };
        if (fill === "deleted") {
          probed.push({ ...base, address: undefined, state: "deleted" });
          continue;
        }
        // The tracker formula says where the cell is now (rows inserted above it, sheet renamed).
        if (formulas && p.mark.t) {
          const now = parseTracker(formulas[p.mark.t - first]?.[0]);
          if (!now) {
            probed.push({ ...base, address: undefined, state: "deleted" });
            continue;
          }
          if (now.address !== p.mark.a) {
            moved.push({ ...base, address: now.address });
            continue;
          }
        }
        probed.push(classify(base, fill, info.protected));
      }
      return { probed, moved };
    };
  }

  function classify(p: Probed, fill: FillKey, isProtected: boolean): Probed {
    if (fill === p.mark.m) return { ...p, state: isProtected ? "protected" : "marked" };
    if (p.original !== undefined && fill === p.original) return { ...p, state: "original" };
    return { ...p, state: "changed" };
  }

  /** Queues the read of one cell's fill; the returned function gives its key after the sync. */
  function queueFillRead(range: Excel.Range): () => FillKey {
    if (caps.cellProperties) {
      const props = range.getCellProperties(FILL_SPEC);
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- read in a closure called after the sync
      return () => fillKeyOf(props.value[0]?.[0]?.format?.fill);
    }
    range.format.fill.load("color");
    return () => legacyKey(range.format.fill.color);
  }

  /** Probes the saved marks (chunked), following moved cells with one more sync. */
  async function probeState(
    ctx: Excel.RequestContext,
    sync: () => Promise<void>,
    state: SavedState,
    live: Map<string, SheetInfo> | undefined,
  ): Promise<Probed[]> {
    const all = state.sheets.flatMap((s) => s.marks);
    const out: Probed[] = [];
    let moved: Probed[] = [];
    for (let i = 0; i < all.length; i += PROBE_CHUNK) {
      const resolve = queueProbe(
        ctx,
        state,
        live,
        all.length > PROBE_CHUNK ? new Set(all.slice(i, i + PROBE_CHUNK)) : undefined,
      );
      await sync();
      const r = resolve();
      out.push(...r.probed);
      moved = moved.concat(r.moved);
    }
    if (moved.length) {
      const reads = moved.map((p) => ({
        p,
        read: queueFillRead(ctx.workbook.worksheets.getItem(p.sheetId).getRange(p.address)),
      }));
      const prot = new Map(state.sheets.map((s) => [s.id, live?.get(s.id)?.protected ?? false]));
      await sync();
      for (const { p, read } of reads) out.push(classify(p, read(), prot.get(p.sheetId) ?? false));
    }
    return out;
  }

  async function readUsedRanges(
    ctx: Excel.RequestContext,
    sync: () => Promise<void>,
    sheets: SheetInfo[],
    alsoQueue?: () => void,
  ): Promise<{
    used: Map<string, { rowIndex: number; columnIndex: number; values: unknown[][] | null } | null>;
    extraLoaded: boolean;
  }> {
    const out = new Map<string, { rowIndex: number; columnIndex: number; values: unknown[][] | null } | null>();
    const ranges = sheets.map((s) => {
      const r = usedRange(ctx.workbook.worksheets.getItem(s.name));
      r.load("address,rowIndex,columnIndex,rowCount,columnCount,values");
      return { s, r };
    });
    alsoQueue?.();
    try {
      await sync();
    } catch (e) {
      if (!/PayloadSizeLimitExceeded|ResponseTooLarge|RangeExceedsLimit|GeneralException/i.test(errorCode(e) ?? ""))
        throw e;
      return { used: await readChunked(ctx, sync, sheets), extraLoaded: false };
    }
    const tooBig: SheetInfo[] = [];
    for (const { s, r } of ranges) {
      if (at(4) && r.isNullObject) out.set(s.name, null);
      else if (!Array.isArray(r.values))
        tooBig.push(s); // values come back null above 5 M cells
      else out.set(s.name, { rowIndex: r.rowIndex, columnIndex: r.columnIndex, values: r.values });
    }
    if (tooBig.length) for (const [k, v] of await readChunked(ctx, sync, tooBig)) out.set(k, v);
    return { used: out, extraLoaded: true };
  }

  /** Reads used ranges in row chunks of ≤ READ_CHUNK_CELLS cells per sync (halved when Excel still refuses). */
  async function readChunked(
    ctx: Excel.RequestContext,
    sync: () => Promise<void>,
    sheets: SheetInfo[],
  ): Promise<Map<string, { rowIndex: number; columnIndex: number; values: unknown[][] | null } | null>> {
    const out = new Map<string, { rowIndex: number; columnIndex: number; values: unknown[][] | null } | null>();
    const dims = sheets.map((s) => {
      const ws = ctx.workbook.worksheets.getItem(s.name);
      const r = usedRange(ws);
      r.load("rowIndex,columnIndex,rowCount,columnCount");
      return { ws, name: s.name, r };
    });
    await sync();
    type Piece = { ws: Excel.Worksheet; name: string; top: number; left: number; rows: number; cols: number };
    const pieces: Piece[] = [];
    for (const { ws, name, r } of dims) {
      if (at(4) && r.isNullObject) {
        out.set(name, null);
        continue;
      }
      out.set(name, { rowIndex: r.rowIndex, columnIndex: r.columnIndex, values: new Array(r.rowCount) });
      pieces.push({ ws, name, top: r.rowIndex, left: r.columnIndex, rows: r.rowCount, cols: r.columnCount });
    }
    let budget = READ_CHUNK_CELLS;
    let queue = pieces;
    while (queue.length) {
      const batch: Piece[] = [];
      const rest: Piece[] = [];
      let used = 0;
      for (const p of queue) {
        const fit = Math.floor((budget - used) / p.cols);
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
        if (!/PayloadSizeLimitExceeded|RangeExceedsLimit/i.test(errorCode(e) ?? "")) throw e;
        ok = false;
      }
      if (!ok) {
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

  // ----- writing -----

  /** Queues fills for rectangles of one sheet by fill key: RangeAreas chunks (1.9) or one range per rectangle. */
  function queueFills(ws: Excel.Worksheet, byKey: Map<FillKey, string[]>, perRect: boolean): void {
    for (const [key, addresses] of byKey) {
      if (!addresses.length) continue;
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
      if (caps.rangeAreas && !perRect) for (const chunk of chunkAddresses(addresses)) apply(ws.getRanges(chunk).format);
      else for (const a of addresses) apply(ws.getRange(a).format);
    }
  }

  /** Cells grouped by sheet id and fill key, merged into rectangles. */
  type FillPlan = Map<string, Map<FillKey, string[]>>;
  function planFills(cells: { sheetId: string; address: string; key: FillKey }[]): FillPlan {
    const groups = new Map<string, Map<FillKey, { row: number; col: number }[]>>();
    for (const c of cells) {
      const p = parseCell(c.address);
      if (!p) continue;
      let byKey = groups.get(c.sheetId);
      if (!byKey) groups.set(c.sheetId, (byKey = new Map()));
      let g = byKey.get(c.key);
      if (!g) byKey.set(c.key, (g = []));
      g.push(p);
    }
    const plan: FillPlan = new Map();
    for (const [id, byKey] of groups)
      plan.set(id, new Map([...byKey].map(([k, g]) => [k, mergeRects(g).map(rectAddress)])));
    return plan;
  }

  function queuePlan(ctx: Excel.RequestContext, plan: FillPlan, perRect: boolean): void {
    for (const [id, byKey] of plan) queueFills(ctx.workbook.worksheets.getItem(id), byKey, perRect);
  }

  /**
   * Syncs a write batch whose last part is `fills`. When Excel rejects a RangeAreas address (InvalidArgument), the
   * earlier commands have run: only the fills are sent again, one range per rectangle.
   */
  async function syncWithFallback(
    sync: () => Promise<void>,
    ctx: Excel.RequestContext,
    fills: (perRect: boolean) => void,
    after: () => void,
  ): Promise<void> {
    const perRect = areasRejected || !caps.rangeAreas;
    fills(perRect);
    after();
    try {
      await sync();
    } catch (e) {
      if (perRect || errorCode(e) !== "InvalidArgument") throw e;
      areasRejected = true;
      eventsOff(ctx);
      fills(true);
      after();
      await sync();
    }
  }

  function queueDeleteStateSheet(ctx: Excel.RequestContext): void {
    const ws = ctx.workbook.worksheets.getItem(STATE_SHEET);
    // Excel refuses to delete a VeryHidden sheet.
    ws.visibility = "Hidden";
    ws.delete();
  }

  function targetsOnSheets(findings: Finding[], sheets: SheetInfo[]) {
    const byName = new Map(sheets.map((s) => [s.name, s]));
    const targets: { sheet: SheetInfo; address: string; color: string }[] = [];
    const skipped = new Set<string>();
    for (const [name, cells] of highlightTargets(findings)) {
      const info = byName.get(name);
      if (!info) continue; // renamed or deleted since the read
      if (info.protected) {
        skipped.add(name);
        continue;
      }
      for (const c of cells.values()) targets.push({ sheet: info, address: a1(c.row, c.col), color: c.color });
    }
    return { targets, skipped: [...skipped] };
  }

  function summarise(probed: Probed[]): { changed: string[]; deleted: number; protectedSheets: string[] } {
    return {
      changed: probed.filter((p) => p.state === "changed").map((p) => `${p.sheet}!${p.address}`),
      deleted: probed.filter((p) => p.state === "deleted").length,
      protectedSheets: [...new Set(probed.filter((p) => p.state === "protected").map((p) => p.sheet))],
    };
  }

  return {
    capabilities: () => ({ ...caps }),

    async readWorkbook(options: ReadOptions = {}): Promise<WorkbookData> {
      lastRead = undefined;
      const state = loadStateSafe();
      return run("读取工作簿", async (ctx, sync) => {
        const all = await listSheets(ctx, sync);
        const sheets = all.filter(
          (s) => !OWN_SHEET_NAMES.includes(s.name) || (options.includeNarrativeSheet && s.name === NARRATIVE_SHEET),
        );
        const live = new Map(all.map((s) => [s.id, s]));
        // The previous highlight is probed in the same round trip as the values (if it is small enough).
        let resolveProbe: (() => { probed: Probed[]; moved: Probed[] }) | undefined;
        const small = state && state.sheets.reduce((n, s) => n + s.marks.length, 0) <= PROBE_CHUNK;
        const { used, extraLoaded } = await readUsedRanges(ctx, sync, sheets, () => {
          if (state && small) resolveProbe = queueProbe(ctx, state, live);
        });
        let probed: Probed[] | undefined;
        if (state) {
          if (resolveProbe && extraLoaded) {
            const r = resolveProbe();
            probed = r.probed;
            if (r.moved.length) {
              const reads = r.moved.map((p) => ({
                p,
                read: queueFillRead(ctx.workbook.worksheets.getItem(p.sheetId).getRange(p.address)),
              }));
              await sync();
              for (const { p, read } of reads)
                probed.push(classify(p, read(), live.get(p.sheetId)?.protected ?? false));
            }
          } else probed = await probeState(ctx, sync, state, live);
        }
        lastRead = { at: Date.now(), sheets: all, probed, state };
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
      const cached = lastRead && Date.now() - lastRead.at < PROBE_FRESH_MS ? lastRead : undefined;
      const previous = cached ? cached.state : loadStateSafe();
      const result = await writingScope(() =>
        run(
          "标记问题单元格",
          async (ctx, sync) => {
            let sheets = cached?.sheets;
            let probed = cached?.probed;
            if (!sheets) {
              sheets = await listSheets(ctx, sync);
              const live = new Map(sheets.map((s) => [s.id, s]));
              if (previous) probed = await probeState(ctx, sync, previous, live);
            }
            const hasStateSheet = sheets.some((s) => s.name === STATE_SHEET);
            const { targets, skipped } = targetsOnSheets(findings, sheets);
            // Originals of the previous marks that are still ours: the new snapshot must not take our colour for theirs.
            const prevOriginal = new Map<string, FillKey>();
            for (const p of probed ?? [])
              if (p.state === "marked" && p.original !== undefined)
                prevOriginal.set(`${p.sheetId}!${p.address}`, p.original);

            // Below 1.9 there is no copyFrom: read the targets' fills first (one more sync).
            const originals = new Map<number, FillKey>();
            if (!caps.cellProperties && targets.length) {
              const reads = targets.map((t) =>
                queueFillRead(ctx.workbook.worksheets.getItem(t.sheet.id).getRange(t.address)),
              );
              await sync();
              reads.forEach((read, i) =>
                originals.set(i, prevOriginal.get(`${targets[i].sheet.id}!${targets[i].address}`) ?? read()),
              );
            }

            // ONE write batch: restore the previous marks, rebuild the state sheet (trackers, format copies), fill.
            if (caps.rangeAreas) ctx.application.suspendScreenUpdatingUntilNextSync();
            eventsOff(ctx);
            const restore = planFills(
              (probed ?? [])
                .filter((p) => p.state === "marked" && p.original !== undefined)
                .map((p) => ({ sheetId: p.sheetId, address: p.address!, key: p.original! })),
            );
            queuePlan(ctx, restore, areasRejected || !caps.rangeAreas);
            if (hasStateSheet) queueDeleteStateSheet(ctx);
            const useSheet = caps.hiddenState && targets.length > 0;
            const state: SavedState = {
              v: 2,
              sheets: [],
              rows: useSheet ? targets.length : 0,
              created: new Date().toISOString(),
            };
            const bySheet = new Map<string, SheetMarks>();
            targets.forEach((t, i) => {
              let sm = bySheet.get(t.sheet.id);
              if (!sm) bySheet.set(t.sheet.id, (sm = { id: t.sheet.id, name: t.sheet.name, marks: [] }));
              const mark: Mark = { a: t.address, m: t.color };
              if (useSheet) mark.t = i + 1;
              if (!caps.cellProperties) mark.o = originals.get(i);
              sm.marks.push(mark);
            });
            // Marks on a sheet protected since they were made cannot be restored yet: they stay recorded (original inline).
            for (const p of probed ?? []) {
              if (p.state !== "protected" || p.original === undefined || !p.address) continue;
              let sm = bySheet.get(p.sheetId);
              if (!sm) bySheet.set(p.sheetId, (sm = { id: p.sheetId, name: p.sheet, marks: [] }));
              sm.marks.push({ a: p.address, m: p.mark.m, o: p.original });
            }
            state.sheets = [...bySheet.values()];
            if (useSheet) {
              const ws = ctx.workbook.worksheets.add(STATE_SHEET);
              ws.visibility = "VeryHidden";
              const user = new Map<string, Excel.Worksheet>();
              // Keep each request well below Excel on the web's 5 MB: trackers and copies go ahead in blocks, fills last.
              for (let from = 0; from < targets.length; from += WRITE_CHUNK) {
                const block = targets.slice(from, from + WRITE_CHUNK);
                ws.getRange(`A${from + 1}:A${from + block.length}`).formulas = block.map((t) => [
                  `=ISREF(${sheetReference(t.sheet.name, t.address)})`,
                ]);
                if (caps.cellProperties)
                  block.forEach((t, j) => {
                    let src = user.get(t.sheet.id);
                    if (!src) user.set(t.sheet.id, (src = ctx.workbook.worksheets.getItem(t.sheet.id)));
                    ws.getRange(`B${from + j + 1}`).copyFrom(src.getRange(t.address), "Formats");
                  });
                if (from + WRITE_CHUNK < targets.length) await sync();
              }
            }
            const marks = planFills(targets.map((t) => ({ sheetId: t.sheet.id, address: t.address, key: t.color })));
            let cells = targets.length;
            try {
              await syncWithFallback(
                sync,
                ctx,
                (perRect) => queuePlan(ctx, marks, perRect),
                () => eventsOn(ctx),
              );
            } catch (e) {
              if (caps.protection || errorCode(e) !== "AccessDenied") throw e;
              // ExcelApi 1.1 cannot read protection: fill sheet by sheet and skip the sheets Excel refuses.
              for (const [id, byKey] of marks) {
                queueFills(ctx.workbook.worksheets.getItem(id), byKey, true);
                try {
                  await sync();
                } catch (e2) {
                  if (errorCode(e2) !== "AccessDenied") throw e2;
                  const sm = bySheet.get(id)!;
                  skipped.push(sm.name);
                  cells -= sm.marks.length;
                  state.sheets = state.sheets.filter((x) => x !== sm);
                }
              }
            }
            return { state, skipped, probed: probed ?? [], cells };
          },
          counter,
        ),
      );
      await saveState(result.state);
      const s = summarise(result.probed);
      return {
        cells: result.cells,
        syncs: counter.n,
        skippedSheets: result.skipped,
        changedByUser: s.changed,
      };
    },

    async clearHighlights(): Promise<ClearResult> {
      const counter = { n: 0 };
      const state = loadState();
      if (!state) {
        // A state sheet without an index (settings not saved): remove it, nothing can be restored from it.
        const removed = await writingScope(() =>
          run(
            "清除标记",
            async (ctx, sync) => {
              const sheets = await listSheets(ctx, sync);
              if (!sheets.some((s) => s.name === STATE_SHEET)) return false;
              queueDeleteStateSheet(ctx);
              await sync();
              return true;
            },
            counter,
          ),
        );
        return {
          restored: 0,
          changedByUser: [],
          deleted: 0,
          protectedSheets: [],
          syncs: counter.n,
          orphanState: removed,
        };
      }
      const out = await writingScope(() =>
        run(
          "清除标记",
          async (ctx, sync) => {
            let probed: Probed[];
            try {
              probed = await probeState(ctx, sync, state, undefined);
            } catch (e) {
              // A marked sheet was deleted: list the sheets, then probe the others.
              if (errorCode(e) !== "ItemNotFound") throw e;
              const sheets = await listSheets(ctx, sync);
              probed = await probeState(ctx, sync, state, new Map(sheets.map((s) => [s.id, s])));
            }
            if (caps.rangeAreas) ctx.application.suspendScreenUpdatingUntilNextSync();
            eventsOff(ctx);
            const restore = planFills(
              probed
                .filter((p) => p.state === "marked" && p.original !== undefined)
                .map((p) => ({ sheetId: p.sheetId, address: p.address!, key: p.original! })),
            );
            const keep = probed.filter((p) => p.state === "protected");
            if (state.rows > 0 && !keep.length) queueDeleteStateSheet(ctx);
            await syncWithFallback(
              sync,
              ctx,
              (perRect) => queuePlan(ctx, restore, perRect),
              () => eventsOn(ctx),
            );
            return { probed, keep };
          },
          counter,
        ),
      );
      // Marks on protected sheets stay saved, so that 清除标记 after unprotecting restores them.
      const keepMarks = new Set(out.keep.map((p) => p.mark));
      const rest: SavedState | undefined = out.keep.length
        ? {
            ...state,
            sheets: state.sheets
              .map((s) => ({ ...s, marks: s.marks.filter((m) => keepMarks.has(m)) }))
              .filter((s) => s.marks.length),
          }
        : undefined;
      await saveState(rest);
      const s = summarise(out.probed);
      return {
        restored: out.probed.filter((p) => p.state === "marked" && p.original !== undefined).length,
        changedByUser: s.changed,
        deleted: s.deleted,
        protectedSheets: s.protectedSheets,
        syncs: counter.n,
        orphanState: false,
      };
    },

    async hasHighlights(): Promise<boolean> {
      return !!loadStateSafe();
    },

    async selectCell(ref: CellRef): Promise<void> {
      await run(`定位单元格 ${ref.sheet}!${a1(ref.row, ref.col)}`, async (ctx, sync) => {
        const ws = at(4)
          ? ctx.workbook.worksheets.getItemOrNullObject(ref.sheet)
          : ctx.workbook.worksheets.getItem(ref.sheet);
        ws.load("name,visibility");
        try {
          await sync();
        } catch (e) {
          if (errorCode(e) === "ItemNotFound") throw missingSheet(ref.sheet);
          throw e;
        }
        if (at(4) && ws.isNullObject) throw missingSheet(ref.sheet);
        if (ws.visibility !== "Visible") throw new ExcelGatewayError(`工作表“${ref.sheet}”已隐藏，请先取消隐藏。`);
        ws.activate();
        ws.getRange(a1(ref.row, ref.col)).select();
        await sync();
      });
    },

    async writeResultsSheet(
      findings: Finding[],
      tables: { id: AnyTableId; sheet: string; title: string }[],
    ): Promise<void> {
      const titleOf = (id?: AnyTableId): string =>
        id ? (tables.find((t) => t.id === id)?.title ?? (tableName(id) || id)) : "";
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
          const old = sheets.find((s) => s.name === RESULTS_SHEET);
          if (old) {
            const ws = ctx.workbook.worksheets.getItem(RESULTS_SHEET);
            if (old.visibility !== "Visible" && at(2)) ws.visibility = "Visible";
            ws.delete();
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
          if (at(2)) {
            const widths = [40, 60, 90, 220, 120, 60, 480];
            widths.forEach((w, i) => (ws.getRange(`${a1(0, i)}:${a1(0, i)}`).format.columnWidth = w));
          }
          if (all.length > 1) ws.getRange(`G2:G${all.length}`).format.wrapText = true;
          if (caps.hyperlinks) {
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
          const old = sheets.find((s) => s.name === NARRATIVE_SHEET);
          if (old && !overwrite) return "exists" as const;
          eventsOff(ctx);
          if (old) {
            const ws = ctx.workbook.worksheets.getItem(NARRATIVE_SHEET);
            if (old.visibility !== "Visible" && at(2)) ws.visibility = "Visible";
            ws.delete();
          }
          const ws = ctx.workbook.worksheets.add(NARRATIVE_SHEET);
          if (at(2)) ws.getRange("A1").format.columnWidth = 560;
          if (cells.length) {
            const range = ws.getRange(`A1:A${cells.length}`);
            range.numberFormat = cells.map(() => ["@"]);
            // eslint-disable-next-line office-addins/call-sync-after-load -- false positive: a write, not a read (see above)
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
        // A co-author's edit reaches every open copy: only this user's edits trigger a re-check here.
        if (args.source === "Remote") return;
        if (writing > 0 || Date.now() < quietUntil) return;
        changed.add(args.worksheetId);
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void fire(), DEBOUNCE_MS);
      };
      const registrations = await run("订阅工作表修改事件", async (ctx, sync) => {
        if (at(9)) {
          const r = ctx.workbook.worksheets.onChanged.add(onChanged);
          await sync();
          return [r];
        }
        // 1.7–1.8: one subscription per user sheet (sheets added later are not watched until the pane reopens).
        const sheets = await listSheets(ctx, sync);
        const rs = sheets
          .filter((s) => !OWN_SHEET_NAMES.includes(s.name))
          .map((s) => ctx.workbook.worksheets.getItem(s.id).onChanged.add(onChanged));
        await sync();
        return rs;
      });
      return async () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (!registrations.length) return;
        await X.run(registrations[0].context, async (ctx) => {
          for (const r of registrations) r.remove();
          await ctx.sync();
        });
      };
    },
  };

  function loadStateSafe(): SavedState | undefined {
    try {
      return loadState();
    } catch {
      return undefined;
    }
  }
}

const FILL_SPEC: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } },
};

function missingSheet(name: string): ExcelGatewayError {
  return new ExcelGatewayError(`找不到工作表“${name}”，它可能已被重命名或删除，请重新校验。`);
}
