import { linkSync, readFileSync, symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import type { Finding } from "../../../src/core/model/findings";
import {
  AnnotateError,
  HIGHLIGHT_ARGB,
  HIGHLIGHT_COLORS,
  RESULT_COLUMNS,
  RESULT_SHEET_NAME,
  writeAnnotatedCopy,
} from "../../../src/hosts/xlsx/annotate";
import { readXlsxFile, XlsxReadError } from "../../../src/hosts/xlsx/reader";
import { comparable, tempDir } from "./helpers";

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

const SHEET1 = "部门收支总表";
const SHEET2 = "财政拨款 '收支' 表"; // a space and quotes: the hyperlink must quote and escape the name

/** A workbook with values, formulas, a shared style, merges and two sheets. */
async function makeInput(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet(SHEET1);
  a.getCell("A1").value = "部门收支总表";
  a.mergeCells("A1:D1");
  const border: Partial<ExcelJS.Borders> = { top: { style: "thin" }, bottom: { style: "thin" } };
  for (let r = 3; r <= 8; r++) {
    a.getCell(r, 1).value = `项目${r}`;
    a.getCell(r, 2).value = r * 100.5;
    a.getCell(r, 3).value = { formula: `B${r}*2`, result: r * 201 };
    // The same style on many cells: exceljs then shares one style object between them after reading.
    for (let c = 1; c <= 3; c++) a.getCell(r, c).border = border;
  }
  a.getCell("B9").value = { formula: "SUM(B3:B8)", result: 3316.5 };
  a.getCell("C9").value = { formula: "B9/0", result: { error: "#DIV/0!" } };
  a.mergeCells("A10:B11");
  a.getCell("A10").value = "合计说明";
  const b = wb.addWorksheet(SHEET2);
  b.getCell("B2").value = { richText: [{ text: "富", font: { bold: true } }, { text: "文本" }] };
  b.getCell("F12").value = 7;
  b.getCell("F13").value = true;
  await wb.xlsx.writeFile(path);
}

function fillArgb(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill && fill.type === "pattern" ? fill.fgColor?.argb : undefined;
}

/** Every value and formula of every original sheet, as exceljs reads them. */
async function snapshot(path: string): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    if (ws.name === RESULT_SHEET_NAME) continue;
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        out[`${ws.name}!${cell.address}`] = { value: cell.value, formula: cell.formula ?? null, type: cell.type };
      }),
    );
    out[`${ws.name}#merges`] = [...(ws.model.merges ?? [])].sort();
  }
  return out;
}

const findings: Finding[] = [
  {
    rule: "F1",
    severity: "warning",
    message: "表1 收入合计与支出合计存在尾差",
    table: "1",
    cells: [{ sheet: SHEET1, row: 8, col: 1 }],
  },
  {
    rule: "X2",
    severity: "error",
    message: "表1 支出合计 3316.50 ≠ 表2 支出合计 7.00",
    table: "1",
    cells: [
      { sheet: SHEET1, row: 8, col: 1 },
      { sheet: SHEET2, row: 11, col: 5 },
    ],
  },
  { rule: "I3", severity: "info", message: "提示信息", table: "2", cells: [{ sheet: SHEET2, row: 1, col: 1 }] },
  { rule: "I4", severity: "info", message: "合并单元格内的提示", cells: [{ sheet: SHEET1, row: 10, col: 1 }] },
  { rule: "W5", severity: "warning", message: "同一单元格的警告", cells: [{ sheet: SHEET2, row: 1, col: 1 }] },
  { rule: "C6", severity: "error", message: "缺少表3", table: "3", cells: [] },
  { rule: "I9", severity: "info", message: "与其他单元格共用样式的单元格", cells: [{ sheet: SHEET1, row: 4, col: 1 }] },
  { rule: "C8", severity: "warning", message: "表1 缺少单位行", table: "1", cells: [] },
  { rule: "G7", severity: "warning", message: "不存在的工作表", cells: [{ sheet: "没有这张表", row: 0, col: 0 }] },
];

