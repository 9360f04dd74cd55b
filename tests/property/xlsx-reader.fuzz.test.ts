/**
 * The .xlsx reader on hostile bytes (scripts/fuzz/xlsx-bytes.ts): mutated bytes of the real example files, mutated
 * XML parts zipped again, and hand-made attacks (billion laughs, external entities, zip bombs with honest and forged
 * sizes, 20,000 entries, huge shared strings, deep nesting, far-away cells). Each ends in a WorkbookData or an
 * XlsxReadError with a one-line Chinese reason: no other exception, no stack trace, no hang, bounded memory.
 * What is read is checked by the engine with the same invariants as the grid property tests.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { LIMITS } from "../../src/core/limits";
import { readXlsxBuffer, XlsxReadError } from "../../src/hosts/xlsx/parse";
import { readXlsxFile } from "../../src/hosts/xlsx/reader";
import { catalogRowsFromBytes } from "../../src/hosts/xlsx/catalog-bytes";
import { readCatalogFile } from "../../src/hosts/xlsx/catalog-file";
import { main } from "../../src/cli/main";
import { checkRun } from "../../scripts/fuzz/grids";
import {
  arbByteMutation,
  arbPartCase,
  deflateFill,
  exampleBytes,
  exampleWithRawEntries,
  hostileFiles,
  mutateBytes,
  partCaseBytes,
  readHostile,
  sheetWithCell,
  withParts,
} from "../../scripts/fuzz/xlsx-bytes";

const SEED = Number(process.env.FUZZ_SEED ?? 20240607);
let cases = 0;

/** The reader's contract on one input, plus the engine's invariants on what it read. */
function readerHolds(bytes: Uint8Array): boolean {
  cases++;
  const { outcome, problems } = readHostile(bytes);
  if (outcome?.ok) problems.push(...checkRun(outcome.workbook, {}, { twice: false }).problems);
  if (problems.length) throw new Error(problems.join("\n"));
  return true;
}

afterAll(() => {
  console.log(`generated reader cases: ${cases}, seed ${SEED}`);
});

describe("xlsx reader on mutated example files", () => {
  test("truncated, flipped and overwritten bytes", () => {
    const files = exampleBytes();
    fc.assert(
      fc.property(
        fc.nat({ max: files.length - 1 }),
        fc.array(arbByteMutation, { minLength: 1, maxLength: 3 }),
        (f, ms) => readerHolds(ms.reduce((b, m) => mutateBytes(b, m), files[f])),
      ),
      { numRuns: 300, seed: SEED },
    );
  });

  test("every truncation point of the first 4 KB and of the zip directory", () => {
    const file = exampleBytes()[0];
    for (let at = 0; at < 4096; at += 97) readerHolds(file.slice(0, at));
    for (let at = file.length - 3000; at < file.length; at += 61) readerHolds(file.slice(0, at));
  });

  test("mutated XML parts, zipped again", () => {
    fc.assert(
      fc.property(arbPartCase, (c) => readerHolds(partCaseBytes(c))),
      { numRuns: 100, seed: SEED },
    );
  });
});

