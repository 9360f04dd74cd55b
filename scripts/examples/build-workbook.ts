/**
 * Builds the 14 budget disclosure tables as an .xlsx workbook in the published layout, from SeedData.
 *
 * Two steps: `planWorkbook` renders every table into an in-memory grid (cells, merges, row tags), and
 * `buildBudgetWorkbook` writes that grid with exceljs. `locate` reads the same plan, so the address it returns
 * is exactly where the builder put the value.
 */
import * as fs from "fs";
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { formatAmount, scaleDecimal } from "../../src/core/model/money";
import { TABLE_IDS, TABLE_NAMES } from "../../src/core/model/tables";
import { a1 } from "../../src/core/model/workbook";
import { seed2024 } from "../../examples/data/seed2024";
import type {
  Dec,
  IndicatorData,
  LedgerLine,
  LedgerTableData,
  LineKind,
  PerfTableData,
  SeedData,
  SummaryTableData,
  TableId,
  WholePerfTableData,
} from "../../examples/data/types";

// ------------------------------------------------------------------------------------------ options

export type { SeedData, TableId };

export interface LayoutOptions {
  /** Sheet name per table id (default: the seed's section names, e.g. "1 部门收支总表"). */
  sheetNames?: Partial<Record<TableId, string>>;
  /** Tables to write, in this order (default: all 14 in official order). Tables left out are not written. */
  order?: TableId[];
  /** Blank rows / columns before each table. */
  offset?: { rows?: number; cols?: number };
  /** Groups of table ids written on ONE sheet (named after the group's first table), 2 blank rows between tables. */
  combine?: TableId[][];
  /** split (default): 类|款|项 columns; joined: one 科目编码 column ("2060701", "30102"). */
  codeStyle?: "split" | "joined";
  /** 万元 (default) or 元 (every amount × 10000, exact). */
  unit?: "万元" | "元";
  /** number (default, numFmt "0.00") or text with thousands separators ("7,537,000.00"). */
  amountsAs?: "number" | "text";
  /** Number of budget units (default 1): copies of the single unit, codes 229001…229000+N; totals scale. */
  units?: number;
  /**
   * Unit copies keep the seed's project names (each unit has its own 学术交流活动业务经费, told apart by unit and
   * project code), instead of numbering them "（2）", "（3）"….
   */
  sharedProjectNames?: boolean;
  /**
   * What a unit row carries: both (default: 单位代码 + 名称; 表6 "单位代码-单位名称"), only the code (名称 left
   * blank; 表6 "229001"), or only the name (单位代码 left blank; 表6 the bare name).
   */
  unitRows?: "both" | "code" | "name";
  /** published (default) or numbered: the title carries "（公开表N）". */
  titleStyle?: "published" | "numbered";
}

/** The seed's section numbering (一、部门收支总表 … 十四、部门整体支出绩效目标表) as default sheet names. */
export const DEFAULT_SHEET_NAMES: Record<TableId, string> = {
  "1": "1 部门收支总表",
  "1-1": "2 部门收入总表",
  "1-2": "3 部门支出总表",
  "2": "4 财政拨款收支预算总表",
  "2-1": "5 财政拨款支出预算表（部门经济分类科目）",
  "3": "6 一般公共预算支出预算表",
  "3-1": "7 一般公共预算基本支出预算表",
  "3-2": "8 一般公共预算项目支出预算表",
  "3-3": "9 一般公共预算“三公”经费支出预算表",
  "4": "10 政府性基金预算支出预算表",
  "4-1": "11 政府性基金预算“三公”经费支出预算表",
  "5": "12 国有资本经营预算支出预算表",
  "6": "13 部门预算项目绩效目标表",
  "7": "14 部门整体支出绩效目标表",
};

/** 公开表 numbers as printed in the seed's section headings. */
const PUBLIC_NUMBERS: Partial<Record<TableId, string>> = {
  "1": "1",
  "1-1": "1-1",
  "1-2": "1-2",
  "2": "2",
  "3": "3",
  "3-1": "3-1",
  "3-2": "3-2",
  "3-3": "3-3",
  "4": "4",
  "4-1": "4-1",
  "5": "5",
  "6": "6",
};

const FIXED_DATE = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));
/** Zip entries store local DOS time, so a local-time date keeps the bytes equal in every time zone. */
const ZIP_DATE = new Date(2024, 0, 1, 0, 0, 0);

// ------------------------------------------------------------------------------------------ plan model

export type CellKind = "title" | "subtitle" | "meta" | "header" | "code" | "text" | "amount" | "number" | "longtext";

export interface PlanCell {
  row: number;
  col: number;
  value: string | number;
  kind: CellKind;
  numFmt?: string;
}

export interface PlanMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** What a body row of a table holds; `locate` matches on these fields. */
export interface RowTag {
  /** Ledger: line kind; summary: "summary"; 表6: "dept" | "indicator"; 表7: "funds" | "goal" | "task" | "indicator" | "deptName". */
  kind: LineKind | "summary" | "indicator" | "funds" | "goal" | "task" | "deptName";
  name?: string;
  /** Joined classification code ("2060701", "30102", "301"). */
  code?: string;
  unitCode?: string;
  /** 0-based unit copy index (units option). */
  unitIndex?: number;
  /** Index of the line in the data (ledger lines, summary rows, 表6 project, 表7 task/indicator). */
  index?: number;
  /** Summary rows: labels of both sides. */
  inLabel?: string;
  exLabel?: string;
  /** 表6: project code and name; indicator index within the project. */
  projectCode?: string;
  projectName?: string;
  indicatorIndex?: number;
  level3?: string;
}

export interface PlannedRow {
  row: number;
  tag: RowTag;
}

