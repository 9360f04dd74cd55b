/**
 * Single-fault mutants of the corrected example, one or more per rule of RULES.
 *
 * Each case changes ONE thing: one cell of the WorkbookData read from examples/seed-corrected.xlsx (located with the
 * builder's plan, so the address is where the builder put the value), or, for structural faults, one sheet/table
 * (dropped from the WorkbookData, or left out of the builder's `order`). Every case runs in three layouts: the default
 * one (the example file itself), a "moved" one with the same values (sheets renamed and reordered, offset, tables
 * stacked on one sheet, numbered titles) and a "text-amount" one (amounts written as text, offset); cases marked
 * source "joined" use the joined-code variant of each. Each case asserts, as separate tests:
 *   1. every expected finding: rule, severity, and where it points —
 *        first: cells[0] is the mutated cell;
 *        among: the mutated cell is one of cells (cross-table / sum rules that cannot tell which side is wrong; the
 *               case says why);
 *        row:   cells[0] is on the mutated cell's row (code faults, where the row is what is wrong);
 *        table: the finding names the mutated table (a removed table or statement has no cell of its own);
 *   2. pinpoint: some error/warning (or, for an info-only rule, some finding) has cells[0] AT the mutated cell — the
 *      judges' criterion "every fault is found at its cell"; cases where no check can know which of many parts is
 *      off opt out with the reason;
 *   3. no noise: no error or warning whose highlighted cell lies in a table other than the mutated one and the
 *      tables the case lists as related (the other side of a cross-table rule that reads the mutated value).
 * Known engine shortfalls are `test.failing` with the reason (listed in the report); a test that starts passing
 * must lose its mark. A diagnostic dump of every case goes to test-output/integration/mutations.json.
 */
import { correctedSeed2024 } from "../../examples/data/corrected";
import type { LayoutOptions, RowMatcher } from "../../scripts/examples/build-workbook";
import type { CheckResult } from "../../src/core/engine";
import type { Finding, Severity } from "../../src/core/model/findings";
import { TABLE_IDS, type TableId } from "../../src/core/model/tables";
import type { CellRef, CellValue, WorkbookData } from "../../src/core/model/workbook";
import { RULES } from "../../src/core/rules";
import {
  addr,
  buildAndRead,
  cellValue,
  check,
  describeFinding,
  Locator,
  plus,
  readExample,
  withCell,
  withoutSheets,
  writeOutput,
} from "./support";

// ------------------------------------------------------------------------------------------ case model

type At = "first" | "among" | "row" | "table";

interface Expectation {
  rule: string;
  severity: Severity;
  at: At;
  /** Why "among"/"row"/"table" rather than "first". */
  why?: string;
  /** Set when the engine is known to miss this: the test is marked failing. */
  known?: string;
}

interface CellMutation {
  table: TableId;
  row: RowMatcher;
  column: string;
  /** The value the corrected workbook holds there (checked before mutating). */
  from: CellValue;
  to: CellValue | ((v: CellValue) => CellValue);
}

interface Case {
  name: string;
  /** The table the fault is in. */
  table: TableId;
  /** A one-cell fault (default layout, or the joined-code layout when source = "joined"). */
  cell?: CellMutation;
  source?: "default" | "joined";
  /** A structural fault instead of a cell. */
  structural?: (base: Bases) => WorkbookData;
  expect: Expectation[];
  /** Tables where other errors/warnings are legitimate: the other side of a cross-table rule reading the mutated value. */
  related?: TableId[];
  /** Opt-out of the pinpoint test, with the reason. */
  noPinpoint?: string;
  /** Known shortfalls of the pinpoint / noise tests (marked failing). */
  knownPinpoint?: string;
  knownNoise?: string;
}

interface Bases {
  corrected: WorkbookData;
  joined: WorkbookData;
  without33: WorkbookData;
  loc: Locator;
  joinedLoc: Locator;
}

// ------------------------------------------------------------------------------------------ fixtures

const KP = "51340022T000000278908"; // 凉山州级科普专项经费 128.00
const XS = "51340022T000000278902"; // 学术交流活动业务经费 12.00
const TF = "51340023T000009491998"; // 天府科技云服务项目 25.00
const R2 = "51340024R000010184871"; // 州本级工资支出（事业） 33.88 (second R project)
const ind = (projectCode: string, indicatorIndex: number): RowMatcher => ({
  kind: "indicator",
  projectCode,
  indicatorIndex,
});
const ind7 = (indicatorIndex: number): RowMatcher => ({ kind: "indicator", indicatorIndex });
const TOTAL: RowMatcher = { kind: "total" };
const UNIT: RowMatcher = { kind: "unit" };
const item = (code: string): RowMatcher => ({ kind: "item", code });
const sub31 = (unitCode: string): RowMatcher => ({ kind: "sub", unitCode });
const item31 = (unitCode: string): RowMatcher => ({ kind: "item", unitCode });
const ex = (exLabel: string): RowMatcher => ({ kind: "summary", exLabel });
const inc = (inLabel: string): RowMatcher => ({ kind: "summary", inLabel });
const by = (d: number) => (v: CellValue) => plus(v, d);

