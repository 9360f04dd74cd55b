/**
 * The 单位代码 column of 2-1 / 3-1 (which carries the economic code itself), and no-data statements.
 * Hand-built grids; each test changes one cell of a correct table.
 */
import { recognizeWorkbook } from "../../../src/core/recognition";
import type { LedgerRow, LedgerTable } from "../../../src/core/model/tables";
import type { CellRef } from "../../../src/core/model/workbook";
import { type Block, type Cell, amt, place, sheet, table21, table31, table4, workbook } from "./fixtures";

const SHEET = "表";

function recognize(block: Block) {
  return recognizeWorkbook(workbook(sheet(SHEET, place([block]))));
}

function ledger(
  block: Block,
  id: "2-1" | "3-1" | "4",
): { table: LedgerTable; issues: ReturnType<typeof recognize>["issues"] } {
  const { model, issues } = recognize(block);
  const t = model.tables[id];
  if (!t || t.kind !== "ledger") throw new Error(`表${id} not recognised`);
  return { table: t, issues };
}

/** Row index (0-based) of the first line whose cell `col` equals `value`. */
function rowWith(block: Block, col: number, value: Cell): number {
  const r = block.findIndex((line) => line[col] === value);
  if (r < 0) throw new Error(`no row with ${String(value)}`);
  return r;
}

function withCell(block: Block, row: number, col: number, value: Cell): Block {
  return block.map((line, r) => (r === row ? line.map((v, c) => (c === col ? value : v)) : line));
}

const at = (row: number, col: number): CellRef => ({ sheet: SHEET, row, col });
const rowAt = (t: LedgerTable, r: number): LedgerRow => {
  const row = t.rows.find((x) => x.row === r);
  if (!row) throw new Error(`no ledger row at ${r}`);
  return row;
};

/** 3-1 with one code column only: the 单位代码 column holds the economic code (the joined layout). */
function table31Joined(): Block {
  const t = table31();
  const head = t.findIndex((line) => line[0] === "科目编码");
  return t.map((line, r) => (r < head ? line : r === head ? ["项 目", null, "基本支出", null, null] : line.slice(2)));
}

describe("3-1 split codes: the 单位代码 column carries the full economic code", () => {
  const base = table31();
  const r30201 = rowWith(base, 2, "30201");

  it("reads the correct table with no issue, unit line as org and codes cells 类|款|单位代码", () => {
    const { table, issues } = ledger(base, "3-1");
    expect(issues).toEqual([]);
    const unit = rowAt(table, rowWith(base, 2, "229001"));
    expect(unit.kind).toBe("org");
    expect(unit.unitCode).toBe("229001");
    const item = rowAt(table, r30201);
    expect(item.code).toBe("30201");
    expect(item.codeCells).toEqual([at(r30201, 0), at(r30201, 1), at(r30201, 2)]);
  });

  it("30201 → 3020 in the 单位代码 cell: CODE-FORMAT at that cell, the row keeps 30201 under 302", () => {
    const block = withCell(base, r30201, 2, "3020");
    const { table, issues } = ledger(block, "3-1");
    const f = issues.filter((i) => i.rule === "CODE-FORMAT");
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("error");
    expect(f[0].cells[0]).toEqual(at(r30201, 2));
    expect(f[0].actual).toBe("3020");
    const item = rowAt(table, r30201);
    expect(item.code).toBe("30201");
    expect(item.unitCode).toBeUndefined();
    expect(table.rows[item.parent!].code).toBe("302");
  });

  it("30201 → 30202 (same length, disagreeing with 类|款): CODE-FORMAT at the 单位代码 cell", () => {
    const { issues } = ledger(withCell(base, r30201, 2, "30202"), "3-1");
    expect(issues.filter((i) => i.rule === "CODE-FORMAT").map((i) => i.cells[0])).toEqual([at(r30201, 2)]);
  });

  it("a sub-item 3010301 → 3012001: keeps the written code (last code cell) under its layout parent 30103", () => {
    const r = rowWith(base, 2, "3010301");
    const { table, issues } = ledger(withCell(base, r, 2, "3012001"), "3-1");
    expect(issues).toEqual([]);
    const row = rowAt(table, r);
    expect(row.code).toBe("3012001");
    expect(row.unitCode).toBeUndefined();
    expect(row.codeCells).toEqual([at(r, 2)]);
    expect(table.rows[row.parent!].code).toBe("30103");
  });

  it("a malformed 款 cell (01 → 1) is left to CODE-FORMAT on the 款 cell: no issue at the 单位代码 cell", () => {
    const { table, issues } = ledger(withCell(base, r30201, 1, "1"), "3-1");
    expect(issues).toEqual([]);
    const row = rowAt(table, r30201);
    expect(row.code).toBe("3021");
    expect(row.codeCells?.[row.codeCells.length - 1]).toEqual(at(r30201, 1));
  });

  it("multi-unit: unit lines 229001…229003 stay org lines, their items keep their codes, no issue", () => {
    const head = base.slice(0, rowWith(base, 2, "229001"));
    const items = base.slice(rowWith(base, 2, "229001") + 1);
    const block: Block = [...head];
    for (const u of ["229001", "229002", "229003"])
      block.push([null, null, u, `凉山州第${u.slice(-1)}中心`, amt("1.00"), null, null], ...items);
    const { table, issues } = ledger(block, "3-1");
    expect(issues).toEqual([]);
    const orgs = table.rows.filter((r) => r.kind === "org" && r.unitCode).map((r) => r.unitCode);
    expect(orgs).toEqual(["229001", "229002", "229003"]);
    expect(table.rows.filter((r) => r.code === "30201")).toHaveLength(3);
  });
});

