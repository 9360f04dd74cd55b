/**
 * A faithful fake of the parts of Office.js / Excel JS that the gateway (src/hosts/excel/gateway.ts) calls.
 *
 * Faithful means it behaves like Excel where our code could get it wrong:
 *  - every call only queues a command; commands run in order at context.sync() (and once more at the end of
 *    Excel.run when commands are still pending), and state.syncCount counts the round trips;
 *  - reading a property that was not load()ed and sync()ed throws PropertyNotLoaded, as Office does;
 *  - getItem of a missing sheet, a too long RangeAreas address (maxAddressChars, default 8,000) or too many
 *    areas (maxAreas, default 500) make the sync reject (ItemNotFound / InvalidArgument);
 *  - APIs above the simulated ExcelApi version reject the sync with ApiNotFound;
 *  - a response above 5 MB rejects with ResponsePayloadSizeLimitExceeded (Excel on the web), and a get of
 *    more than 5,000,000 cells returns values null (desktop, office-js#6781);
 *  - "no fill" reads as color "#FFFFFF" (like Excel); pattern (1.9) reads "None" by default, or null with
 *    tintAndShade null as real Excel reports it (office-js#4900, #6218) with noFill: "null";
 *  - each API is gated on its documented requirement set (apiVersion "1.1" … "1.20"): e.g. setting visibility,
 *    getUsedRange(valuesOnly) and columnWidth need 1.2, Worksheet.onChanged 1.7, worksheets.onChanged,
 *    getRanges, getCellProperties and copyFrom 1.9, Excel.run's delayForCellEdit 1.11;
 *  - protected sheets refuse writes (AccessDenied), a user in cell-edit mode makes every batch fail
 *    (InvalidOperationInCellEditMode) unless it was run with delayForCellEdit, ranges above maxCellsPerRange fail
 *    with RangeExceedsLimit, and rejectGetRanges makes Excel reject every getRanges address;
 *  - the user can insert rows, rename sheets and recolour cells (formulas that refer to them follow, as in Excel),
 *    and co-authors' edits arrive with source "Remote";
 *  - a VeryHidden sheet cannot be deleted, nor the last visible sheet.
 * It records what tests assert: fills per cell, every value written into a user sheet, the selection, the
 * RangeAreas calls, and settings/sheets that survive a "reopen" (createFakeExcel(wb, { state: old.state })).
 *
 * It must also run in a browser (the task pane's end-to-end test): no Node imports.
 */
import { OWN_SHEET_NAMES, a1, columnIndex, type CellValue, type WorkbookData } from "../../src/core/model/workbook";

/** "1.1" … "1.20": the ExcelApi requirement set the fake host supports. */
export type FakeApiVersion = `1.${number}`;
/** The newest ExcelApi the fake knows of (Microsoft 365). */
export const NEWEST_API: FakeApiVersion = "1.20";

type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface FakeSheetState {
  id: string;
  name: string;
  visibility: Visibility;
  /** A sheet of the user's workbook: any value the add-in writes into it is logged in valueWrites. */
  user: boolean;
  /** Non-empty values by cellKey(row, col). */
  values: Map<number, CellValue>;
  /** Solid fill colour "#RRGGBB" by cellKey; no entry = no fill. */
  fills: Map<number, string>;
  /** Non-solid fill patterns by cellKey (only set through the 1.9 pattern API). */
  patterns: Map<number, string>;
  /** Fill tintAndShade (≠ 0) and pattern colours by cellKey (1.9 API). */
  tints: Map<number, number>;
  patternColors: Map<number, string>;
  /** Formulas by cellKey (their value is in values). */
  formulas: Map<number, string>;
  /** Protected sheets refuse every write (AccessDenied). */
  protected: boolean;
  hyperlinks: Map<number, { documentReference?: string; address?: string; textToDisplay?: string }>;
  numberFormats: Map<number, string>;
}

export interface ValueWrite {
  sheet: string;
  address: string;
  value: unknown;
}

export interface FakeExcelState {
  readonly apiVersion: FakeApiVersion;
  sheets: FakeSheetState[];
  activeSheet: string;
  /** context.sync() round trips so far (including the implicit one at the end of Excel.run). */
  syncCount: number;
  /** Values the add-in wrote into cells of user sheets (must stay empty). */
  valueWrites: ValueWrite[];
  selection?: { sheet: string; address: string };
  /** context.runtime.enableEvents. */
  enableEvents: boolean;
  /** Settings as persisted by saveAsync (JSON), the only ones a reopened workbook sees. */
  savedSettings: string;
  /** Every worksheet.getRanges call: its address length and area count. */
  rangeAreasCalls: { sheet: string; chars: number; areas: number }[];
  /** Longest address passed to getRange/getRanges. */
  maxAddressChars: number;
  /** The most commands sent in one sync (a proxy for the request size: Excel on the web refuses requests over 5 MB). */
  maxOpsPerSync: number;
  /** suspendScreenUpdatingUntilNextSync calls. */
  screenUpdatingSuspensions: number;
  /** Events raised to onChanged handlers. */
  eventsRaised: number;
  /** The fill colour of one cell ("#RRGGBB"), or null for no fill. */
  fillOf(sheet: string, address: string): string | null;
  valueOf(sheet: string, address: string): CellValue;
  sheetNames(): string[];
  sheet(name: string): FakeSheetState | undefined;
  /** All fills of all sheets as sheet → address → "colour[/pattern][/patternColor][~tint]", for before/after comparisons. */
  allFills(): Record<string, Record<string, string>>;
  /** All values of all sheets as sheet → address → value. */
  allValues(): Record<string, Record<string, CellValue>>;
  /** Simulates the user typing a value (raises onChanged when events are enabled). Not logged in valueWrites. */
  userEdit(sheet: string, address: string, value: CellValue, opts?: { remote?: boolean }): void;
  /** The user inserts `count` rows above row `row1` (1-based): cells move down, formulas referring to them follow. */
  userInsertRows(sheet: string, row1: number, count: number): void;
  /** The user renames a sheet: formulas referring to it follow. */
  userRenameSheet(from: string, to: string): void;
  /** The user fills a cell (colour) or removes its fill (null). */
  userFill(sheet: string, address: string, color: string | null): void;
  /** The user is typing in a cell (cell-edit mode): batches fail unless run with delayForCellEdit. */
  cellEditMode: boolean;
  /** Batches that Excel held back until the user left cell-edit mode. */
  delayedForCellEdit: number;
}

export interface FakeExcelOptions {
  apiVersion?: FakeApiVersion;
  maxAddressChars?: number;
  maxAreas?: number;
  /** Original fills: sheet → address ("B3" or "B3:C4") → colour. */
  fills?: Record<string, Record<string, string>>;
  /** State of a previous fake: simulates closing and reopening the workbook (sheets and saved settings survive). */
  state?: FakeExcelState;
  /** Response size limit per sync in bytes (default 5 MB, Excel on the web). */
  maxResponseBytes?: number;
  /** Cells per get above which values come back null (default 5,000,000). */
  maxCellsPerRead?: number;
  /** Cells per range above which loading values fails with RangeExceedsLimit (default: no limit). */
  maxCellsPerRange?: number;
  /** How "no fill" reports its pattern: "None" (default) or null with tintAndShade null (office-js#4900, #6218). */
  noFill?: "None" | "null";
  /** Excel rejects every getRanges address (InvalidArgument). */
  rejectGetRanges?: boolean;
  /** Sheets protected by the user. */
  protectedSheets?: string[];
  /** The user is typing in a cell when the pane starts (see FakeExcelState.cellEditMode). */
  cellEditMode?: boolean;
}