const CASES: Case[] = [
  // ---------------------------------------------------------------- completeness
  {
    name: "表3-3 left out of the builder's order",
    table: "3-3",
    structural: (b) => b.without33,
    expect: [{ rule: "T-MISSING", severity: "error", at: "table", why: "a missing table has no cell" }],
    noPinpoint: "a missing table has no cell",
  },
  {
    name: "the sheet of 表6 removed",
    table: "6",
    structural: (b) => withoutSheets(b.corrected, [b.loc.sheetOf("6")]),
    expect: [{ rule: "T-MISSING", severity: "error", at: "table", why: "a missing table has no cell" }],
    noPinpoint: "a missing table has no cell",
  },
  {
    name: "the sheet of 表4-1 (an empty table) removed",
    table: "4-1",
    structural: (b) => withoutSheets(b.corrected, [b.loc.sheetOf("4-1")]),
    expect: [{ rule: "T-MISSING", severity: "error", at: "table", why: "a missing table has no cell" }],
    noPinpoint: "a missing table has no cell",
  },
  {
    name: "表4's 此表无数据 statement removed",
    table: "4",
    cell: { table: "4", row: { kind: "nodata" }, column: "name", from: "此表无数据", to: null },
    expect: [
      {
        rule: "T-EMPTY-NOTE",
        severity: "warning",
        at: "table",
        why: "the removed statement leaves an empty cell; the finding points into 表4",
      },
    ],
    noPinpoint: "the statement is gone: any cell of 表4 will do",
  },
  {
    name: "表5's 此表无数据 statement removed",
    table: "5",
    cell: { table: "5", row: { kind: "nodata" }, column: "name", from: "此表无数据", to: null },
    expect: [
      {
        rule: "T-EMPTY-NOTE",
        severity: "warning",
        at: "table",
        why: "the removed statement leaves an empty cell; the finding points into 表5",
      },
    ],
    noPinpoint: "the statement is gone: any cell of 表5 will do",
  },

  // ---------------------------------------------------------------- codes
  {
    name: "表1-2 2060701: 项 code 01 → 1 (one digit short)",
    table: "1-2",
    cell: { table: "1-2", row: item("2060701"), column: "xiang", from: "01", to: "1" },
    expect: [{ rule: "CODE-FORMAT", severity: "error", at: "first" }],
    related: ["3", "1"],
  },
  {
    name: "表2-1 30201: 款 code 01 → 0l (letter l)",
    table: "2-1",
    cell: { table: "2-1", row: item("30201"), column: "kuan", from: "01", to: "0l" },
    expect: [{ rule: "CODE-FORMAT", severity: "error", at: "first" }],
    related: ["3-1", "3-3"],
  },
  {
    name: "表3-1 30201 (split codes): 款 cell 01 → 1",
    table: "3-1",
    cell: { table: "3-1", row: item31("30201"), column: "kuan", from: "01", to: "1" },
    expect: [{ rule: "CODE-FORMAT", severity: "error", at: "first" }],
    related: ["2-1"],
  },
  {
    name: "表3-1 30201 (split codes): the full code in the 单位代码 column 30201 → 3020",
    table: "3-1",
    cell: { table: "3-1", row: item31("30201"), column: "unitCode", from: "30201", to: "3020" },
    expect: [{ rule: "CODE-FORMAT", severity: "error", at: "first" }],
    related: ["2-1"],
  },
  {
    name: "表3-1 30201 (joined codes): code 30201 → 3020 (4 digits)",
    table: "3-1",
    source: "joined",
    cell: { table: "3-1", row: item31("30201"), column: "unitCode", from: "30201", to: "3020" },
    expect: [{ rule: "CODE-FORMAT", severity: "error", at: "first" }],
    related: ["2-1"],
  },
  {
    name: "表2-1 30201 (split codes): 类 cell 302 → 308 (类 308 does not exist)",
    table: "2-1",
    cell: { table: "2-1", row: item("30201"), column: "cls", from: "302", to: "308" },
    expect: [
      {
        rule: "CODE-HIERARCHY",
        severity: "error",
        at: "row",
        why: "the code is split over 类|款 cells; which of them a finding names is the pinpoint test's concern",
      },
    ],
    related: ["3-1"],
  },
  {
    name: "表2-1 30201 (joined codes): code 30201 → 30801 (类 308 does not exist)",
    table: "2-1",
    source: "joined",
    cell: { table: "2-1", row: item("30201"), column: "code", from: "30201", to: "30801" },
    expect: [{ rule: "CODE-HIERARCHY", severity: "error", at: "first" }],
    related: ["3-1"],
  },
  {
    name: "表2-1 30201 (split codes): 类 cell 302 → 309, i.e. a valid 30901 listed inside the 302 block",
    table: "2-1",
    cell: { table: "2-1", row: item("30201"), column: "cls", from: "302", to: "309" },
    expect: [{ rule: "CODE-HIERARCHY", severity: "error", at: "first" }],
    related: ["3-1"],
  },
  {
    name: "表3 2060701: name 机构运行 → 机构运行费",
    table: "3",
    cell: { table: "3", row: item("2060701"), column: "name", from: "机构运行", to: "机构运行费" },
    expect: [{ rule: "CODE-NAME-CONSISTENT", severity: "error", at: "first" }],
  },
  {
    name: "表3-1 30207 邮电费 公用经费 negative (−0.40): the negative amount is the fault, its broken sums folded under it",
    table: "3-1",
    cell: { table: "3-1", row: item("30207"), column: "public", from: 0.4, to: (v: CellValue) => -Number(v) },
    expect: [
      { rule: "AMOUNT-NEGATIVE", severity: "error", at: "first" },
      { rule: "SUM-ROW", severity: "error", at: "among", why: "the row sum it breaks is kept in related" },
    ],
    related: ["2-1"],
  },
  {
    name: "表2-1 30201: name 办公费 → 办公经费",
    table: "2-1",
    cell: { table: "2-1", row: item("30201"), column: "name", from: "办公费", to: "办公经费" },
    expect: [{ rule: "CODE-NAME-CONSISTENT", severity: "error", at: "first" }],
  },
  {
    name: "表3-2 group of 2060702: name 科普活动 → 科普活动经费",
    table: "3-2",
    cell: {
      table: "3-2",
      row: { kind: "group", name: "科普活动" },
      column: "name",
      from: "科普活动",
      to: "科普活动经费",
    },
    expect: [{ rule: "CODE-NAME-CONSISTENT", severity: "error", at: "first" }],
  },
  {
    name: "表1 类 line: 六、科学技术支出 → 六、科学技术",
    table: "1",
    cell: { table: "1", row: ex("六、科学技术支出"), column: "exLabel", from: "六、科学技术支出", to: "六、科学技术" },
    expect: [{ rule: "CODE-NAME-CONSISTENT", severity: "error", at: "first" }],
    related: ["2"],
  },
  {
    name: "表1-2 2060701: name 机构运行 → 机构运转 (1-2 is the tie-break reference)",
    table: "1-2",
    cell: { table: "1-2", row: item("2060701"), column: "name", from: "机构运行", to: "机构运转" },
    expect: [{ rule: "CODE-CATALOG", severity: "error", at: "first" }],
  },
  {
    name: "表1-2 2101199: name drops 支出 (近似名称 → warning)",
    table: "1-2",
    cell: {
      table: "1-2",
      row: item("2101199"),
      column: "name",
      from: "其他行政事业单位医疗支出",
      to: "其他行政事业单位医疗",
    },
    expect: [{ rule: "CODE-CATALOG", severity: "warning", at: "first" }],
  },
  {
    name: "表3-1 sub-item (split codes): 3011001 → 3012001 in the 单位代码 column (款 30120 does not exist)",
    table: "3-1",
    cell: { table: "3-1", row: sub31("3011001"), column: "unitCode", from: "3011001", to: "3012001" },
    expect: [{ rule: "CODE-ECON-EXT", severity: "error", at: "first" }],
    related: ["2-1"],
  },
  {
    name: "表3-1 sub-item (joined codes): 3011001 → 3012001 (款 30120 does not exist)",
    table: "3-1",
    source: "joined",
    cell: { table: "3-1", row: sub31("3011001"), column: "unitCode", from: "3011001", to: "3012001" },
    expect: [{ rule: "CODE-ECON-EXT", severity: "error", at: "first" }],
    related: ["2-1"],
  },

  // ---------------------------------------------------------------- totals inside a table
  {
    name: "表2-1 30103 总计 +0.01 (3 sub-items: 尾差)",
    table: "2-1",
    cell: { table: "2-1", row: item("30103"), column: "grand", from: 96.71, to: by(0.01) },
    expect: [{ rule: "SUM-COLUMN", severity: "warning", at: "first" }],
  },
  {
    name: "表3-1 30103 合计 +0.01 (3 sub-items: 尾差)",
    table: "3-1",
    cell: { table: "3-1", row: item31("30103"), column: "total", from: 96.71, to: by(0.01) },
    expect: [{ rule: "SUM-COLUMN", severity: "warning", at: "first" }],
    related: ["2-1"],
  },
  {
    name: "表2-1 sub-item 地方出台津贴补贴 基本支出 +0.01",
    table: "2-1",
    cell: {
      table: "2-1",
      row: { kind: "sub", name: "地方出台津贴补贴" },
      column: "cur.gpb.basic",
      from: 33.79,
      to: by(0.01),
    },
    expect: [
      { rule: "SUM-COLUMN", severity: "warning", at: "among", why: "30102 = Σ its 3 sub-items (尾差 bound 0.015)" },
    ],
    related: ["3-1"],
  },
  {
    name: "表1-2 合计 +1.00",
    table: "1-2",
    cell: { table: "1-2", row: TOTAL, column: "total", from: 753.71, to: by(1) },
    expect: [
      { rule: "SUM-COLUMN", severity: "error", at: "first" },
      { rule: "F8", severity: "error", at: "first" },
    ],
    related: ["1", "6"],
  },
  {
    name: "表3-2 group 2060799 +0.01 (4 projects: 尾差)",
    table: "3-2",
    cell: {
      table: "3-2",
      row: { kind: "group", name: "其他科学技术普及支出" },
      column: "total",
      from: 228,
      to: by(0.01),
    },
    expect: [{ rule: "SUM-COLUMN", severity: "warning", at: "first" }],
  },
  {
    name: "表3-3 unit line 公务接待费 +0.01",
    table: "3-3",
    cell: { table: "3-3", row: UNIT, column: "reception", from: 0.19, to: by(0.01) },
    expect: [
      {
        rule: "SUM-COLUMN",
        severity: "error",
        at: "among",
        why: "合计 ← 部门 ← 单位 repeat one value: the engine reports the chain at its top",
      },
    ],
  },
  {
    name: "表1-2 2060701 合计 +0.01 (basic only: 1 part)",
    table: "1-2",
    cell: { table: "1-2", row: item("2060701"), column: "total", from: 289.04, to: by(0.01) },
    expect: [{ rule: "SUM-ROW", severity: "error", at: "first" }],
    related: ["3", "1"],
  },
  {
    name: "表3-3 unit line 合计 +0.01 (2 parts: 尾差)",
    table: "3-3",
    cell: { table: "3-3", row: UNIT, column: "total", from: 9.89, to: by(0.01) },
    expect: [{ rule: "SUM-ROW", severity: "warning", at: "first" }],
  },
  {
    name: "表3 2060701 合计 +1.00",
    table: "3",
    cell: { table: "3", row: item("2060701"), column: "total", from: 289.04, to: by(1) },
    expect: [
      { rule: "SUM-ROW", severity: "error", at: "first" },
      { rule: "F16", severity: "error", at: "first" },
    ],
    related: ["1-2", "2"],
  },
  {
    name: "表1-1 unit line 合计 +0.01",
    table: "1-1",
    cell: { table: "1-1", row: UNIT, column: "total", from: 753.71, to: by(0.01) },
    expect: [{ rule: "SUM-ROW", severity: "error", at: "first" }],
  },
  {
    name: "表2-1 30201 总计 +0.10",
    table: "2-1",
    cell: { table: "2-1", row: item("30201"), column: "grand", from: 5.7, to: by(0.1) },
    expect: [{ rule: "SUM-ROW", severity: "error", at: "first" }],
  },

  // ---------------------------------------------------------------- 表1 / 表2
  {
    name: "表1 本年收入合计 +0.01",
    table: "1",
    cell: { table: "1", row: inc("本年收入合计"), column: "inAmount", from: 753.71, to: by(0.01) },
    expect: [{ rule: "F1", severity: "error", at: "first" }],
  },
  {
    name: "表1 income line 一般公共预算拨款收入 +1.00",
    table: "1",
    cell: { table: "1", row: inc("一、一般公共预算拨款收入"), column: "inAmount", from: 753.71, to: by(1) },
    expect: [
      {
        rule: "F1",
        severity: "error",
        at: "among",
        why: "F1 compares 本年收入合计 with Σ income lines and highlights the total",
      },
      { rule: "F6", severity: "error", at: "among", why: "表1-1 (the other side) is highlighted" },
      { rule: "F11", severity: "error", at: "among", why: "表2 (the other side) is highlighted" },
    ],
    related: ["1-1", "2"],
  },
  {
    name: "表1 收入总计 +0.01",
    table: "1",
    cell: { table: "1", row: inc("收入总计"), column: "inAmount", from: 753.71, to: by(0.01) },
    expect: [{ rule: "F2", severity: "error", at: "first" }],
    related: ["1-1", "7"],
  },
  {
    name: "表1 七、上年结转 filled (1.00)",
    table: "1",
    cell: { table: "1", row: inc("七、上年结转"), column: "inAmount", from: null, to: 1 },
    expect: [
      {
        rule: "F2",
        severity: "error",
        at: "among",
        why: "F2 (收入总计 = 本年收入合计 + 上年结转) highlights 收入总计",
      },
    ],
  },
  {
    name: "表1 本年支出合计 +0.10",
    table: "1",
    cell: { table: "1", row: ex("本年支出合计"), column: "amount", from: 753.71, to: by(0.1) },
    expect: [
      { rule: "F3", severity: "error", at: "first" },
      { rule: "F4", severity: "error", at: "first" },
    ],
    related: ["1-2"],
  },
  {
    name: "表1 卫生健康支出 +0.01 (4 parts: 尾差)",
    table: "1",
    cell: { table: "1", row: ex("十、卫生健康支出"), column: "amount", from: 23.5, to: by(0.01) },
    expect: [
      { rule: "F3", severity: "warning", at: "among", why: "F3 highlights 本年支出合计 (the sum of the class lines)" },
      { rule: "F8", severity: "warning", at: "first" },
    ],
    related: ["2"],
  },
  {
    name: "表1 blank class line 一、一般公共服务支出 filled (1.00)",
    table: "1",
    cell: { table: "1", row: ex("一、一般公共服务支出"), column: "amount", from: null, to: 1 },
    expect: [
      { rule: "F8", severity: "error", at: "first" },
      { rule: "F3", severity: "error", at: "among", why: "F3 (本年支出合计 = Σ 类) lists every class line" },
    ],
    related: ["2"],
  },
  {
    name: "表1 支出总计 −1.00",
    table: "1",
    cell: { table: "1", row: ex("支出总计"), column: "amount", from: 753.71, to: by(-1) },
    expect: [{ rule: "F4", severity: "error", at: "first" }],
    related: ["7"],
  },
  {
    name: "表2 科学技术支出 合计 +0.10",
    table: "2",
    cell: { table: "2", row: ex("科学技术支出"), column: "total", from: 570.41, to: by(0.1) },
    expect: [
      { rule: "F9", severity: "error", at: "first" },
      { rule: "F10", severity: "error", at: "first" },
    ],
    related: ["1"],
  },
  {
    name: "表2 一、本年收入 +0.01",
    table: "2",
    cell: { table: "2", row: inc("一、本年收入"), column: "inAmount", from: 753.71, to: by(0.01) },
    expect: [{ rule: "F9", severity: "error", at: "first" }],
  },
  {
    name: "表2 收入总计 +1.00",
    table: "2",
    cell: { table: "2", row: inc("收入总计"), column: "inAmount", from: 753.71, to: by(1) },
    expect: [
      {
        rule: "F9",
        severity: "error",
        at: "among",
        why: "the balance check highlights 支出总计 (either side may be wrong)",
      },
    ],
    related: ["7"],
  },
  {
    name: "表2 科学技术支出 政府性基金预算 blank → 1.00",
    table: "2",
    cell: { table: "2", row: ex("科学技术支出"), column: "fund", from: null, to: 1 },
    expect: [
      {
        rule: "F9",
        severity: "error",
        at: "among",
        why: "the row formula 合计 = 一般公共 + 基金 + 国资 highlights 合计",
      },
    ],
    related: ["4", "4-1"],
  },
  {
    name: "表3-3 合计 公务用车 小计 +0.10 (≠ 购置 + 运行)",
    table: "3-3",
    cell: { table: "3-3", row: TOTAL, column: "vehicleSubtotal", from: 9.7, to: by(0.1) },
    expect: [{ rule: "SUM-ROW", severity: "error", at: "first" }],
  },
  {
    name: "表1-2 2060702 项目支出 +0.10",
    table: "1-2",
    cell: { table: "1-2", row: item("2060702"), column: "project", from: 12, to: by(0.1) },
    expect: [
      {
        rule: "SUM-ROW",
        severity: "error",
        at: "among",
        why: "合计 = 基本 + 项目 on the row: the row formula lists the part",
      },
      {
        rule: "F24",
        severity: "error",
        at: "among",
        why: "表3-2 by 项 vs 表1-2 项目支出: the 表3-2 side is highlighted",
      },
    ],
    related: ["3-2"],
  },
  {
    name: "表7 其他资金 0 → 1.00",
    table: "7",
    cell: { table: "7", row: { kind: "funds" }, column: "otherFunds", from: 0, to: 1 },
    expect: [
      { rule: "F33", severity: "error", at: "among", why: "资金总额 = 财政拨款 + 其他资金 highlights 资金总额" },
    ],
  },
  {
    name: "表3-2 project name 天府科技云服务项目 → 天府科技云服务",
    table: "3-2",
    cell: {
      table: "3-2",
      row: { kind: "item", name: "天府科技云服务项目" },
      column: "name",
      from: "天府科技云服务项目",
      to: "天府科技云服务",
    },
    expect: [
      {
        rule: "F30",
        severity: "warning",
        at: "among",
        why: "F30 compares 表6 with 表3-2 names and highlights the 表6 project",
      },
    ],
    related: ["6"],
    noPinpoint: "a name printed in two tables only (表6, 表3-2): either side may be the wrong one",
  },
  {
    name: "表2 卫生健康支出 合计 +0.10",
    table: "2",
    cell: { table: "2", row: ex("卫生健康支出"), column: "total", from: 23.5, to: by(0.1) },
    expect: [{ rule: "F10", severity: "error", at: "first" }],
    related: ["1"],
  },
  {
    name: "表1-1 合计 一般公共预算拨款收入 +0.01",
    table: "1-1",
    cell: { table: "1-1", row: TOTAL, column: "gpb", from: 753.71, to: by(0.01) },
    expect: [{ rule: "F6", severity: "error", at: "first" }],
  },
  {
    name: "表1-1 合计 +1.00",
    table: "1-1",
    cell: { table: "1-1", row: TOTAL, column: "total", from: 753.71, to: by(1) },
    expect: [{ rule: "F6", severity: "error", at: "first" }],
  },
  {
    name: "表1 科学技术支出 +0.01 (6 项 in 1-2: 尾差)",
    table: "1",
    cell: { table: "1", row: ex("六、科学技术支出"), column: "amount", from: 570.41, to: by(0.01) },
    expect: [{ rule: "F8", severity: "warning", at: "first" }],
    related: ["2"],
  },
  {
    name: "表1 科学技术支出 +1.00",
    table: "1",
    cell: { table: "1", row: ex("六、科学技术支出"), column: "amount", from: 570.41, to: by(1) },
    expect: [{ rule: "F8", severity: "error", at: "first" }],
    related: ["2"],
  },
  {
    name: "表2 卫生健康支出 一般公共预算 +0.01 (4 项 in 表3: 尾差)",
    table: "2",
    cell: { table: "2", row: ex("卫生健康支出"), column: "gpb", from: 23.5, to: by(0.01) },
    expect: [{ rule: "F11", severity: "warning", at: "first" }],
  },
  {
    name: "表2 income 一般公共预算拨款收入 +1.00",
    table: "2",
    cell: { table: "2", row: inc("一般公共预算拨款收入"), column: "inAmount", from: 753.71, to: by(1) },
    expect: [{ rule: "F11", severity: "error", at: "first" }],
  },

  // ---------------------------------------------------------------- cross-table
  {
    name: "表2-1 30201 基本支出 +0.01",
    table: "2-1",
    cell: { table: "2-1", row: item("30201"), column: "cur.gpb.basic", from: 1.2, to: by(0.01) },
    expect: [{ rule: "F14", severity: "error", at: "first" }],
    related: ["3-1"],
  },
  {
    name: "表2-1 合计 项目支出 +0.10",
    table: "2-1",
    cell: { table: "2-1", row: TOTAL, column: "cur.gpb.proj", from: 281.37, to: by(0.1) },
    expect: [{ rule: "F14", severity: "error", at: "first" }],
    related: ["3-2"],
  },
  {
    name: "表3 2060702 合计 +0.01",
    table: "3",
    cell: { table: "3", row: item("2060702"), column: "total", from: 12, to: by(0.01) },
    expect: [{ rule: "F16", severity: "error", at: "first" }],
    related: ["1-2", "2"],
  },
  {
    name: "表3 2060702: 项 code digits 02 → 05 (2060705 not in 表1-2)",
    table: "3",
    cell: { table: "3", row: item("2060702"), column: "xiang", from: "02", to: "05" },
    expect: [
      { rule: "F16", severity: "error", at: "row", why: "the code is what is wrong; F16 highlights the row's amount" },
    ],
    related: ["1-2"],
  },
  {
    name: "表3-1 30101 公用经费 filled with the 人员经费 amount",
    table: "3-1",
    cell: { table: "3-1", row: item31("30101"), column: "public", from: null, to: 81.35 },
    expect: [{ rule: "F18", severity: "error", at: "first" }],
    related: ["2-1", "6"],
  },
  {
    name: "表3-1 合计 人员经费 +0.01 (301 + 303: 尾差)",
    table: "3-1",
    cell: { table: "3-1", row: TOTAL, column: "personnel", from: 415.01, to: by(0.01) },
    expect: [{ rule: "F18", severity: "warning", at: "first" }],
    related: ["6"],
  },
  {
    name: "表3-1 合计 +1.00",
    table: "3-1",
    cell: { table: "3-1", row: TOTAL, column: "total", from: 472.34, to: by(1) },
    expect: [{ rule: "F19", severity: "error", at: "first" }],
    related: ["1-2"],
  },
  {
    name: "表1-2 合计 基本支出 +0.10",
    table: "1-2",
    cell: { table: "1-2", row: TOTAL, column: "basic", from: 472.34, to: by(0.1) },
    expect: [
      { rule: "F19", severity: "error", at: "among", why: "F19 highlights 表3-1 合计 (either side may be wrong)" },
    ],
    related: ["3-1"],
  },
  {
    name: "表3-1 30108 +0.10",
    table: "3-1",
    cell: { table: "3-1", row: item31("30108"), column: "total", from: 32.68, to: by(0.1) },
    expect: [{ rule: "F20", severity: "warning", at: "first" }],
    related: ["2-1", "1-2"],
  },
  {
    name: "表1-2 2080505 基本支出 +0.10",
    table: "1-2",
    cell: { table: "1-2", row: item("2080505"), column: "basic", from: 32.68, to: by(0.1) },
    expect: [{ rule: "F20", severity: "warning", at: "among", why: "F20 highlights the 表3-1 side" }],
    related: ["3-1"],
  },
  {
    name: "表3-1 3011001 +0.10",
    table: "3-1",
    cell: { table: "3-1", row: sub31("3011001"), column: "total", from: 11.07, to: by(0.1) },
    expect: [{ rule: "F21", severity: "info", at: "first" }],
    related: ["2-1"],
  },
  {
    name: "表1-2 2101101 行政单位医疗 基本支出 +0.10",
    table: "1-2",
    cell: { table: "1-2", row: item("2101101"), column: "basic", from: 8.26, to: by(0.1) },
    expect: [
      {
        rule: "F21",
        severity: "info",
        at: "among",
        why: "F21 (a local approximation, info only) highlights the 表3-1 3011001 side",
      },
    ],
    related: ["3-1"],
  },
  {
    name: "表3-2 合计 +0.10",
    table: "3-2",
    cell: { table: "3-2", row: TOTAL, column: "total", from: 281.37, to: by(0.1) },
    expect: [{ rule: "F24", severity: "error", at: "first" }],
    related: ["1-2", "2-1"],
  },
  {
    name: "表3-2 project 天府科技云服务项目 +0.01 (2nd of 4 projects of 2060799)",
    table: "3-2",
    cell: { table: "3-2", row: { kind: "item", name: "天府科技云服务项目" }, column: "total", from: 25, to: by(0.01) },
    expect: [
      {
        rule: "F24",
        severity: "warning",
        at: "among",
        why: "Σ 2060799 over 4 projects vs 表1-2: the first project's cell is highlighted",
      },
    ],
    related: ["1-2", "6"],
  },
  {
    name: "表3-3 合计 公务接待费 +0.10",
    table: "3-3",
    cell: { table: "3-3", row: TOTAL, column: "reception", from: 0.19, to: by(0.1) },
    expect: [{ rule: "F26", severity: "error", at: "first" }],
    related: ["2-1"],
  },
  {
    name: "表2-1 30217 小计 +0.10",
    table: "2-1",
    cell: { table: "2-1", row: item("30217"), column: "cur.gpb.sub", from: 0.19, to: by(0.1) },
    expect: [{ rule: "F26", severity: "error", at: "among", why: "F26 highlights the 表3-3 side" }],
    related: ["3-3"],
  },
  {
    name: "表4 合计 filled (1.00) though there is no 政府性基金",
    table: "4",
    cell: { table: "4", row: TOTAL, column: "total", from: null, to: 1 },
    expect: [{ rule: "F28", severity: "error", at: "first" }],
  },
  {
    name: "表5 合计 filled (1.00) though there is no 国有资本经营预算",
    table: "5",
    cell: { table: "5", row: TOTAL, column: "total", from: null, to: 1 },
    expect: [{ rule: "F28", severity: "error", at: "first" }],
  },
  {
    name: "表6 department line +0.01",
    table: "6",
    cell: { table: "6", row: { kind: "dept" }, column: "budget", from: 753.71, to: by(0.01) },
    expect: [{ rule: "F29", severity: "error", at: "first" }],
    related: ["1-2"],
  },
  {
    name: "表6 department line +0.10 (34 projects: 尾差 against Σ projects, error against 表1-2)",
    table: "6",
    cell: { table: "6", row: { kind: "dept" }, column: "budget", from: 753.71, to: by(0.1) },
    expect: [
      { rule: "F29", severity: "warning", at: "first" },
      { rule: "F29", severity: "error", at: "first" },
    ],
    related: ["1-2"],
  },
  {
    name: "表6 project name 凉山州级科普专项经费 → 凉山州级科普专项资金",
    table: "6",
    cell: {
      table: "6",
      row: ind(KP, 0),
      column: "project",
      from: `${KP}-凉山州级科普专项经费`,
      to: `${KP}-凉山州级科普专项资金`,
    },
    expect: [{ rule: "F30", severity: "warning", at: "first" }],
    related: ["3-2"],
  },
  {
    name: "表6 project 凉山州级科普专项经费 预算数 +1.00",
    table: "6",
    cell: { table: "6", row: ind(KP, 0), column: "budget", from: 128, to: by(1) },
    expect: [{ rule: "F30", severity: "error", at: "first" }],
    related: ["3-2"],
  },
  {
    name: "表6 R project 州本级工资支出（事业） +0.01 (2nd of 14 R projects)",
    table: "6",
    cell: { table: "6", row: ind(R2, 0), column: "budget", from: 33.88, to: by(0.01) },
    expect: [
      {
        rule: "F30",
        severity: "warning",
        at: "among",
        why: "Σ 14 R projects vs 表3-1 人员经费: the first R project is highlighted",
      },
    ],
    related: ["3-1"],
    noPinpoint: "a sum over 14 projects cannot tell which project is off",
  },
  {
    name: "表6 成本指标 ≤128 → ≤127 万元 (≠ 预算数)",
    table: "6",
    cell: { table: "6", row: ind(KP, 6), column: "value", from: 128, to: 127 },
    expect: [{ rule: "F32", severity: "warning", at: "first" }],
  },
  {
    name: "表6 社会成本指标 ≤25 → ≤30 万元 (天府科技云服务项目)",
    table: "6",
    cell: { table: "6", row: ind(TF, 6), column: "value", from: 25, to: 30 },
    expect: [{ rule: "F32", severity: "warning", at: "first" }],
  },
  {
    name: "表7 资金总额 +0.01",
    table: "7",
    cell: { table: "7", row: { kind: "funds" }, column: "totalFunds", from: 753.71, to: by(0.01) },
    expect: [{ rule: "F33", severity: "error", at: "first" }],
    related: ["1"],
  },
  {
    name: "表7 财政拨款 −0.10",
    table: "7",
    cell: { table: "7", row: { kind: "funds" }, column: "fiscalFunds", from: 753.71, to: by(-0.1) },
    expect: [{ rule: "F33", severity: "error", at: "first" }],
    related: ["2"],
  },
  {
    name: "表7 成本指标 753.71 → 753.72",
    table: "7",
    cell: { table: "7", row: ind7(5), column: "value", from: 753.71, to: 753.72 },
    expect: [{ rule: "F34", severity: "error", at: "first" }],
  },

  // ---------------------------------------------------------------- performance targets
  {
    name: "表6 weight of the first indicator 20 → 30",
    table: "6",
    cell: { table: "6", row: ind(KP, 0), column: "weight", from: 20, to: 30 },
    expect: [{ rule: "F31", severity: "error", at: "first" }],
  },
  {
    name: "表6 weight of the 4th indicator 10 → 20",
    table: "6",
    cell: { table: "6", row: ind(KP, 3), column: "weight", from: 10, to: 20 },
    expect: [
      {
        rule: "F31",
        severity: "error",
        at: "among",
        why: "Σ weights of a project: every weight cell is listed, the first highlighted",
      },
    ],
    noPinpoint: "a sum of 7 weights cannot tell which weight is off",
  },
  {
    name: "表7 weight of the first indicator 20 → 25",
    table: "7",
    cell: { table: "7", row: ind7(0), column: "weight", from: 20, to: 25 },
    expect: [{ rule: "F31", severity: "error", at: "first" }],
  },
  {
    name: "表6 weight 10 → 10.5",
    table: "6",
    cell: { table: "6", row: ind(KP, 1), column: "weight", from: 10, to: 10.5 },
    expect: [{ rule: "PERF-WEIGHT", severity: "error", at: "first" }],
  },
  {
    name: "表6 weight emptied",
    table: "6",
    cell: { table: "6", row: ind(KP, 1), column: "weight", from: 10, to: null },
    expect: [{ rule: "PERF-WEIGHT", severity: "error", at: "first" }],
  },
  {
    name: "表6 一级 满意度指标 → 满意指标",
    table: "6",
    cell: { table: "6", row: ind(KP, 5), column: "level1", from: "满意度指标", to: "满意指标" },
    expect: [{ rule: "PERF-LEVEL1", severity: "warning", at: "first" }],
  },
  {
    name: "表7 一级 满意度指标 → 满意指标",
    table: "7",
    cell: { table: "7", row: ind7(4), column: "level1", from: "满意度指标", to: "满意指标" },
    expect: [{ rule: "PERF-LEVEL1", severity: "warning", at: "first" }],
  },
  {
    name: "表6 二级 可持续影响指标 → 可持续发展指标",
    table: "6",
    cell: { table: "6", row: ind(KP, 4), column: "level2", from: "可持续影响指标", to: "可持续发展指标" },
    expect: [{ rule: "PERF-LEVEL2", severity: "warning", at: "first" }],
  },
  {
    name: "表6 二级 数量指标 → 社会效益指标 (under 产出)",
    table: "6",
    cell: { table: "6", row: ind(KP, 0), column: "level2", from: "数量指标", to: "社会效益指标" },
    expect: [{ rule: "PERF-LEVEL2", severity: "warning", at: "first" }],
  },
  {
    name: "表7 二级 服务对象满意度指标 → 满意度指标",
    table: "7",
    cell: { table: "7", row: ind7(4), column: "level2", from: "服务对象满意度指标", to: "满意度指标" },
    expect: [{ rule: "PERF-LEVEL2", severity: "warning", at: "first" }],
  },
  {
    name: "表6 direction flipped on a ≥ row (正向 → 反向)",
    table: "6",
    cell: { table: "6", row: ind(KP, 1), column: "direction", from: "正向指标", to: "反向指标" },
    expect: [{ rule: "PERF-DIRECTION", severity: "error", at: "first" }],
  },
  {
    name: "表6 direction flipped on a ≤ row (反向 → 正向)",
    table: "6",
    cell: { table: "6", row: ind(KP, 2), column: "direction", from: "反向指标", to: "正向指标" },
    expect: [{ rule: "PERF-DIRECTION", severity: "error", at: "first" }],
  },
  {
    name: "表6 direction 正向指标 → 正反向",
    table: "6",
    cell: { table: "6", row: ind(KP, 3), column: "direction", from: "正向指标", to: "正反向" },
    expect: [{ rule: "PERF-DIRECTION", severity: "error", at: "first" }],
  },
  {
    name: "表6 unit 项 added to a 定性 row",
    table: "6",
    cell: { table: "6", row: ind(XS, 3), column: "unit", from: null, to: "项" },
    expect: [{ rule: "PERF-VALUE", severity: "warning", at: "first" }],
  },
  {
    name: "表6 指标值 emptied on a quantitative row",
    table: "6",
    cell: { table: "6", row: ind(KP, 1), column: "value", from: 96, to: null },
    expect: [{ rule: "PERF-VALUE", severity: "error", at: "first" }],
  },
  {
    name: "表6 度量单位 removed from a quantitative row",
    table: "6",
    cell: { table: "6", row: ind(KP, 1), column: "unit", from: "%", to: null },
    expect: [{ rule: "PERF-VALUE", severity: "error", at: "first" }],
  },
  {
    name: "表6 指标性质 ≥ → 约",
    table: "6",
    cell: { table: "6", row: ind(KP, 1), column: "nature", from: "≥", to: "约" },
    expect: [{ rule: "PERF-VALUE", severity: "error", at: "first" }],
  },
  {
    name: "表6 指标值 96 → 较高 on a ≥ row",
    table: "6",
    cell: { table: "6", row: ind(KP, 1), column: "value", from: 96, to: "较高" },
    expect: [{ rule: "PERF-VALUE", severity: "error", at: "first" }],
  },
  {
    name: "表6 三级指标 emptied",
    table: "6",
    cell: { table: "6", row: ind(TF, 1), column: "level3", from: "工作完成合格率", to: null },
    expect: [{ rule: "PERF-VALUE", severity: "warning", at: "first" }],
  },
  {
    name: "表7 指标值 → placeholder *",
    table: "7",
    cell: { table: "7", row: ind7(1), column: "value", from: 94, to: "*" },
    expect: [{ rule: "PERF-VALUE", severity: "error", at: "first" }],
  },
  {
    name: "表6 满意度 unit % → 分",
    table: "6",
    cell: { table: "6", row: ind(KP, 5), column: "unit", from: "%", to: "分" },
    expect: [{ rule: "PERF-PLAUSIBLE", severity: "info", at: "first" }],
  },
  {
    name: "表6 数量 row 指标性质 = → ≤ (a ceiling as output target; direction now wrong too)",
    table: "6",
    cell: { table: "6", row: ind(KP, 0), column: "nature", from: "=", to: "≤" },
    expect: [
      { rule: "PERF-PLAUSIBLE", severity: "info", at: "first" },
      {
        rule: "PERF-DIRECTION",
        severity: "error",
        at: "among",
        why: "the direction cell is highlighted, the nature cell listed",
      },
    ],
    noPinpoint:
      "nature and direction now disagree and either may be the wrong one; PERF-DIRECTION highlights the direction",
  },
];

