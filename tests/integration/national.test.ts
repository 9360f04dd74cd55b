/**
 * The national 9-table template (national-9) end to end: builder → .xlsx bytes → xlsx reader → checkWorkbook.
 *
 * - the three example departments in four layouts: all 9 tables recognised (template national-9), no error or
 *   warning;
 * - every amount cell of every table, off by 1.00 in its unit: a loud finding lists the cell, and (except the few
 *   cells only one equation reads, where no checker can tell which of its cells is wrong) the cell is cells[0];
 * - a rules file in the national tables' ids, true on every correct workbook, false at the mutated cell;
 * - the examples under examples/ are the builder's output and are recognised the same way.
 */
import * as fs from "fs";
import * as path from "path";
import { nationalDepartments, type NationalDepartment } from "../../examples/data/national";
import {
  nationalToBuffer,
  planNational,
  type NationalCell,
  type NationalLayout,
} from "../../scripts/examples/build-national";
import { NATIONAL_EXAMPLE_LAYOUTS, NATIONAL_TEST_LAYOUTS } from "../../scripts/examples/national-layouts";
import { checkWorkbook } from "../../src/core/engine";
import type { Finding } from "../../src/core/model/findings";
import { NATIONAL_TABLE_IDS } from "../../src/core/model/tables";
import type { WorkbookData } from "../../src/core/model/workbook";
import { parseUserFormulas } from "../../src/core/templates";
import { readXlsxBuffer } from "../../src/hosts/xlsx/reader";
import { describeFinding, ROOT, withCell, withoutSheets } from "./support";

const key = (c: { sheet: string; row: number; col: number }): string => `${c.sheet}!${c.row},${c.col}`;
const loud = (fs: Finding[]) => fs.filter((f) => f.severity !== "info");

async function build(d: NationalDepartment, layout: NationalLayout): Promise<WorkbookData> {
  return readXlsxBuffer(await nationalToBuffer(d, layout), `${d.key}.xlsx`);
}

/** The cell plus 1.00 of its table's unit, written as the layout writes amounts. */
function bump(wb: WorkbookData, c: NationalCell): WorkbookData {
  const v = wb.sheets.find((s) => s.name === c.sheet)!.rows[c.row]![c.col];
  const n = typeof v === "number" ? v : Number(String(v).replace(/,/g, ""));
  const next = Math.round((n + 1) * 100) / 100;
  return withCell(wb, c, typeof v === "number" ? next : next.toFixed(2));
}

/**
 * Cells that only one equation reads: a fault there breaks one equation, whose other cells are as suspect. The
 * finding lists the cell but cannot single it out (the 机关运行经费 of 表N9 no equation reads at all).
 */
function singleEquation(c: NationalCell): boolean {
  if (c.table === "N9") return true;
  if (c.table === "N1" && (c.rowKey.startsWith("operating|") || (c.rowKey === "carry" && c.colKey === "exAmount")))
    return true;
  if (c.table === "N4" && c.rowKey.startsWith("carry|")) return true;
  return false;
}

const ACCOUNTANT_RULES = `
# 区财政局审核公式（全国通用9张表）
A01 错误 表N1["收入总计"].预算数 = 表N1["支出总计"].预算数
A02 错误 表N3["合 计"].合计 = 表N3["合计"].基本支出 + 表N3["合计"].项目支出
A03 错误 表N5["合计"].基本支出 = 表N8["合计"].合计
A04 错误 表N8["合计"].合计 = 表N8[301].合计 + 表N8[302].合计 + 表N8[303].合计
A05 错误 表N8["合计"].人员经费 = 表N8[301].人员经费 + 表N8[303].人员经费
A06 警告 表N9["合计"].合计 = 表N9["合计"].因公出国(境)费 + 表N9["合计"].公务接待费 + 表N9["合计"].公务用车购置及运行费/小计
A07 错误 表N4["支出总计"].一般公共预算 = 表N5["合计"].合计
A08 错误 表N2["合计"].合计 = 表N2["合计"].财政拨款收入/小计 + 表N2["合计"].事业收入 + 表N2["合计"].其他收入 + 表N2["合计"].上年结转
A09 错误 表N7["合计"].合计 = 0
A10 提示 表N3[208].合计 >= 表N3[20805].合计
`;