export interface TablePlan {
  id: TableId;
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  titleRow: number;
  headerTop: number;
  headerBottom: number;
  /** Column key → absolute 0-based column. */
  columns: Record<string, number>;
  rows: PlannedRow[];
}

export interface SheetPlan {
  name: string;
  cells: PlanCell[];
  merges: PlanMerge[];
  widths: Map<number, number>;
  tables: TablePlan[];
}

export interface WorkbookPlan {
  sheets: SheetPlan[];
  tables: Partial<Record<TableId, TablePlan>>;
}

// ------------------------------------------------------------------------------------------ column specs

interface ColNode {
  label: string;
  key?: string;
  kind?: "code" | "text" | "amount";
  width?: number;
  children?: ColNode[];
}

const leaf = (label: string, key: string, kind: "code" | "text" | "amount" = "amount", width?: number): ColNode => ({
  label,
  key,
  kind,
  width,
});
const group = (label: string, ...children: ColNode[]): ColNode => ({ label, children });

const FUNC_CODE = (): ColNode =>
  group("科目编码", leaf("类", "cls", "code", 6), leaf("款", "kuan", "code", 5), leaf("项", "xiang", "code", 5));
const ECON_CODE = (): ColNode => group("科目编码", leaf("类", "cls", "code", 6), leaf("款", "kuan", "code", 5));
const UNIT_CODE_COL = (label = "单位代码"): ColNode => leaf(label, "unitCode", "code", 11);
const NAME_COL = (): ColNode => leaf("单位名称（科目）", "name", "text", 34);
const TRIPLE = (prefix: string, label: string, withSub = true): ColNode =>
  group(
    label,
    ...(withSub ? [leaf("小计", `${prefix}.sub`)] : []),
    leaf("基本支出", `${prefix}.basic`),
    leaf("项目支出", `${prefix}.proj`),
  );
const SANGONG = (): ColNode[] => [
  UNIT_CODE_COL("单位编码"),
  NAME_COL(),
  group(
    "当年财政拨款预算安排",
    leaf("合计", "total"),
    leaf("因公出国（境）费用", "overseas"),
    group(
      "公务用车购置及运行费",
      leaf("小计", "vehicleSubtotal"),
      leaf("公务用车购置费", "vehiclePurchase"),
      leaf("公务用车运行费", "vehicleOperation"),
    ),
    leaf("公务接待费", "reception"),
  ),
];

function ledgerColumns(id: TableId): ColNode[] {
  switch (id) {
    case "1-1":
      return [
        group("项 目", UNIT_CODE_COL(), NAME_COL()),
        leaf("合计", "total"),
        leaf("上年结转", "carryover"),
        leaf("一般公共预算拨款收入", "gpb"),
        leaf("政府性基金预算拨款收入", "fund"),
        leaf("国有资本经营预算拨款收入", "soe"),
        leaf("事业收入", "business"),
        leaf("事业单位经营收入", "operating"),
        leaf("其他收入", "other"),
        leaf("上级补助收入", "superior"),
        leaf("附属单位上缴收入", "affiliated"),
        leaf("财政专户管理资金收入", "specialAccount"),
      ];
    case "1-2":
      return [
        FUNC_CODE(),
        UNIT_CODE_COL(),
        NAME_COL(),
        leaf("合计", "total"),
        leaf("基本支出", "basic"),
        leaf("项目支出", "project"),
      ];
    case "2-1":
      return [
        group("项 目", ECON_CODE(), UNIT_CODE_COL(), NAME_COL()),
        leaf("总计", "grand"),
        group(
          "本级当年财政拨款安排",
          leaf("合计", "cur.total"),
          TRIPLE("cur.gpb", "一般公共预算拨款"),
          TRIPLE("cur.fund", "政府性基金安排"),
          TRIPLE("cur.soe", "国有资本经营预算安排"),
        ),
        group(
          "上级提前通知专项转移支付等",
          TRIPLE("adv.gpb", "一般公共预算拨款"),
          TRIPLE("adv.fund", "政府性基金安排"),
          TRIPLE("adv.soe", "国有资本经营预算安排"),
        ),
        group(
          "上年结转安排",
          TRIPLE("carry.gpb", "一般公共预算拨款"),
          TRIPLE("carry.fund", "政府性基金安排"),
          TRIPLE("carry.soe", "国有资本经营预算安排"),
          TRIPLE("carry.ret", "上年应返还额度结转"),
        ),
      ];
    case "3":
      return [
        group("项 目", FUNC_CODE(), UNIT_CODE_COL(), NAME_COL()),
        leaf("合 计", "total"),
        leaf("当年财政拨款安排", "current"),
        leaf("上年结转安排", "carryover"),
      ];
    case "3-1":
      return [
        ECON_CODE(),
        group("项 目", UNIT_CODE_COL(), NAME_COL()),
        group("基本支出", leaf("合计", "total"), leaf("人员经费", "personnel"), leaf("公用经费", "public")),
      ];
    case "3-2":
      return [FUNC_CODE(), UNIT_CODE_COL(), NAME_COL(), leaf("金额", "total")];
    case "3-3":
    case "4-1":
      return SANGONG();
    case "4":
      return [
        group("项 目", FUNC_CODE(), UNIT_CODE_COL(), NAME_COL()),
        group("本年政府性基金预算支出", leaf("合 计", "total"), leaf("基本支出", "basic"), leaf("项目支出", "project")),
      ];
    case "5":
      return [
        FUNC_CODE(),
        UNIT_CODE_COL(),
        NAME_COL(),
        group(
          "本年国有资本经营预算支出",
          leaf("合 计", "total"),
          leaf("基本支出", "basic"),
          leaf("项目支出", "project"),
        ),
      ];
    default:
      throw new Error(`表${id}不是行式表`);
  }
}