// ------------------------------------------------------------------------------------------ running

/**
 * The layouts the mutants are made in: the default one (seed-corrected.xlsx itself) and a "moved" one that keeps
 * every value but moves everything else (sheet names and order shuffled, tables offset by 3 rows / 2 columns, two
 * groups of tables stacked on one sheet, numbered titles). Cells are located in each layout's own plan.
 */
interface Variant {
  name: string;
  layout: LayoutOptions;
  /** Read from the example file instead of built (the default layout). */
  fromExample?: string;
  /** How the layout writes an amount given in 万元 and reads it back (text amounts); default: plain numbers. */
  amounts?: { write(wan: number): CellValue; read(v: CellValue): number | undefined };
  bases?: Bases;
}

/** Column keys that never hold an amount (codes, names, indicator fields); every other column key does. */
const NON_AMOUNT = new Set([
  "cls",
  "kuan",
  "xiang",
  "code",
  "unitCode",
  "name",
  "inLabel",
  "exLabel",
  "unitName",
  "goal",
  "level1",
  "level2",
  "level3",
  "nature",
  "value",
  "unit",
  "weight",
  "direction",
  "label",
  "departmentName",
  "overallGoal",
  "taskName",
  "taskContent",
]);

/** 表6's "project" column is the project name; elsewhere (表1-2 …) "project" is 项目支出. */
const isAmountColumn = (table: TableId, column: string) =>
  !NON_AMOUNT.has(column) && !(table === "6" && column === "project");