describe("writeAnnotatedCopy", () => {
  let input: string;
  let output: string;
  beforeAll(async () => {
    input = join(tmp.dir, "输入.xlsx");
    output = join(tmp.dir, "输出-标注.xlsx");
    await makeInput(input);
    await writeAnnotatedCopy(input, findings, output, { tables: [{ id: "1", sheet: SHEET1, title: "部门收支总表" }] });
  });

  it("exports the colours in both notations", () => {
    expect(HIGHLIGHT_COLORS).toEqual({ error: "#FFC7CE", warning: "#FFEB9C", info: "#DDEBF7" });
    for (const s of ["error", "warning", "info"] as const) {
      expect(HIGHLIGHT_ARGB[s]).toBe(`FF${HIGHLIGHT_COLORS[s].slice(1)}`);
    }
  });

  it("leaves the input file byte-for-byte untouched", async () => {
    const before = readFileSync(input);
    await writeAnnotatedCopy(input, findings, join(tmp.dir, "again.xlsx"));
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it("keeps every original value, formula and merge", async () => {
    const [a, b] = [await snapshot(input), await snapshot(output)];
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
    // The linear reader sees the same original sheets too.
    const ours = comparable(await readXlsxFile(output)).filter((s) => s.name !== RESULT_SHEET_NAME);
    expect(ours).toEqual(comparable(await readXlsxFile(input)));
  });

  it("fills cells with the worst severity, other sides of a cross-check included, and nothing else", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    const a = wb.getWorksheet(SHEET1)!;
    const b = wb.getWorksheet(SHEET2)!;
    expect(fillArgb(a.getCell("B9"))).toBe(HIGHLIGHT_ARGB.error); // warning + error → error
    expect(fillArgb(b.getCell("F12"))).toBe(HIGHLIGHT_ARGB.error); // cells[1] of the cross-check
    expect(fillArgb(b.getCell("B2"))).toBe(HIGHLIGHT_ARGB.warning); // info + warning → warning
    expect(fillArgb(a.getCell("A10"))).toBe(HIGHLIGHT_ARGB.info); // B11 lies in merge A10:B11 → its master
    expect(fillArgb(a.getCell("B5"))).toBe(HIGHLIGHT_ARGB.info); // shares its border style with A3:C8
    // Cells that shared a style with a highlighted one keep their own look.
    const filled = new Set([`${SHEET1}!B5`, `${SHEET1}!B9`, `${SHEET2}!F12`, `${SHEET2}!B2`, `${SHEET1}!A10`]);
    for (const ws of [a, b]) {
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          if (!filled.has(`${ws.name}!${cell.address}`))
            expect([ws.name, cell.address, fillArgb(cell)]).toEqual([ws.name, cell.address, undefined]);
        }),
      );
    }
    // Other formatting of a highlighted cell is kept.
    expect(a.getCell("B8").border?.top?.style).toBe("thin");
  });

  it("adds a 校验结果 sheet listing every finding with a hyperlink to its cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    const ws = wb.getWorksheet(RESULT_SHEET_NAME)!;
    expect(ws).toBeDefined();
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...RESULT_COLUMNS]);
    expect(ws.rowCount).toBe(findings.length + 1);

    const row2 = ws.getRow(2);
    expect(row2.getCell(1).value).toBe(1);
    expect(row2.getCell(2).value).toBe("警告");
    expect(row2.getCell(3).value).toBe("F1");
    expect(row2.getCell(4).value).toBe("表1 部门收支总表");
    expect(row2.getCell(5).value).toBe(SHEET1);
    expect(row2.getCell(6).value).toEqual({ text: "B9", hyperlink: `#'${SHEET1}'!B9` });
    expect(row2.getCell(7).value).toBe(findings[0].message);

    const row3 = ws.getRow(3);
    expect(row3.getCell(2).value).toBe("错误");
    expect(row3.getCell(8).value).toBe(`${SHEET2}!F12`);

    // Sheet names with quotes are escaped by doubling them.
    expect(ws.getRow(4).getCell(6).value).toEqual({ text: "B2", hyperlink: "#'财政拨款 ''收支'' 表'!B2" });
    expect(ws.getRow(4).getCell(2).value).toBe("提示");

    // A finding without cells: sheet from the recognised tables is unknown for 表3 → empty, no link.
    const row7 = ws.getRow(7);
    expect(ws.getRow(8).getCell(6).value).toEqual({ text: "B5", hyperlink: `#'${SHEET1}'!B5` });
    expect(row7.getCell(4).value).toBe("表3 一般公共预算支出预算表");
    expect(row7.getCell(5).value).toBeNull();
    expect(row7.getCell(6).value).toBeNull();
    // A finding without cells on a recognised table: the table's sheet, no link.
    expect(ws.getRow(9).getCell(5).value).toBe(SHEET1);
    expect(ws.getRow(9).getCell(6).value).toBeNull();
    // A cell on a sheet that does not exist: address as plain text.
    expect(ws.getRow(10).getCell(6).value).toBe("A1");
  });

  it("replaces the 校验结果 sheet of a previous run", async () => {
    const second = join(tmp.dir, "第二次.xlsx");
    await writeAnnotatedCopy(output, [findings[2]], second);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    expect(wb.worksheets.filter((w) => w.name === RESULT_SHEET_NAME)).toHaveLength(1);
    const ws = wb.getWorksheet(RESULT_SHEET_NAME)!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(3).value).toBe("I3");
    expect(await snapshot(second)).toEqual(await snapshot(input));
  });

  it("writes a 校验结果 sheet saying no problem was found when there are no findings", async () => {
    const clean = join(tmp.dir, "无问题.xlsx");
    await writeAnnotatedCopy(input, [], clean);
    const data = await readXlsxFile(clean);
    const result = data.sheets.find((s) => s.name === RESULT_SHEET_NAME)!;
    expect(result.rows[1][6]).toBe("未发现问题。");
  });
});