describe.each(nationalDepartments().map((d) => [d.key, d] as const))("national example %s", (_k, dept) => {
  describe.each(NATIONAL_TEST_LAYOUTS)("%s", (_name, layout) => {
    let wb: WorkbookData;
    beforeAll(async () => {
      wb = await build(dept, layout);
    });

    it("recognises the 9 tables as national-9, no error or warning", () => {
      const r = checkWorkbook(wb);
      expect(r.template).toBe("national-9");
      expect(r.tables.map((t) => t.id).sort()).toEqual([...NATIONAL_TABLE_IDS].sort());
      expect(new Set(r.tables.map((t) => t.template))).toEqual(new Set(["national-9"]));
      expect(loud(r.findings).map(describeFinding)).toEqual([]);
    });

    it("an accountant's rules file holds (no finding of any level)", () => {
      const { formulas, errors } = parseUserFormulas(ACCOUNTANT_RULES);
      expect(errors).toEqual([]);
      const r = checkWorkbook(wb, { formulas });
      expect(r.findings.filter((f) => /^A\d\d$/.test(f.rule)).map(describeFinding)).toEqual([]);
    });

    it("the accountant's formulas break at the first reference's cell", () => {
      const { formulas } = parseUserFormulas(ACCOUNTANT_RULES);
      const cells = planNational(dept, layout).cells;
      const n8total = cells.find((c) => c.table === "N8" && c.rowKey === "total" && c.colKey === "total")!;
      const r = checkWorkbook(bump(wb, n8total), { formulas });
      // One fault, one finding at the cell to fix; the user formulas it breaks stay visible under it (related), each
      // with its own rule id and its own first cell.
      const fault = loud(r.findings);
      expect(fault).toHaveLength(1);
      expect(key(fault[0].cells[0])).toBe(key(n8total));
      expect(fault[0].message).toMatch(/^表N8“合计”行“合计”栏应为.*实为/);
      const visible = r.findings.flatMap((f) => [f, ...(f.related ?? [])]);
      const a04 = visible.find((f) => f.rule === "A04")!;
      expect(a04).toBeDefined();
      expect(key(a04.cells[0])).toBe(key(n8total));
      expect(visible.find((f) => f.rule === "A03")?.cells.map(key)).toContain(key(n8total));
    });
  });

  it("every single-cell fault is found, as one finding (one layout per department, all amount cells)", async () => {
    const layout = NATIONAL_EXAMPLE_LAYOUTS[dept.key];
    const wb = await build(dept, layout);
    const cells = planNational(dept, layout).cells;
    const notListed: string[] = [];
    const notFirst: string[] = [];
    const notOne: string[] = [];
    let first = 0;
    for (const c of cells) {
      const found = loud(checkWorkbook(bump(wb, c)).findings);
      const label = `${c.table}/${c.rowKey}/${c.colKey}`;
      if (c.table === "N9" && c.colKey === "running") {
        // 机关运行经费: no equation reads it (its link to 经济分类 302 is informative only).
        expect(found).toEqual([]);
        continue;
      }
      // One fault, one error/warning finding (fault diagnosis, as for the Sichuan tables).
      if (found.length !== 1) notOne.push(`${label}: ${found.length}`);
      if (!found.some((f) => f.cells.some((x) => key(x) === key(c)))) notListed.push(label);
      if (found.some((f) => f.cells[0] && key(f.cells[0]) === key(c))) first++;
      else if (!singleEquation(c))
        notFirst.push(`${label}: ${found.map((f) => `${f.rule}@${key(f.cells[0])}`).join(" ")}`);
    }
    expect(notListed).toEqual([]);
    expect(notOne).toEqual([]);
    expect(notFirst).toEqual([]);
    expect(first).toBeGreaterThan(cells.length * 0.95);
  });
});

describe("national template: tables and notes", () => {
  const dept = nationalDepartments()[0];
  let wb: WorkbookData;
  beforeAll(async () => {
    wb = await build(dept, NATIONAL_EXAMPLE_LAYOUTS.education);
  });

  it("a missing table is reported by its national id", () => {
    const sheet = wb.sheets.find((s) =>
      s.rows.some((r) => r?.some((v) => typeof v === "string" && v.includes("部门支出预算总表"))),
    )!;
    const r = checkWorkbook(withoutSheets(wb, [sheet.name]));
    expect(r.template).toBe("national-9");
    const missing = r.findings.filter((f) => f.rule === "N-MISSING");
    expect(missing.map((f) => f.table)).toEqual(["N3"]);
    expect(missing[0].message).toContain("部门支出预算总表");
  });

  it("an empty table without its note is flagged; with the note it is not", () => {
    const sheet = wb.sheets.find((s) =>
      s.rows.some((r) => r?.some((v) => typeof v === "string" && v.includes("国有资本经营预算支出功能分类预算表"))),
    )!;
    const noteRow = sheet.rows.findIndex((r) => r?.some((v) => typeof v === "string" && v.includes("本表为空表")));
    const noteCol = sheet.rows[noteRow]!.findIndex((v) => typeof v === "string" && v.includes("本表为空表"));
    const r = checkWorkbook(withCell(wb, { sheet: sheet.name, row: noteRow, col: noteCol }, null));
    expect(r.findings.filter((f) => f.rule === "N-EMPTY").map((f) => f.table)).toEqual(["N7"]);
  });

  it("a Sichuan workbook stays sichuan-14", () => {
    const seed = readXlsxBuffer(
      new Uint8Array(fs.readFileSync(path.join(ROOT, "examples", "seed-corrected.xlsx"))),
      "seed.xlsx",
    );
    expect(checkWorkbook(seed).template).toBe("sichuan-14");
  });

  it.each(nationalDepartments().map((d) => d.key))(
    "examples/national-%s.xlsx is the builder's output and checks clean",
    async (k) => {
      const d = nationalDepartments().find((x) => x.key === k)!;
      const file = readXlsxBuffer(
        new Uint8Array(fs.readFileSync(path.join(ROOT, "examples", `national-${k}.xlsx`))),
        `national-${k}.xlsx`,
      );
      const built = await build(d, NATIONAL_EXAMPLE_LAYOUTS[k]);
      expect(file.sheets.map((s) => [s.name, s.rows])).toEqual(built.sheets.map((s) => [s.name, s.rows]));
      const r = checkWorkbook(file);
      expect(r.tables).toHaveLength(9);
      expect(loud(r.findings)).toEqual([]);
    },
  );
});