const withThousands = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

const SHUFFLED: TableId[] = ["7", "3-2", "1-1", "5", "2", "3-3", "1", "6", "4-1", "3", "2-1", "4", "1-2", "3-1"];
const VARIANTS: Variant[] = [
  { name: "default layout", layout: {}, fromExample: "seed-corrected.xlsx" },
  {
    name: "moved layout",
    layout: {
      sheetNames: Object.fromEntries(TABLE_IDS.map((id, i) => [id, `表${id}（${i + 1}）`])),
      order: SHUFFLED,
      offset: { rows: 3, cols: 2 },
      combine: [
        ["1", "1-1", "1-2"],
        ["3", "3-1", "3-2", "3-3"],
      ],
      titleStyle: "numbered",
    },
  },
  {
    name: "text-amount layout",
    layout: { amountsAs: "text", offset: { rows: 1, cols: 1 } },
    amounts: {
      write: (wan) => {
        const [int, frac] = wan.toFixed(2).split(".");
        return `${withThousands(int)}.${frac}`;
      },
      read: (v) => (typeof v === "string" && /^-?[\d,]+(\.\d+)?$/.test(v) ? Number(v.replace(/,/g, "")) : undefined),
    },
  },
];

type Run = { wb: WorkbookData; result: CheckResult; cell?: CellRef };
const results = new Map<Variant, Map<Case, Run>>();

