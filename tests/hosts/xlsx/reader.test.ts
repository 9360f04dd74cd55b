import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { readXlsxBuffer, readXlsxFile, XlsxReadError } from "../../../src/hosts/xlsx/reader";
import { comparable, handXlsx, readWithExceljs, tempDir } from "./helpers";

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

async function expectSameAsExceljs(path: string) {
  const ours = comparable(await readXlsxFile(path));
  const reference = await readWithExceljs(path);
  expect(ours).toEqual(reference);
  return ours;
}

async function expectReadError(path: string, code: XlsxReadError["code"], reason?: RegExp): Promise<XlsxReadError> {
  let caught: unknown;
  try {
    await readXlsxFile(path);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(XlsxReadError);
  const e = caught as XlsxReadError;
  expect(e.code).toBe(code);
  // A user-facing reason: one line, Chinese, no stack or parser jargon.
  expect(e.reason).not.toMatch(/\n/);
  expect(e.reason).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message).toBe(e.reason);
  if (reason) expect(e.reason).toMatch(reason);
  return e;
}

describe("readXlsxFile on files written by exceljs", () => {
  it("reads shared strings, rich text, numbers, booleans, formulas with cached results and errors like exceljs", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("部门收支总表");
    ws.getCell("A1").value = "部门收支总表";
    ws.getCell("A2").value = "  金额单位：万元  "; // leading/trailing spaces must survive (xml:space="preserve")
    ws.getCell("A3").value = { richText: [{ text: "一般公共", font: { bold: true } }, { text: "预算拨款收入" }] };
    ws.getCell("B3").value = 1234.56;
    ws.getCell("C3").value = -0.01;
    ws.getCell("D3").value = 0;
    ws.getCell("E3").value = 1e-7;
    ws.getCell("F3").value = 123456789012.34;
    ws.getCell("B4").value = { formula: "B3*2", result: 2469.12 };
    ws.getCell("C4").value = { formula: 'IF(B3>0,"有","无")', result: "有" };
    ws.getCell("D4").value = { formula: "B3/0", result: { error: "#DIV/0!" } };
    ws.getCell("E4").value = { formula: "B3>0", result: true };
    ws.getCell("F4").value = false;
    ws.getCell("G4").value = "多行\n文本";
    ws.getCell("H4").value = "部门收支总表"; // the same shared string twice
    ws.getCell("I4").value = '<特殊> & "字符"';
    const path = join(tmp.dir, "values.xlsx");
    await wb.xlsx.writeFile(path);

    const ours = await expectSameAsExceljs(path);
    const cells = ours[0].cells;
    expect(cells.A2).toBe("  金额单位：万元  ");
    expect(cells.A3).toBe("一般公共预算拨款收入");
    expect(cells.B3).toBe(1234.56);
    expect(cells.B4).toBe(2469.12);
    expect(cells.D4).toBe("#DIV/0!");
    expect(cells.E4).toBe(true);
    expect(cells.F4).toBe(false);
    expect(cells.G4).toBe("多行\n文本");
  });

  it("places cells at offsets with 0-based absolute coordinates and keeps merges", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("表6");
    ws.getCell("D7").value = "项目名称";
    ws.getCell("AB120").value = 42;
    ws.getCell("D8").value = "合并标题";
    ws.mergeCells("D8:F9");
    ws.mergeCells("A200:A210");
    const path = join(tmp.dir, "offsets.xlsx");
    await wb.xlsx.writeFile(path);

    await expectSameAsExceljs(path);
    const data = await readXlsxFile(path);
    const s = data.sheets[0];
    expect(s.rows[6][3]).toBe("项目名称");
    expect(s.rows[119][27]).toBe(42);
    expect(s.rows[0]).toBeUndefined();
    expect(s.merges).toEqual(
      expect.arrayContaining([
        { top: 7, left: 3, bottom: 8, right: 5 },
        { top: 199, left: 0, bottom: 209, right: 0 },
      ]),
    );
    expect(s.merges).toHaveLength(2);
  });

  it("reads several sheets in workbook order with their visibility", async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet("甲");
    const b = wb.addWorksheet("乙", { state: "hidden" });
    const c = wb.addWorksheet("丙", { state: "veryHidden" });
    const d = wb.addWorksheet("丁");
    a.getCell("A1").value = "甲表";
    b.getCell("A1").value = "乙表";
    c.getCell("B2").value = 3;
    d.getCell("C3").value = 4;
    // Move 丁 to the front: workbook order then differs from the part numbering (sheet4.xml comes first).
    (d as unknown as { orderNo: number }).orderNo = -1;
    const path = join(tmp.dir, "sheets.xlsx");
    await wb.xlsx.writeFile(path);

    const ours = await expectSameAsExceljs(path);
    expect(ours.map((s) => s.name)).toEqual(["丁", "甲", "乙", "丙"]);
    expect(ours.map((s) => s.visibility)).toEqual(["visible", "visible", "hidden", "veryHidden"]);
  });

  it("reads inline strings and plain str cells (exceljs streaming writer, no shared strings) the same way", async () => {
    const path = join(tmp.dir, "inline.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = wb.addWorksheet("内联");
    ws.getCell("A1").value = " 前后空格 ";
    ws.getCell("B1").value = { richText: [{ text: "富" }, { text: "文本" }] };
    ws.getCell("C1").value = 7;
    ws.commit();
    await wb.commit();
    // Make sure the file really has the shapes under test.
    const sheetXml = strFromU8(unzipSync(readFileSync(path))["xl/worksheets/sheet1.xml"]);
    expect(sheetXml).toContain('t="inlineStr"');
    expect(sheetXml).toContain('t="str"');

    const ours = await expectSameAsExceljs(path);
    expect(ours[0].cells).toEqual({ A1: " 前后空格 ", B1: "富文本", C1: 7 });
  });

  it("reads a larger table (many rows and merges) identically to exceljs", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("部门预算项目绩效目标表");
    for (let r = 1; r <= 600; r++) {
      ws.getRow(r).values = [
        `项目${Math.floor(r / 6)}`,
        "产出指标",
        `指标${r}`,
        r % 13 === 0 ? null : r * 0.01,
        r % 2 === 0,
      ];
    }
    for (let r = 1; r + 5 <= 600; r += 6) ws.mergeCells(r, 1, r + 5, 1);
    const path = join(tmp.dir, "large.xlsx");
    await wb.xlsx.writeFile(path);
    const ours = await expectSameAsExceljs(path);
    expect(ours[0].merges).toHaveLength(100);
  });
});

