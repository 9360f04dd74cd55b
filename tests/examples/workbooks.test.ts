/** The two example workbooks: present, up to date with the data, 14 tables in the published layout. */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { seed2024 } from "../../examples/data/seed2024";
import { correctedSeed2024 } from "../../examples/data/corrected";
import {
  DEFAULT_SHEET_NAMES,
  buildBudgetWorkbook,
  locate,
  planWorkbook,
  workbookToBuffer,
} from "../../scripts/examples/build-workbook";
import { TABLE_IDS } from "../../src/core/model/tables";
import { readXlsxBuffer } from "../../src/hosts/xlsx/reader";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");
const FILES = {
  published: path.join(EXAMPLES, "seed-as-published.xlsx"),
  corrected: path.join(EXAMPLES, "seed-corrected.xlsx"),
};

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe("example workbooks", () => {
  it.each(Object.entries(FILES))("%s opens with exceljs and holds the 14 tables in order", async (_, file) => {
    const wb = await open(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(TABLE_IDS.map((id) => DEFAULT_SHEET_NAMES[id]));
    expect(wb.getWorksheet(DEFAULT_SHEET_NAMES["1"])?.getCell("A1").value).toBe("部门收支总表");
    expect(wb.getWorksheet(DEFAULT_SHEET_NAMES["6"])?.getCell("A1").value).toBe("部门项目支出绩效目标表（2024年度）");
    expect(wb.getWorksheet(DEFAULT_SHEET_NAMES["7"])?.getCell("A1").value).toBe("部门整体支出绩效目标表");
  });

  it("the committed files are exactly what the builder makes from the data (regenerate with npm run examples)", async () => {
    const published = await workbookToBuffer(buildBudgetWorkbook(seed2024()));
    const corrected = await workbookToBuffer(buildBudgetWorkbook(correctedSeed2024()));
    expect(Buffer.from(published).equals(fs.readFileSync(FILES.published))).toBe(true);
    expect(Buffer.from(corrected).equals(fs.readFileSync(FILES.corrected))).toBe(true);
  });

  it("keeps the published slips in one copy and not in the other", async () => {
    const pub = await open(FILES.published);
    const cor = await open(FILES.corrected);
    const at = locate({}, "1-2", { kind: "total" }, "total", seed2024());
    expect(pub.getWorksheet(at.sheet)?.getCell(at.address).value).toBe(753.7);
    expect(cor.getWorksheet(at.sheet)?.getCell(at.address).value).toBe(753.71);
    const name = locate({}, "3", { kind: "item", code: "2060704" }, "name", seed2024());
    expect(pub.getWorksheet(name.sheet)?.getCell(name.address).value).toBe("学术交流活动的");
    expect(cor.getWorksheet(name.sheet)?.getCell(name.address).value).toBe("学术交流活动");
  });

  it("writes codes as text, amounts as numbers with 0.00, and the published header merges", async () => {
    const wb = await open(FILES.published);
    const ws = wb.getWorksheet(DEFAULT_SHEET_NAMES["1-2"]) as ExcelJS.Worksheet;
    const item = locate({}, "1-2", { kind: "item", code: "2060701" }, "kuan", seed2024());
    const kuan = ws.getCell(item.address);
    expect(kuan.value).toBe("07");
    expect(kuan.type).toBe(ExcelJS.ValueType.String);
    const amount = ws.getCell(locate({}, "1-2", { kind: "item", code: "2060701" }, "total", seed2024()).address);
    expect(amount.value).toBe(289.04);
    expect(amount.numFmt).toBe("0.00");
    // 科目编码 spans 类|款|项 on the first header row; 合计 spans both header rows.
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    expect(merges).toEqual(expect.arrayContaining(["A3:C3", "F3:F4", "A1:H1"]));
    expect(ws.getCell("A4").value).toBe("类");
    expect(ws.getCell("C4").value).toBe("项");
  });

  it("lays out 2-1 with 32 amount columns under the three blocks", () => {
    const plan = planWorkbook(seed2024());
    const t = plan.tables["2-1"]!;
    const amountKeys = Object.keys(t.columns).filter((k) => !["cls", "kuan", "unitCode", "name"].includes(k));
    expect(amountKeys).toHaveLength(32);
    expect(amountKeys.filter((k) => k.startsWith("cur."))).toHaveLength(10);
    expect(amountKeys.filter((k) => k.startsWith("adv."))).toHaveLength(9);
    expect(amountKeys.filter((k) => k.startsWith("carry."))).toHaveLength(12);
    expect(t.headerBottom - t.headerTop).toBe(2);
  });

  it("is readable by the project's own .xlsx reader, with merged project cells in 表6", () => {
    const wb = readXlsxBuffer(new Uint8Array(fs.readFileSync(FILES.published)), "seed-as-published.xlsx");
    expect(wb.sheets).toHaveLength(14);
    const s6 = wb.sheets.find((s) => s.name === DEFAULT_SHEET_NAMES["6"])!;
    const plan = planWorkbook(seed2024()).tables["6"]!;
    const first = plan.rows.find((r) => r.tag.projectCode === "51340022T000000278902" && r.tag.indicatorIndex === 0)!;
    const last = plan.rows.filter((r) => r.tag.projectCode === "51340022T000000278902").pop()!;
    expect(s6.merges).toEqual(
      expect.arrayContaining([
        { top: first.row, left: plan.columns.project, bottom: last.row, right: plan.columns.project },
      ]),
    );
    expect(s6.rows[first.row][plan.columns.project]).toBe("51340022T000000278902-学术交流业务经费");
  });
});