beforeAll(async () => {
  const data = correctedSeed2024();
  await Promise.all(
    VARIANTS.map(async (v) => {
      const joinedLayout: LayoutOptions = { ...v.layout, codeStyle: "joined" };
      const order = (v.layout.order ?? TABLE_IDS).filter((id) => id !== "3-3");
      const [corrected, joined, without33] = await Promise.all([
        v.fromExample ? Promise.resolve(readExample(v.fromExample)) : buildAndRead(data, v.layout),
        buildAndRead(data, joinedLayout),
        buildAndRead(data, { ...v.layout, order }),
      ]);
      v.bases = {
        corrected,
        joined,
        without33,
        loc: Locator.of(data, v.layout),
        joinedLoc: Locator.of(data, joinedLayout),
      };
      results.set(v, new Map());
    }),
  );
});

function basesOf(v: Variant): Bases {
  if (!v.bases) throw new Error(`${v.name}: not built`);
  return v.bases;
}

const locOf = (v: Variant, c: Case): Locator => (c.source === "joined" ? basesOf(v).joinedLoc : basesOf(v).loc);

function cellOf(v: Variant, c: Case): CellRef | undefined {
  if (!c.cell) return undefined;
  const l = locOf(v, c).at(c.cell.table, c.cell.row, c.cell.column);
  return { sheet: l.sheet, row: l.row, col: l.col };
}

