/** LayoutOptions do what they promise. Checks read the in-memory plan and, where it matters, the written .xlsx. */
import ExcelJS from "exceljs";
import { correctedSeed2024 } from "../../examples/data/corrected";
import { seed2024 } from "../../examples/data/seed2024";
import {
  buildBudgetWorkbook,
  locateIn,
  planWorkbook,
  workbookToBuffer,
  type PlanCell,
  type WorkbookPlan,
} from "../../scripts/examples/build-workbook";
import { scaleDecimal } from "../../src/core/model/money";
import { readXlsxBuffer } from "../../src/hosts/xlsx/reader";
import type { TableId } from "../../src/core/model/tables";

const amountCells = (plan: WorkbookPlan): PlanCell[] =>
  plan.sheets.flatMap((s) => s.cells.filter((c) => c.kind === "amount"));

/** 分 of an amount cell, whatever its form (number or "7,537,000.00"). */
function cellFen(c: PlanCell, unit: "万元" | "元"): number {
  const text = typeof c.value === "number" ? String(c.value) : c.value.replace(/,/g, "");
  const v = scaleDecimal(text, unit === "元" ? 2 : 6);
  if (v === undefined) throw new Error(`not an amount: ${c.value}`);
  return v;
}

const value = (plan: WorkbookPlan, id: TableId, row: Parameters<typeof locateIn>[2], col: string): unknown => {
  const at = locateIn(plan, id, row, col);
  const sheet = plan.sheets.find((s) => s.name === at.sheet)!;
  return sheet.cells.find((c) => c.row === at.row && c.col === at.col)?.value;
};

describe("unit: 元", () => {
  it("multiplies every amount by 10000 exactly and says 元 in the unit lines", () => {
    const wan = planWorkbook(seed2024());
    const yuan = planWorkbook(seed2024(), { unit: "元" });
    const a = amountCells(wan);
    const b = amountCells(yuan);
    expect(b).toHaveLength(a.length);
    expect(a.length).toBeGreaterThan(300);
    a.forEach((c, i) => {
      expect([b[i].row, b[i].col]).toEqual([c.row, c.col]);
      expect(cellFen(b[i], "元")).toBe(cellFen(c, "万元"));
    });
    expect(value(yuan, "1-2", { kind: "total" }, "total")).toBe(7537000);
    expect(value(yuan, "7", { kind: "funds" }, "totalFunds")).toBe(3005690);
    const metas = yuan.sheets.flatMap((s) => s.cells.filter((c) => c.kind === "meta").map((c) => String(c.value)));
    expect(metas.filter((m) => /单位：/.test(m)).every((m) => m.endsWith("元") && !m.endsWith("万元"))).toBe(true);
    expect(metas).toEqual(expect.arrayContaining(["金额单位：元", "金额：元", "单位：元"]));
  });
});

describe("amountsAs: text", () => {
  it("writes strings with thousands separators", () => {
    const yuan = planWorkbook(seed2024(), { unit: "元", amountsAs: "text" });
    expect(value(yuan, "1-2", { kind: "total" }, "total")).toBe("7,537,000.00");
    const wan = planWorkbook(seed2024(), { amountsAs: "text" });
    expect(value(wan, "1-2", { kind: "total" }, "total")).toBe("753.70");
    expect(value(wan, "7", { kind: "funds" }, "totalFunds")).toBe("300.569");
    expect(amountCells(wan).every((c) => typeof c.value === "string")).toBe(true);
  });
});

describe("codeStyle: joined", () => {
  const plan = planWorkbook(seed2024(), { codeStyle: "joined" });

  it("puts the whole functional / economic code in one column", () => {
    expect(plan.tables["1-2"]!.columns.code).toBeDefined();
    expect(plan.tables["1-2"]!.columns.cls).toBeUndefined();
    expect(value(plan, "1-2", { kind: "item", code: "2060701" }, "code")).toBe("2060701");
    expect(value(plan, "3-2", { kind: "item", name: "天府科技云服务项目" }, "code")).toBe("2060799");
    expect(value(plan, "2-1", { kind: "item", code: "30102" }, "code")).toBe("30102");
    expect(value(plan, "2-1", { kind: "sub", name: "艰苦边远地区津贴" }, "code")).toBe("30102");
    expect(value(plan, "2-1", { kind: "class", code: "301" }, "code")).toBe("301");
  });

  it("drops 类/款 from 3-1 and keeps its code column", () => {
    const t = plan.tables["3-1"]!;
    expect(t.columns.cls).toBeUndefined();
    expect(t.columns.code).toBeUndefined();
    expect(value(plan, "3-1", { kind: "item", unitCode: "30101" }, "unitCode")).toBe("30101");
    expect(t.columns.unitCode).toBe(0);
  });
});