/** Applies codeStyle: joined replaces the 科目编码 group by one column; 3-1 drops it (its 单位代码 column holds the code). */
function applyCodeStyle(id: TableId, nodes: ColNode[], style: "split" | "joined"): ColNode[] {
  if (style === "split") return nodes;
  const out: ColNode[] = [];
  for (const n of nodes) {
    if (n.label === "科目编码" && n.children) {
      if (id !== "3-1") out.push(leaf("科目编码", "code", "code", 10));
      continue;
    }
    out.push(n.children ? { ...n, children: applyCodeStyle(id, n.children, style) } : n);
  }
  return out;
}

function depth(n: ColNode): number {
  return n.children ? 1 + Math.max(...n.children.map(depth)) : 1;
}

function leaves(nodes: ColNode[]): ColNode[] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));
}

// ------------------------------------------------------------------------------------------ amounts

export interface Ctx {
  data: SeedData;
  unit: "万元" | "元";
  amountsAs: "number" | "text";
  codeStyle: "split" | "joined";
  units: number;
  sharedProjectNames: boolean;
  unitRows: "both" | "code" | "name";
  titleStyle: "published" | "numbered";
}

function fracDigits(dec: string): number {
  const i = dec.indexOf(".");
  return i < 0 ? 0 : dec.length - i - 1;
}

function withThousands(s: string): string {
  const neg = s.startsWith("-");
  const body = neg ? s.slice(1) : s;
  const [int, frac] = body.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + grouped + (frac !== undefined ? `.${frac}` : "");
}

/** An amount cell (value + numFmt) from a 万元 decimal string times an integer multiplier; exact. */
export type AmountFormat = Pick<Ctx, "unit" | "amountsAs">;

export function amountValue(dec: Dec, ctx: AmountFormat, multiplier = 1): { value: string | number; numFmt?: string } {
  const fen = scaleDecimal(dec, 6);
  if (fen === undefined) throw new Error(`金额“${dec}”不是有效的数字`);
  const scaled = fen * multiplier;
  if (!Number.isSafeInteger(scaled)) throw new Error(`金额“${dec}”×${multiplier}超出可精确表示的范围`);
  const decimals = ctx.unit === "元" ? 2 : Math.max(2, fracDigits(dec));
  const text = formatAmount(scaled, ctx.unit, decimals);
  if (ctx.amountsAs === "text") return { value: withThousands(text) };
  // Correctly rounded division of two exact integers = the double nearest to the decimal.
  const value = ctx.unit === "元" ? scaled / 100 : scaled / 1_000_000;
  return { value, numFmt: decimals === 2 ? "0.00" : `0.${"0".repeat(decimals)}` };
}

// ------------------------------------------------------------------------------------------ table rendering

interface Rendered {
  cells: PlanCell[];
  merges: PlanMerge[];
  widths: Map<number, number>;
  plan: Omit<TablePlan, "sheet">;
}

class Canvas {
  cells: PlanCell[] = [];
  merges: PlanMerge[] = [];
  widths = new Map<number, number>();
  constructor(
    readonly top: number,
    readonly left: number,
  ) {}
  put(row: number, col: number, value: string | number | undefined, kind: CellKind, numFmt?: string): void {
    if (value === undefined || value === "") return;
    this.cells.push({ row, col, value, kind, numFmt });
  }
  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }
  width(col: number, w: number): void {
    this.widths.set(col, Math.max(this.widths.get(col) ?? 0, w));
  }
}

function titleText(id: TableId, ctx: Ctx): string {
  const base = id === "6" ? `部门项目支出绩效目标表（${ctx.data.year}年度）` : TABLE_NAMES[id];
  if (ctx.titleStyle === "numbered") {
    const n = PUBLIC_NUMBERS[id];
    return n ? `${base}（公开表${n}）` : base;
  }
  return base;
}

/** Title row, then "部门：…" on the left and "金额单位：…" on the right of the next row. Returns the next free row. */
function drawTop(cv: Canvas, id: TableId, ctx: Ctx, width: number): number {
  const { top, left } = cv;
  const right = left + width - 1;
  cv.put(top, left, titleText(id, ctx), "title");
  cv.merge(top, left, top, right);
  if (id === "6") {
    cv.put(top + 1, right, `金额：${ctx.unit}`, "meta");
    return top + 2;
  }
  if (id === "7") {
    cv.put(top + 1, left, `（${ctx.data.year}年度）`, "subtitle");
    cv.merge(top + 1, left, top + 1, right);
    cv.put(top + 2, right, `单位：${ctx.unit}`, "meta");
    return top + 3;
  }
  const split = Math.max(left, left + Math.floor(width / 2) - 1);
  cv.put(top + 1, left, `部门：${ctx.data.department}`, "meta");
  if (split > left && split < right) cv.merge(top + 1, left, top + 1, split);
  cv.put(top + 1, right, `金额单位：${ctx.unit}`, "meta");
  return top + 2;
}

/** Draws a header tree; returns the leaves with their absolute columns and the header bottom row. */
function drawHeader(
  cv: Canvas,
  nodes: ColNode[],
  headerTop: number,
): { cols: { node: ColNode; col: number }[]; bottom: number } {
  const maxDepth = Math.max(...nodes.map(depth));
  const bottom = headerTop + maxDepth - 1;
  const cols: { node: ColNode; col: number }[] = [];
  let col = cv.left;
  const walk = (n: ColNode, row: number): void => {
    const start = col;
    if (n.children) {
      for (const c of n.children) walk(c, row + 1);
      cv.put(row, start, n.label, "header");
      cv.merge(row, start, row, col - 1);
    } else {
      cv.put(row, start, n.label, "header");
      cv.merge(row, start, bottom, start);
      cols.push({ node: n, col: start });
      const w = n.width ?? (n.kind === "amount" ? 12 : 14);
      cv.width(start, w);
      col += 1;
    }
  };
  for (const n of nodes) walk(n, headerTop);
  return { cols, bottom };
}

