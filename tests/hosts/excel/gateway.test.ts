/**
 * The Office gateway against the faithful fake Excel, built from a real .xlsx (the example workbook plus fills
 * of the user's own). Asserts round trips, RangeAreas limits, exact restoration of fills and that no value is
 * ever written into a user cell.
 */
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from "../../support/fake-excel";
import {
  LIGHT_COLORS,
  MAX_AREAS,
  SEVERITY_COLORS,
  MAX_AREA_CHARS,
  NARRATIVE_SHEET,
  RESULTS_SHEET,
  STATE_SHEET,
  chunkAddresses,
  createOfficeGateway,
  highlightTargets,
  mergeRects,
  rectAddress,
} from "../../../src/hosts/excel/gateway";
import { readXlsxBuffer } from "../../../src/hosts/xlsx/reader";
import { checkWorkbook } from "../../../src/core/engine";
import type { Finding, Severity } from "../../../src/core/model/findings";
import type { WorkbookData } from "../../../src/core/model/workbook";
import { comparable, loadFixture, syntheticWorkbook, type XlsxFixture } from "./fixture";

function gatewayOf(fake: FakeExcel) {
  return createOfficeGateway({ Excel: fake.Excel, Office: fake.Office });
}

function finding(sheet: string, row: number, col: number, severity: Severity = "error"): Finding {
  return { rule: "T1", severity, message: "测试问题", cells: [{ sheet, row, col }] };
}

/** n cells that never touch each other (every other row and column), so each is its own area. */
function scattered(sheet: string, n: number, severity: Severity = "error"): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; out.length < n; i++)
    for (let j = 0; j < 50 && out.length < n; j++) out.push(finding(sheet, 2 * i, 2 * j, severity));
  return out;
}

let fx: XlsxFixture;
beforeAll(async () => {
  fx = await loadFixture();
});

function fakeOf(opts: FakeExcelOptions = {}): FakeExcel {
  return createFakeExcel(fx.workbook, { fills: fx.fills, ...opts });
}

describe("pure helpers", () => {
  test("mergeRects merges blocks and keeps scattered cells apart", () => {
    const block = [];
    for (let r = 2; r <= 4; r++) for (let c = 1; c <= 3; c++) block.push({ row: r, col: c });
    expect(mergeRects(block).map(rectAddress)).toEqual(["B3:D5"]);
    expect(
      mergeRects([
        { row: 0, col: 0 },
        { row: 2, col: 0 },
        { row: 0, col: 2 },
      ])
        .map(rectAddress)
        .sort(),
    ).toEqual(["A1", "A3", "C1"]);
    // Every input cell is covered exactly once.
    const cells = [
      { row: 0, col: 0 },
      { row: 1, col: 0 },
      { row: 1, col: 1 },
      { row: 5, col: 7 },
      { row: 1, col: 0 },
    ];
    const covered = mergeRects(cells).reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
    expect(covered).toBe(4);
  });

  test("chunkAddresses respects both limits and loses nothing", () => {
    const addrs = Array.from({ length: 5000 }, (_, i) => `AB${i + 100}`);
    const chunks = chunkAddresses(addrs);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(MAX_AREA_CHARS);
      expect(c.split(",").length).toBeLessThanOrEqual(MAX_AREAS);
    }
    expect(chunks.join(",").split(",")).toEqual(addrs);
  });

  test("cells[0] in the strong colour, other cells light; strong beats light, then the worse severity", () => {
    const f: Finding[] = [
      finding("S", 1, 1, "info"),
      finding("S", 1, 1, "error"),
      finding("S", 1, 1, "warning"),
      {
        rule: "X",
        severity: "warning",
        message: "m",
        cells: [
          { sheet: "S", row: 3, col: 3 },
          { sheet: "S", row: 9, col: 9 },
        ],
      },
    ];
    f.push({
      rule: "Y",
      severity: "error",
      message: "m",
      cells: [
        { sheet: "S", row: 20, col: 1 },
        { sheet: "S", row: 3, col: 3 },
      ],
    });
    const t = highlightTargets(f).get("S")!;
    expect(t.get("1,1")).toMatchObject({ severity: "error", strong: true, color: SEVERITY_COLORS.error });
    // (3,3) is the cell to fix of a warning and the other side of an error: the strong warning colour wins.
    expect(t.get("3,3")).toMatchObject({ severity: "warning", strong: true, color: SEVERITY_COLORS.warning });
    expect(t.get("9,9")).toMatchObject({ severity: "warning", strong: false, color: LIGHT_COLORS.warning });
    expect(new Set(Object.values(LIGHT_COLORS)).size).toBe(3);
    for (const c of Object.values(LIGHT_COLORS)) expect(Object.values(SEVERITY_COLORS)).not.toContain(c);
  });
});