describe("combine, order, sheetNames, offset", () => {
  it("stacks combined tables on one sheet with 2 blank rows between", () => {
    const plan = planWorkbook(seed2024(), {
      combine: [
        ["1", "1-1", "1-2"],
        ["6", "7"],
      ],
    });
    expect(plan.sheets).toHaveLength(14 - 2 - 1);
    const s = plan.sheets.find((x) => x.tables.length === 3)!;
    expect(s.tables.map((t) => t.id)).toEqual(["1", "1-1", "1-2"]);
    expect(s.tables[1].top).toBe(s.tables[0].bottom + 3);
    expect(s.tables[2].top).toBe(s.tables[1].bottom + 3);
    const rowsUsed = new Set(s.cells.map((c) => c.row));
    expect(rowsUsed.has(s.tables[0].bottom + 1) || rowsUsed.has(s.tables[0].bottom + 2)).toBe(false);
  });

  it("honours order and sheet names, and leaves out tables not in order", () => {
    const plan = planWorkbook(seed2024(), {
      order: ["3", "1"],
      sheetNames: { "3": "一般公共预算支出", "1": "收支总表" },
    });
    expect(plan.sheets.map((s) => s.name)).toEqual(["一般公共预算支出", "收支总表"]);
    expect(plan.tables["1-2"]).toBeUndefined();
  });

  it("puts blank rows and columns before each table", () => {
    const plan = planWorkbook(seed2024(), { offset: { rows: 4, cols: 3 } });
    for (const t of Object.values(plan.tables)) {
      expect([t!.id, t!.top, t!.left]).toEqual([t!.id, 4, 3]);
      const sheet = plan.sheets.find((s) => s.name === t!.sheet)!;
      expect(sheet.cells.every((c) => c.row >= 4 && c.col >= 3)).toBe(true);
    }
  });
});

describe("units: N budget units", () => {
  const N = 3;
  const plan = planWorkbook(correctedSeed2024(), { units: N });

  it("adds one unit line per unit with codes 229001…229003 and scales the 合计/department lines", () => {
    for (const id of ["1-1", "1-2", "2-1", "3", "3-1", "3-2", "3-3"] as TableId[]) {
      const t = plan.tables[id]!;
      const units = t.rows.filter((r) => r.tag.kind === "unit");
      expect(units.map((r) => r.tag.unitCode)).toEqual(["229001", "229002", "229003"]);
      const key = Object.keys(t.columns).includes("grand") ? "grand" : "total";
      const sheet = plan.sheets.find((s) => s.name === t.sheet)!;
      const at = (row: number) => sheet.cells.find((c) => c.row === row && c.col === t.columns[key]);
      const fenAt = (row: number) => cellFen(at(row)!, "万元");
      const dept = t.rows.find((r) => r.tag.kind === "dept")!;
      const total = t.rows.find((r) => r.tag.kind === "total")!;
      const unitSum = units.reduce((s, r) => s + fenAt(r.row), 0);
      expect([id, fenAt(dept.row)]).toEqual([id, unitSum]);
      expect([id, fenAt(total.row)]).toEqual([id, unitSum]);
      expect(fenAt(units[0].row) * N).toBe(unitSum);
    }
  });

  const fenOf = (v: unknown): number | undefined => scaleDecimal(String(v), 6);
  const dept = (scaleDecimal("753.71", 6) as number) * N;

  it("keeps the department-level tables consistent and repeats 表6 projects per unit", () => {
    expect(fenOf(value(plan, "1", { kind: "summary", exLabel: "支出总计" }, "amount"))).toBe(dept);
    expect(fenOf(value(plan, "1-2", { kind: "total" }, "total"))).toBe(dept);
    const p6 = plan.tables["6"]!;
    const projects = new Set(
      p6.rows.filter((r) => r.tag.kind === "indicator").map((r) => `${r.tag.unitIndex}/${r.tag.projectCode}`),
    );
    expect(projects.size).toBe(correctedSeed2024().tables["6"].projects.length * N);
    // Each copy is a distinct project: own code, and a name that 3-2 uses too.
    const codes = new Set(p6.rows.filter((r) => r.tag.kind === "indicator").map((r) => r.tag.projectCode));
    expect(codes.size).toBe(projects.size);
    const names32 = new Set(plan.tables["3-2"]!.rows.filter((r) => r.tag.kind === "item").map((r) => r.tag.name));
    expect(names32.has("天府科技云服务项目（3）")).toBe(true);
    expect(
      p6.rows.some(
        (r) => r.tag.projectName === "天府科技云服务项目（3）" && r.tag.projectCode === "51340023T002009491998",
      ),
    ).toBe(true);
    expect(fenOf(value(plan, "6", { kind: "dept" }, "budget"))).toBe(dept);
    expect(fenOf(value(plan, "7", { kind: "funds" }, "totalFunds"))).toBe(dept);
    expect(fenOf(value(plan, "7", { kind: "indicator", indicatorIndex: 5 }, "value"))).toBe(dept);
  });

  it("rejects a bad unit count and an unknown table with a Chinese message", () => {
    expect(() => planWorkbook(seed2024(), { units: 0 })).toThrow(/单位数量/);
    expect(() => planWorkbook(seed2024(), { order: ["9" as TableId] })).toThrow(/未知的表号/);
    expect(() => planWorkbook(seed2024(), { sheetNames: { "1": "a/b" } })).toThrow(/工作表名称/);
  });
});

