/**
 * Correct workbooks in layouts the example builder never produces: the corrected seed workbook is loaded with
 * exceljs, its sheets are turned into plain grids, transformed (titles, meta lines, header spellings, extra
 * rows / columns, code forms, block order), written back with exceljs to a buffer and read with the xlsx host.
 * Every variant must give all 14 tables and no error or warning.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { checkWorkbook, type CheckResult } from "../../../src/core/engine";
import { TABLE_IDS } from "../../../src/core/model/tables";
import { readXlsxBuffer } from "../../../src/hosts/xlsx/reader";

type V = string | number | null;
interface Sheet {
  name: string;
  rows: V[][];
  merges: [number, number, number, number][];
}

const SEED = path.join(__dirname, "..", "..", "..", "examples", "seed-corrected.xlsx");
let seedBytes: Buffer;

beforeAll(() => {
  seedBytes = fs.readFileSync(SEED);
});

/** The seed's sheets as grids; `repeatMerged` writes a merged range's value into every cell of the range. */
async function loadSeed(repeatMerged = false): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(seedBytes as unknown as ArrayBuffer);
  const out: Sheet[] = [];
  wb.eachSheet((ws) => {
    const rows: V[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const line: V[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = ws.getCell(r, c);
        if (!repeatMerged && cell.isMerged && cell.master !== cell) {
          line.push(null);
          continue;
        }
        const v = cell.value as unknown;
        line.push(
          typeof v === "number" || typeof v === "string"
            ? v
            : v == null
              ? null
              : String((v as { result?: unknown }).result ?? ""),
        );
      }
      while (line.length && line[line.length - 1] === null) line.pop();
      rows.push(line);
    }
    out.push({ name: ws.name, rows, merges: [] });
  });
  return out;
}

async function check(sheets: Sheet[]): Promise<CheckResult> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v;
      }),
    );
    for (const [t, l, b, rr] of s.merges) ws.mergeCells(t + 1, l + 1, b + 1, rr + 1);
  }
  const buf = await wb.xlsx.writeBuffer();
  return checkWorkbook(readXlsxBuffer(new Uint8Array(buf as ArrayBuffer), "unseen.xlsx"));
}