describe("readWorkbook", () => {
  test("reads the real workbook in 2 syncs, identical to the xlsx host's reader", async () => {
    const fake = fakeOf();
    const data = await gatewayOf(fake).readWorkbook();
    expect(fake.state.syncCount).toBe(2);
    expect(comparable(data)).toEqual(comparable(readXlsxBuffer(fx.buffer)));
    expect(data.sheets).toHaveLength(14);
  });

  test("30 sheets still take 2 syncs; own sheets are skipped", async () => {
    const wb = syntheticWorkbook(30);
    wb.sheets.push({ name: RESULTS_SHEET, rows: [["序号"]] });
    const fake = createFakeExcel(wb);
    const data = await gatewayOf(fake).readWorkbook();
    expect(fake.state.syncCount).toBe(2);
    expect(data.sheets.map((s) => s.name)).toEqual(wb.sheets.slice(0, 30).map((s) => s.name));
    expect(comparable(data)).toEqual(comparable({ sheets: wb.sheets.slice(0, 30) }));
  });

  test("absolute coordinates: a table starting at D7 keeps its position; empty sheets give no rows", async () => {
    const rows: (string | number | undefined)[][] = [];
    rows[6] = [undefined, undefined, undefined, "单位", 12.5];
    rows[9] = [undefined, undefined, undefined, undefined, 0];
    const fake = createFakeExcel({
      sheets: [
        { name: "A", rows },
        { name: "空表", rows: [] },
      ],
    });
    const data = await gatewayOf(fake).readWorkbook();
    expect(data.sheets[0].rows[6][3]).toBe("单位");
    expect(data.sheets[0].rows[6][4]).toBe(12.5);
    expect(data.sheets[0].rows[9][4]).toBe(0);
    expect(data.sheets[0].rows[7]).toBeUndefined();
    expect(data.sheets[1].rows).toEqual([]);
  });

  test("a used range too large for one response is read in chunks, with the same result", async () => {
    // A stray value far below the table makes the used range 300,000 rows × 8 columns (> 5 MB as JSON).
    const wb = syntheticWorkbook(2, 30, 8);
    wb.sheets[1].rows[299_999] = [];
    wb.sheets[1].rows[299_999][7] = "尾注";
    const fake = createFakeExcel(wb);
    const data = await gatewayOf(fake).readWorkbook();
    expect(comparable(data)).toEqual(comparable(wb));
    // 2 (list, failed read) + 1 (sizes) + ceil(2.4 M cells / 100 k) chunks.
    expect(fake.state.syncCount).toBeGreaterThan(3);
    expect(fake.state.syncCount).toBeLessThanOrEqual(3 + Math.ceil((300_000 * 8 + 30 * 8) / 100_000) + 1);
  });

  test("values null above the per-get cell limit (desktop) also falls back to chunks", async () => {
    const wb = syntheticWorkbook(1, 50, 5);
    const fake = createFakeExcel(wb, { maxCellsPerRead: 100 });
    const data = await gatewayOf(fake).readWorkbook();
    expect(comparable(data)).toEqual(comparable(wb));
  });
});