/** 229001, 229002 … under the department code; past 999 units the serial widens (2290001 …) to stay under it. */
function unitCodeOf(ctx: Ctx, i: number): string {
  const dept = ctx.data.departmentCode;
  const serial = ctx.data.unitCode.startsWith(dept) ? ctx.data.unitCode.slice(dept.length) : "";
  if (!/^\d+$/.test(serial)) return String(Number(ctx.data.unitCode) + i);
  const width = Math.max(serial.length, String(Number(serial) + ctx.units - 1).length);
  return dept + String(Number(serial) + i).padStart(width, "0");
}

function unitNameOf(ctx: Ctx, i: number, base: string): string {
  return i === 0 ? base : `${base}（${i + 1}）`;
}

/** Expands the single-unit lines to N units: 合计/department lines ×N, then one block per unit. */
/** Unit copies after the first get their own project names and codes, so that each copy is a distinct project. */
export function unitProjectName(name: string, unitIndex: number): string {
  return unitIndex === 0 ? name : `${name}（${unitIndex + 1}）`;
}

/** 513400 + year + R/Y/T + 12-digit serial: copies add unitIndex × 10^9 to the serial (seed serials are < 10^9). */
export function unitProjectCode(code: string, unitIndex: number): string {
  if (unitIndex === 0 || !/^\d{8}[A-Z]\d{12}$/.test(code)) return code;
  const serial = Number(code.slice(9)) + unitIndex * 1_000_000_000;
  return code.slice(0, 9) + String(serial).padStart(12, "0");
}

function expandUnits(
  id: TableId,
  lines: LedgerLine[],
  ctx: Ctx,
): { line: LedgerLine; unitIndex?: number; multiplier: number; index: number }[] {
  const out: { line: LedgerLine; unitIndex?: number; multiplier: number; index: number }[] = [];
  const firstUnit = lines.findIndex((l) => l.kind === "unit");
  if (firstUnit < 0) return lines.map((line, index) => ({ line, multiplier: 1, index }));
  for (let i = 0; i < firstUnit; i++) out.push({ line: lines[i], multiplier: ctx.units, index: i });
  for (let u = 0; u < ctx.units; u++) {
    for (let i = firstUnit; i < lines.length; i++) {
      const l = lines[i];
      let line = l;
      if (ctx.units > 1) {
        const unitCode =
          l.unitCode === ctx.data.unitCode || (l.unitCode === ctx.data.departmentCode && l.kind !== "dept")
            ? unitCodeOf(ctx, u)
            : l.unitCode;
        const name =
          l.kind === "unit"
            ? unitNameOf(ctx, u, l.name)
            : id === "3-2" && l.kind === "item" && !ctx.sharedProjectNames
              ? unitProjectName(l.name, u)
              : l.name;
        line = { ...l, unitCode, name };
      }
      if (l.kind === "unit" && ctx.unitRows !== "both") line = unitRowVariant(line, ctx.unitRows);
      out.push({ line, unitIndex: u, multiplier: 1, index: i });
    }
  }
  return out;
}

/** A unit line with only its code (name blank) or only its name (code blank). */
function unitRowVariant(line: LedgerLine, only: "code" | "name"): LedgerLine {
  return only === "code" ? { ...line, name: "" } : { ...line, unitCode: undefined };
}

/** 表6's unit cell: "代码-名称", the code alone or the name alone. */
function perfUnitLabel(ctx: Ctx, code: string, name: string): string {
  return ctx.unitRows === "code" ? code : ctx.unitRows === "name" ? name : `${code}-${name}`;
}

function joinedCode(line: LedgerLine): string | undefined {
  return line.code && line.code.length ? line.code.join("") : undefined;
}

/** Title/meta lines and the merged header of a table; the column of each leaf key. */
function drawTableHead(cv: Canvas, id: TableId, ctx: Ctx, nodes: ColNode[]) {
  const width = leaves(nodes).length;
  const headerTop = drawTop(cv, id, ctx, width);
  const { cols, bottom: headerBottom } = drawHeader(cv, nodes, headerTop);
  const colOf: Record<string, number> = {};
  for (const c of cols) colOf[c.node.key as string] = c.col;
  return { width, headerTop, headerBottom, cols, colOf };
}

function renderLedger(id: TableId, t: LedgerTableData, ctx: Ctx, top: number, left: number): Rendered {
  const cv = new Canvas(top, left);
  const nodes = applyCodeStyle(id, ledgerColumns(id), ctx.codeStyle);
  const { width, headerTop, headerBottom, cols, colOf } = drawTableHead(cv, id, ctx, nodes);
  const rows: PlannedRow[] = [];
  let r = headerBottom + 1;
  for (const { line, unitIndex, multiplier, index } of expandUnits(id, t.lines, ctx)) {
    for (const c of cols) {
      const key = c.node.key as string;
      if (key === "cls" || key === "kuan" || key === "xiang") {
        const part = line.code?.[key === "cls" ? 0 : key === "kuan" ? 1 : 2];
        cv.put(r, c.col, part, "code");
      } else if (key === "code") {
        cv.put(r, c.col, joinedCode(line), "code");
      } else if (key === "unitCode") {
        cv.put(r, c.col, line.unitCode, "code");
      } else if (key === "name") {
        cv.put(r, c.col, line.name, "text");
      } else {
        const dec = line.amounts[key];
        if (dec !== undefined && dec !== "") {
          const a = amountValue(dec, ctx, multiplier);
          cv.put(r, c.col, a.value, "amount", a.numFmt);
        }
      }
    }
    rows.push({
      row: r,
      tag: { kind: line.kind, name: line.name, code: joinedCode(line), unitCode: line.unitCode, unitIndex, index },
    });
    r += 1;
  }
  return {
    cells: cv.cells,
    merges: cv.merges,
    widths: cv.widths,
    plan: {
      id,
      top,
      left,
      bottom: r - 1,
      right: left + width - 1,
      titleRow: top,
      headerTop,
      headerBottom,
      columns: colOf,
      rows,
    },
  };
}