function expectClean(res: CheckResult): void {
  const bad = res.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.table ?? ""} ${f.message}`);
  expect(bad).toEqual([]);
  expect(res.tables.map((t) => t.id).sort()).toEqual([...TABLE_IDS].sort());
  expect(res.model.duplicates).toEqual([]);
}

// ------------------------------------------------------------------------------------------ helpers

/** Table id of a seed sheet, by its "N 名称" sheet name (1 → 1, 2 → 1-1, …). */
const SHEET_IDS = ["1", "1-1", "1-2", "2", "2-1", "3", "3-1", "3-2", "3-3", "4", "4-1", "5", "6", "7"];
function idOf(s: Sheet): string {
  return SHEET_IDS[Number(s.name.split(" ")[0]) - 1];
}
function sheetOf(sheets: Sheet[], id: string): Sheet {
  return sheets.find((s) => idOf(s) === id)!;
}
const text = (v: V | undefined): string => (v === null || v === undefined ? "" : String(v));
const squash = (v: V | undefined): string => text(v).replace(/\s+/g, "");
function width(s: Sheet): number {
  return Math.max(...s.rows.map((r) => r.length));
}
/** Replaces every cell whose text (spaces removed) equals `from`, in rows [r0, r1]. */
function rename(s: Sheet, from: string, to: string, r0 = 0, r1 = 6): void {
  for (let r = r0; r <= Math.min(r1, s.rows.length - 1); r++) {
    s.rows[r] = s.rows[r].map((v) => (squash(v) === from ? to : v));
  }
}
function insertColumn(s: Sheet, at: number, values: (r: number) => V = () => null): void {
  s.rows = s.rows.map((line, r) => {
    const copy = [...line];
    while (copy.length < at) copy.push(null);
    copy.splice(at, 0, values(r));
    return copy;
  });
}
/** Deletes a column from row `from` down (the title and meta lines above stay where they are). */
function deleteColumn(s: Sheet, at: number, from = 0): void {
  s.rows = s.rows.map((line, r) => (r < from ? line : line.filter((_v, c) => c !== at)));
}
/** Row index of the first line whose cells (spaces removed) include `t`. */
function rowWith(s: Sheet, t: string): number {
  return s.rows.findIndex((line) => line.some((v) => squash(v) === t));
}
/** First data row of a seed sheet: the first line holding a number, else the 合计 line above a no-data statement. */
function firstDataRow(s: Sheet): number {
  const r = s.rows.findIndex((line, k) => k > 1 && line.some((v) => typeof v === "number" || /无数据/.test(text(v))));
  return r > 0 && s.rows[r].some((v) => /无数据/.test(text(v))) && s.rows[r - 1].some((v) => squash(v) === "合计")
    ? r - 1
    : r;
}
const PUBLIC_NO: Record<string, string> = Object.fromEntries(SHEET_IDS.map((id) => [id, id]));

/**
 * Builds and checks one variant. Sheets are renamed Sheet1…Sheet14 first (after `fn` has found them by name), so a
 * table is never recognised through a sheet name standing for a title it failed to read.
 */
async function variant(fn: (sheets: Sheet[]) => void, repeatMerged = false): Promise<CheckResult> {
  const sheets = await loadSeed(repeatMerged);
  fn(sheets);
  sheets.forEach((s, k) => (s.name = `Sheet${k + 1}`));
  const res = await check(sheets);
  expectClean(res);
  return res;
}

// ------------------------------------------------------------------------------------------ tests

describe("correct workbooks in unseen layouts: 14 tables, no error or warning", () => {
  test("baseline: the corrected seed through the grid round trip", async () => {
    await variant(() => undefined);
  });

  test("titles with department and year in front", async () => {
    await variant((sheets) => {
      for (const s of sheets) {
        const t = text(s.rows[0][0]).replace(/（2024年度）$/, "");
        s.rows[0][0] = `凉山州科学技术协会2024年${t}`;
      }
    });
  });

  test("titles with （公开表N） after them", async () => {
    await variant((sheets) => {
      for (const s of sheets) s.rows[0][0] = `${text(s.rows[0][0])}（公开表${PUBLIC_NO[idOf(s)]}）`;
    });
  });

  test("titles with 表N / 附表N in front", async () => {
    await variant((sheets) => {
      sheets.forEach((s, k) => {
        s.rows[0][0] = `${k % 2 ? "附表" : "表"}${PUBLIC_NO[idOf(s)]} ${text(s.rows[0][0])}`;
      });
    });
  });

  test("title in a merged cell spanning the table", async () => {
    await variant((sheets) => {
      for (const s of sheets) s.merges.push([0, 0, 0, width(s) - 1]);
    });
  });

  test("no 部门 line (unit kept alone)", async () => {
    await variant((sheets) => {
      for (const s of sheets)
        for (const line of s.rows)
          line.forEach((v, c) => {
            if (/^部门：/.test(text(v))) line[c] = null;
          });
    });
  });

  test("unit written in the header row, no meta line", async () => {
    await variant((sheets) => {
      for (const s of sheets) {
        if (idOf(s) === "7" || idOf(s) === "6") continue;
        s.rows.splice(1, 1);
        const w = width(s);
        s.rows[1][w - 1] = s.rows[1][w - 1] ?? null;
        while (s.rows[1].length < w) s.rows[1].push(null);
        s.rows[1].push("单位：万元");
      }
    });
  });

  test("（万元） after the amount column labels, no unit line", async () => {
    await variant((sheets) => {
      for (const s of sheets) {
        if (idOf(s) === "7") continue;
        for (const line of s.rows)
          line.forEach((v, c) => {
            if (/单位：万元|金额：万元/.test(text(v))) line[c] = null;
          });
        const top = firstDataRow(s);
        for (let r = 1; r < top; r++)
          s.rows[r] = s.rows[r].map((v) => (/^(合计|预算数|金额)$/.test(squash(v)) ? `${squash(v)}（万元）` : v));
      }
    });
  });

  test("header label repeated in every cell of its merged range", async () => {
    await variant(() => undefined, true);
  });

  test("栏次 row under the header", async () => {
    await variant((sheets) => {
      for (const s of sheets) {
        const id = idOf(s);
        if (id === "6" || id === "7" || id === "1" || id === "2") continue;
        const top = firstDataRow(s);
        const w = width(s);
        const line: V[] = new Array(w).fill(null);
        line[0] = "栏次";
        // Number the amount columns: those holding a number anywhere below.
        let n = 1;
        for (let c = 0; c < w; c++) if (s.rows.slice(top).some((l) => typeof l[c] === "number")) line[c] = n++;
        if (n > 3) s.rows.splice(top, 0, line);
      }
    });
  });

  test("header spelled differently", async () => {
    await variant((sheets) => {
      const t1 = sheetOf(sheets, "1");
      rename(t1, "预算数", "金额");
      rename(t1, "项目", "科目名称");
      const t11 = sheetOf(sheets, "1-1");
      rename(t11, "单位名称（科目）", "科目名称");
      rename(t11, "项目", "科目");
      for (const id of ["1-2", "3", "3-2", "4", "5"]) {
        const s = sheetOf(sheets, id);
        rename(s, "科目编码", "功能分类科目编码");
        rename(s, "单位名称（科目）", "项目");
      }
      rename(sheetOf(sheets, "3-2"), "金额", "本年预算");
      rename(sheetOf(sheets, "2-1"), "科目编码", "部门经济分类科目编码");
      rename(sheetOf(sheets, "3-1"), "科目编码", "经济分类科目编码");
    });
  });

  test("blank spacer columns between blocks", async () => {
    await variant((sheets) => {
      insertColumn(sheetOf(sheets, "1"), 2);
      insertColumn(sheetOf(sheets, "2"), 2);
      insertColumn(sheetOf(sheets, "1-2"), 3);
      insertColumn(sheetOf(sheets, "1-2"), 6);
      insertColumn(sheetOf(sheets, "3"), 5);
    });
  });

  test("codes written as numbers (206, 7, 1)", async () => {
    await variant((sheets) => {
      for (const s of sheets) {
        const top = firstDataRow(s);
        for (let r = top; r < s.rows.length; r++) {
          const line = s.rows[r];
          for (let c = 0; c < 3 && c < line.length; c++) if (/^\d{2,3}$/.test(text(line[c]))) line[c] = Number(line[c]);
        }
      }
    });
  });

  test("codes written with a trailing space", async () => {
    await variant((sheets) => {
      for (const s of sheets) {
        const top = firstDataRow(s);
        for (let r = top; r < s.rows.length; r++) {
          const line = s.rows[r];
          for (let c = 0; c < 3 && c < line.length; c++)
            if (/^\d{2,3}$/.test(text(line[c]))) line[c] = `${text(line[c])} `;
        }
      }
    });
  });

  test("合计 row at the bottom of ledger tables", async () => {
    await variant((sheets) => {
      for (const id of ["1-1", "1-2", "2-1", "3", "3-1", "3-2", "3-3"]) {
        const s = sheetOf(sheets, id);
        const r = s.rows.findIndex(
          (line, k) => k > 1 && line.some((v) => squash(v) === "合计") && line.some((v) => typeof v === "number"),
        );
        const [total] = s.rows.splice(r, 1);
        let last = s.rows.length - 1;
        while (last > r && s.rows[last].every((v) => v === null)) last--;
        s.rows.splice(last + 1, 0, total);
      }
    });
  });

  test("类/款/项 subtotal lines in 1-2 and 3", async () => {
    await variant((sheets) => {
      for (const id of ["1-2", "3"]) {
        const s = sheetOf(sheets, id);
        const top = s.rows.findIndex((line) => /^\d{3}$/.test(text(line[0])));
        const body = s.rows.slice(top).filter((l) => /^\d{3}$/.test(text(l[0])));
        const rest = s.rows.slice(top + body.length);
        const amountCols = [
          ...new Set(body.flatMap((l) => l.map((v, c) => (typeof v === "number" ? c : -1)).filter((c) => c >= 0))),
        ];
        const nameCol = 4;
        const sum = (lines: V[][]) => {
          const out: V[] = new Array(Math.max(...lines.map((l) => l.length))).fill(null);
          for (const c of amountCols) {
            const cents = lines.reduce((a, l) => a + Math.round(Number(l[c] ?? 0) * 100), 0);
            if (lines.some((l) => typeof l[c] === "number")) out[c] = cents / 100;
          }
          return out;
        };
        const NAMES: Record<string, string> = {
          "206": "科学技术支出",
          "20607": "科学技术普及",
          "20699": "其他科学技术支出",
          "208": "社会保障和就业支出",
          "20805": "行政事业单位养老支出",
          "210": "卫生健康支出",
          "21011": "行政事业单位医疗",
          "221": "住房保障支出",
          "22102": "住房改革支出",
        };
        const out: V[][] = [];
        const classes = [...new Set(body.map((l) => text(l[0])))];
        for (const k of classes) {
          const inClass = body.filter((l) => text(l[0]) === k);
          const head = sum(inClass);
          head[0] = k;
          head[nameCol] = NAMES[k];
          out.push(head);
          for (const kk of [...new Set(inClass.map((l) => text(l[1])))]) {
            const inKuan = inClass.filter((l) => text(l[1]) === kk);
            const sub = sum(inKuan);
            sub[0] = k;
            sub[1] = kk;
            sub[nameCol] = NAMES[k + kk];
            out.push(sub);
            out.push(...inKuan);
          }
        }
        s.rows = [...s.rows.slice(0, top), ...out, ...rest];
      }
    });
  });

  test("表6 without the 单位名称 column", async () => {
    await variant((sheets) => {
      const s = sheetOf(sheets, "6");
      for (const line of s.rows) if (line[1] === null || line[1] === undefined) line[1] = line[0] ?? null;
      deleteColumn(s, 0);
    });
  });

  test("表6 with the 项目编码 in its own column", async () => {
    await variant((sheets) => {
      const s = sheetOf(sheets, "6");
      const head = rowWith(s, "项目名称");
      insertColumn(s, 1, (r) => {
        if (r === head) return "项目编码";
        const m = /^(\w{15,})-(.*)$/.exec(text(s.rows[r][1] ?? null));
        return m ? m[1] : null;
      });
      for (const line of s.rows) {
        const m = /^(\w{15,})-(.*)$/.exec(text(line[2] ?? null));
        if (m) line[2] = m[2];
      }
    });
  });

  test("titles with 表一 / 附表一 (Chinese numerals) in front", async () => {
    const CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四"];
    await variant((sheets) => {
      sheets.forEach((s, k) => {
        s.rows[0][0] = `${k % 2 ? "附表" : "表"}${CN[k]}：${text(s.rows[0][0])}`;
      });
    });
  });

  test("central-template titles (收支总表, 一般公共预算财政拨款支出表…)", async () => {
    const TITLES: Record<string, string> = {
      "1": "收支总表",
      "1-1": "收入总表",
      "1-2": "支出总表",
      "2": "财政拨款收支总表",
      "2-1": "财政拨款支出预算表（按部门经济分类科目）",
      "3": "一般公共预算财政拨款支出表",
      "3-1": "一般公共预算财政拨款基本支出表",
      "3-2": "一般公共预算财政拨款项目支出表",
      "3-3": "一般公共预算财政拨款“三公”经费支出表",
      "4": "政府性基金预算支出表",
      "4-1": "政府性基金预算“三公”经费支出表",
      "5": "国有资本经营预算支出表",
      "6": "项目支出绩效目标表",
      "7": "部门整体支出绩效目标表",
    };
    await variant((sheets) => {
      for (const s of sheets) s.rows[0][0] = `凉山州科学技术协会${TITLES[idOf(s)]}`;
    });
  });

  test("all 14 tables stacked on one sheet with a single blank row between them", async () => {
    await variant((sheets) => {
      const rows: V[][] = [];
      for (const s of sheets) {
        if (rows.length) rows.push([]);
        let last = s.rows.length - 1;
        while (last > 0 && s.rows[last].every((v) => v === null)) last--;
        rows.push(...s.rows.slice(0, last + 1));
      }
      sheets.splice(0, sheets.length, { name: "Sheet1", rows, merges: [] });
    });
  });

  test("编制单位 and unit in one meta cell; generic sheet names", async () => {
    await variant((sheets) => {
      sheets.forEach((s, k) => {
        for (const line of s.rows.slice(0, 3))
          line.forEach((v, c) => {
            if (/^部门：/.test(text(v))) line[c] = `编制单位：凉山州科学技术协会　　　　单位：万元`;
            else if (/^金额单位：万元$/.test(text(v)) && line.some((x) => /^编制单位/.test(text(x)))) line[c] = null;
          });
        s.name = `Sheet${k + 1}`;
      });
    });
  });

  test("amount columns called 本年预算", async () => {
    await variant((sheets) => {
      rename(sheetOf(sheets, "1"), "预算数", "本年预算");
      rename(sheetOf(sheets, "2"), "预算数", "本年预算");
      rename(sheetOf(sheets, "2"), "合计", "本年预算");
      rename(sheetOf(sheets, "3-2"), "金额", "本年预算");
      rename(sheetOf(sheets, "6"), "预算数", "本年预算");
    });
  });

  test("one joined 科目编码 column in 1-2, 3, 3-2, 4, 5 (2060701 in one cell)", async () => {
    await variant((sheets) => {
      for (const id of ["1-2", "3", "3-2", "4", "5"]) {
        const s = sheetOf(sheets, id);
        const head = rowWith(s, "类");
        const codeHead = rowWith(s, "科目编码");
        s.rows = s.rows.map((line, r) => {
          if (r === head) return [null, ...line.slice(3)];
          if (r === codeHead) return ["功能分类科目编码", ...line.slice(3)];
          const joined = [line[0], line[1], line[2]].map(text).join("");
          return [joined === "" ? null : joined, ...line.slice(3)];
        });
        // The header's other labels: the 类|款|项 row is now empty except under 项 目 groups.
        if (s.rows[head].every((v) => v === null)) s.rows.splice(head, 1);
      }
    });
  });

  test("表1 stacked: income lines, then expense lines, in one column pair", async () => {
    const res = await variant((sheets) => {
      const s = sheetOf(sheets, "1");
      const head = rowWith(s, "收入");
      const body = s.rows.slice(head + 2);
      const income = body.filter((l) => text(l[0]) !== "").map((l) => [l[0], l[1] ?? null]);
      const expense = body.filter((l) => text(l[2]) !== "").map((l) => [l[2], l[3] ?? null]);
      s.rows = [...s.rows.slice(0, head), ["项 目", "预算数"], ["收 入"], ...income, ["支 出"], ...expense];
    });
    const t1 = res.model.tables["1"];
    expect(t1?.kind).toBe("summary");
    if (t1?.kind !== "summary") return;
    expect(t1.income.find((l) => l.key === "grandTotal")?.amounts.amount?.fen).toBe(753_710_000);
    expect(t1.expense.find((l) => l.key === "class:206")?.amounts.amount?.fen).toBe(570_410_000);
    expect(t1.expense.find((l) => l.key === "grandTotal")?.amounts.amount?.fen).toBe(753_710_000);
  });

  test("表7 with its indicator block before the task block", async () => {
    await variant((sheets) => {
      const s = sheetOf(sheets, "7");
      const tasks = rowWith(s, "年度主要任务");
      const ind = rowWith(s, "年度绩效指标");
      let last = s.rows.length - 1;
      while (s.rows[last].every((v) => v === null)) last--;
      s.rows = [...s.rows.slice(0, tasks), ...s.rows.slice(ind, last + 1), ...s.rows.slice(tasks, ind)];
    });
  });

  test("zeros written in the empty amount cells of ledger tables", async () => {
    await variant((sheets) => {
      for (const id of ["1-1", "1-2", "2-1", "3", "3-1", "3-3"]) {
        const s = sheetOf(sheets, id);
        const top = firstDataRow(s);
        const amountCols = new Set(
          s.rows.slice(top).flatMap((l) => l.map((v, c) => (typeof v === "number" ? c : -1)).filter((c) => c >= 0)),
        );
        const w = width(s);
        for (let r = top; r < s.rows.length; r++) {
          if (s.rows[r].every((v) => v === null)) continue;
          for (let c = 0; c < w; c++) if (amountCols.has(c) && (s.rows[r][c] ?? null) === null) s.rows[r][c] = 0;
        }
      }
    });
  });

  test("三公 tables with a one-row header", async () => {
    await variant((sheets) => {
      for (const id of ["3-3", "4-1"]) {
        const s = sheetOf(sheets, id);
        const head = rowWith(s, "单位编码");
        s.rows.splice(head, 3, [
          "单位编码",
          "单位名称",
          "合计",
          "因公出国（境）费",
          "公务用车购置及运行费小计",
          "公务用车购置费",
          "公务用车运行费",
          "公务接待费",
        ]);
      }
    });
  });

  test("no 单位代码 column and no department / unit lines (ledger tables)", async () => {
    await variant((sheets) => {
      for (const id of ["1-1", "1-2", "3", "3-2", "4", "5"]) {
        const s = sheetOf(sheets, id);
        const head = rowWith(s, "单位代码");
        const uc = s.rows[head].findIndex((v) => squash(v) === "单位代码");
        s.rows = s.rows.filter(
          (l, r) =>
            r <= head ||
            !/^229/.test(text(l[uc])) ||
            /^\d{3}$/.test(text(l[0])) ||
            l.slice(0, uc).some((v) => text(v) !== ""),
        );
        deleteColumn(s, uc, 2);
      }
      for (const id of ["3-3"]) {
        const s = sheetOf(sheets, id);
        s.rows = s.rows.filter((l) => !/^229/.test(text(l[0])));
        rename(s, "单位编码", "");
        rename(s, "单位名称（科目）", "项目");
      }
    });
  });

  test("3-1 and 2-1 with one joined economic code column, no unit columns", async () => {
    await variant((sheets) => {
      for (const id of ["2-1", "3-1"]) {
        const s = sheetOf(sheets, id);
        const head = rowWith(s, "单位代码");
        const uc = s.rows[head].findIndex((v) => squash(v) === "单位代码");
        const nc = uc + 1;
        const top = firstDataRow(s);
        s.rows = s.rows
          .filter((l, r) => r < top || !/^229/.test(text(l[uc])))
          .map((l, r) => {
            const joined = /^3\d{2,}$/.test(text(l[uc])) ? text(l[uc]) : `${text(l[0])}${text(l[1])}`;
            if (r === head) return ["科目编码", "科目名称", ...l.slice(nc + 1)];
            if (r < 2) return l;
            if (r < top) return [r < head ? l[0] : null, null, ...l.slice(nc + 1)];
            return [joined === "" ? null : joined, l[nc] ?? null, ...l.slice(nc + 1)];
          });
      }
    });
  });

  test("1-1 by functional classification (科目编码 | 科目名称 | 合计 | 一般公共预算拨款收入…)", async () => {
    await variant((sheets) => {
      const s11 = sheetOf(sheets, "1-1");
      const s12 = sheetOf(sheets, "1-2");
      const lines = s12.rows.filter((l) => /^\d{3}$/.test(text(l[0])));
      const top = firstDataRow(s11);
      const total = s11.rows[top];
      const w = s11.rows[rowWith(s11, "合计")].length;
      const header1 = s11.rows[rowWith(s11, "合计")].map((v, c) => (c < 2 ? null : v));
      header1[0] = "科目编码";
      header1[3] = "科目名称";
      const header = ([null, null, null, null] as V[]).concat(header1.slice(2));
      header[0] = "科目编码";
      header[3] = "科目名称";
      const sub: V[] = ["类", "款", "项"];
      const body = lines.map((l) => {
        const row: V[] = new Array(w + 2).fill(null);
        row[0] = l[0];
        row[1] = l[1];
        row[2] = l[2];
        row[3] = l[4];
        row[4] = l[5];
        row[6] = l[5];
        return row;
      });
      const totalRow: V[] = [null, null, null, "合计", ...total.slice(2)];
      s11.rows = [...s11.rows.slice(0, rowWith(s11, "合计")), header, sub, totalRow, ...body];
    });
  });

  test("合计 label in the 类 column of ledger tables", async () => {
    await variant((sheets) => {
      for (const id of ["1-2", "3", "3-2", "4", "5"]) {
        const s = sheetOf(sheets, id);
        for (const line of s.rows.slice(3)) {
          const c = line.findIndex((v) => squash(v) === "合计");
          if (c > 0 && line.slice(0, c).every((v) => v === null)) {
            line[0] = line[c];
            line[c] = null;
          }
        }
      }
    });
  });

  test("表6 header in two rows (绩效指标 over the indicator columns)", async () => {
    await variant((sheets) => {
      const s = sheetOf(sheets, "6");
      const head = rowWith(s, "项目名称");
      const lower = s.rows[head].map((v, c) => (c >= 4 ? v : null));
      s.rows[head] = s.rows[head].map((v, c) => (c < 4 ? v : c === 4 ? "绩效指标" : null));
      s.rows.splice(head + 1, 0, lower);
      s.merges.push([head, 4, head, lower.length - 1]);
      for (let c = 0; c < 4; c++) s.merges.push([head, c, head + 1, c]);
    });
  });

  test("表7 funds on one line (资金总额 | 753.71 | 财政拨款 | 753.71 | 其他资金 | 0)", async () => {
    await variant((sheets) => {
      const s = sheetOf(sheets, "7");
      const r = rowWith(s, "年度部门整体支出预算");
      const vals = s.rows[r + 1];
      s.rows.splice(r, 2, ["年度部门整体支出预算", "资金总额", vals[1], "财政拨款", vals[4], "其他资金", vals[6]]);
    });
  });

  test("several changes at once: prefixed titles, no 部门 line, repeated merged labels, numeric codes, 2024年预算数, 合计 at the bottom", async () => {
    await variant((sheets) => {
      for (const s of sheets) {
        const id = idOf(s);
        s.rows[0][0] = `凉山州科学技术协会2024年${text(s.rows[0][0]).replace(/（2024年度）$/, "")}（公开表${id}）`;
        s.merges.push([0, 0, 0, width(s) - 1]);
        for (const line of s.rows)
          line.forEach((v, c) => {
            if (/^部门：/.test(text(v))) line[c] = null;
          });
        const top = firstDataRow(s);
        for (let r = top; r < s.rows.length; r++) {
          const line = s.rows[r];
          for (let c = 0; c < 3 && c < line.length; c++) if (/^\d{2,3}$/.test(text(line[c]))) line[c] = Number(line[c]);
        }
        if (["1-2", "3", "3-1"].includes(id)) {
          const r = s.rows.findIndex((line, k) => k >= top && line.some((v) => squash(v) === "合计"));
          const [total] = s.rows.splice(r, 1);
          s.rows.push(total);
        }
      }
      rename(sheetOf(sheets, "1"), "预算数", "2024年预算数");
    }, true);
  });

  test("2-1 in the one-level form: 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出", async () => {
    await variant((sheets) => {
      const s = sheetOf(sheets, "2-1");
      const top = firstDataRow(s);
      const body = s.rows.slice(top).filter((l) => !/^229/.test(text(l[2])) && l.some((v) => v !== null));
      s.rows = [
        ...s.rows.slice(0, 2),
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ...body.map((l) => {
          const code = `${text(l[0])}${text(l[1])}`;
          return [code === "" ? null : code, l[3] ?? null, l[4] ?? null, l[7] ?? null, l[8] ?? null];
        }),
      ];
    });
  });

  test("columns and sheets in another order", async () => {
    const swap = (sh: Sheet, a: number, b: number, from = 2) => {
      sh.rows = sh.rows.map((line, r) => {
        if (r < from) return line;
        const copy = [...line];
        while (copy.length <= Math.max(a, b)) copy.push(null);
        [copy[a], copy[b]] = [copy[b], copy[a]];
        return copy;
      });
    };
    await variant((sheets) => {
      swap(sheetOf(sheets, "1-2"), 6, 7); // 项目支出 before 基本支出
      swap(sheetOf(sheets, "1-2"), 3, 4); // 单位名称 before 单位代码
      swap(sheetOf(sheets, "1-1"), 3, 4); // 一般公共预算 before 上年结转
      swap(sheetOf(sheets, "3-1"), 5, 6); // 公用经费 before 人员经费
      sheets.reverse();
    });
  });

  test("表2 stacked: income lines, then expense lines, under 项目 | 合计 | 一般公共预算 | …", async () => {
    const res = await variant((sheets) => {
      const s = sheetOf(sheets, "2");
      const head = rowWith(s, "收入");
      const body = s.rows.slice(head + 2);
      const income = body.filter((l) => text(l[0]) !== "").map((l) => [l[0], l[1] ?? null]);
      const expense = body.filter((l) => text(l[2]) !== "").map((l) => l.slice(2, 7));
      s.rows = [
        ...s.rows.slice(0, head),
        ["项 目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
        ...income,
        ...expense,
      ];
    });
    const t2 = res.model.tables["2"];
    expect(t2?.kind).toBe("summary");
    if (t2?.kind !== "summary") return;
    expect(t2.expense.find((l) => l.key === "class:206")?.amounts.gpb?.fen).toBe(570_410_000);
  });

  test("栏次 row in 表1 and 表2 (栏次 | 1 | 栏次 | 2 …)", async () => {
    const res = await variant((sheets) => {
      for (const id of ["1", "2"]) {
        const s = sheetOf(sheets, id);
        const head = rowWith(s, "收入");
        const line: V[] = ["栏次", 1, "栏次"];
        for (let c = 3, n = 2; c < s.rows[head + 1].length; c++) line.push(n++);
        s.rows.splice(head + 2, 0, line);
      }
    });
    for (const id of ["1", "2"] as const) {
      const t = res.model.tables[id];
      if (t?.kind !== "summary") throw new Error(`表${id} not a summary table`);
      expect([...t.income, ...t.expense].filter((l) => /栏次/.test(l.label))).toEqual([]);
    }
  });

  test("表6 and 表7 with merged body cells filled down (unit, project, budget, goal, 一级/二级指标 on every line)", async () => {
    await variant((sheets) => {
      const s6 = sheetOf(sheets, "6");
      const top = firstDataRow(s6);
      const fill = (sh: Sheet, from: number, cols: number[], stop: (line: V[]) => boolean) => {
        const last: V[] = [];
        for (let r = from; r < sh.rows.length; r++) {
          const line = sh.rows[r];
          if (stop(line)) {
            last.length = 0;
            continue;
          }
          for (const c of cols) {
            if ((line[c] ?? null) === null && last[c] !== undefined) line[c] = last[c];
            else last[c] = line[c] ?? null;
          }
        }
      };
      // A new project resets 一级/二级 carried from the previous one; the department line stays alone.
      fill(s6, top + 2, [0], () => false);
      const projRows = s6.rows.map((l, r) => (r > top && text(l[1]) !== "" ? r : -1)).filter((r) => r >= 0);
      projRows.forEach((p, k) => {
        const end = k + 1 < projRows.length ? projRows[k + 1] : s6.rows.length;
        for (let r = p + 1; r < end; r++) for (const c of [1, 2, 3]) s6.rows[r][c] = s6.rows[p][c];
        let l1: V = null;
        for (let r = p; r < end; r++) {
          if (text(s6.rows[r][4]) !== "") l1 = s6.rows[r][4];
          else if (text(s6.rows[r][6]) !== "") s6.rows[r][4] = l1;
        }
      });
      const s7 = sheetOf(sheets, "7");
      const ind = rowWith(s7, "年度绩效指标");
      let l1: V = null;
      for (let r = ind + 1; r < s7.rows.length; r++) {
        const line = s7.rows[r];
        if (text(line[3]) === "") continue;
        line[0] = "年度绩效指标";
        if (text(line[1]) !== "") l1 = line[1];
        else line[1] = l1;
      }
      const tasks = rowWith(s7, "年度主要任务");
      for (let r = tasks + 1; r < ind; r++) if (text(s7.rows[r][1]) !== "") s7.rows[r][0] = "年度主要任务";
    });
  });

  test("one sheet, a 附表N label line above each title", async () => {
    await variant((sheets) => {
      const rows: V[][] = [];
      for (const s of sheets) {
        if (rows.length) rows.push([]);
        rows.push([`附表${PUBLIC_NO[idOf(s)]}`]);
        let last = s.rows.length - 1;
        while (last > 0 && s.rows[last].every((v) => v === null)) last--;
        rows.push(...s.rows.slice(0, last + 1));
      }
      sheets.splice(0, sheets.length, { name: "Sheet1", rows, merges: [] });
    });
  });

  test("joined codes with 类/款 subtotal lines (206, 20607, 2060701) in 1-2 and 3", async () => {
    await variant((sheets) => {
      for (const id of ["1-2", "3"]) {
        const s = sheetOf(sheets, id);
        const top = s.rows.findIndex((line) => /^\d{3}$/.test(text(line[0])));
        const body = s.rows.slice(top).filter((l) => /^\d{3}$/.test(text(l[0])));
        const rest = s.rows.slice(top + body.length);
        const amountCols = [
          ...new Set(body.flatMap((l) => l.map((v, c) => (typeof v === "number" ? c : -1)).filter((c) => c >= 0))),
        ];
        const NAMES: Record<string, string> = {
          "206": "科学技术支出",
          "20607": "科学技术普及",
          "20699": "其他科学技术支出",
          "208": "社会保障和就业支出",
          "20805": "行政事业单位养老支出",
          "210": "卫生健康支出",
          "21011": "行政事业单位医疗",
          "221": "住房保障支出",
          "22102": "住房改革支出",
        };
        const sum = (lines: V[][], code: string): V[] => {
          const out: V[] = new Array(Math.max(...lines.map((l) => l.length))).fill(null);
          for (const c of amountCols) {
            if (lines.some((l) => typeof l[c] === "number"))
              out[c] = lines.reduce((a, l) => a + Math.round(Number(l[c] ?? 0) * 100), 0) / 100;
          }
          out[0] = code;
          out[4] = NAMES[code];
          return out;
        };
        const out: V[][] = [];
        for (const k of [...new Set(body.map((l) => text(l[0])))]) {
          const inClass = body.filter((l) => text(l[0]) === k);
          out.push(sum(inClass, k));
          for (const kk of [...new Set(inClass.map((l) => text(l[1])))]) {
            const inKuan = inClass.filter((l) => text(l[1]) === kk);
            out.push(sum(inKuan, k + kk));
            out.push(...inKuan.map((l) => [`${text(l[0])}${text(l[1])}${text(l[2])}`, null, null, ...l.slice(3)]));
          }
        }
        s.rows = [...s.rows.slice(0, top), ...out, ...rest];
        const head = rowWith(s, "类");
        s.rows[head] = [];
        s.merges.push([head - 1, 0, head, 2]);
      }
    });
  });

  test("3-2 with 科目名称 and 项目名称 in their own columns (no group lines)", async () => {
    await variant((sheets) => {
      const s = sheetOf(sheets, "3-2");
      const head = rowWith(s, "单位名称（科目）");
      const top = firstDataRow(s);
      let group: V = null;
      const out: V[][] = [];
      for (const l of s.rows.slice(top)) {
        if (l.every((v) => v === null)) continue;
        const coded = /^\d{3}$/.test(text(l[0]));
        if (!coded && !/^229/.test(text(l[3])) && squash(l[4]) !== "合计") {
          group = l[4];
          continue;
        }
        out.push(coded ? [l[0], l[1], l[2], l[3], group, l[4], l[5]] : [l[0], l[1], l[2], l[3], l[4], null, l[5]]);
      }
      s.rows = [
        ...s.rows.slice(0, head),
        ["科目编码", null, null, "单位代码", "科目名称", "项目名称", "金额"],
        ["类", "款", "项"],
        ...out,
      ];
    });
  });

  test("表7 with its blocks in another order", async () => {
    await variant((sheets) => {
      const s = sheetOf(sheets, "7");
      const goal = rowWith(s, "年度总体目标");
      const tasks = rowWith(s, "年度主要任务");
      const ind = s.rows.findIndex((line, r) => r > tasks && text(line[0]) !== "");
      // 年度主要任务 block, then 年度总体目标, then the rest.
      const goalRows = s.rows.slice(goal, tasks);
      const taskRows = s.rows.slice(tasks, ind);
      s.rows = [...s.rows.slice(0, goal), ...taskRows, ...goalRows, ...s.rows.slice(ind)];
    });
  });
});
