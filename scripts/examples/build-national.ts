/**
 * Builds workbooks in the national 9-table template (部门财务收支预算总表 … “三公”经费和机关运行经费预算表) from the
 * department data of examples/data/national.ts, in the layouts such exports have: merged multi-row headers, amounts
 * in 元 (三公 often in 万元), spaced labels (合 计), split or joined codes, sheet names of various exports, empty
 * 政府性基金 / 国有资本 tables with a note. Every amount cell is recorded, so tests can mutate exactly one.
 */
import ExcelJS from "exceljs";
import { workbookToBuffer } from "./build-workbook";
import type { NationalDepartment } from "../../examples/data/national";
import { formatAmount, type MoneyUnit } from "../../src/core/model/money";
import { NATIONAL_TABLE_NAMES as NAMES, type NationalTableId } from "../../src/core/model/tables";

export interface NationalLayout {
  codes?: "split" | "joined";
  /** "合 计", "项 目": the spacing templates print. */
  spaced?: boolean;
  sangongUnit?: MoneyUnit;
  /** plain: "1 部门财务收支预算总表"; yiti: "3.15部门财务收支预算总表"; generic: "Sheet1". */
  sheetNames?: "plain" | "yiti" | "generic";
  /** All nine tables on one sheet, two blank rows apart. */
  oneSheet?: boolean;
  amountsAs?: "number" | "text";
  offset?: { rows?: number; cols?: number };
  /** 表N1 income lines: by fund (一、一般公共预算拨款收入 …) or grouped (一、财政拨款收入 with 1. 2. sub-items). */
  incomeLines?: "byFund" | "grouped";
}

export interface NationalCell {
  sheet: string;
  row: number;
  col: number;
  /** Table, row key (code, "total", a line label) and column key. */
  table: NationalTableId;
  rowKey: string;
  colKey: string;
  fen: number;
  unit: MoneyUnit;
}

interface SheetCanvas {
  name: string;
  cells: Map<string, { value: string | number; numFmt?: string; bold?: boolean }>;
  merges: [number, number, number, number][];
  height: number;
}

interface Column {
  key: string;
  path: string[];
  kind: "code" | "label" | "amount";
}

interface Line {
  key: string;
  /** Values per column key: text for code/label columns, 分 for amount columns (undefined = blank). */
  values: Record<string, string | number | undefined>;
}

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

class Builder {
  readonly cells: NationalCell[] = [];
  constructor(
    readonly dept: NationalDepartment,
    readonly layout: NationalLayout,
  ) {}

  spaced(s: string): string {
    return this.layout.spaced && s.length >= 2 && s.length <= 3 && /^[\u4e00-\u9fa5]+$/.test(s)
      ? s.split("").join(" ")
      : s;
  }

  put(cv: SheetCanvas, r: number, c: number, value: string | number, numFmt?: string): void {
    cv.cells.set(`${r},${c}`, { value, numFmt });
    cv.height = Math.max(cv.height, r + 1);
  }

  /** Title, meta line, merged header, body, note; returns the next free row. */
  table(
    cv: SheetCanvas,
    top: number,
    id: NationalTableId,
    unit: MoneyUnit,
    columns: Column[],
    lines: Line[],
    note?: string,
  ): number {
    const left = this.layout.offset?.cols ?? 0;
    const width = columns.length;
    let r = top;
    this.put(cv, r, left, `${this.dept.year}年${NAMES[id]}`);
    cv.merges.push([r, left, r, left + width - 1]);
    r++;
    this.put(cv, r, left, `编制部门：${this.dept.department}`);
    this.put(cv, r, left + width - 1, `单位：${unit}`);
    r++;
    // Header: labels drawn once per group of columns sharing a path prefix; leaves merged down to the bottom.
    const depth = Math.max(...columns.map((c) => c.path.length));
    for (let level = 0; level < depth; level++) {
      let c = 0;
      while (c < width) {
        const col = columns[c];
        if (col.path.length <= level) {
          c++;
          continue;
        }
        const prefix = col.path.slice(0, level + 1).join("/");
        let end = c;
        while (
          end + 1 < width &&
          columns[end + 1].path.length > level &&
          columns[end + 1].path.slice(0, level + 1).join("/") === prefix
        )
          end++;
        const isLeaf = col.path.length === level + 1;
        this.put(cv, r + level, left + c, this.spaced(col.path[level]));
        const bottom = isLeaf ? r + depth - 1 : r + level;
        if (end > c || bottom > r + level) cv.merges.push([r + level, left + c, bottom, left + end]);
        c = end + 1;
      }
    }
    r += depth;
    for (const line of lines) {
      columns.forEach((col, k) => {
        const v = line.values[col.key];
        if (v === undefined || v === "") return;
        if (col.kind === "amount" && typeof v === "number") {
          const per = unit === "元" ? 100 : 1_000_000;
          if (this.layout.amountsAs === "text") this.put(cv, r, left + k, withSeparators(formatAmount(v, unit)));
          else this.put(cv, r, left + k, v / per, "#,##0.00");
          this.cells.push({
            sheet: cv.name,
            row: r,
            col: left + k,
            table: id,
            rowKey: line.key,
            colKey: col.key,
            fen: v,
            unit,
          });
        } else {
          this.put(
            cv,
            r,
            left + k,
            typeof v === "string" && line.key === "total" && col.kind !== "amount" ? this.spaced(v) : String(v),
          );
        }
      });
      if (line.key === "total") {
        // 合 计 is printed once across the code and name columns.
        const labelCols = columns.filter((c) => c.kind !== "amount").length;
        if (labelCols > 1) cv.merges.push([r, left, r, left + labelCols - 1]);
      }
      r++;
    }
    if (note) {
      this.put(cv, r, left, note);
      cv.merges.push([r, left, r, left + width - 1]);
      r++;
    }
    return r;
  }