describe("writeAnnotatedCopy and exceljs's merge check", () => {
  it("loads many merges, keeps them, and restores exceljs's overlap check afterwards", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("合并");
    for (let r = 1; r <= 300; r++) {
      ws.getCell(r, 1).value = `项目${r}`;
      ws.mergeCells(r, 1, r, 3);
    }
    const input = join(tmp.dir, "merges.xlsx");
    const output = join(tmp.dir, "merges-out.xlsx");
    await wb.xlsx.writeFile(input);
    await writeAnnotatedCopy(input, [], output);
    expect(await snapshot(output)).toEqual(await snapshot(input));
    const probe = new ExcelJS.Workbook().addWorksheet("p");
    probe.mergeCells("A1:B2");
    expect(() => probe.mergeCells("B2:C3")).toThrow(/already merged/);
  });
});

describe("writeAnnotatedCopy refuses to overwrite the input", () => {
  let input: string;
  beforeAll(async () => {
    input = join(tmp.dir, "原件.xlsx");
    await makeInput(input);
  });

  async function expectRefused(out: string) {
    const before = readFileSync(input);
    await expect(writeAnnotatedCopy(input, findings, out)).rejects.toThrow(AnnotateError);
    await expect(writeAnnotatedCopy(input, findings, out)).rejects.toThrow(/不能覆盖原文件/);
    expect(readFileSync(input).equals(before)).toBe(true);
  }

  it("same path", () => expectRefused(input));
  it("same file spelled differently", () => expectRefused(join(tmp.dir, ".", "x", "..", "原件.xlsx")));
  it("a symbolic link to the input", () => {
    const link = join(tmp.dir, "链接.xlsx");
    symlinkSync(input, link);
    return expectRefused(link);
  });
  it("a hard link to the input", () => {
    const link = join(tmp.dir, "硬链接.xlsx");
    linkSync(input, link);
    return expectRefused(link);
  });
});

describe("writeAnnotatedCopy errors", () => {
  it("bad input gives the reader's Chinese reason", async () => {
    const p = join(tmp.dir, "fake.xlsx");
    writeFileSync(p, "a,b\n");
    await expect(writeAnnotatedCopy(p, [], join(tmp.dir, "o.xlsx"))).rejects.toThrow(XlsxReadError);
    await expect(writeAnnotatedCopy(join(tmp.dir, "无.xlsx"), [], join(tmp.dir, "o.xlsx"))).rejects.toThrow(
      /找不到文件/,
    );
  });

  it("missing output directory gives a Chinese reason", async () => {
    const input = join(tmp.dir, "in2.xlsx");
    await makeInput(input);
    await expect(writeAnnotatedCopy(input, [], join(tmp.dir, "没有目录", "o.xlsx"))).rejects.toThrow(/输出目录不存在/);
  });
});