describe("hand-made hostile files", () => {
  const expectReason = (bytes: Uint8Array, code: string, pattern: RegExp) => {
    const { outcome, problems } = readHostile(bytes);
    expect(problems).toEqual([]);
    expect(outcome).toMatchObject({ ok: false, code });
    if (outcome && !outcome.ok) expect(outcome.reason).toMatch(pattern);
  };
  const hostile = Object.fromEntries(hostileFiles().map((h) => [h.name, h.bytes]));

  test("billion laughs and external entities: refused for their DTD, nothing expanded or fetched", () => {
    expectReason(
      hostile["billion laughs in sharedStrings.xml"](),
      "damaged",
      /sharedStrings\.xml 含有文档类型声明（DTD）/,
    );
    expectReason(hostile["billion laughs in workbook.xml"](), "damaged", /workbook\.xml 含有文档类型声明/);
    expectReason(hostile["external entity (XXE)"](), "damaged", /DTD/);
  });

  test("zip bomb: a part declared as 3 GB is refused before inflating", () => {
    const before = process.memoryUsage().rss;
    expectReason(
      hostile["zip bomb: sheet1.xml inflates to 3 GB (declared)"](),
      "too-large",
      /sheet1\.xml 解压后过大.*zip 炸弹/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  test("zip bomb: a part inflating to 1 GB under a forged 7 KB size stops at the first chunk", () => {
    const bytes = hostile["zip bomb: sheet1.xml inflates to 1 GB (declared 7 KB)"]();
    const before = process.memoryUsage().rss;
    const t0 = Date.now();
    expectReason(bytes, "damaged", /sheet1\.xml 解压后的大小与记录不符/);
    // fflate's unzipSync would inflate the whole gigabyte (seconds of CPU) before noticing.
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  test("zip bomb: many honest parts stop at the total inflated size (limits scaled down 1:25)", () => {
    const head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    const tail = "</sheetData></worksheet>";
    const size = 3_600_000;
    const data = deflateFill(size - head.length - tail.length, 0x20, head, tail);
    const bytes = exampleWithRawEntries(
      Array.from({ length: 14 }, (_, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data, size })),
    );
    const limits = { ...LIMITS, partBytes: 4_000_000, inflatedBytes: 12_000_000 };
    expect(() => readXlsxBuffer(bytes, "bomb.xlsx", limits)).toThrow(/解压后的总大小超过上限 11\.4 MB/);
    expect(() => readXlsxBuffer(bytes, "bomb.xlsx", { ...limits, partBytes: 3_000_000 })).toThrow(
      /sheet\d+\.xml 解压后过大/,
    );
  });

  test("20,000 zip entries", () => {
    expectReason(hostile["20,000 zip entries"](), "too-large", /条目过多（20,000 个，上限 10,000 个）/);
  });

  test("huge shared strings: a cell text over Excel's 32,767 characters, and the total text limit", () => {
    expectReason(
      hostile["huge shared strings (a 40,000-character string)"](),
      "too-large",
      /40,000 个字符（Excel 上限 32,767）/,
    );
    expectReason(hostile["a 30,000-character string in 10,000 cells"](), "too-large", /单元格文字总量超过/);
  });

  test("cells and merged ranges over the cell limit (scaled down)", () => {
    const limits = { ...LIMITS, cells: 2_000 };
    expect(() => readXlsxBuffer(exampleBytes()[0], "x.xlsx", limits)).toThrow(/单元格和合并区域超过 2,000 个/);
    let err: unknown;
    try {
      readXlsxBuffer(exampleBytes()[0], "x.xlsx", limits);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(XlsxReadError);
    expect((err as XlsxReadError).code).toBe("too-large");
  });

  test("deep nesting (100,000 levels) is read without a stack overflow", () => {
    const { outcome, problems } = readHostile(hostile["deep nesting (100,000 levels)"]());
    expect(problems).toEqual([]);
    expect(outcome?.ok).toBe(true);
  });

  test("coordinates beyond Excel's grid are refused; the last cell of the grid is read", () => {
    expectReason(
      hostile["cell beyond Excel's rows (A99999999)"](),
      "damaged",
      /超出 Excel 的范围（第 99,999,999 行第 1 列）/,
    );
    expectReason(hostile["cell beyond Excel's columns (ZZZZZZZZ1)"](), "damaged", /超出 Excel 的范围/);
    const last = readXlsxBuffer(hostile["cell at the last cell of the grid (XFD1048576)"](), "x.xlsx");
    expect(last.sheets[0].rows[1_048_575][16_383]).toBe(1);
    expect(readerHolds(withParts({ "xl/worksheets/sheet1.xml": sheetWithCell("XFD1048576") }))).toBe(true);
    expect(readerHolds(hostile["merged range over the whole grid"]())).toBe(true);
  });

  test('"1e400" in a number cell stays text (no Infinity reaches the engine)', () => {
    const wb = readXlsxBuffer(
      withParts({ "xl/worksheets/sheet1.xml": sheetWithCell("B2").replace("<v>1</v>", "<v>1e400</v>") }),
      "x.xlsx",
    );
    expect(wb.sheets[0].rows[1][1]).toBe("1e400");
  });
});

describe("files over the size limits", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "budget-limits-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a workbook over 100 MB is refused before it is read (sparse file), CLI exit 2 with one Chinese line", async () => {
    const file = path.join(dir, "巨大.xlsx");
    fs.writeFileSync(file, "");
    fs.truncateSync(file, LIMITS.workbookFileBytes + 1);
    await expect(readXlsxFile(file)).rejects.toThrow(/文件大小 100 MB 超过上限 100 MB/);
    const err: string[] = [];
    const out: string[] = [];
    const code = await main(["validate", file], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(out.join("")).toBe("");
    expect(err.join("").trim().split("\n")).toHaveLength(1);
    expect(err.join("")).toMatch(/^文件过大或结构异常/);
  });

  test("a zip bomb through the CLI: exit 2, one Chinese line, no stack, no annotated copy, the file unchanged", async () => {
    const file = path.join(dir, "炸弹.xlsx");
    fs.writeFileSync(
      file,
      hostileFiles()
        .find((h) => h.name.startsWith("zip bomb: sheet1.xml inflates to 1 GB"))!
        .bytes(),
    );
    const before = fs.readFileSync(file);
    const annotated = path.join(dir, "炸弹-标注.xlsx");
    const err: string[] = [];
    const code = await main(["validate", file, "--json", "--annotate", annotated], {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
    });
    expect(code).toBe(2);
    expect(err.join("")).toMatch(
      /^文件已损坏，无法读取：部件 xl\/worksheets\/sheet1\.xml 解压后的大小与记录不符[^\n]*\n$/,
    );
    // Nothing written, the file itself untouched.
    expect(fs.existsSync(annotated)).toBe(false);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test("catalog files: size and row limits with a Chinese reason (CLI and pane share catalog-bytes)", async () => {
    const big = path.join(dir, "科目表.csv");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, LIMITS.catalogFileBytes + 1);
    await expect(readCatalogFile(big)).rejects.toThrow(/科目表文件过大（20 MB），超过上限 20 MB/);
    const rows = Array.from({ length: LIMITS.catalogRows + 1 }, (_, i) => `${2010101 + i},名称`).join("\n");
    expect(() => catalogRowsFromBytes(new TextEncoder().encode(rows), "多.csv")).toThrow(
      /科目表行数过多（200,001 行，上限 200,000 行）/,
    );
    const err: string[] = [];
    const code = await main(
      ["validate", path.join(__dirname, "../../examples/seed-corrected.xlsx"), "--catalog", big],
      { stdout: () => undefined, stderr: (t) => err.push(t) },
    );
    expect(code).toBe(2);
    expect(err.join("")).toMatch(/^科目表文件过大/);
  });
});