  /** Code and name columns of a 功能分类 / 经济分类 table. */
  codeColumns(economic: boolean): Column[] {
    const head = economic ? "经济分类科目编码" : "功能分类科目编码";
    if (this.layout.codes === "joined")
      return [
        { key: "code", path: ["科目编码"], kind: "code" },
        { key: "name", path: ["科目名称"], kind: "label" },
      ];
    const parts = economic ? ["类", "款"] : ["类", "款", "项"];
    return [
      ...parts.map((p, i) => ({ key: `code${i}`, path: [head, p], kind: "code" as const })),
      { key: "name", path: ["科目名称"], kind: "label" },
    ];
  }

  codeValues(code: string, name: string): Record<string, string> {
    if (this.layout.codes === "joined") return { code, name };
    const out: Record<string, string> = { name };
    const parts = [code.slice(0, 3), code.slice(3, 5), code.slice(5, 7)];
    parts.forEach((p, i) => {
      if (p) out[`code${i}`] = p;
    });
    return out;
  }

  /** 合计, 类, 款, 项 lines of items, each with amounts from `amounts(item)`. */
  hierarchy<T extends { code: string; name: string }>(
    items: T[],
    names: Record<string, string>,
    amounts: (x: T) => Record<string, number>,
    levels: number[],
  ): Line[] {
    const keys = Object.keys(amounts(items[0] ?? ({} as T)));
    const total = (list: T[]): Record<string, number> =>
      Object.fromEntries(keys.map((k) => [k, sum(list.map((x) => amounts(x)[k]))]));
    const lines: Line[] = [
      { key: "total", values: { [this.layout.codes === "joined" ? "code" : "code0"]: "合计", ...total(items) } },
    ];
    const seen = new Set<string>();
    for (const it of items) {
      for (const L of levels) {
        const code = it.code.slice(0, L);
        if (seen.has(code)) continue;
        seen.add(code);
        const under = items.filter((x) => x.code.startsWith(code));
        const name = L === it.code.length ? it.name : (names[code] ?? code);
        lines.push({ key: code, values: { ...this.codeValues(code, name), ...total(under) } });
      }
    }
    return lines;
  }
}