describe("merges", () => {
  it("never overlap (the writer relies on it) and stay inside their table", () => {
    for (const layout of [{}, { units: 2, combine: [["6", "7"]] as TableId[][] }, { codeStyle: "joined" as const }]) {
      const plan = planWorkbook(seed2024(), layout);
      for (const s of plan.sheets) {
        const ms = s.merges;
        for (let i = 0; i < ms.length; i++) {
          for (let j = i + 1; j < ms.length; j++) {
            const a = ms[i];
            const b = ms[j];
            const overlap = a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
            if (overlap) throw new Error(`${s.name}: ${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`);
          }
          const inTable = s.tables.some(
            (t) => ms[i].top >= t.top && ms[i].bottom <= t.bottom && ms[i].left >= t.left && ms[i].right <= t.right,
          );
          expect(inTable).toBe(true);
        }
      }
    }
  });
});

describe("written workbook", () => {
  it("is byte-identical for equal input and has fixed dates", async () => {
    const a = await workbookToBuffer(buildBudgetWorkbook(seed2024(), { units: 2 }));
    const b = await workbookToBuffer(buildBudgetWorkbook(seed2024(), { units: 2 }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength) as ArrayBuffer);
    expect(wb.created.toISOString()).toBe("2024-01-01T00:00:00.000Z");
  });

  it("writes joined codes as text cells that keep their digits", async () => {
    const bytes = await workbookToBuffer(buildBudgetWorkbook(seed2024(), { codeStyle: "joined", order: ["1-2"] }));
    const wb = readXlsxBuffer(bytes, "joined.xlsx");
    const plan = planWorkbook(seed2024(), { codeStyle: "joined", order: ["1-2"] });
    const at = locateIn(plan, "1-2", { kind: "item", code: "2210201" }, "code");
    expect(wb.sheets[0].rows[at.row][at.col]).toBe("2210201");
  });
});

describe("titleStyle and locate", () => {
  it("numbered titles carry the 公开表 number", () => {
    const plan = planWorkbook(seed2024(), { titleStyle: "numbered", order: ["1-2", "7"] });
    const title = (id: TableId) => {
      const t = plan.tables[id]!;
      const sheet = plan.sheets.find((s) => s.name === t.sheet)!;
      return sheet.cells.find((c) => c.kind === "title" && c.row === t.titleRow && c.col === t.left)?.value;
    };
    expect(title("1-2")).toBe("部门支出总表（公开表1-2）");
    expect(title("7")).toBe("部门整体支出绩效目标表");
  });

  it("locates the most specific code part in split style and throws in Chinese for a missing row", () => {
    const plan = planWorkbook(seed2024());
    const xiang = locateIn(plan, "1-2", { kind: "item", code: "2060799" }, "code");
    expect(xiang.col).toBe(plan.tables["1-2"]!.columns.xiang);
    const kuan = locateIn(plan, "2-1", { kind: "item", code: "30102" }, "code");
    expect(kuan.col).toBe(plan.tables["2-1"]!.columns.kuan);
    expect(() => locateIn(plan, "1-2", { kind: "item", code: "9999999" }, "total")).toThrow(/找不到/);
    expect(() => locateIn(plan, "1-2", { kind: "total" }, "nope")).toThrow(/没有“nope”列/);
  });
});