function renderSummary(id: TableId, t: SummaryTableData, ctx: Ctx, top: number, left: number): Rendered {
  const cv = new Canvas(top, left);
  const nodes: ColNode[] =
    id === "1"
      ? [
          group("收 入", leaf("项 目", "inLabel", "text", 30), leaf("预算数", "inAmount")),
          group("支 出", leaf("项 目", "exLabel", "text", 30), leaf("预算数", "amount")),
        ]
      : [
          group("收 入", leaf("项 目", "inLabel", "text", 26), leaf("预算数", "inAmount")),
          group(
            "支 出",
            leaf("项 目", "exLabel", "text", 26),
            leaf("合计", "total"),
            leaf("一般公共预算", "gpb"),
            leaf("政府性基金预算", "fund"),
            leaf("国有资本经营预算", "soe"),
          ),
        ];
  const { width, headerTop, headerBottom, colOf } = drawTableHead(cv, id, ctx, nodes);
  const rows: PlannedRow[] = [];
  let r = headerBottom + 1;
  // 表1/表2 are department-level: every amount scales with the number of units.
  const mult = ctx.units;
  t.rows.forEach((row, index) => {
    cv.put(r, colOf.inLabel, row.inLabel, "text");
    if (row.inAmount) {
      const a = amountValue(row.inAmount, ctx, mult);
      cv.put(r, colOf.inAmount, a.value, "amount", a.numFmt);
    }
    cv.put(r, colOf.exLabel, row.exLabel, "text");
    for (const [k, dec] of Object.entries(row.ex)) {
      if (colOf[k] === undefined || !dec) continue;
      const a = amountValue(dec, ctx, mult);
      cv.put(r, colOf[k], a.value, "amount", a.numFmt);
    }
    rows.push({
      row: r,
      tag: { kind: "summary", index, inLabel: row.inLabel, exLabel: row.exLabel, name: row.exLabel ?? row.inLabel },
    });
    r += 1;
  });
  return {
    cells: cv.cells,
    merges: cv.merges,
    widths: cv.widths,
    plan: {
      id,
      top,
      left,
      bottom: r - 1,
      right: left + width - 1,
      titleRow: top,
      headerTop,
      headerBottom,
      columns: colOf,
      rows,
    },
  };
}

/** Writes a 指标值: plain numbers as numbers, anything else as text. */
function indicatorValue(v: string): string | number {
  // Only when the number shows the same text ("2.80" stays text so its two decimals survive).
  return /^\d+(\.\d+)?$/.test(v) && String(Number(v)) === v ? Number(v) : v;
}

function weightValue(w: string): string | number {
  return /^\d+$/.test(w) ? Number(w) : w;
}

/** Merges runs of equal non-blank 一级指标 within [from, to). */
function mergeRuns(cv: Canvas, col: number, startRow: number, values: string[]): void {
  let i = 0;
  while (i < values.length) {
    let j = i + 1;
    while (j < values.length && values[j] === values[i] && values[i] !== "") j++;
    cv.merge(startRow + i, col, startRow + j - 1, col);
    i = j;
  }
}

const PERF6_COLUMNS: [string, string, number][] = [
  ["单位名称", "unitName", 22],
  ["项目名称", "project", 30],
  ["预算数", "budget", 11],
  ["年度目标", "goal", 44],
  ["一级指标", "level1", 11],
  ["二级指标", "level2", 14],
  ["三级指标", "level3", 30],
  ["指标性质", "nature", 8],
  ["指标值", "value", 14],
  ["度量单位", "unit", 8],
  ["权重", "weight", 6],
  ["指标方向性", "direction", 10],
];

