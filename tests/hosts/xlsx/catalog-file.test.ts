import { writeFileSync } from "fs";
import { join } from "path";
import ExcelJS from "exceljs";
import { parseCsv, readCatalogFile } from "../../../src/hosts/xlsx/catalog-file";
import { XlsxReadError } from "../../../src/hosts/xlsx/reader";
import { tempDir } from "./helpers";

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

const CSV = '科目编码,科目名称\r\n201,一般公共服务支出\r\n20101,"人大事务"\r\n"2010101","行政运行,含""引号"""\r\n';
const EXPECTED = [
  ["科目编码", "科目名称"],
  ["201", "一般公共服务支出"],
  ["20101", "人大事务"],
  ["2010101", '行政运行,含"引号"'],
];

/** GB18030 bytes of a string, built from known GBK code points (Node has no GB18030 encoder). */
const GBK: Record<string, number[]> = {
  编: [0xb1, 0xe0],
  码: [0xc2, 0xeb],
  名: [0xc3, 0xfb],
  称: [0xb3, 0xc6],
  外: [0xcd, 0xe2],
  交: [0xbd, 0xbb],
};
function gbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) bytes.push(...(GBK[ch] ?? [ch.charCodeAt(0)]));
  return Buffer.from(bytes);
}

async function expectError(path: string, code: XlsxReadError["code"], reason: RegExp) {
  const err = await readCatalogFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(XlsxReadError);
  expect((err as XlsxReadError).code).toBe(code);
  expect((err as XlsxReadError).reason).toMatch(reason);
}

describe("readCatalogFile", () => {
  it("reads UTF-8 CSV without BOM, with quoting", async () => {
    const p = join(tmp.dir, "plain.csv");
    writeFileSync(p, CSV, "utf8");
    expect(await readCatalogFile(p)).toEqual({ rows: EXPECTED, fileName: "plain.csv" });
  });

  it("reads UTF-8 CSV with BOM and LF line ends", async () => {
    const p = join(tmp.dir, "bom.csv");
    writeFileSync(p, "\uFEFF" + CSV.replace(/\r\n/g, "\n"), "utf8");
    const { rows } = await readCatalogFile(p);
    expect(rows).toEqual(EXPECTED);
    expect(rows[0][0].charCodeAt(0)).not.toBe(0xfeff);
  });

  it("reads GB18030 CSV (not valid UTF-8)", async () => {
    const p = join(tmp.dir, "gbk.csv");
    writeFileSync(p, gbk("编码,名称\r\n202,外交\r\n"));
    expect((await readCatalogFile(p)).rows).toEqual([
      ["编码", "名称"],
      ["202", "外交"],
    ]);
  });

  it("reads UTF-16 tab-separated text (Excel's Unicode text)", async () => {
    const p = join(tmp.dir, "unicode.txt");
    writeFileSync(
      p,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("编码\t名称\r\n301\t工资福利支出\r\n", "utf16le")]),
    );
    expect((await readCatalogFile(p)).rows).toEqual([
      ["编码", "名称"],
      ["301", "工资福利支出"],
    ]);
  });

  it("reads the first visible sheet of an .xlsx as strings, keeping row positions", async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet("辅助", { state: "hidden" });
    hidden.getCell("A1").value = "不应读取";
    const ws = wb.addWorksheet("科目");
    ws.getCell("A2").value = "编码";
    ws.getCell("B2").value = "名称";
    ws.getCell("A3").value = 20101;
    ws.getCell("B3").value = "人大事务";
    ws.getCell("A5").value = "2010101";
    ws.getCell("C5").value = 1.5;
    wb.addWorksheet("第二张").getCell("A1").value = "也不读";
    const p = join(tmp.dir, "catalog.xlsx");
    await wb.xlsx.writeFile(p);
    const { rows, fileName } = await readCatalogFile(p);
    expect(fileName).toBe("catalog.xlsx");
    expect(rows).toEqual([[], ["编码", "名称"], ["20101", "人大事务"], [], ["2010101", "", "1.5"]]);
  });

  it("parses quoted line breaks and a last line without a line end", () => {
    expect(parseCsv('a,"x\ny"\r\nb,c')).toEqual([
      ["a", "x\ny"],
      ["b", "c"],
    ]);
    expect(parseCsv("a,,\n")).toEqual([["a", "", ""]]);
  });

  it("gives Chinese reasons for bad files", async () => {
    await expectError(join(tmp.dir, "无此文件.csv"), "not-found", /找不到文件/);
    const empty = join(tmp.dir, "empty.csv");
    writeFileSync(empty, "\uFEFF\r\n,\r\n");
    await expectError(empty, "empty", /没有任何数据/);
    const xls = join(tmp.dir, "old.xls");
    writeFileSync(
      xls,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
    );
    await expectError(xls, "xls", /97-2003/);
    const bin = join(tmp.dir, "image.png");
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
    await expectError(bin, "not-xlsx", /无法识别/);
  });
});