describe("applyHighlights / clearHighlights", () => {
  test.each([1, 500, 5000])("%i scattered cells: bounded syncs, addresses within limits, right colours", async (n) => {
    const wb = syntheticWorkbook(1, 220, 110);
    const fake = createFakeExcel(wb);
    const gw = gatewayOf(fake);
    const findings = scattered("表1", n);
    findings[0] = { ...findings[0], severity: "warning" };
    const res = await gw.applyHighlights(findings);
    expect(res.cells).toBe(n);
    // Without a read before it: sheet list + ONE write batch (formats copied to the state sheet, then filled).
    expect(res.syncs).toBe(2);
    expect(fake.state.syncCount).toBe(2);
    for (const call of fake.state.rangeAreasCalls) {
      expect(call.chars).toBeLessThanOrEqual(MAX_AREA_CHARS);
      expect(call.areas).toBeLessThanOrEqual(MAX_AREAS);
    }
    expect(fake.state.maxAddressChars).toBeLessThanOrEqual(MAX_AREA_CHARS);
    expect(fake.state.screenUpdatingSuspensions).toBe(1);
    expect(fake.state.fillOf("表1", "A1")).toBe("#FFEB9C");
    if (n > 1) expect(fake.state.fillOf("表1", "C1")).toBe("#FFC7CE");
    expect(fake.state.fillOf("表1", "B1")).toBeNull();
    expect(fake.state.sheet(STATE_SHEET)!.visibility).toBe("VeryHidden");
    expect(fake.state.valueWrites).toEqual([]);
    expect(fake.state.enableEvents).toBe(true);
  });

  test("validate + highlight + clear leaves every fill and value exactly as before, including the user's own fills", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    const fillsBefore = fake.state.allFills();
    const valuesBefore = fake.state.allValues();
    const data = await gw.readWorkbook();
    const { findings } = checkWorkbook(data);
    // The example workbook carries the published document's own slips.
    expect(findings.filter((f) => f.cells.length > 0).length).toBeGreaterThan(0);
    // Also highlight the cells the user had coloured (including a solid white one).
    const names = data.sheets.map((s) => s.name);
    const extra = [
      finding(names[0], 0, 0),
      finding(names[0], 4, 1, "info"),
      finding(names[0], 5, 1),
      finding(names[0], 6, 1, "warning"),
      finding(names[1], 3, 0),
    ];
    const all = [...findings, ...extra];
    const res = await gw.applyHighlights(all);
    expect(res.cells).toBeGreaterThanOrEqual(extra.length);
    expect(fake.state.fillOf(names[0], "A1")).toBe("#FFC7CE");
    expect(fake.state.fillOf(names[0], "B5")).toBe("#DDEBF7");
    expect(await gw.hasHighlights()).toBe(true);
    const cleared = await gw.clearHighlights();
    expect(cleared.restored).toBe(res.cells);
    expect(fake.state.sheetNames()).not.toContain(STATE_SHEET);
    expect(fake.state.allFills()).toEqual(fillsBefore);
    expect(fake.state.allValues()).toEqual(valuesBefore);
    expect(fake.state.valueWrites).toEqual([]);
    expect(await gw.hasHighlights()).toBe(false);
    expect(fake.state.fillOf(names[0], "B6")).toBe("#FFFFFF");
  });

  test("a second highlight first restores the first: originals always stay the pre-add-in fills", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    const fillsBefore = fake.state.allFills();
    const s = fake.state.sheetNames()[0];
    await gw.applyHighlights([finding(s, 0, 0), finding(s, 4, 1)]);
    const second = await gw.applyHighlights([finding(s, 4, 1, "warning"), finding(s, 10, 2, "info")]);
    // Sheet list, probe of the first highlight, one write batch.
    expect(second.syncs).toBe(3);
    expect(fake.state.fillOf(s, "A1")).toBe("#FFFF00"); // restored: not highlighted any more
    expect(fake.state.fillOf(s, "B5")).toBe("#FFEB9C");
    expect(fake.state.fillOf(s, "C11")).toBe("#DDEBF7");
    await gw.clearHighlights();
    expect(fake.state.allFills()).toEqual(fillsBefore);
  });

  test("a patterned fill (not solid) comes back with its pattern (1.9)", async () => {
    const fake = fakeOf();
    const s = fake.state.sheetNames()[0];
    await fake.Excel.run(async (ctx) => {
      const fill = ctx.workbook.worksheets.getItem(s).getRange("D4").format.fill;
      fill.color = "#FF0000";
      fill.pattern = "Gray50";
      await ctx.sync();
    });
    const before = fake.state.allFills();
    expect(before[s].D4).toBe("#FF0000/Gray50");
    const gw = gatewayOf(fake);
    await gw.applyHighlights([finding(s, 3, 3)]);
    expect(fake.state.allFills()[s].D4).toBe("#FFC7CE");
    await gw.clearHighlights();
    expect(fake.state.allFills()).toEqual(before);
  });

  test("an empty list of findings removes a previous highlight", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    const before = fake.state.allFills();
    const s = fake.state.sheetNames()[0];
    await gw.applyHighlights([finding(s, 0, 0)]);
    expect((await gw.applyHighlights([])).cells).toBe(0);
    expect(fake.state.allFills()).toEqual(before);
    expect(await gw.hasHighlights()).toBe(false);
  });

  test("clear works after the workbook was closed and reopened (state saved in the workbook)", async () => {
    const fake = fakeOf();
    const before = fake.state.allFills();
    const s = fake.state.sheetNames()[0];
    await gatewayOf(fake).applyHighlights([finding(s, 0, 0), ...scattered(fake.state.sheetNames()[4], 40)]);
    const reopened = createFakeExcel({ sheets: [] }, { state: fake.state });
    const gw2 = gatewayOf(reopened);
    expect(await gw2.hasHighlights()).toBe(true);
    const { restored } = await gw2.clearHighlights();
    expect(restored).toBe(41);
    expect(reopened.state.allFills()).toEqual(before);
    // hasHighlights reads the settings (no round trip); clear: probe, then restore + delete.
    expect(reopened.state.syncCount).toBe(2);
  });

  test("fallback below ExcelApi 1.9: per-rectangle ranges, mixed fills read per cell, exact restore of coloured cells", async () => {
    const fake = fakeOf({ apiVersion: "1.8" });
    const gw = gatewayOf(fake);
    expect(gw.capabilities()).toMatchObject({
      apiVersion: "1.8",
      rangeAreas: false,
      cellProperties: false,
      events: true,
    });
    const before = fake.state.allFills();
    const s = fake.state.sheetNames()[0];
    // A1 (yellow) + A2 (none) merge into one rectangle with mixed fills; B5:B7 are three user colours (one white).
    const res = await gw.applyHighlights([
      finding(s, 0, 0),
      finding(s, 1, 0),
      finding(s, 4, 1),
      finding(s, 5, 1),
      finding(s, 6, 1),
    ]);
    expect(res.cells).toBe(5);
    // Sheet list, the targets' fills (per cell), one write batch.
    expect(res.syncs).toBe(3);
    expect(fake.state.rangeAreasCalls).toEqual([]);
    expect(fake.state.fillOf(s, "A2")).toBe("#FFC7CE");
    await gw.clearHighlights();
    const after = fake.state.allFills();
    // Below 1.9 Excel reports "no fill" and a white fill both as #FFFFFF: the white cell comes back as no fill.
    const expected = { ...before, [s]: { ...before[s] } };
    delete expected[s].B6;
    expect(after).toEqual(expected);
    expect(fake.state.valueWrites).toEqual([]);
  });

  test("ExcelApi 1.4 (Office 2016): works without events, RangeAreas or suspendScreenUpdating", async () => {
    const fake = fakeOf({ apiVersion: "1.4" });
    const gw = gatewayOf(fake);
    expect(gw.capabilities()).toMatchObject({
      apiVersion: "1.4",
      rangeAreas: false,
      cellProperties: false,
      events: false,
    });
    const before = fake.state.allFills();
    const s = fake.state.sheetNames()[2];
    await gw.applyHighlights(scattered(s, 30));
    expect(fake.state.fillOf(s, "A1")).toBe("#FFC7CE");
    await gw.clearHighlights();
    expect(fake.state.allFills()).toEqual(before);
    const unsubscribe = await gw.onUserEdit(() => undefined);
    await unsubscribe();
  });

  test("RangeAreas limits of the host are never hit, even with a strict host", async () => {
    const wb = syntheticWorkbook(1, 220, 110);
    const fake = createFakeExcel(wb, { maxAddressChars: MAX_AREA_CHARS, maxAreas: MAX_AREAS });
    await gatewayOf(fake).applyHighlights(scattered("表1", 5000));
    expect(fake.state.rangeAreasCalls.length).toBeGreaterThanOrEqual(Math.ceil(5000 / MAX_AREAS));
  });

  test("findings on sheets that no longer exist are skipped", async () => {
    const fake = fakeOf();
    const res = await gatewayOf(fake).applyHighlights([
      finding("已删除的表", 0, 0),
      finding(fake.state.sheetNames()[0], 2, 2),
    ]);
    expect(res.cells).toBe(1);
  });
});