function run(v: Variant, c: Case): Run {
  const cache = results.get(v)!;
  const done = cache.get(c);
  if (done) return done;
  const bases = basesOf(v);
  let wb: WorkbookData;
  const cell = cellOf(v, c);
  if (c.structural) wb = c.structural(bases);
  else if (c.cell && cell) {
    const base = c.source === "joined" ? bases.joined : bases.corrected;
    const raw = cellValue(base, cell);
    // Amount cells of a text-amount layout are compared and written as 万元 numbers, then formatted as the layout does.
    const conv = v.amounts && isAmountColumn(c.cell.table, c.cell.column) ? v.amounts : undefined;
    const old = conv && raw !== null ? (conv.read(raw) ?? raw) : raw;
    // Guard: the cell holds the value the case expects (the workbook and the plan agree).
    if (old !== c.cell.from)
      throw new Error(`${c.name}: ${addr(cell)} holds ${JSON.stringify(raw)}, expected ${JSON.stringify(c.cell.from)}`);
    const to = typeof c.cell.to === "function" ? c.cell.to(old) : c.cell.to;
    wb = withCell(base, cell, conv && typeof to === "number" ? conv.write(to) : to);
  } else throw new Error(`${c.name}: neither a cell nor a structural mutation`);
  const out = { wb, result: check(wb), cell };
  cache.set(c, out);
  return out;
}