export interface FakeExcel {
  Excel: typeof Excel;
  Office: typeof Office;
  state: FakeExcelState;
}

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
const cellKey = (row: number, col: number): number => row * MAX_COLS + col;
const keyRow = (key: number): number => Math.floor(key / MAX_COLS);
const keyCol = (key: number): number => key % MAX_COLS;

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** An error shaped like OfficeExtension.Error (name RichApi.Error, code, debugInfo). */
export class FakeOfficeError extends Error {
  code: string;
  debugInfo: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message };
  }
}

function notLoaded(prop: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function versionRank(v: string): number {
  const m = /^1\.(\d+)$/.exec(v);
  return m ? Number(m[1]) : 99;
}

/** Parses "A1", "$A$1:$B$3", "A:C", "2:5". Throws InvalidArgument otherwise. */
function parseRect(address: string): Rect {
  const bang = address.lastIndexOf("!");
  const a = (bang >= 0 ? address.slice(bang + 1) : address).trim().replace(/\$/g, "").toUpperCase();
  const parts = a.split(":");
  if (parts.length < 1 || parts.length > 2) throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
  const ends = parts.map((p) => {
    let m = /^([A-Z]{1,3})(\d+)$/.exec(p);
    if (m) return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
    m = /^([A-Z]{1,3})$/.exec(p);
    if (m) return { row: undefined, col: columnIndex(m[1]) };
    m = /^(\d+)$/.exec(p);
    if (m) return { row: Number(m[1]) - 1, col: undefined };
    throw new FakeOfficeError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format: ${address}`,
    );
  });
  const [s, e] = [ends[0], ends[ends.length - 1]];
  const rect: Rect = {
    top: Math.min(s.row ?? 0, e.row ?? 0),
    bottom: s.row === undefined || e.row === undefined ? MAX_ROWS - 1 : Math.max(s.row, e.row),
    left: Math.min(s.col ?? 0, e.col ?? 0),
    right: s.col === undefined || e.col === undefined ? MAX_COLS - 1 : Math.max(s.col, e.col),
  };
  if (s.row === undefined && e.row === undefined) rect.top = 0;
  if (s.col === undefined && e.col === undefined) rect.left = 0;
  if (rect.bottom >= MAX_ROWS || rect.right >= MAX_COLS || rect.top < 0 || rect.left < 0)
    throw new FakeOfficeError("InvalidArgument", `Address out of the grid: ${address}`);
  return rect;
}

function rectAddress(r: Rect): string {
  const tl = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${a1(r.bottom, r.right)}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function normColor(c: unknown): string {
  if (typeof c !== "string") throw new FakeOfficeError("InvalidArgument", `Bad colour ${String(c)}`);
  const m = /^#?([0-9a-fA-F]{6})$/.exec(c.trim());
  if (m) return `#${m[1].toUpperCase()}`;
  const named: Record<string, string> = {
    white: "#FFFFFF",
    black: "#000000",
    red: "#FF0000",
    yellow: "#FFFF00",
    orange: "#FFA500",
  };
  const n = named[c.trim().toLowerCase()];
  if (!n) throw new FakeOfficeError("InvalidArgument", `Bad colour ${c}`);
  return n;
}

function cellCount(r: Rect): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

function forEachCell(r: Rect, fn: (row: number, col: number) => void): void {
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(row, col);
}

/** Expands load() arguments ("a,b", ["a"], {select:"a"}, {a:true}) into property paths. */
function loadPaths(arg: unknown): string[] {
  if (arg === undefined) return ["*"];
  if (typeof arg === "string")
    return arg
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((a) => loadPaths(a));
  if (typeof arg === "object" && arg !== null) {
    const o = arg as Record<string, unknown>;
    if (typeof o.select === "string" || Array.isArray(o.select)) return loadPaths(o.select);
    return Object.keys(o).filter((k) => o[k]);
  }
  return [];
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

// ---------------------------------------------------------------------------------------------------------------
// Request context and proxies

type Op = () => void;

class FakeContext {
  _queue: Op[] = [];
  _responseBytes = 0;
  /** Excel.run({ delayForCellEdit: true }) on a host that knows the option (1.11). */
  _delayForCellEdit = false;
  workbook: FakeWorkbook;
  runtime: FakeRuntime;
  application: FakeApplication;
  constructor(readonly _x: FakeHost) {
    this.workbook = new FakeWorkbook(this);
    this.runtime = new FakeRuntime(this);
    this.application = new FakeApplication(this);
  }
  _push(op: Op): void {
    this._queue.push(op);
  }
  _needs(version: string, api: string): void {
    if (versionRank(this._x.state.apiVersion) < versionRank(version)) {
      this._push(() => {
        throw new FakeOfficeError(
          "ApiNotFound",
          `${api} requires ExcelApi ${version} (host has ${this._x.state.apiVersion})`,
        );
      });
    }
  }
  _addResponse(bytes: number): void {
    this._responseBytes += bytes;
    if (this._responseBytes > this._x.maxResponseBytes)
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        "The response payload size has exceeded the limit.",
      );
  }
  _canWrite(sheet: FakeSheetState): void {
    if (sheet.protected)
      throw new FakeOfficeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
  }
  async sync(): Promise<void> {
    this._x.state.syncCount++;
    const ops = this._queue;
    this._x.state.maxOpsPerSync = Math.max(this._x.state.maxOpsPerSync, ops.length);
    this._queue = [];
    this._responseBytes = 0;
    // Async like the real round trip: callers must await.
    await Promise.resolve();
    if (this._x.state.cellEditMode) {
      if (!this._delayForCellEdit)
        throw new FakeOfficeError(
          "InvalidOperationInCellEditMode",
          "Excel is in cell-editing mode. Please exit the edit mode and try again.",
        );
      // Excel holds the batch until the user presses Enter or Esc.
      this._x.state.delayedForCellEdit++;
      this._x.state.cellEditMode = false;
    }
    for (const op of ops) op();
    this._x.flushEvents();
  }
}

abstract class FakeProxy {
  _loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}
  protected _get<T>(prop: string): T {
    if (!this._loaded.has(prop)) throw notLoaded(prop);
    return this._loaded.get(prop) as T;
  }
  /** Returns the value of a scalar property now (called inside a sync op). */
  protected abstract _read(prop: string): unknown;
  /** Navigation properties for "a/b" load paths. */
  protected _nav(_name: string): FakeProxy | undefined {
    return undefined;
  }
  load(arg?: unknown): this {
    const paths = loadPaths(arg);
    for (const p of paths) {
      const slash = p.indexOf("/");
      if (slash >= 0) {
        const child = this._nav(p.slice(0, slash));
        if (!child) throw new FakeOfficeError("InvalidArgument", `Cannot load ${p}`);
        child.load(p.slice(slash + 1));
        continue;
      }
      this.context._push(() => {
        this._loaded.set(p, this._read(p));
      });
    }
    return this;
  }
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

class FakeWorkbook {
  worksheets: FakeWorksheetCollection;
  constructor(readonly context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
  }
}

class FakeRuntime extends FakeProxy {
  protected _read(prop: string): unknown {
    if (prop === "enableEvents") return this.context._x.state.enableEvents;
    throw new FakeOfficeError("InvalidArgument", `Runtime.${prop}`);
  }
  get enableEvents(): boolean {
    return this._get("enableEvents");
  }
  set enableEvents(v: boolean) {
    this.context._needs("1.8", "Runtime.enableEvents");
    this.context._push(() => {
      this.context._x.state.enableEvents = !!v;
    });
  }
}

class FakeApplication extends FakeProxy {
  protected _read(prop: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `Application.${prop}`);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context._needs("1.9", "Application.suspendScreenUpdatingUntilNextSync");
    this.context._push(() => {
      this.context._x.state.screenUpdatingSuspensions++;
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context._needs("1.6", "Application.suspendApiCalculationUntilNextSync");
  }
}

class FakeEventSource {
  constructor(
    readonly context: FakeContext,
    readonly sheetFilter?: () => FakeSheetState | null | undefined,
  ) {}
  add(handler: (args: unknown) => Promise<unknown>): { context: FakeContext; remove(): void } {
    // Worksheet.onChanged is ExcelApi 1.7, WorksheetCollection.onChanged 1.9.
    this.context._needs(
      this.sheetFilter ? "1.7" : "1.9",
      this.sheetFilter ? "Worksheet.onChanged" : "WorksheetCollection.onChanged",
    );
    const entry: HandlerEntry = { handler };
    this.context._push(() => {
      if (this.sheetFilter) entry.sheet = this.sheetFilter() ?? undefined;
    });
    this.context._push(() => {
      this.context._x.handlers.push(entry);
    });
    const context = this.context;
    return {
      context,
      remove: () => {
        context._push(() => {
          const i = context._x.handlers.indexOf(entry);
          if (i >= 0) context._x.handlers.splice(i, 1);
        });
      },
    };
  }
}

class FakeWorksheetCollection extends FakeProxy {
  onChanged: FakeEventSource;
  constructor(context: FakeContext) {
    super(context);
    this.onChanged = new FakeEventSource(context);
  }
  protected _read(prop: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `WorksheetCollection.${prop}`);
  }
  override load(arg?: unknown): this {
    // Collection loads: "items/name", "name", or nothing → items with those properties.
    const props = loadPaths(arg)
      .map((p) => (p.startsWith("items/") ? p.slice(6) : p))
      .filter((p) => p !== "items");
    this.context._push(() => {
      const items = this.context._x.state.sheets.map((s) => {
        const ws = new FakeWorksheet(this.context, () => s, s);
        for (const p of props.length ? props : ["name", "visibility", "id", "position"])
          if (!p.includes("/")) ws._loaded.set(p, ws._readNow(p));
        if (props.includes("protection/protected")) {
          if (versionRank(this.context._x.state.apiVersion) < 2)
            throw new FakeOfficeError("ApiNotFound", "WorksheetProtection requires ExcelApi 1.2");
          ws.protection._loaded.set("protected", s.protected);
        }
        return ws;
      });
      this._loaded.set("items", items);
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this._get("items");
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = this.context._x.findSheet(name);
      if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    this.context._needs("1.4", "getItemOrNullObject");
    return new FakeWorksheet(this.context, () => this.context._x.findSheet(name) ?? null);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context._x.findSheet(this.context._x.state.activeSheet) ?? null);
  }
  add(name?: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const x = this.context._x;
      const n = name ?? `Sheet${x.state.sheets.length + 1}`;
      if (x.findSheet(n)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${n} already exists`);
      if (n.length > 31 || /[\\/?*[\]:]/.test(n)) throw new FakeOfficeError("InvalidArgument", `Bad sheet name ${n}`);
      const s = x.newSheet(n, false);
      x.state.sheets.push(s);
      return s;
    });
  }
}

class FakeWorksheet extends FakeProxy {
  _target: FakeSheetState | null | undefined;
  _onChanged: FakeEventSource | undefined;
  get onChanged(): FakeEventSource {
    return (this._onChanged ??= new FakeEventSource(this.context, () => this._sheet()));
  }
  _protection: FakeProtection | undefined;
  get protection(): FakeProtection {
    this.context._needs("1.2", "Worksheet.protection");
    return (this._protection ??= new FakeProtection(this.context, () => this._sheet()));
  }
  /** `resolved`: an item of a loaded collection, already known (no command is queued for it). */
  constructor(context: FakeContext, resolve: () => FakeSheetState | null, resolved?: FakeSheetState) {
    super(context);
    if (resolved) this._target = resolved;
    else
      context._push(() => {
        this._target = resolve();
      });
  }
  /** The resolved sheet; operations on a null object fail like Excel's. */
  _sheet(): FakeSheetState {
    if (this._target === undefined) throw new Error("fake: worksheet used before its creation ran");
    if (this._target === null)
      throw new FakeOfficeError("InvalidObjectPath", "The object path is invalid (null object).");
    if (!this.context._x.state.sheets.includes(this._target))
      throw new FakeOfficeError("ItemNotFound", "The sheet was deleted.");
    return this._target;
  }
  _readNow(prop: string): unknown {
    return this._read(prop);
  }

  protected _read(prop: string): unknown {
    if (this._target === null) return null;
    const s = this._sheet();
    switch (prop) {
      case "name":
        return s.name;
      case "visibility":
        return s.visibility;
      case "id":
        return s.id;
      case "position":
        return this.context._x.state.sheets.indexOf(s);
      default:
        throw new FakeOfficeError("InvalidArgument", `Worksheet.${prop} is not faked`);
    }
  }
  get isNullObject(): boolean {
    if (this._target === undefined) throw notLoaded("isNullObject");
    return this._target === null;
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this.context._push(() => {
      this._sheet().name = v;
    });
  }
  get id(): string {
    return this._get("id");
  }
  get visibility(): Visibility {
    return this._get("visibility");
  }
  set visibility(v: Visibility) {
    this.context._needs("1.2", "setting Worksheet.visibility");
    this.context._push(() => {
      const s = this._sheet();
      if (!["Visible", "Hidden", "VeryHidden"].includes(v))
        throw new FakeOfficeError("InvalidArgument", `visibility ${v}`);
      if (v !== "Visible" && s.visibility === "Visible" && this.context._x.visibleCount() === 1)
        throw new FakeOfficeError("InvalidOperation", "Cannot hide the last visible sheet.");
      s.visibility = v;
      const x = this.context._x;
      if (v !== "Visible" && x.state.activeSheet === s.name)
        x.state.activeSheet = x.state.sheets.find((t) => t.visibility === "Visible")!.name;
    });
  }
  activate(): void {
    this.context._push(() => {
      const s = this._sheet();
      if (s.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", "Cannot activate a hidden sheet.");
      this.context._x.state.activeSheet = s.name;
    });
  }
  delete(): void {
    this.context._push(() => {
      const s = this._sheet();
      const x = this.context._x;
      if (s.visibility === "VeryHidden")
        throw new FakeOfficeError("InvalidOperation", "Cannot delete a VeryHidden sheet.");
      if (s.visibility === "Visible" && x.visibleCount() === 1)
        throw new FakeOfficeError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      x.state.sheets.splice(x.state.sheets.indexOf(s), 1);
      if (x.state.activeSheet === s.name)
        x.state.activeSheet = x.state.sheets.find((t) => t.visibility === "Visible")!.name;
    });
  }
  getRange(address?: string): FakeRange {
    if (address !== undefined) this.context._x.noteAddress(address);
    return new FakeRange(this.context, () => {
      const s = this._sheet();
      return {
        sheet: s,
        rect:
          address === undefined ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 } : parseRect(address),
      };
    });
  }
  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.context, () => ({
      sheet: this._sheet(),
      rect: { top: row, left: col, bottom: row, right: col },
    }));
  }
  getRanges(address: string): FakeRangeAreas {
    this.context._needs("1.9", "Worksheet.getRanges");
    const x = this.context._x;
    x.noteAddress(address);
    return new FakeRangeAreas(this.context, () => {
      const s = this._sheet();
      const parts = address.split(",").map((p) => p.trim());
      x.state.rangeAreasCalls.push({ sheet: s.name, chars: address.length, areas: parts.length });
      if (address.length > x.maxAddressChars || parts.length > x.maxAreas || x.rejectGetRanges)
        throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      return { sheet: s, rects: parts.map(parseRect) };
    });
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== undefined) this.context._needs("1.2", "getUsedRange(valuesOnly)");
    return new FakeRange(this.context, () => {
      const s = this._sheet();
      return { sheet: s, rect: this.context._x.usedRect(s, !!valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.context._needs("1.4", "getUsedRangeOrNullObject");
    return new FakeRange(this.context, () => {
      const s = this._sheet();
      const rect = this.context._x.usedRect(s, !!valuesOnly);
      return rect ? { sheet: s, rect } : null;
    });
  }
  get freezePanes(): { freezeRows(n: number): void } {
    return {
      freezeRows: () => {
        this.context._needs("1.7", "freezePanes");
      },
    };
  }
}

class FakeProtection extends FakeProxy {
  constructor(
    context: FakeContext,
    private readonly sheet: () => FakeSheetState,
  ) {
    super(context);
  }
  protected _read(prop: string): unknown {
    if (prop === "protected") return this.sheet().protected;
    throw new FakeOfficeError("InvalidArgument", `WorksheetProtection.${prop} is not faked`);
  }
  get protected(): boolean {
    return this._get("protected");
  }
}

interface RangeTarget {
  sheet: FakeSheetState;
  rect: Rect;
}

/** Format setters that change nothing the tests observe (widths, fonts); they are accepted and ignored. */
class FakeFont {
  bold = false;
  color = "#000000";
  size = 11;
}

class FakeFill extends FakeProxy {
  constructor(
    context: FakeContext,
    private readonly targets: () => { sheet: FakeSheetState; rects: Rect[] } | null,
  ) {
    super(context);
  }
  protected _read(prop: string): unknown {
    const t = this.targets();
    if (!t) return null;
    const x = this.context._x;
    if (prop === "color") {
      let seen: string | undefined;
      for (const r of t.rects) {
        let mixed = false;
        forEachCell(r, (row, col) => {
          const c = t.sheet.fills.get(cellKey(row, col)) ?? "#FFFFFF";
          if (seen === undefined) seen = c;
          else if (seen !== c) mixed = true;
        });
        if (mixed) return null;
      }
      x.ctxBytes(this.context, 12);
      return seen ?? "#FFFFFF";
    }
    if (prop === "pattern" || prop === "tintAndShade") {
      if (versionRank(x.state.apiVersion) < 9)
        throw new FakeOfficeError("ApiNotFound", `RangeFill.${prop} requires 1.9`);
      let seen: unknown;
      let first = true;
      for (const r of t.rects) {
        let mixed = false;
        forEachCell(r, (row, col) => {
          const f = x.fillProps(t.sheet, row, col);
          const p = prop === "pattern" ? f.pattern : f.tintAndShade;
          if (first) {
            seen = p;
            first = false;
          } else if (seen !== p) mixed = true;
        });
        if (mixed) return null;
      }
      return seen;
    }
    throw new FakeOfficeError("InvalidArgument", `RangeFill.${prop} is not faked`);
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this.context._push(() => {
      const t = this.targets();
      if (!t) throw new FakeOfficeError("InvalidObjectPath", "null object");
      const c = normColor(v);
      this.context._canWrite(t.sheet);
      for (const r of t.rects)
        forEachCell(r, (row, col) => {
          t.sheet.fills.set(cellKey(row, col), c);
          t.sheet.patterns.delete(cellKey(row, col));
          t.sheet.tints.delete(cellKey(row, col));
          t.sheet.patternColors.delete(cellKey(row, col));
        });
    });
  }
  get pattern(): string {
    return this._get("pattern");
  }
  set pattern(v: string) {
    this.context._needs("1.9", "RangeFill.pattern");
    this.context._push(() => {
      const t = this.targets();
      if (!t) throw new FakeOfficeError("InvalidObjectPath", "null object");
      this.context._canWrite(t.sheet);
      for (const r of t.rects)
        forEachCell(r, (row, col) => {
          const k = cellKey(row, col);
          if (v === "None") {
            t.sheet.fills.delete(k);
            t.sheet.patterns.delete(k);
          } else if (v === "Solid") {
            t.sheet.patterns.delete(k);
            if (!t.sheet.fills.has(k)) t.sheet.fills.set(k, "#FFFFFF");
          } else t.sheet.patterns.set(k, v);
        });
    });
  }
  set patternColor(v: string) {
    this.context._needs("1.9", "RangeFill.patternColor");
    this.context._push(() => {
      const t = this.targets()!;
      const c = normColor(v);
      // Black is the default pattern colour: setting it leaves nothing to tell apart.
      for (const r of t.rects)
        forEachCell(r, (row, col) =>
          c === "#000000"
            ? t.sheet.patternColors.delete(cellKey(row, col))
            : t.sheet.patternColors.set(cellKey(row, col), c),
        );
    });
  }
  get tintAndShade(): number | null {
    return this._get("tintAndShade");
  }
  set tintAndShade(v: number) {
    this.context._needs("1.9", "RangeFill.tintAndShade");
    this.context._push(() => {
      const t = this.targets()!;
      for (const r of t.rects)
        forEachCell(r, (row, col) => {
          if (v) t.sheet.tints.set(cellKey(row, col), v);
          else t.sheet.tints.delete(cellKey(row, col));
        });
    });
  }
  clear(): void {
    this.context._push(() => {
      const t = this.targets();
      if (!t) throw new FakeOfficeError("InvalidObjectPath", "null object");
      this.context._canWrite(t.sheet);
      for (const r of t.rects) forEachCell(r, (row, col) => clearFill(t.sheet, cellKey(row, col)));
    });
  }
}

function clearFill(sheet: FakeSheetState, k: number): void {
  sheet.fills.delete(k);
  sheet.patterns.delete(k);
  sheet.tints.delete(k);
  sheet.patternColors.delete(k);
}

class FakeFormat {
  fill: FakeFill;
  font = new FakeFont();
  wrapText = false;
  private _columnWidth = 64;
  get columnWidth(): number {
    return this._columnWidth;
  }
  set columnWidth(v: number) {
    this.context._needs("1.2", "RangeFormat.columnWidth");
    this._columnWidth = v;
  }
  rowHeight = 15;
  verticalAlignment = "Bottom";
  horizontalAlignment = "General";
  constructor(
    readonly context: FakeContext,
    targets: () => { sheet: FakeSheetState; rects: Rect[] } | null,
  ) {
    this.fill = new FakeFill(context, targets);
  }
  autofitColumns(): void {}
  autofitRows(): void {}
}

class FakeRange extends FakeProxy {
  _target: RangeTarget | null | undefined;
  format: FakeFormat;
  constructor(context: FakeContext, resolve: () => RangeTarget | null) {
    super(context);
    context._push(() => {
      this._target = resolve();
    });
    this.format = new FakeFormat(context, () => {
      const t = this._t();
      return t && { sheet: t.sheet, rects: [t.rect] };
    });
  }
  private _t(): RangeTarget | null {
    if (this._target === undefined) throw new Error("fake: range used before its creation ran");
    return this._target;
  }
  _tt(): RangeTarget {
    const t = this._t();
    if (!t) throw new FakeOfficeError("InvalidObjectPath", "The object path is invalid (null object).");
    if (!this.context._x.state.sheets.includes(t.sheet))
      throw new FakeOfficeError("ItemNotFound", "The sheet was deleted.");
    return t;
  }
  protected override _nav(name: string): FakeProxy | undefined {
    if (name === "format") {
      return {
        load: (p: string) => {
          if (p.startsWith("fill/")) this.format.fill.load(p.slice(5));
          else throw new FakeOfficeError("InvalidArgument", `format/${p} is not faked`);
        },
      } as unknown as FakeProxy;
    }
    return undefined;
  }
  protected _read(prop: string): unknown {
    const t = this._t();
    if (!t) return null;
    const { sheet, rect } = t;
    const x = this.context._x;
    switch (prop) {
      case "address":
        return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
      case "rowIndex":
        return rect.top;
      case "columnIndex":
        return rect.left;
      case "rowCount":
        return rect.bottom - rect.top + 1;
      case "columnCount":
        return rect.right - rect.left + 1;
      case "cellCount":
        return cellCount(rect);
      case "values":
      case "formulas": {
        const n = cellCount(rect);
        if (n > x.maxCellsPerRange)
          throw new FakeOfficeError(
            "RangeExceedsLimit",
            "The number of cells in the range has exceeded the maximum supported number.",
          );
        if (n > x.maxCellsPerRead) return null;
        // Estimate the JSON size before building the array, so a huge range fails like the web host.
        let bytes = n * 3;
        for (const [k, v] of sheet.values) {
          const r = keyRow(k);
          const c = keyCol(k);
          if (r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right) bytes += JSON.stringify(v).length;
        }
        if (prop === "values") x.ctxBytes(this.context, bytes);
        const out: CellValue[][] = [];
        for (let r = rect.top; r <= rect.bottom; r++) {
          const row: CellValue[] = new Array(rect.right - rect.left + 1);
          for (let c = rect.left; c <= rect.right; c++) {
            const v =
              prop === "formulas"
                ? (sheet.formulas.get(cellKey(r, c)) ?? sheet.values.get(cellKey(r, c)))
                : sheet.values.get(cellKey(r, c));
            row[c - rect.left] = v === undefined || v === null ? "" : v;
          }
          out.push(row);
        }
        if (prop === "formulas") x.ctxBytes(this.context, JSON.stringify(out).length);
        return out;
      }
      case "numberFormat": {
        const out: string[][] = [];
        for (let r = rect.top; r <= rect.bottom; r++) {
          const row: string[] = [];
          for (let c = rect.left; c <= rect.right; c++) row.push(sheet.numberFormats.get(cellKey(r, c)) ?? "General");
          out.push(row);
        }
        return out;
      }
      default:
        throw new FakeOfficeError("InvalidArgument", `Range.${prop} is not faked`);
    }
  }
  get isNullObject(): boolean {
    if (this._target === undefined) throw notLoaded("isNullObject");
    return this._target === null;
  }
  get address(): string {
    return this._get("address");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get values(): CellValue[][] {
    return this._get("values");
  }
  get formulas(): CellValue[][] {
    return this._get("formulas");
  }
  /** Only "=ISREF(ref)"-like formulas are evaluated (to TRUE, or FALSE on #REF!); the fake has no calculation engine. */
  set formulas(v: unknown[][]) {
    this._writeCells(v, (sheet, k, f) => {
      if (typeof f === "string" && f.startsWith("=")) {
        sheet.formulas.set(k, f);
        sheet.values.set(k, !f.includes("#REF!"));
      } else {
        sheet.formulas.delete(k);
        if (f === "" || f === null || f === undefined) sheet.values.delete(k);
        else sheet.values.set(k, f as CellValue);
      }
    });
  }
  /** A 2-D write at sync: dimensions and protection checked, values written into user sheets logged. */
  private _writeCells(v: unknown[][], put: (sheet: FakeSheetState, key: number, value: unknown) => void): void {
    this.context._push(() => {
      const { sheet, rect } = this._tt();
      this._checkDims(v, rect);
      this.context._canWrite(sheet);
      const x = this.context._x;
      forEachCell(rect, (r, c) => {
        const val = v[r - rect.top][c - rect.left];
        put(sheet, cellKey(r, c), val);
        if (sheet.user) x.state.valueWrites.push({ sheet: sheet.name, address: a1(r, c), value: val });
      });
      x.raiseChanged(sheet, rectAddress(rect));
    });
  }
  /** copyFrom (1.9): "Formats" copies the fill and number format of a same-sized source range. */
  copyFrom(source: FakeRange | string, copyType = "All"): void {
    this.context._needs("1.9", "Range.copyFrom");
    this.context._push(() => {
      const { sheet, rect } = this._tt();
      this.context._canWrite(sheet);
      if (copyType !== "Formats") throw new FakeOfficeError("InvalidArgument", `copyFrom ${copyType} is not faked`);
      let src: RangeTarget;
      if (typeof source === "string") {
        const bang = source.lastIndexOf("!");
        const name = source.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
        const s = this.context._x.findSheet(name);
        if (!s) throw new FakeOfficeError("ItemNotFound", `No sheet ${name}`);
        src = { sheet: s, rect: parseRect(source.slice(bang + 1)) };
      } else src = source._tt();
      forEachCell(rect, (r, c) => {
        const from = cellKey(src.rect.top + r - rect.top, src.rect.left + c - rect.left);
        const to = cellKey(r, c);
        for (const m of ["fills", "patterns", "tints", "patternColors", "numberFormats"] as const) {
          const map = sheet[m] as Map<number, unknown>;
          const v = (src.sheet[m] as Map<number, unknown>).get(from);
          if (v === undefined) map.delete(to);
          else map.set(to, v);
        }
      });
    });
  }
  set values(v: unknown[][]) {
    this._writeCells(v, (sheet, k, val) => {
      if (val === "" || val === null || val === undefined) sheet.values.delete(k);
      else sheet.values.set(k, val as CellValue);
    });
  }
  get numberFormat(): string[][] {
    return this._get("numberFormat");
  }
  set numberFormat(v: string[][]) {
    this.context._push(() => {
      const { sheet, rect } = this._tt();
      this._checkDims(v, rect);
      this.context._canWrite(sheet);
      forEachCell(rect, (r, c) => sheet.numberFormats.set(cellKey(r, c), String(v[r - rect.top][c - rect.left])));
    });
  }
  set hyperlink(h: { documentReference?: string; address?: string; textToDisplay?: string }) {
    this.context._needs("1.7", "Range.hyperlink");
    this.context._push(() => {
      const { sheet, rect } = this._tt();
      const x = this.context._x;
      forEachCell(rect, (r, c) => {
        sheet.hyperlinks.set(cellKey(r, c), { ...h });
        if (h.textToDisplay !== undefined) {
          sheet.values.set(cellKey(r, c), h.textToDisplay);
          if (sheet.user) x.state.valueWrites.push({ sheet: sheet.name, address: a1(r, c), value: h.textToDisplay });
        }
      });
    });
  }
  get hyperlink(): { documentReference?: string; address?: string; textToDisplay?: string } {
    return this._get("hyperlink");
  }
  private _checkDims(v: unknown[][], rect: Rect): void {
    const rows = rect.bottom - rect.top + 1;
    const cols = rect.right - rect.left + 1;
    if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))
      throw new FakeOfficeError(
        "InvalidArgument",
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      );
  }
  clear(applyTo?: string): void {
    this.context._push(() => {
      const { sheet, rect } = this._tt();
      const what = applyTo ?? "All";
      const inRect = (k: number): boolean => {
        const r = keyRow(k);
        const c = keyCol(k);
        return r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right;
      };
      const x = this.context._x;
      this.context._canWrite(sheet);
      if (what === "All" || what === "Contents") {
        for (const k of [...sheet.formulas.keys()].filter(inRect)) sheet.formulas.delete(k);
        for (const k of [...sheet.values.keys()].filter(inRect)) {
          sheet.values.delete(k);
          if (sheet.user)
            x.state.valueWrites.push({ sheet: sheet.name, address: a1(keyRow(k), keyCol(k)), value: null });
        }
      }
      if (what === "All" || what === "Formats") {
        for (const k of [...sheet.fills.keys(), ...sheet.patterns.keys()].filter(inRect)) clearFill(sheet, k);
        for (const k of [...sheet.numberFormats.keys()].filter(inRect)) sheet.numberFormats.delete(k);
      }
      if (what === "All" || what === "Hyperlinks")
        for (const k of [...sheet.hyperlinks.keys()].filter(inRect)) sheet.hyperlinks.delete(k);
    });
  }
  select(): void {
    this.context._push(() => {
      const { sheet, rect } = this._tt();
      if (sheet.visibility !== "Visible")
        throw new FakeOfficeError("InvalidOperation", "Cannot select on a hidden sheet.");
      const x = this.context._x;
      x.state.activeSheet = sheet.name;
      x.state.selection = { sheet: sheet.name, address: rectAddress(rect) };
    });
  }
  getCellProperties(spec: Excel.CellPropertiesLoadOptions): FakeClientResult<Excel.CellProperties[][]> {
    this.context._needs("1.9", "Range.getCellProperties");
    const result = new FakeClientResult<Excel.CellProperties[][]>();
    this.context._push(() => {
      const { sheet, rect } = this._tt();
      const x = this.context._x;
      const want = spec.format?.fill ?? {};
      const out: Excel.CellProperties[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const row: Excel.CellProperties[] = [];
        for (let c = rect.left; c <= rect.right; c++) {
          const props = x.fillProps(sheet, r, c);
          const fill: Record<string, unknown> = {};
          for (const k of ["color", "pattern", "patternColor", "tintAndShade"] as const)
            if (want[k]) fill[k] = props[k];
          const cp: Excel.CellProperties = {};
          if (spec.address) cp.address = `${quoteSheet(sheet.name)}!${a1(r, c)}`;
          if (Object.keys(fill).length) cp.format = { fill: fill as Excel.CellPropertiesFill };
          row.push(cp);
        }
        out.push(row);
      }
      x.ctxBytes(this.context, JSON.stringify(out).length);
      result._set(out);
    });
    return result;
  }
  setCellProperties(data: Excel.SettableCellProperties[][]): void {
    this.context._needs("1.9", "Range.setCellProperties");
    this.context._push(() => {
      const { sheet, rect } = this._tt();
      this._checkDims(data, rect);
      this.context._canWrite(sheet);
      forEachCell(rect, (r, c) => {
        const fill = data[r - rect.top][c - rect.left]?.format?.fill;
        if (!fill) return;
        const k = cellKey(r, c);
        if (fill.pattern === "None") {
          clearFill(sheet, k);
          return;
        }
        if (fill.color !== undefined) sheet.fills.set(k, normColor(fill.color));
        if (fill.pattern && fill.pattern !== "Solid") sheet.patterns.set(k, fill.pattern);
        else if (fill.pattern === "Solid") sheet.patterns.delete(k);
        if (typeof fill.tintAndShade === "number") {
          if (fill.tintAndShade) sheet.tints.set(k, fill.tintAndShade);
          else sheet.tints.delete(k);
        }
        if (fill.patternColor) {
          const pc = normColor(fill.patternColor);
          if (pc === "#000000") sheet.patternColors.delete(k);
          else sheet.patternColors.set(k, pc);
        }
      });
    });
  }
}

class FakeRangeAreas extends FakeProxy {
  _target: { sheet: FakeSheetState; rects: Rect[] } | undefined;
  format: FakeFormat;
  constructor(context: FakeContext, resolve: () => { sheet: FakeSheetState; rects: Rect[] }) {
    super(context);
    context._push(() => {
      this._target = resolve();
    });
    this.format = new FakeFormat(context, () => {
      if (!this._target) throw new Error("fake: range areas used before creation");
      return this._target;
    });
  }
  protected _read(prop: string): unknown {
    const t = this._target!;
    if (prop === "address") return t.rects.map((r) => `${quoteSheet(t.sheet.name)}!${rectAddress(r)}`).join(",");
    if (prop === "areaCount") return t.rects.length;
    throw new FakeOfficeError("InvalidArgument", `RangeAreas.${prop} is not faked`);
  }
  get address(): string {
    return this._get("address");
  }
  get areaCount(): number {
    return this._get("areaCount");
  }
}

class FakeClientResult<T> {
  private _has = false;
  private _v: T | undefined;
  _set(v: T): void {
    this._v = v;
    this._has = true;
  }
  get value(): T {
    if (!this._has) throw notLoaded("value");
    return this._v as T;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The host: shared state of one open workbook

interface HandlerEntry {
  handler: (args: unknown) => Promise<unknown>;
  /** Worksheet.onChanged: only this sheet's changes. */
  sheet?: FakeSheetState;
}

class FakeHost {
  handlers: HandlerEntry[] = [];
  pendingEvents: { sheet: FakeSheetState; address: string; source: "Local" | "Remote" }[] = [];
  maxAddressChars: number;
  maxCellsPerRange: number;
  noFill: "None" | "null";
  rejectGetRanges: boolean;
  maxAreas: number;
  maxResponseBytes: number;
  maxCellsPerRead: number;
  private nextId = 1;
  constructor(
    readonly state: FakeExcelState,
    opts: FakeExcelOptions,
  ) {
    this.maxAddressChars = opts.maxAddressChars ?? 8000;
    this.maxAreas = opts.maxAreas ?? 500;
    this.maxResponseBytes = opts.maxResponseBytes ?? 5 * 1024 * 1024;
    this.maxCellsPerRead = opts.maxCellsPerRead ?? 5_000_000;
    this.maxCellsPerRange = opts.maxCellsPerRange ?? Infinity;
    this.noFill = opts.noFill ?? "None";
    this.rejectGetRanges = !!opts.rejectGetRanges;
    this.nextId = state.sheets.length + 1;
  }
  newSheet(name: string, user: boolean): FakeSheetState {
    return {
      id: `{00000000-0001-0000-0000-${String(this.nextId++).padStart(12, "0")}}`,
      name,
      visibility: "Visible",
      user,
      values: new Map(),
      fills: new Map(),
      patterns: new Map(),
      tints: new Map(),
      patternColors: new Map(),
      formulas: new Map(),
      protected: false,
      hyperlinks: new Map(),
      numberFormats: new Map(),
    };
  }
  /** A cell's fill as real Excel reports it (see FakeExcelOptions.noFill). */
  fillProps(
    sheet: FakeSheetState,
    row: number,
    col: number,
  ): { color: string; pattern: string | null; patternColor: string; tintAndShade: number | null } {
    const k = cellKey(row, col);
    if (!sheet.fills.has(k) && !sheet.patterns.has(k)) {
      return this.noFill === "null"
        ? { color: "#FFFFFF", pattern: null, patternColor: "#000000", tintAndShade: null }
        : { color: "#FFFFFF", pattern: "None", patternColor: "#000000", tintAndShade: 0 };
    }
    return {
      color: sheet.fills.get(k) ?? "#FFFFFF",
      pattern: this.noFill === "null" && !sheet.patterns.has(k) ? null : this.patternOf(sheet, row, col),
      patternColor: sheet.patternColors.get(k) ?? "#000000",
      tintAndShade: sheet.tints.get(k) ?? 0,
    };
  }
  /** By name (case-insensitive) or by id, as WorksheetCollection.getItem(key) accepts both. */
  findSheet(key: string): FakeSheetState | undefined {
    const n = key.toLowerCase();
    return this.state.sheets.find((s) => s.name.toLowerCase() === n || s.id === key);
  }
  visibleCount(): number {
    return this.state.sheets.filter((s) => s.visibility === "Visible").length;
  }
  patternOf(sheet: FakeSheetState, row: number, col: number): string {
    const k = cellKey(row, col);
    return sheet.patterns.get(k) ?? (sheet.fills.has(k) ? "Solid" : "None");
  }
  usedRect(sheet: FakeSheetState, valuesOnly: boolean): Rect | null {
    let rect: Rect | null = null;
    const add = (k: number): void => {
      const r = keyRow(k);
      const c = keyCol(k);
      if (!rect) rect = { top: r, left: c, bottom: r, right: c };
      else {
        rect.top = Math.min(rect.top, r);
        rect.bottom = Math.max(rect.bottom, r);
        rect.left = Math.min(rect.left, c);
        rect.right = Math.max(rect.right, c);
      }
    };
    for (const k of sheet.values.keys()) add(k);
    if (!valuesOnly) for (const k of sheet.fills.keys()) add(k);
    return rect;
  }
  noteAddress(address: string): void {
    this.state.maxAddressChars = Math.max(this.state.maxAddressChars, address.length);
  }
  ctxBytes(ctx: FakeContext, bytes: number): void {
    ctx._addResponse(bytes);
  }
  raiseChanged(sheet: FakeSheetState, address: string, source: "Local" | "Remote" = "Local"): void {
    // Excel raises events for add-in writes too, unless the add-in turned them off.
    if (this.state.enableEvents && this.handlers.length) this.pendingEvents.push({ sheet, address, source });
  }
  flushEvents(): void {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const e of events) {
      for (const h of [...this.handlers]) {
        if (h.sheet && h.sheet !== e.sheet) continue;
        this.state.eventsRaised++;
        const args = {
          worksheetId: e.sheet.id,
          address: e.address,
          changeType: "RangeEdited",
          source: e.source,
          type: "WorksheetChanged",
          details: undefined,
        };
        // Events arrive asynchronously, after the batch that caused them.
        setTimeout(() => void h.handler(args), 0);
      }
    }
  }
}

function buildState(workbook: WorkbookData, opts: FakeExcelOptions): FakeExcelState {
  const apiVersion = opts.apiVersion ?? "1.9";
  const state: FakeExcelState = {
    apiVersion,
    sheets: [],
    activeSheet: "",
    syncCount: 0,
    valueWrites: [],
    enableEvents: true,
    savedSettings: "{}",
    rangeAreasCalls: [],
    maxAddressChars: 0,
    screenUpdatingSuspensions: 0,
    maxOpsPerSync: 0,
    eventsRaised: 0,
    cellEditMode: false,
    delayedForCellEdit: 0,
    fillOf(sheet, address) {
      const s = findIn(state, sheet);
      const p = parseRect(address);
      return s.fills.get(cellKey(p.top, p.left)) ?? null;
    },
    valueOf(sheet, address) {
      const s = findIn(state, sheet);
      const p = parseRect(address);
      return s.values.get(cellKey(p.top, p.left)) ?? null;
    },
    sheetNames() {
      return state.sheets.map((s) => s.name);
    },
    sheet(name) {
      return state.sheets.find((s) => s.name === name);
    },
    allFills() {
      const out: Record<string, Record<string, string>> = {};
      for (const s of state.sheets) {
        const m: Record<string, string> = {};
        for (const [k, c] of s.fills)
          m[a1(keyRow(k), keyCol(k))] =
            c +
            (s.patterns.has(k) ? `/${s.patterns.get(k)}` : "") +
            (s.patternColors.has(k) ? `/${s.patternColors.get(k)}` : "") +
            (s.tints.has(k) ? `~${s.tints.get(k)}` : "");
        out[s.name] = m;
      }
      return out;
    },
    allValues() {
      const out: Record<string, Record<string, CellValue>> = {};
      for (const s of state.sheets) {
        const m: Record<string, CellValue> = {};
        for (const [k, v] of s.values) m[a1(keyRow(k), keyCol(k))] = v;
        out[s.name] = m;
      }
      return out;
    },
    userEdit() {
      throw new Error("replaced below");
    },
    userInsertRows() {
      throw new Error("replaced below");
    },
    userRenameSheet() {
      throw new Error("replaced below");
    },
    userFill() {
      throw new Error("replaced below");
    },
  };
  return state;
}

function findIn(state: FakeExcelState, name: string): FakeSheetState {
  const s = state.sheets.find((t) => t.name === name);
  if (!s) throw new Error(`fake: no sheet ${name}`);
  return s;
}

function copySheet(s: FakeSheetState): FakeSheetState {
  return {
    ...s,
    values: new Map(s.values),
    fills: new Map(s.fills),
    patterns: new Map(s.patterns),
    tints: new Map(s.tints),
    patternColors: new Map(s.patternColors),
    formulas: new Map(s.formulas),
    hyperlinks: new Map([...s.hyperlinks].map(([k, v]) => [k, { ...v }])),
    numberFormats: new Map(s.numberFormats),
  };
}

/**
 * Creates a fake Excel host over a workbook. With opts.state, the workbook argument is ignored and the sheets and
 * saved settings of that earlier fake are reopened (unsaved settings are lost, as when Excel closes).
 */
export function createFakeExcel(workbook: WorkbookData, opts: FakeExcelOptions = {}): FakeExcel {
  const state = buildState(workbook, opts);
  const host = new FakeHost(state, opts);
  if (opts.state) {
    state.sheets = opts.state.sheets.map(copySheet);
    state.savedSettings = opts.state.savedSettings;
    state.activeSheet = opts.state.activeSheet;
  } else {
    for (const sd of workbook.sheets) {
      const s = host.newSheet(sd.name, !OWN_SHEET_NAMES.includes(sd.name));
      s.visibility = sd.visibility === "veryHidden" ? "VeryHidden" : sd.visibility === "hidden" ? "Hidden" : "Visible";
      sd.rows.forEach((row, r) => {
        row?.forEach((v, c) => {
          if (v !== null && v !== undefined && v !== "") s.values.set(cellKey(r, c), v);
        });
      });
      state.sheets.push(s);
    }
    if (!state.sheets.length) state.sheets.push(host.newSheet("Sheet1", true));
    for (const [sheet, cells] of Object.entries(opts.fills ?? {})) {
      const s = host.findSheet(sheet);
      if (!s) throw new Error(`fake: fills for unknown sheet ${sheet}`);
      for (const [addr, color] of Object.entries(cells))
        forEachCell(parseRect(addr), (r, c) => s.fills.set(cellKey(r, c), normColor(color)));
    }
    state.activeSheet = (state.sheets.find((s) => s.visibility === "Visible") ?? state.sheets[0]).name;
    for (const name of opts.protectedSheets ?? []) findIn(state, name).protected = true;
    state.cellEditMode = !!opts.cellEditMode;
  }
  state.userEdit = (sheet, address, value, o) => {
    const s = findIn(state, sheet);
    const p = parseRect(address);
    if (value === null || value === "") s.values.delete(cellKey(p.top, p.left));
    else s.values.set(cellKey(p.top, p.left), value);
    host.raiseChanged(s, rectAddress(p), o?.remote ? "Remote" : "Local");
    host.flushEvents();
  };
  state.userInsertRows = (sheet, row1, count) => {
    const s = findIn(state, sheet);
    const at = row1 - 1;
    for (const m of [
      s.values,
      s.fills,
      s.patterns,
      s.tints,
      s.patternColors,
      s.formulas,
      s.numberFormats,
      s.hyperlinks,
    ] as Map<number, unknown>[]) {
      const moved = [...m].filter(([k]) => keyRow(k) >= at);
      for (const [k] of moved) m.delete(k);
      for (const [k, v] of moved) m.set(cellKey(keyRow(k) + count, keyCol(k)), v);
    }
    // References to the sheet's moved rows follow, as Excel adjusts every formula.
    rewriteRefs((name, col, row) =>
      name.toLowerCase() === s.name.toLowerCase() && row - 1 >= at ? `${col}${row + count}` : undefined,
    );
    host.raiseChanged(s, `${row1}:${row1 + count - 1}`);
    host.flushEvents();
  };
  state.userRenameSheet = (from, to) => {
    const s = findIn(state, from);
    s.name = to;
    rewriteRefs((name) => (name.toLowerCase() === from.toLowerCase() ? null : undefined), to);
    if (state.activeSheet === from) state.activeSheet = to;
  };
  state.userFill = (sheet, address, color) => {
    const s = findIn(state, sheet);
    forEachCell(parseRect(address), (r, c) => {
      clearFill(s, cellKey(r, c));
      if (color) s.fills.set(cellKey(r, c), normColor(color));
    });
  };
  /** Rewrites "'Sheet'!$B$7" references in every formula: change returns the new "B8", null for a new sheet name only. */
  function rewriteRefs(
    change: (sheet: string, col: string, row: number) => string | null | undefined,
    newName?: string,
  ): void {
    const ref = /('(?:[^']|'')+'|[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*)!\$?([A-Z]{1,3})\$?(\d+)/g;
    for (const sh of state.sheets)
      for (const [k, f] of sh.formulas) {
        const next = f.replace(ref, (all, q: string, col: string, row: string) => {
          const name = q.startsWith("'") ? q.slice(1, -1).replace(/''/g, "'") : q;
          const c = change(name, col, Number(row));
          if (c === undefined) return all;
          const cell = c ?? `${col}${row}`;
          return `${quoteSheet(newName ?? name)}!${cell}`;
        });
        sh.formulas.set(k, next);
      }
  }

  async function run(...args: unknown[]): Promise<unknown> {
    const batch = args[args.length - 1] as (ctx: FakeContext) => Promise<unknown>;
    const first = args.length > 1 ? args[0] : undefined;
    const delay = !!(first && typeof first === "object" && (first as { delayForCellEdit?: boolean }).delayForCellEdit);
    // Excel.run(existingContext | object with .context, batch) reuses that context (e.g. to remove a handler).
    const ctx =
      first instanceof FakeContext
        ? first
        : first && typeof first === "object" && (first as { context?: unknown }).context instanceof FakeContext
          ? ((first as { context: FakeContext }).context as FakeContext)
          : new FakeContext(host);
    // RunOptions.delayForCellEdit is ExcelApi 1.11; older hosts ignore it.
    if (delay && versionRank(state.apiVersion) >= 11) ctx._delayForCellEdit = true;
    const result = await batch(ctx);
    if (ctx._queue.length) await ctx.sync();
    return result;
  }

  let settingsLive: Record<string, unknown> = JSON.parse(state.savedSettings) as Record<string, unknown>;
  const settings = {
    get(name: string): unknown {
      return Object.prototype.hasOwnProperty.call(settingsLive, name) ? settingsLive[name] : null;
    },
    set(name: string, value: unknown): void {
      settingsLive[name] = clone(value);
    },
    remove(name: string): void {
      delete settingsLive[name];
    },
    saveAsync(...a: unknown[]): void {
      const cb = a.find((x) => typeof x === "function") as ((r: unknown) => void) | undefined;
      setTimeout(() => {
        state.savedSettings = JSON.stringify(settingsLive);
        cb?.({ status: "succeeded", value: undefined, error: null });
      }, 0);
    },
    refreshAsync(cb?: (r: unknown) => void): void {
      settingsLive = JSON.parse(state.savedSettings) as Record<string, unknown>;
      setTimeout(() => cb?.({ status: "succeeded", value: settings }), 0);
    },
  };

  const Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady(cb?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }> {
      const info = { host: "Excel", platform: "PC" };
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      document: { settings },
      requirements: {
        isSetSupported(name: string, version?: string | number): boolean {
          if (name !== "ExcelApi") return false;
          return versionRank(String(version ?? "1.1")) <= versionRank(state.apiVersion);
        },
      },
    },
  };

  const Excel = { run, RequestContext: FakeContext };
  return {
    Excel: Excel as unknown as typeof globalThis.Excel,
    Office: Office as unknown as typeof globalThis.Office,
    state,
  };
}