function renderPerf(t: PerfTableData, ctx: Ctx, top: number, left: number): Rendered {
  const cv = new Canvas(top, left);
  const width = PERF6_COLUMNS.length;
  const headerTop = drawTop(cv, "6", ctx, width);
  const colOf: Record<string, number> = {};
  PERF6_COLUMNS.forEach(([label, key, w], i) => {
    colOf[key] = left + i;
    cv.put(headerTop, left + i, label, "header");
    cv.width(left + i, w);
  });
  const headerBottom = headerTop;
  const rows: PlannedRow[] = [];
  let r = headerBottom + 1;
  cv.put(r, colOf.unitName, t.departmentName, "text");
  const db = amountValue(t.departmentBudget, ctx, ctx.units);
  cv.put(r, colOf.budget, db.value, "amount", db.numFmt);
  rows.push({ row: r, tag: { kind: "dept", name: t.departmentName } });
  r += 1;
  const unitCodeBase = t.unitName.split("-")[0];
  const unitNameBase = t.unitName.slice(unitCodeBase.length + 1);
  for (let u = 0; u < ctx.units; u++) {
    const unitLabel =
      ctx.units > 1 || ctx.unitRows !== "both"
        ? perfUnitLabel(ctx, unitCodeOf(ctx, u), unitNameOf(ctx, u, unitNameBase))
        : t.unitName;
    const unitTop = r;
    t.projects.forEach((p0, index) => {
      const p = {
        ...p0,
        code: unitProjectCode(p0.code, u),
        name: ctx.sharedProjectNames ? p0.name : unitProjectName(p0.name, u),
      };
      const pTop = r;
      const n = Math.max(1, p.indicators.length);
      cv.put(pTop, colOf.project, `${p.code}-${p.name}`, "text");
      const b = amountValue(p.budget, ctx);
      cv.put(pTop, colOf.budget, b.value, "amount", b.numFmt);
      cv.put(pTop, colOf.goal, p.goal, "longtext");
      for (const k of ["project", "budget", "goal"]) cv.merge(pTop, colOf[k], pTop + n - 1, colOf[k]);
      p.indicators.forEach((ind, k) => {
        drawIndicator(cv, r, colOf, ind, true);
        rows.push({
          row: r,
          tag: {
            kind: "indicator",
            unitIndex: u,
            index,
            projectCode: p.code,
            projectName: p.name,
            indicatorIndex: k,
            level3: ind.level3,
            name: p.name,
          },
        });
        r += 1;
      });
      if (p.indicators.length === 0) {
        rows.push({
          row: r,
          tag: { kind: "indicator", unitIndex: u, index, projectCode: p.code, projectName: p.name, name: p.name },
        });
        r += 1;
      }
      mergeRuns(
        cv,
        colOf.level1,
        pTop,
        p.indicators.map((i) => i.level1),
      );
    });
    cv.put(unitTop, colOf.unitName, unitLabel, "text");
    cv.merge(unitTop, colOf.unitName, r - 1, colOf.unitName);
  }
  return {
    cells: cv.cells,
    merges: cv.merges,
    widths: cv.widths,
    plan: {
      id: "6",
      top,
      left,
      bottom: r - 1,
      right: left + width - 1,
      titleRow: top,
      headerTop,
      headerBottom,
      columns: colOf,
      rows,
    },
  };
}

function drawIndicator(
  cv: Canvas,
  r: number,
  colOf: Record<string, number>,
  ind: IndicatorData,
  withDirection: boolean,
  valueOverride?: string | number,
): void {
  cv.put(r, colOf.level1, ind.level1, "text");
  cv.put(r, colOf.level2, ind.level2, "text");
  cv.put(r, colOf.level3, ind.level3, "text");
  cv.put(r, colOf.nature, ind.nature, "text");
  cv.put(
    r,
    colOf.value,
    valueOverride ?? indicatorValue(ind.value),
    typeof (valueOverride ?? indicatorValue(ind.value)) === "number" ? "number" : "text",
  );
  cv.put(r, colOf.unit, ind.unit, "text");
  cv.put(r, colOf.weight, weightValue(ind.weight), typeof weightValue(ind.weight) === "number" ? "number" : "text");
  if (withDirection) cv.put(r, colOf.direction, ind.direction, "text");
}

/** 成本指标 values in 万元 scale with the number of units (they mirror 资金总额). */
function scaledIndicatorValue(ind: IndicatorData, ctx: Ctx): string | number {
  if (
    ctx.units > 1 &&
    ind.level1.startsWith("成本") &&
    ind.unit === "万元" &&
    scaleDecimal(ind.value, 6) !== undefined
  ) {
    const fen = (scaleDecimal(ind.value, 6) as number) * ctx.units;
    return indicatorValue(formatAmount(fen, "万元", Math.max(0, fracDigits(ind.value))));
  }
  return indicatorValue(ind.value);
}

function renderWhole(t: WholePerfTableData, ctx: Ctx, top: number, left: number): Rendered {
  const cv = new Canvas(top, left);
  const width = 8;
  const L = left;
  const R = left + width - 1;
  const headerTop = drawTop(cv, "7", ctx, width);
  const colOf: Record<string, number> = {
    label: L,
    level1: L + 1,
    level2: L + 2,
    level3: L + 3,
    nature: L + 4,
    value: L + 5,
    unit: L + 6,
    weight: L + 7,
    departmentName: L + 1,
    totalFunds: L + 1,
    fiscalFunds: L + 4,
    otherFunds: L + 6,
    overallGoal: L + 1,
    taskName: L + 1,
    taskContent: L + 3,
  };
  [16, 12, 14, 30, 10, 12, 10, 8].forEach((w, i) => cv.width(L + i, w));
  const rows: PlannedRow[] = [];
  let r = headerTop;
  cv.put(r, L, "部门名称", "header");
  cv.put(r, L + 1, t.departmentName, "text");
  cv.merge(r, L + 1, r, R);
  rows.push({ row: r, tag: { kind: "deptName", name: t.departmentName } });
  r += 1;
  cv.put(r, L, "年度部门整体支出预算", "header");
  cv.merge(r, L, r + 1, L);
  cv.put(r, L + 1, "资金总额", "header");
  cv.merge(r, L + 1, r, L + 3);
  cv.put(r, L + 4, "财政拨款", "header");
  cv.merge(r, L + 4, r, L + 5);
  cv.put(r, L + 6, "其他资金", "header");
  cv.merge(r, L + 6, r, R);
  const headerBottom = r;
  r += 1;
  for (const [dec, c0, c1] of [
    [t.totalFunds, L + 1, L + 3],
    [t.fiscalFunds, L + 4, L + 5],
    [t.otherFunds, L + 6, R],
  ] as [Dec, number, number][]) {
    const a = amountValue(dec, ctx, ctx.units);
    cv.put(r, c0, a.value, "amount", a.numFmt);
    cv.merge(r, c0, r, c1);
  }
  rows.push({ row: r, tag: { kind: "funds", name: "年度部门整体支出预算" } });
  r += 1;
  cv.put(r, L, "年度总体目标", "header");
  cv.put(r, L + 1, t.overallGoal, "longtext");
  cv.merge(r, L + 1, r, R);
  rows.push({ row: r, tag: { kind: "goal", name: "年度总体目标" } });
  r += 1;
  const tasksTop = r;
  cv.put(r, L + 1, "任务名称", "header");
  cv.merge(r, L + 1, r, L + 2);
  cv.put(r, L + 3, "主要内容", "header");
  cv.merge(r, L + 3, r, R);
  r += 1;
  t.tasks.forEach((task, index) => {
    cv.put(r, L + 1, task.name, "text");
    cv.merge(r, L + 1, r, L + 2);
    cv.put(r, L + 3, task.content, "longtext");
    cv.merge(r, L + 3, r, R);
    rows.push({ row: r, tag: { kind: "task", index, name: task.name } });
    r += 1;
  });
  cv.put(tasksTop, L, "年度主要任务", "header");
  cv.merge(tasksTop, L, r - 1, L);
  const indTop = r;
  ["一级指标", "二级指标", "三级指标", "绩效指标性质", "绩效指标值", "绩效度量单位", "权重"].forEach((h, i) =>
    cv.put(r, L + 1 + i, h, "header"),
  );
  r += 1;
  t.indicators.forEach((ind, index) => {
    drawIndicator(cv, r, colOf, ind, false, scaledIndicatorValue(ind, ctx));
    rows.push({
      row: r,
      tag: { kind: "indicator", index, indicatorIndex: index, level3: ind.level3, name: ind.level3 },
    });
    r += 1;
  });
  mergeRuns(
    cv,
    colOf.level1,
    indTop + 1,
    t.indicators.map((i) => i.level1),
  );
  cv.put(indTop, L, "年度绩效指标", "header");
  cv.merge(indTop, L, r - 1, L);
  return {
    cells: cv.cells,
    merges: cv.merges,
    widths: cv.widths,
    plan: { id: "7", top, left, bottom: r - 1, right: R, titleRow: top, headerTop, headerBottom, columns: colOf, rows },
  };
}