const same = (a: CellRef | undefined, b: CellRef | undefined) =>
  !!a && !!b && a.sheet === b.sheet && a.row === b.row && a.col === b.col;

/**
 * The finding raises the expected rule itself, or keeps it among the equations of a diagnosed fault (`related`, issue
 * #7: one finding per fault, each broken equation with its own rule and first cell). A related entry has no severity
 * of its own: an expected error needs the fault to be an error; a warning-rule (or 尾差) equation may sit under either.
 */
function satisfies(f: Finding, e: Expectation, c: Case, cell: CellRef | undefined): boolean {
  const own = f.rule === e.rule && f.severity === e.severity;
  const rel = (f.related ?? []).filter(
    (r) => r.rule === e.rule && (e.severity === f.severity || (e.severity === "warning" && f.severity === "error")),
  );
  if (!own && rel.length === 0) return false;
  const firsts = [...(own ? [f.cells[0]] : []), ...rel.map((r) => r.cells[0]), f.cells[0]];
  switch (e.at) {
    case "first":
      return firsts.some((x) => same(x, cell));
    case "among":
      return f.cells.some((x) => same(x, cell));
    case "row":
      return !!cell && firsts.some((x) => !!x && x.sheet === cell.sheet && x.row === cell.row);
    case "table":
      return f.table === c.table || rel.length > 0;
  }
}