describe("sheets written by the add-in", () => {
  test("writeResultsSheet writes rows with hyperlinks and replaces its own sheet", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    const s = fake.state.sheetNames()[1];
    const findings: Finding[] = [
      { ...finding(s, 11, 5), table: "1-1", message: "合计不等于各项之和" },
      { rule: "MISSING", severity: "warning", message: "缺少表", table: "5", cells: [] },
    ];
    await gw.writeResultsSheet(findings, [{ id: "1-1", sheet: s, title: "部门收入总表" }]);
    await gw.writeResultsSheet(findings, [{ id: "1-1", sheet: s, title: "部门收入总表" }]);
    expect(fake.state.sheetNames().filter((n) => n === RESULTS_SHEET)).toHaveLength(1);
    const v = fake.state.allValues()[RESULTS_SHEET];
    expect([v.A1, v.B1, v.C1, v.D1, v.E1, v.F1, v.G1]).toEqual([
      "序号",
      "严重程度",
      "规则",
      "表",
      "工作表",
      "单元格",
      "说明",
    ]);
    expect([v.A2, v.B2, v.C2, v.D2, v.E2, v.F2, v.G2]).toEqual([
      1,
      "错误",
      "T1",
      "部门收入总表",
      s,
      "F12",
      "合计不等于各项之和",
    ]);
    expect([v.A3, v.B3, v.D3, v.F3]).toEqual([2, "警告", "国有资本经营预算支出预算表", undefined]);
    const link = fake.state.sheet(RESULTS_SHEET)!.hyperlinks.get(1 * 16384 + 5);
    expect(link?.documentReference).toBe(`'${s}'!F12`);
    expect(fake.state.activeSheet).toBe(RESULTS_SHEET);
    expect(fake.state.valueWrites).toEqual([]);
    expect(fake.state.syncCount).toBe(4);
  });

  test("readWorkbook leaves out the add-in's sheets, and reads 预算情况说明 back only when asked", async () => {
    const gw = gatewayOf(fakeOf());
    expect(await gw.writeNarrativeSheet(["一、收支预算情况说明", "收支总预算753.70万元。"], false)).toBe("written");
    expect((await gw.readWorkbook()).sheets.map((s) => s.name)).not.toContain(NARRATIVE_SHEET);
    const withNarrative = await gw.readWorkbook({ includeNarrativeSheet: true });
    const sheet = withNarrative.sheets.find((s) => s.name === NARRATIVE_SHEET);
    expect(sheet?.rows[1]?.[0]).toBe("收支总预算753.70万元。");
    expect(withNarrative.sheets.map((s) => s.name)).not.toContain("校验结果");
  });

  test("writeNarrativeSheet refuses to overwrite unless asked", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    expect(await gw.writeNarrativeSheet(["一、部门职责", "二、收支预算情况"], false)).toBe("written");
    expect(await gw.writeNarrativeSheet(["别的内容"], false)).toBe("exists");
    expect(fake.state.allValues()[NARRATIVE_SHEET]).toEqual({ A1: "一、部门职责", A2: "二、收支预算情况" });
    expect(await gw.writeNarrativeSheet(["新内容"], true)).toBe("written");
    expect(fake.state.allValues()[NARRATIVE_SHEET]).toEqual({ A1: "新内容" });
    expect(fake.state.valueWrites).toEqual([]);
  });

  test("the add-in's sheets are not read back as budget tables", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    await gw.writeNarrativeSheet(["说明"], false);
    await gw.writeResultsSheet([finding(fake.state.sheetNames()[0], 0, 0)], []);
    await gw.applyHighlights([finding(fake.state.sheetNames()[0], 0, 0)]);
    const data = await gw.readWorkbook();
    expect(data.sheets.map((s) => s.name)).toEqual(fx.workbook.sheets.map((s) => s.name));
  });
});