function withSeparators(s: string): string {
  const [i, f] = s.split(".");
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${f !== undefined ? `.${f}` : ""}`;
}

function economicAmounts(d: NationalDepartment): { code: string; name: string; fen: number }[] {
  const basic = sum(d.items.map((x) => x.gpbBasic));
  const w = sum(d.economic.map((e) => e.weight));
  let left = basic;
  return d.economic.map((e, i) => {
    const fen = i === d.economic.length - 1 ? left : Math.floor((basic * e.weight) / w);
    left -= fen;
    return { code: e.code, name: e.name, fen };
  });
}

/** Plans every table of one department on sheets; returns the canvases and the amount cells. */
export function planNational(
  d: NationalDepartment,
  layout: NationalLayout = {},
): { sheets: SheetCanvas[]; cells: NationalCell[] } {
  const b = new Builder(d, layout);
  const sheets: SheetCanvas[] = [];
  const gap = 2;
  let shared: SheetCanvas | undefined;
  let nextTop = layout.offset?.rows ?? 0;
  const sheetFor = (id: NationalTableId, i: number): { cv: SheetCanvas; top: number } => {
    if (layout.oneSheet) {
      if (!shared) {
        shared = { name: `${d.year}年部门预算公开表`, cells: new Map(), merges: [], height: 0 };
        sheets.push(shared);
      }
      return { cv: shared, top: nextTop };
    }
    const name =
      layout.sheetNames === "yiti"
        ? `3.${15 + i}${NAMES[id].replace(/“|”/g, "")}`
        : layout.sheetNames === "generic"
          ? `Sheet${i + 1}`
          : `${i + 1} ${NAMES[id].replace(/“|”/g, "")}`;
    const cv: SheetCanvas = { name, cells: new Map(), merges: [], height: 0 };
    sheets.push(cv);
    return { cv, top: layout.offset?.rows ?? 0 };
  };
  const place = (id: NationalTableId, i: number, draw: (cv: SheetCanvas, top: number) => number): void => {
    const { cv, top } = sheetFor(id, i);
    const end = draw(cv, top);
    nextTop = end + gap;
  };

  const items = d.items;
  const gpb = sum(items.map((x) => x.gpbBasic + x.gpbProject));
  const fund = sum(items.map((x) => x.fundProject));
  const own = sum(items.map((x) => x.ownBasic + x.ownProject));
  const all = gpb + fund + own;
  const classes = [...new Set(items.map((x) => x.code.slice(0, 3)))];
  const byClass = (f: (x: (typeof items)[number]) => number) => (c: string) =>
    sum(items.filter((x) => x.code.startsWith(c)).map(f));

  // N1 部门财务收支预算总表: income lines left, expense 类 right.
  place("N1", 0, (cv, top) => {
    const income: [string, string, number][] =
      layout.incomeLines === "grouped"
        ? [
            ["fiscal", "一、财政拨款收入", gpb + fund],
            ["gpb", "1.一般公共预算资金", gpb],
            ["fund", "2.政府性基金", fund],
            ["business", "二、事业收入", own],
            ["operating", "三、事业单位经营收入", 0],
            ["other", "四、其他收入", 0],
          ]
        : [
            ["gpb", "一、一般公共预算拨款收入", gpb],
            ["fund", "二、政府性基金预算拨款收入", fund],
            ["soe", "三、国有资本经营预算拨款收入", 0],
            ["business", "四、事业收入", own],
            ["operating", "五、事业单位经营收入", 0],
            ["other", "六、其他收入", 0],
          ];
    const expense: [string, string, number][] = classes.map((c) => [
      `class:${c}`,
      d.names[c],
      byClass((x) => x.gpbBasic + x.gpbProject + x.fundProject + x.ownBasic + x.ownProject)(c),
    ]);
    const n = Math.max(income.length, expense.length);
    const lines: Line[] = [];
    for (let i = 0; i < n; i++) {
      const inc = income[i];
      const ex = expense[i];
      lines.push({
        key: `${inc?.[0] ?? ""}|${ex?.[0] ?? ""}`,
        values: { inLabel: inc?.[1], inAmount: inc?.[2], exLabel: ex?.[1], exAmount: ex?.[2] },
      });
    }
    lines.push({
      key: "current",
      values: { inLabel: "本年收入合计", inAmount: all, exLabel: "本年支出合计", exAmount: all },
    });
    lines.push({ key: "carry", values: { inLabel: "上年结转", inAmount: 0, exLabel: "结转下年", exAmount: 0 } });
    lines.push({ key: "grand", values: { inLabel: "收入总计", inAmount: all, exLabel: "支出总计", exAmount: all } });
    const cols: Column[] = [
      { key: "inLabel", path: ["收入", "项目"], kind: "label" },
      { key: "inAmount", path: ["收入", "预算数"], kind: "amount" },
      { key: "exLabel", path: ["支出", "项目"], kind: "label" },
      { key: "exAmount", path: ["支出", "预算数"], kind: "amount" },
    ];
    return b.table(cv, top, "N1", "元", cols, lines);
  });

  // N2 部门收入预算总表 by 功能分类.
  place("N2", 1, (cv, top) => {
    const cols: Column[] = [
      ...b.codeColumns(false),
      { key: "total", path: ["合计"], kind: "amount" },
      { key: "fiscal", path: ["财政拨款收入", "小计"], kind: "amount" },
      { key: "gpb", path: ["财政拨款收入", "一般公共预算"], kind: "amount" },
      { key: "fund", path: ["财政拨款收入", "政府性基金"], kind: "amount" },
      { key: "business", path: ["事业收入"], kind: "amount" },
      { key: "other", path: ["其他收入"], kind: "amount" },
      { key: "carry", path: ["上年结转"], kind: "amount" },
    ];
    const lines = b.hierarchy(
      items,
      d.names,
      (x) => ({
        total: x.gpbBasic + x.gpbProject + x.fundProject + x.ownBasic + x.ownProject,
        fiscal: x.gpbBasic + x.gpbProject + x.fundProject,
        gpb: x.gpbBasic + x.gpbProject,
        fund: x.fundProject,
        business: x.ownBasic + x.ownProject,
        other: 0,
        carry: 0,
      }),
      [3, 5, 7],
    );
    return b.table(cv, top, "N2", "元", cols, lines);
  });

  const ledger = (
    id: NationalTableId,
    i: number,
    list: typeof items,
    basic: (x: (typeof items)[number]) => number,
    project: (x: (typeof items)[number]) => number,
    note: string,
  ) =>
    place(id, i, (cv, top) => {
      const cols: Column[] = [
        ...b.codeColumns(false),
        { key: "total", path: ["合计"], kind: "amount" },
        { key: "basic", path: ["基本支出"], kind: "amount" },
        { key: "project", path: ["项目支出"], kind: "amount" },
      ];
      if (list.length === 0) {
        const lines: Line[] = [{ key: "total", values: { [layout.codes === "joined" ? "code" : "code0"]: "合计" } }];
        return b.table(cv, top, id, "元", cols, lines, note);
      }
      return b.table(
        cv,
        top,
        id,
        "元",
        cols,
        b.hierarchy(
          list,
          d.names,
          (x) => ({ total: basic(x) + project(x), basic: basic(x), project: project(x) }),
          [3, 5, 7],
        ),
      );
    });

  // N3 部门支出预算总表 (all funds).
  ledger(
    "N3",
    2,
    items,
    (x) => x.gpbBasic + x.ownBasic,
    (x) => x.gpbProject + x.fundProject + x.ownProject,
    "",
  );

  // N4 部门财政拨款收支预算总表.
  place("N4", 3, (cv, top) => {
    const fiscalClasses = classes.filter((c) => byClass((x) => x.gpbBasic + x.gpbProject + x.fundProject)(c) !== 0);
    const income: [string, string, number | undefined][] = [
      ["current", "一、本年收入", gpb + fund],
      ["gpb", "（一）一般公共预算拨款收入", gpb],
      ["fund", "（二）政府性基金预算拨款收入", fund],
      ["soe", "（三）国有资本经营预算拨款收入", 0],
      ["carry", "二、上年结转", 0],
    ];
    const expense: [string, string, number, number][] = [
      ["current", "一、本年支出", gpb, fund],
      ...fiscalClasses.map((c): [string, string, number, number] => [
        `class:${c}`,
        d.names[c],
        byClass((x) => x.gpbBasic + x.gpbProject)(c),
        byClass((x) => x.fundProject)(c),
      ]),
      ["carryForward", "二、结转下年", 0, 0],
    ];
    const n = Math.max(income.length, expense.length);
    const lines: Line[] = [];
    for (let i = 0; i < n; i++) {
      const inc = income[i];
      const ex = expense[i];
      lines.push({
        key: `${inc?.[0] ?? ""}|${ex?.[0] ?? ""}`,
        values: {
          inLabel: inc?.[1],
          inAmount: inc?.[2],
          exLabel: ex?.[1],
          exTotal: ex ? ex[2] + ex[3] : undefined,
          exGpb: ex?.[2],
          exFund: ex?.[3],
          exSoe: ex ? 0 : undefined,
        },
      });
    }
    lines.push({
      key: "grand",
      values: {
        inLabel: "收入总计",
        inAmount: gpb + fund,
        exLabel: "支出总计",
        exTotal: gpb + fund,
        exGpb: gpb,
        exFund: fund,
        exSoe: 0,
      },
    });
    const cols: Column[] = [
      { key: "inLabel", path: ["收入", "项目"], kind: "label" },
      { key: "inAmount", path: ["收入", "预算数"], kind: "amount" },
      { key: "exLabel", path: ["支出", "项目"], kind: "label" },
      { key: "exTotal", path: ["支出", "合计"], kind: "amount" },
      { key: "exGpb", path: ["支出", "一般公共预算"], kind: "amount" },
      { key: "exFund", path: ["支出", "政府性基金"], kind: "amount" },
      { key: "exSoe", path: ["支出", "国有资本经营预算"], kind: "amount" },
    ];
    return b.table(cv, top, "N4", "元", cols, lines);
  });

  const gpbItems = items.filter((x) => x.gpbBasic + x.gpbProject !== 0);
  const fundItems = items.filter((x) => x.fundProject !== 0);
  ledger(
    "N5",
    4,
    gpbItems,
    (x) => x.gpbBasic,
    (x) => x.gpbProject,
    "",
  );
  ledger(
    "N6",
    5,
    fundItems,
    () => 0,
    (x) => x.fundProject,
    `注：本部门${d.year}年无政府性基金预算财政拨款安排的预算，故本表为空表。`,
  );
  ledger(
    "N7",
    6,
    [],
    () => 0,
    () => 0,
    `注：本部门${d.year}年无国有资本经营预算财政拨款安排的预算，故本表为空表。`,
  );

  // N8 一般公共预算基本支出 经济分类 (类/款; 301/303 人员经费, 302 公用经费).
  place("N8", 7, (cv, top) => {
    const econ = economicAmounts(d);
    const cols: Column[] = [
      ...b.codeColumns(true),
      { key: "total", path: ["合计"], kind: "amount" },
      { key: "personnel", path: ["人员经费"], kind: "amount" },
      { key: "public", path: ["公用经费"], kind: "amount" },
    ];
    const lines = b.hierarchy(
      econ,
      d.economicNames,
      (x) => ({
        total: x.fen,
        personnel: x.code.startsWith("302") ? 0 : x.fen,
        public: x.code.startsWith("302") ? x.fen : 0,
      }),
      [3, 5],
    );
    return b.table(cv, top, "N8", "元", cols, lines);
  });

  // N9 “三公”经费和机关运行经费预算表 (one line; often in 万元).
  place("N9", 8, (cv, top) => {
    const s = d.sangong;
    const cols: Column[] = [
      { key: "total", path: ["合计"], kind: "amount" },
      { key: "overseas", path: ["因公出国（境）费"], kind: "amount" },
      { key: "reception", path: ["公务接待费"], kind: "amount" },
      { key: "vehicle", path: ["公务用车购置及运行费", "小计"], kind: "amount" },
      { key: "purchase", path: ["公务用车购置及运行费", "购置费"], kind: "amount" },
      { key: "operation", path: ["公务用车购置及运行费", "运行费"], kind: "amount" },
      { key: "running", path: ["机关运行经费"], kind: "amount" },
    ];
    const line: Line = {
      key: "total",
      values: {
        total: s.overseas + s.reception + s.purchase + s.operation,
        overseas: s.overseas,
        reception: s.reception,
        vehicle: s.purchase + s.operation,
        purchase: s.purchase,
        operation: s.operation,
        running: s.running,
      },
    };
    return b.table(cv, top, "N9", layout.sangongUnit ?? "元", cols, [line]);
  });
  return { sheets, cells: b.cells };
}

export function buildNationalWorkbook(d: NationalDepartment, layout: NationalLayout = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // Fixed metadata: rebuilding the examples gives the same bytes.
  wb.creator = "budget-check examples";
  wb.lastModifiedBy = "budget-check examples";
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = new Date(Date.UTC(2026, 0, 1));
  for (const cv of planNational(d, layout).sheets) {
    const ws = wb.addWorksheet(cv.name);
    for (const [k, cell] of cv.cells) {
      const [r, c] = k.split(",").map(Number);
      const x = ws.getCell(r + 1, c + 1);
      x.value = cell.value;
      if (cell.numFmt) x.numFmt = cell.numFmt;
      if (typeof cell.value === "string" && /^\d+$/.test(cell.value)) x.numFmt = "@";
    }
    for (const [r1, c1, r2, c2] of cv.merges) ws.mergeCells(r1 + 1, c1 + 1, r2 + 1, c2 + 1);
  }
  return wb;
}

/** The workbook's bytes, reproducible (fixed zip dates: the examples' shared writer). */
export async function nationalToBuffer(d: NationalDepartment, layout: NationalLayout = {}): Promise<Uint8Array> {
  return workbookToBuffer(buildNationalWorkbook(d, layout));
}