describe("readXlsxBuffer on hand-written XML", () => {
  it("places cells and rows without r attributes by their order", async () => {
    const row1 = (r: (a: string) => string) =>
      `<row${r(' r="1"')}><c${r(' r="A1"')} t="inlineStr"><is><t>甲</t></is></c><c${r(' r="B1"')}><v>1</v></c>` +
      `<c r="E1"><v>5</v></c><c${r(' r="F1"')}><v>6</v></c></row>`;
    const rest = (r: (a: string) => string) =>
      `<row r="4"><c${r(' r="A4"')}><v>41</v></c></row>` +
      `<row${r(' r="5"')}><c r="C5" t="b"><v>1</v></c><c${r(' r="D5"')} t="e"><v>#N/A</v></c></row>`;
    const without = handXlsx([{ name: "无地址", sheetData: row1(() => "") + rest(() => "") }]);
    const ours = comparable(readXlsxBuffer(without));
    expect(ours[0].cells).toEqual({ A1: "甲", B1: 1, E1: 5, F1: 6, A4: 41, C5: true, D5: "#N/A" });
    // exceljs cannot read rows without r, so it reads the same sheet with every address written out.
    const withRefs = join(tmp.dir, "with-r.xlsx");
    writeFileSync(withRefs, handXlsx([{ name: "无地址", sheetData: row1((a) => a) + rest((a) => a) }]));
    expect(ours).toEqual(await readWithExceljs(withRefs));
  });

  it("excludes phonetic runs, decodes _xHHHH_ escapes and keeps whitespace of shared strings", async () => {
    const bytes = handXlsx(
      [
        {
          name: "字符串",
          sheetData:
            `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>` +
            `<c r="D1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="E1"><f>1+1</f></c><c r="F1" t="s"><v>3</v></c></row>`,
        },
      ],
      [
        `<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>`,
        `<si><r><rPr><b/></rPr><t xml:space="preserve">  加粗 </t></r><r><t>普通</t></r></si>`,
        `<si><t>换行_x000D_符</t></si>`,
        `<si><t>&lt;a&amp;b&gt;</t></si>`,
      ],
    );
    const path = join(tmp.dir, "strings.xlsx");
    writeFileSync(path, bytes);
    const ours = comparable(readXlsxBuffer(bytes));
    // E1 is a formula without a cached result: no value.
    expect(ours[0].cells).toEqual({ A1: "漢字", B1: "  加粗 普通", C1: "换行\r符", D1: "xy", F1: "<a&b>" });
    expect(ours).toEqual(await readWithExceljs(path));
  });

  it("reads CDATA sections, inline strings kept in <v>, and a UTF-8 BOM before the XML", () => {
    const bytes = handXlsx(
      [
        {
          name: "C",
          sheetData: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><v>直接文本</v></c></row>`,
        },
      ],
      [`<si><t><![CDATA[<a&b>]]></t></si>`],
    );
    expect(readXlsxBuffer(bytes).sheets[0].rows[0]).toEqual(["<a&b>", "直接文本"]);
    // The same package with a byte-order mark before every XML part.
    const parts = unzipSync(bytes);
    for (const name of Object.keys(parts)) parts[name] = new Uint8Array([0xef, 0xbb, 0xbf, ...parts[name]]);
    expect(readXlsxBuffer(zipSync(parts)).sheets[0].rows[0]).toEqual(["<a&b>", "直接文本"]);
  });

  it("reads parts whose elements carry a namespace prefix (x:sheetData …)", () => {
    const parts = unzipSync(
      handXlsx(
        [{ name: "前缀", sheetData: `<row r="2"><c r="C2" t="s"><v>0</v></c><c r="D2"><v>2.5</v></c></row>` }],
        [`<si><t>带前缀</t></si>`],
      ),
    );
    for (const name of ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]) {
      const xml = strFromU8(parts[name])
        .replace(/<(\/?)([A-Za-z]+)([\s>/])/g, "<$1x:$2$3")
        .replace(/ xmlns="/, ' xmlns:x="');
      expect(xml).toContain("<x:");
      parts[name] = strToU8(xml);
    }
    const s = readXlsxBuffer(zipSync(parts)).sheets[0];
    expect(s.name).toBe("前缀");
    expect(s.rows[1]).toEqual([undefined, undefined, "带前缀", 2.5]);
  });

  it("reads merge refs after sheetData, including a single-cell ref", () => {
    const bytes = handXlsx([
      {
        name: "合并",
        sheetData: `<row r="2"><c r="B2"><v>3</v></c></row>`,
        after: `<mergeCells count="2"><mergeCell ref="B2:C3"/><mergeCell ref="$E$5"/></mergeCells>`,
      },
    ]);
    const s = readXlsxBuffer(bytes).sheets[0];
    expect(s.rows[1][1]).toBe(3);
    expect(s.merges).toEqual([
      { top: 1, left: 1, bottom: 2, right: 2 },
      { top: 4, left: 4, bottom: 4, right: 4 },
    ]);
  });
});

describe("bad files", () => {
  const cfb = (streamNames: string[]) => {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const body = Buffer.alloc(1024);
    let at = 512;
    for (const n of streamNames) {
      Buffer.from(n, "utf16le").copy(body, at);
      at += 128;
    }
    return Buffer.concat([header, body]);
  };

  it("missing file → not-found", async () => {
    await expectReadError(join(tmp.dir, "不存在.xlsx"), "not-found", /找不到文件/);
  });

  it("directory → not-found with a clear reason", async () => {
    const d = join(tmp.dir, "a-folder.xlsx");
    mkdirSync(d, { recursive: true });
    await expectReadError(d, "not-found", /文件夹/);
  });

  it("password-protected .xlsx (CFB with EncryptionInfo) → encrypted", async () => {
    const p = join(tmp.dir, "locked.xlsx");
    writeFileSync(p, cfb(["Root Entry", "EncryptionInfo", "EncryptedPackage"]));
    const e = await expectReadError(p, "encrypted");
    expect(e.reason).toBe("文件已加密（设置了打开密码），请在 Excel 中取消密码后再校验");
  });

  it("old .xls (CFB without EncryptionInfo) → xls", async () => {
    const p = join(tmp.dir, "old.xlsx");
    writeFileSync(p, cfb(["Root Entry", "Workbook", "\u0005SummaryInformation"]));
    const e = await expectReadError(p, "xls");
    expect(e.reason).toBe("这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再校验");
  });

  it("truncated zip → damaged", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表").getCell("A1").value = "x";
    const full = Buffer.from(await wb.xlsx.writeBuffer());
    const p = join(tmp.dir, "truncated.xlsx");
    writeFileSync(p, full.subarray(0, Math.floor(full.length / 2)));
    await expectReadError(p, "damaged", /^文件已损坏，无法读取：/);
  });

  it("corrupt XML inside a valid zip → damaged naming the part", async () => {
    const bytes = handXlsx([{ name: "坏", sheetData: `<row r="1"><c r="A1"><v>1</v></row>` }]);
    const p = join(tmp.dir, "bad-xml.xlsx");
    writeFileSync(p, bytes);
    await expectReadError(p, "damaged", /sheet1\.xml/);
  });

  it("renamed CSV/text → not-xlsx", async () => {
    const p = join(tmp.dir, "renamed.xlsx");
    writeFileSync(p, "编码,名称\n201,一般公共服务支出\n");
    await expectReadError(p, "not-xlsx", /纯文本/);
  });

  it("HTML saved as a spreadsheet → not-xlsx", async () => {
    const p = join(tmp.dir, "page.xlsx");
    writeFileSync(p, "<html><body><table><tr><td>1</td></tr></table></body></html>");
    await expectReadError(p, "not-xlsx", /HTML/);
  });

  it("empty (0-byte) file → not-xlsx", async () => {
    const p = join(tmp.dir, "zero.xlsx");
    writeFileSync(p, "");
    await expectReadError(p, "not-xlsx", /0 字节/);
  });

  it(".docx-like zip → not-xlsx", async () => {
    const p = join(tmp.dir, "doc.xlsx");
    writeFileSync(
      p,
      zipSync({
        "[Content_Types].xml": strToU8("<Types/>"),
        "word/document.xml": strToU8("<w:document xmlns:w='x'/>"),
      }),
    );
    await expectReadError(p, "not-xlsx", /Word/);
  });

  it("a zip of something else → not-xlsx", async () => {
    const p = join(tmp.dir, "other.xlsx");
    writeFileSync(p, zipSync({ "readme.txt": strToU8("hello") }));
    await expectReadError(p, "not-xlsx", /xl\/workbook\.xml/);
  });

  it("workbook without any cell → empty", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("空表");
    const p = join(tmp.dir, "empty.xlsx");
    await wb.xlsx.writeFile(p);
    await expectReadError(p, "empty", /没有任何数据/);
  });

  it("readXlsxBuffer throws the same typed errors", () => {
    expect(() => readXlsxBuffer(new Uint8Array(cfb(["EncryptionInfo"])))).toThrow(XlsxReadError);
    expect(() => readXlsxBuffer(strToU8("a,b\n1,2"))).toThrow(/纯文本/);
  });
});