describe("selection, settings, events", () => {
  test("selectCell activates the sheet and selects the cell; a missing sheet gives a Chinese error", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    const s = fake.state.sheetNames()[3];
    await gw.selectCell({ sheet: s, row: 11, col: 5 });
    expect(fake.state.selection).toEqual({ sheet: s, address: "F12" });
    expect(fake.state.activeSheet).toBe(s);
    await expect(gw.selectCell({ sheet: "不存在", row: 0, col: 0 })).rejects.toThrow(/找不到工作表“不存在”/);
  });

  test("settings survive a reopen only once saved", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    expect(await gw.loadSetting("priorYear")).toBeUndefined();
    await gw.saveSetting("priorYear", { total: 123.45, year: 2023 });
    fake.Office.context.document.settings.set("unsaved", 1);
    const reopened = gatewayOf(createFakeExcel({ sheets: [] }, { state: fake.state }));
    expect(await reopened.loadSetting("priorYear")).toEqual({ total: 123.45, year: 2023 });
    expect(await reopened.loadSetting("unsaved")).toBeUndefined();
  });

  test("onUserEdit: debounced, ignores our own writes and own sheets, and unsubscribes", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    let calls = 0;
    const unsubscribe = await gw.onUserEdit(() => calls++);
    const s = fake.state.sheetNames()[0];
    fake.state.userEdit(s, "C3", 1);
    fake.state.userEdit(s, "C4", 2);
    fake.state.userEdit(s, "C5", 3);
    await new Promise((r) => setTimeout(r, 700));
    expect(calls).toBe(1);
    await gw.writeResultsSheet([finding(s, 0, 0)], []);
    await gw.applyHighlights([finding(s, 0, 0)]);
    await gw.writeNarrativeSheet(["说明"], true);
    await new Promise((r) => setTimeout(r, 900));
    expect(calls).toBe(1);
    // The user typing into the add-in's own sheet is not a budget edit.
    fake.state.userEdit(NARRATIVE_SHEET, "A5", "备注");
    await new Promise((r) => setTimeout(r, 700));
    expect(calls).toBe(1);
    await unsubscribe();
    fake.state.userEdit(s, "C6", 4);
    await new Promise((r) => setTimeout(r, 700));
    expect(calls).toBe(1);
  });
});

