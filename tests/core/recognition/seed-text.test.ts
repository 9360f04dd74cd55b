/**
 * The seed document's 第二部分 pasted as it is (one line a row, tab-separated cells, extraction glitches and all)
 * onto one sheet: a layout nobody designed for the recogniser.
 */
import * as fs from "fs";
import * as path from "path";
import { recognizeWorkbook } from "../../../src/core/recognition";
import { TABLE_IDS, type LedgerTable } from "../../../src/core/model/tables";
import type { CellValue } from "../../../src/core/model/workbook";

const SEED = path.join(__dirname, "../../../../shared/seed/000_6281e0e5f963d3fa.txt");
const present = fs.existsSync(SEED);
if (!present) console.warn(`跳过：未找到种子文档 ${SEED}（../shared 不存在）`);
const run = present ? test : test.skip;

function seedRows(): CellValue[][] {
  const lines = fs.readFileSync(SEED, "utf8").split("\n");
  const a = lines.findIndex((l, i) => i > 60 && l.startsWith("第二部分"));
  const b = lines.findIndex((l, i) => i > a && l.startsWith("第三部分"));
  // Decimals as numbers (as a spreadsheet would hold them), everything else as text.
  return lines
    .slice(a, b)
    .map((l) => l.split("\t").map((c) => (c.trim() === "" ? null : /^\d+\.\d+$/.test(c.trim()) ? Number(c) : c)));
}

run("all 14 tables of the pasted seed text are found on one sheet", () => {
  const { model } = recognizeWorkbook({ sheets: [{ name: "第二部分", rows: seedRows() }] });
  expect(Object.keys(model.tables).sort()).toEqual([...TABLE_IDS].sort());
  expect(model.duplicates).toEqual([]);
  expect(model.year).toBe(2024);
  expect(model.department).toBe("凉山州科学技术协会");
  // Tables follow each other in the seed's order.
  const tops = ["1", "1-1", "1-2", "2", "2-1", "3", "3-1", "3-2", "3-3", "4", "4-1", "5", "6", "7"].map(
    (id) => model.tables[id as "1"]!.top,
  );
  expect([...tops].sort((x, y) => x - y)).toEqual(tops);

  const t1 = model.tables["1"]!;
  expect(t1.income.map((l) => l.key)).toEqual([
    "gpb",
    "fund",
    "soe",
    "business",
    "operating",
    "other",
    "currentTotal",
    "carryover",
    "grandTotal",
  ]);
  expect(t1.expense.find((l) => l.key === "class:206")!.amounts.amount.fen).toBe(570_410_000);

  const t31 = model.tables["3-1"] as LedgerTable;
  const items = t31.rows.filter((r) => r.kind === "item");
  expect(items).toHaveLength(55); // the coded lines printed in the seed (301 … 3039905)
  expect(items.every((r) => r.code !== undefined && [3, 5, 7, 9].includes(r.code.length))).toBe(true);
  expect(t31.rows.find((r) => r.code === "301020101")!.parent).toBe(t31.rows.findIndex((r) => r.code === "30102"));

  const t32 = model.tables["3-2"] as LedgerTable;
  expect(
    t32.rows
      .filter((r) => r.kind === "item")
      .map((r) => r.amounts.total.fen)
      .reduce((s, v) => s + v, 0),
  ).toBe(281_370_000);

  for (const id of ["4", "4-1", "5"] as const) {
    expect([id, model.tables[id]!.empty, model.tables[id]!.noDataCell !== undefined]).toEqual([id, true, true]);
  }
  expect(model.tables["7"]!.totalFunds!.fen).toBe(300_569_000);
  expect(model.tables["7"]!.tasks).toHaveLength(15);
  expect(model.tables["6"]!.departmentLine!.budget!.fen).toBe(753_700_000);
});