describe("3-1 joined codes: the only code column", () => {
  const base = table31Joined();
  const r30201 = rowWith(base, 0, "30201");

  it("reads the correct table with no issue", () => {
    const { table, issues } = ledger(base, "3-1");
    expect(issues).toEqual([]);
    expect(rowAt(table, r30201).code).toBe("30201");
    expect(rowAt(table, rowWith(base, 0, "229001")).kind).toBe("org");
  });

  it("30201 → 3020: the row keeps 3020 as its code (CODE-FORMAT judges it) at that cell, under 302", () => {
    const { table } = ledger(withCell(base, r30201, 0, "3020"), "3-1");
    const row = rowAt(table, r30201);
    expect(row.kind).toBe("item");
    expect(row.code).toBe("3020");
    expect(row.unitCode).toBeUndefined();
    expect(row.codeCells).toEqual([at(r30201, 0)]);
    expect(table.rows[row.parent!].code).toBe("302");
  });
});

describe("2-1: unit codes in the 单位代码 column", () => {
  const base = table21();
  const r30201 = base.findIndex((l) => l[0] === "302" && l[1] === "01");

  it("item lines keep 229001 as their unit code, no issue", () => {
    const { table, issues } = ledger(base, "2-1");
    expect(issues).toEqual([]);
    const row = rowAt(table, r30201);
    expect(row.code).toBe("30201");
    expect(row.unitCode).toBe("229001");
  });

  it("类 cell 302 → 308: codeCells keep 类 then 款, in order", () => {
    const { table, issues } = ledger(withCell(base, r30201, 0, "308"), "2-1");
    expect(issues).toEqual([]);
    const row = rowAt(table, r30201);
    expect(row.code).toBe("30801");
    expect(row.codeCells).toEqual([at(r30201, 0), at(r30201, 1)]);
  });
});

describe("no-data statements", () => {
  const base = table4();
  const r = rowWith(base, 4, "此表无数据");
  it.each([
    "此表无数据",
    "本表为空表",
    "本表无数据",
    "无此项支出",
    "本单位无此项",
    "未安排此项支出",
    "无数据",
    "此表为空",
  ])("%s sets noDataCell and adds no line", (text) => {
    const { table, issues } = ledger(withCell(base, r, 4, text), "4");
    expect(issues).toEqual([]);
    expect(table.noDataCell).toEqual(at(r, 4));
    expect(table.rows.some((x) => x.row === r)).toBe(false);
  });
});