describe("the fake is faithful", () => {
  test("reading before load+sync throws PropertyNotLoaded; writes apply only at sync", async () => {
    const fake = fakeOf();
    const s = fake.state.sheetNames()[0];
    await fake.Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(s);
      expect(() => ws.name).toThrow(/PropertyNotLoaded|not available/);
      ws.load("name");
      expect(() => ws.name).toThrow();
      await ctx.sync();
      expect(ws.name).toBe(s);
      ws.getRange("Z99").format.fill.color = "#123456";
      expect(fake.state.fillOf(s, "Z99")).toBeNull();
      await ctx.sync();
      expect(fake.state.fillOf(s, "Z99")).toBe("#123456");
    });
  });

  test("RangeAreas beyond the limits, ApiNotFound below 1.9, VeryHidden delete and missing sheets reject the sync", async () => {
    const fake = createFakeExcel(syntheticWorkbook(1));
    const long = Array.from({ length: 600 }, (_, i) => `A${i * 2 + 1}`).join(",");
    await expect(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("表1").getRanges(long).format.fill.color = "#FF0000";
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("没有").load("name");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    await expect(
      fake.Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.add("隐藏");
        ws.visibility = "VeryHidden";
        await ctx.sync();
        ws.delete();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    const old = createFakeExcel(syntheticWorkbook(1), { apiVersion: "1.8" });
    await expect(
      old.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("表1").getRanges("A1,B2").format.fill.color = "#FF0000";
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

// Keeps the fixture honest: the user's fills really are in the .xlsx the fake is built from.
test("fixture: fills come from the .xlsx", () => {
  const first = fx.workbook.sheets[0].name;
  expect(fx.fills[first]).toMatchObject({ A1: "#FFFF00", B5: "#92D050", B6: "#FFFFFF", B7: "#00B0F0" });
  const wb: WorkbookData = fx.workbook;
  expect(wb.sheets.length).toBe(14);
});