/** The table a finding's highlighted cell lies in (plan areas of the layout the case used), else its own table. */
function tableOf(v: Variant, f: Finding, c: Case): TableId | undefined {
  return (f.cells[0] && locOf(v, c).tableAt(f.cells[0])) || (f.table as TableId | undefined);
}

function noise(v: Variant, c: Case, fs: Finding[]): Finding[] {
  const allowed = new Set<TableId>([c.table, ...(c.related ?? [])]);
  return fs
    .filter((f) => f.severity !== "info")
    .filter((f) => {
      const t = tableOf(v, f, c);
      return t === undefined || !allowed.has(t);
    });
}

function pinpointed(c: Case, fs: Finding[], cell: CellRef | undefined): boolean {
  const infoOnly = c.expect.every((e) => e.severity === "info");
  return fs.some((f) => (infoOnly || f.severity !== "info") && same(f.cells[0], cell));
}

const maybeFailing = (known: string | undefined) => (known ? test.failing : test);
const loudList = (r: CheckResult) =>
  r.findings
    .filter((f) => f.severity !== "info")
    .map(describeFinding)
    .join("\n  ");

describe.each(VARIANTS.map((v) => [v.name, v] as const))("%s", (_vname, v) => {
  describe.each(CASES.map((c) => [c.name, c] as const))("mutant: %s", (_name, c) => {
    c.expect.forEach((e) => {
      const where =
        e.at === "first"
          ? "at the mutated cell"
          : e.at === "among"
            ? "listing the mutated cell"
            : e.at === "row"
              ? "on the mutated row"
              : "naming the table";
      maybeFailing(e.known)(`raises ${e.rule} (${e.severity}) ${where}`, () => {
        const { result, cell } = run(v, c);
        const hit = result.findings.some((f) => satisfies(f, e, c, cell));
        if (!hit) {
          const seen = result.findings.filter((f) => f.rule === e.rule).map(describeFinding);
          throw new Error(
            `no ${e.rule} ${e.severity} ${where} ${addr(cell)}; ${e.rule} findings: ${seen.length ? `\n  ${seen.join("\n  ")}` : "none"}\nall loud findings:\n  ${loudList(result)}`,
          );
        }
      });
    });

    if (!c.noPinpoint) {
      maybeFailing(c.knownPinpoint)("highlights the mutated cell first (some finding has cells[0] there)", () => {
        const { result, cell } = run(v, c);
        if (!pinpointed(c, result.findings, cell))
          throw new Error(`nothing highlights ${addr(cell)} first; loud findings:\n  ${loudList(result)}`);
      });
    }

    maybeFailing(c.knownNoise)("raises no error or warning in an unrelated table", () => {
      const { result } = run(v, c);
      expect(noise(v, c, result.findings).map(describeFinding)).toEqual([]);
    });
  });

  it("the unmutated corrected workbook raises no error or warning (the baseline every mutant starts from)", () => {
    const b = basesOf(v);
    expect(
      check(b.corrected)
        .findings.filter((f) => f.severity !== "info")
        .map(describeFinding),
    ).toEqual([]);
    expect(
      check(b.joined)
        .findings.filter((f) => f.severity !== "info")
        .map(describeFinding),
    ).toEqual([]);
  });
});

describe("mutation coverage", () => {
  it("has at least one mutation case for every rule id in RULES", () => {
    const covered = new Set(CASES.flatMap((c) => c.expect.map((e) => e.rule)));
    const missing = RULES.map((r) => r.id).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  it("names only rule ids that exist (a renamed rule must be followed here)", () => {
    const ids = new Set(RULES.map((r) => r.id));
    const unknown = [...new Set(CASES.flatMap((c) => c.expect.map((e) => e.rule)))].filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
  });
});

describe("accepted variants (no finding expected)", () => {
  const bases = () => basesOf(VARIANTS[0]);
  // Known: recognition (ledger.ts) only tests NO_DATA_RE on texts containing 无 or 未, so 本表为空表 becomes an org line.
  test("an empty table saying 本表为空表 instead of 此表无数据 raises no T-EMPTY-NOTE", () => {
    const l = bases().loc.at("4-1", { kind: "nodata" }, "name");
    expect(cellValue(bases().corrected, l)).toBe("此表无数据");
    const r = check(withCell(bases().corrected, l, "本表为空表"));
    expect(r.findings.filter((f) => f.severity !== "info").map(describeFinding)).toEqual([]);
  });

  it("指标性质 written 大于 (for >) raises no error or warning", () => {
    const l = bases().loc.at("6", ind(KP, 4), "nature");
    expect(cellValue(bases().corrected, l)).toBe(">");
    const r = check(withCell(bases().corrected, l, "大于"));
    expect(r.findings.filter((f) => f.severity !== "info").map(describeFinding)).toEqual([]);
  });

  it("a 定性 row with 指标方向性 left blank raises no error or warning", () => {
    const l = bases().loc.at("6", ind(XS, 3), "direction");
    expect(cellValue(bases().corrected, l)).toBe("正向指标");
    const r = check(withCell(bases().corrected, l, null));
    expect(r.findings.filter((f) => f.severity !== "info").map(describeFinding)).toEqual([]);
  });
});

afterAll(() => {
  // Diagnostic dump (test-output/ only): every case, where it was mutated, what the engine said.
  const dump = VARIANTS.map((v) => ({
    variant: v.name,
    cases: CASES.map((c) => {
      const r = results.get(v)?.get(c);
      if (!r) return { name: c.name, ran: false };
      return {
        name: c.name,
        cell: r.cell ? addr(r.cell) : undefined,
        expect: c.expect.map((e) => ({ ...e, hit: r.result.findings.some((f) => satisfies(f, e, c, r.cell)) })),
        pinpointed: pinpointed(c, r.result.findings, r.cell),
        noise: noise(v, c, r.result.findings).map(describeFinding),
        loud: r.result.findings.filter((f) => f.severity !== "info").map(describeFinding),
      };
    }),
  }));
  writeOutput("mutations.json", dump);
});