function renderTable(id: TableId, ctx: Ctx, top: number, left: number): Rendered {
  const t = ctx.data.tables[id];
  switch (t.kind) {
    case "summary":
      return renderSummary(id, t, ctx, top, left);
    case "ledger":
      return renderLedger(id, t, ctx, top, left);
    case "perf":
      return renderPerf(t, ctx, top, left);
    case "wholePerf":
      return renderWhole(t, ctx, top, left);
  }
}

// ------------------------------------------------------------------------------------------ planning

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

function resolveOptions(data: SeedData, layout: LayoutOptions = {}): Ctx {
  const units = layout.units ?? 1;
  if (!Number.isInteger(units) || units < 1 || units > 9999)
    throw new Error(`单位数量必须是 1–9999 的整数，收到：${units}`);
  return {
    data,
    unit: layout.unit ?? "万元",
    amountsAs: layout.amountsAs ?? "number",
    codeStyle: layout.codeStyle ?? "split",
    units,
    sharedProjectNames: layout.sharedProjectNames ?? false,
    unitRows: layout.unitRows ?? "both",
    titleStyle: layout.titleStyle ?? "published",
  };
}

/** Renders every table to its sheet position without touching exceljs. */
export function planWorkbook(data: SeedData, layout: LayoutOptions = {}): WorkbookPlan {
  const ctx = resolveOptions(data, layout);
  const order = layout.order ?? TABLE_IDS;
  for (const id of order) if (!TABLE_IDS.includes(id)) throw new Error(`未知的表号：${id}`);
  const groups = layout.combine ?? [];
  const groupOf = new Map<TableId, TableId[]>();
  for (const g of groups) for (const id of g) groupOf.set(id, g);
  const offRows = layout.offset?.rows ?? 0;
  const offCols = layout.offset?.cols ?? 0;
  const sheets: SheetPlan[] = [];
  const tables: Partial<Record<TableId, TablePlan>> = {};
  const done = new Set<TableId>();
  const usedNames = new Set<string>();
  for (const id of order) {
    if (done.has(id)) continue;
    const members = (groupOf.get(id) ?? [id]).filter((m) => order.includes(m));
    const name = layout.sheetNames?.[id] ?? DEFAULT_SHEET_NAMES[id];
    if (name.length > 31 || SHEET_NAME_FORBIDDEN.test(name) || usedNames.has(name)) {
      throw new Error(`工作表名称“${name}”无效（超过31个字符、含非法字符或重复）`);
    }
    usedNames.add(name);
    const sheet: SheetPlan = { name, cells: [], merges: [], widths: new Map(), tables: [] };
    let top = 0;
    for (const m of members) {
      const rendered = renderTable(m, ctx, top + offRows, offCols);
      // Loops, not push(...): a table of 1,000 units has more cells than a call's argument limit.
      for (const c of rendered.cells) sheet.cells.push(c);
      for (const mg of rendered.merges) sheet.merges.push(mg);
      for (const [c, w] of rendered.widths) sheet.widths.set(c, Math.max(sheet.widths.get(c) ?? 0, w));
      const plan: TablePlan = { ...rendered.plan, sheet: name };
      sheet.tables.push(plan);
      tables[m] = plan;
      done.add(m);
      top = plan.bottom + 3; // two blank rows between stacked tables
    }
    sheets.push(sheet);
  }
  return { sheets, tables };
}

// ------------------------------------------------------------------------------------------ exceljs output

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

export function buildBudgetWorkbook(data: SeedData, layout: LayoutOptions = {}): ExcelJS.Workbook {
  const plan = planWorkbook(data, layout);
  const wb = new ExcelJS.Workbook();
  wb.creator = "budget-check examples";
  wb.lastModifiedBy = "budget-check examples";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  for (const sp of plan.sheets) {
    const ws = wb.addWorksheet(sp.name);
    for (const [c, w] of sp.widths) ws.getColumn(c + 1).width = w;
    // Borders on every body and header cell of each table, including blanks.
    for (const t of sp.tables) {
      for (let r = t.headerTop; r <= t.bottom; r++) {
        for (let c = t.left; c <= t.right; c++) ws.getCell(r + 1, c + 1).border = THIN;
      }
    }
    for (const cell of sp.cells) {
      const xc = ws.getCell(cell.row + 1, cell.col + 1);
      xc.value = cell.value;
      switch (cell.kind) {
        case "title":
          xc.font = { bold: true, size: 16 };
          xc.alignment = { horizontal: "center", vertical: "middle" };
          break;
        case "subtitle":
          xc.alignment = { horizontal: "center", vertical: "middle" };
          break;
        case "meta":
          xc.alignment = {
            horizontal: cell.value.toString().startsWith("部门") ? "left" : "right",
            vertical: "middle",
          };
          break;
        case "header":
          xc.font = { bold: true };
          xc.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
          break;
        case "code":
          xc.numFmt = "@";
          xc.alignment = { horizontal: "left", vertical: "middle" };
          break;
        case "amount":
          if (cell.numFmt) xc.numFmt = cell.numFmt;
          xc.alignment = { horizontal: "right", vertical: "middle" };
          break;
        case "longtext":
          xc.alignment = { vertical: "top", wrapText: true };
          break;
        default:
          xc.alignment = { vertical: "middle", wrapText: typeof cell.value === "string" && cell.value.length > 20 };
      }
    }
    for (const m of sp.merges) mergeFast(ws, m);
  }
  return wb;
}

interface MergeInternals {
  _merges?: Record<string, unknown>;
}

/**
 * exceljs' mergeCells checks every new range against all earlier ones (quadratic: minutes for a 50-unit 表6).
 * The plan's merges never overlap (tests check it), so this does the same work without the check: the slave
 * cells point at the master and the range is indexed where exceljs keeps it. Falls back to mergeCells if the
 * internals are not there.
 */
function mergeFast(ws: ExcelJS.Worksheet, m: PlanMerge): void {
  const internals = ws as unknown as MergeInternals;
  const saved = internals._merges;
  if (!saved) {
    ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    return;
  }
  // Let mergeCells run against an empty index (so its overlap check is O(1)), then put its entry back.
  internals._merges = {};
  try {
    ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  } finally {
    const added = internals._merges;
    internals._merges = saved;
    for (const k in added) saved[k] = added[k];
  }
}

/** The workbook as .xlsx bytes, with fixed zip entry dates so equal input gives equal bytes. */
export async function workbookToBuffer(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  const entries = unzipSync(raw);
  const out: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  for (const name of Object.keys(entries).sort()) out[name] = [entries[name], { mtime: ZIP_DATE, level: 6 }];
  return zipSync(out);
}

export async function writeBudgetWorkbook(path: string, data: SeedData, layout: LayoutOptions = {}): Promise<void> {
  const bytes = await workbookToBuffer(buildBudgetWorkbook(data, layout));
  fs.writeFileSync(path, bytes);
}

// ------------------------------------------------------------------------------------------ locate

export type RowMatcher = Partial<RowTag> | ((tag: RowTag) => boolean);

export interface Located {
  sheet: string;
  /** A1 address, e.g. "G8". */
  address: string;
  /** 0-based. */
  row: number;
  col: number;
}

function matches(tag: RowTag, m: RowMatcher): boolean {
  if (typeof m === "function") return m(tag);
  return (Object.keys(m) as (keyof RowTag)[]).every((k) => tag[k] === m[k]);
}

/**
 * The cell of a table line / column in the workbook the builder makes for (data, layout).
 * columnKey: a column key of the table ("total", "basic", "cur.gpb.proj", "name", "unitCode", "level3", "weight", …);
 * "code" also works in split style (it gives the most specific code part present).
 * Throws (Chinese message) when the table, the row or the column is not there.
 */
export function locate(
  layout: LayoutOptions | undefined,
  tableId: TableId,
  rowMatcher: RowMatcher,
  columnKey: string,
  data: SeedData = seed2024(),
): Located {
  const plan = planWorkbook(data, layout ?? {});
  return locateIn(plan, tableId, rowMatcher, columnKey);
}

/** locate() on an existing plan (avoids re-planning for many look-ups). */
export function locateIn(plan: WorkbookPlan, tableId: TableId, rowMatcher: RowMatcher, columnKey: string): Located {
  const t = plan.tables[tableId];
  if (!t) throw new Error(`工作簿中没有表${tableId}`);
  const row = t.rows.find((r) => matches(r.tag, rowMatcher));
  if (!row)
    throw new Error(
      `表${tableId}中找不到指定的行：${typeof rowMatcher === "function" ? "（函数）" : JSON.stringify(rowMatcher)}`,
    );
  let col = t.columns[columnKey];
  if (col === undefined && columnKey === "code") {
    const parts = row.tag.code ? row.tag.code : "";
    // Split style: 类 (3 digits), 款 (+2), 项 (+2).
    const key = parts.length >= 7 && t.columns.xiang !== undefined ? "xiang" : parts.length >= 5 ? "kuan" : "cls";
    col = t.columns[key];
  }
  if (col === undefined) throw new Error(`表${tableId}没有“${columnKey}”列`);
  return { sheet: t.sheet, address: a1(row.row, col), row: row.row, col };
}
