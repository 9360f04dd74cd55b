/**
 * The gateway on every Office the deployment guide names, against the fake emulating each ExcelApi level
 * (1.1 = Office 2016 volume licence, 1.7 = Office 2019 volume licence, 1.9 = Office 2021, newest = Microsoft 365)
 * and both ways real Excel reports "no fill" (pattern "None", or pattern null + #FFFFFF + tintAndShade null as in
 * office-js#4900 / #6218); and the situations real Excel produces: inserted rows, renamed sheets, cells the user
 * recoloured, protected sheets, cell-edit mode, rejected RangeAreas addresses, RangeExceedsLimit, 5 MB responses,
 * co-authors' edits.
 */
import {
  createFakeExcel,
  NEWEST_API,
  type FakeApiVersion,
  type FakeExcel,
  type FakeExcelOptions,
} from "../../support/fake-excel";
import {
  PROBE_CHUNK,
  STATE_SHEET,
  WRITE_CHUNK,
  createOfficeGateway,
  fillKeyOf,
  highlightTargets,
  parseTracker,
} from "../../../src/hosts/excel/gateway";
import { checkWorkbook } from "../../../src/core/engine";
import { a1, type CellRef } from "../../../src/core/model/workbook";
import type { Finding, Severity } from "../../../src/core/model/findings";
import { comparable, loadFixture, syntheticWorkbook, type XlsxFixture } from "./fixture";

let fx: XlsxFixture;
beforeAll(async () => {
  fx = await loadFixture();
});

const gatewayOf = (fake: FakeExcel) => createOfficeGateway({ Excel: fake.Excel, Office: fake.Office });
const fakeOf = (opts: FakeExcelOptions = {}) => createFakeExcel(fx.workbook, { fills: fx.fills, ...opts });
const finding = (
  sheet: string,
  row: number,
  col: number,
  severity: Severity = "error",
  others: CellRef[] = [],
): Finding => ({
  rule: "T1",
  severity,
  message: "测试问题",
  cells: [{ sheet, row, col }, ...others],
});
const rank = (v: string) => Number(v.split(".")[1]);

const LEVELS: FakeApiVersion[] = ["1.1", "1.7", "1.9", NEWEST_API];

describe("pure helpers of real Excel's answers", () => {
  test("no fill is recognised as pattern None and as null + #FFFFFF + tintAndShade null; white is white", () => {
    expect(fillKeyOf({ color: "#FFFFFF", pattern: "None", tintAndShade: 0 })).toBe("none");
    expect(fillKeyOf({ color: "#FFFFFF", pattern: null, tintAndShade: null })).toBe("none");
    expect(fillKeyOf({ color: "#FFFFFF", pattern: null, tintAndShade: 0 })).toBe("#FFFFFF");
    expect(fillKeyOf({ color: "#FFFFFF", pattern: "Solid", tintAndShade: 0 })).toBe("#FFFFFF");
    expect(fillKeyOf({ color: "#ff0000", pattern: "Gray50", patternColor: "#00ff00", tintAndShade: 0 })).toBe(
      "#FF0000|Gray50|#00FF00|",
    );
    expect(fillKeyOf({ color: "#4472C4", pattern: "Solid", tintAndShade: 0.4 })).toBe("#4472C4|Solid|#000000|0.4");
  });

  test("tracker formulas are read back after Excel rewrote them; #REF! means the cell was deleted", () => {
    expect(parseTracker("=ISREF('1 部门收支总表'!B9)")).toEqual({ sheet: "1 部门收支总表", address: "B9" });
    expect(parseTracker("=ISREF('it''s'!$C$12)")).toEqual({ sheet: "it's", address: "C12" });
    expect(parseTracker("=ISREF(Sheet1!AA100)")).toEqual({ sheet: "Sheet1", address: "AA100" });
    expect(parseTracker("=ISREF(#REF!)")).toBeUndefined();
    expect(parseTracker(true)).toBeUndefined();
  });
});

describe("capabilities: each feature gated on its documented requirement set", () => {
  test.each([
    [
      "1.1",
      {
        rangeAreas: false,
        events: false,
        hyperlinks: false,
        hiddenState: false,
        tracksMoves: false,
        whiteVsNoFill: false,
        protection: false,
      },
    ],
    [
      "1.4",
      {
        rangeAreas: false,
        events: false,
        hyperlinks: false,
        hiddenState: true,
        tracksMoves: true,
        whiteVsNoFill: false,
        protection: true,
      },
    ],
    [
      "1.7",
      {
        rangeAreas: false,
        events: true,
        hyperlinks: true,
        hiddenState: true,
        tracksMoves: true,
        whiteVsNoFill: false,
        protection: true,
      },
    ],
    [
      "1.9",
      {
        rangeAreas: true,
        events: true,
        hyperlinks: true,
        hiddenState: true,
        tracksMoves: true,
        whiteVsNoFill: true,
        protection: true,
      },
    ],
  ] as const)("ExcelApi %s", (level, want) => {
    const caps = gatewayOf(createFakeExcel(syntheticWorkbook(1), { apiVersion: level })).capabilities();
    expect(caps).toMatchObject({ ...want, apiVersion: level });
  });
  test("the newest level is detected", () => {
    expect(gatewayOf(createFakeExcel(syntheticWorkbook(1), { apiVersion: NEWEST_API })).capabilities().apiVersion).toBe(
      NEWEST_API,
    );
  });
});

describe.each(LEVELS.flatMap((level) => (["None", "null"] as const).map((noFill) => [level, noFill] as const)))(
  "full cycle on ExcelApi %s, no fill reported as %s",
  (level, noFill) => {
    test("校验 (read + highlight), go to cell, 清除标记: every finding cell marked, every fill restored, no value written", async () => {
      const fake = fakeOf({ apiVersion: level, noFill });
      const gw = gatewayOf(fake);
      const fillsBefore = fake.state.allFills();
      const valuesBefore = fake.state.allValues();

      const data = await gw.readWorkbook();
      expect(fake.state.syncCount).toBe(2);
      const { findings } = checkWorkbook(data);
      expect(findings.some((f) => f.cells.length > 1)).toBe(true);
      // Also findings on the cells the user coloured (one is solid white), one with another cell to show light.
      const s0 = data.sheets[0].name;
      const extra = [
        finding(s0, 0, 0, "error", [{ sheet: s0, row: 5, col: 1 }]),
        finding(s0, 4, 1, "info"),
        finding(s0, 6, 1, "warning"),
        finding(data.sheets[1].name, 3, 0),
      ];
      const all = [...findings, ...extra];
      const res = await gw.applyHighlights(all);
      // The pane's 校验: 3 round trips from ExcelApi 1.9, 4 below (one more to read the targets' fills).
      expect(fake.state.syncCount).toBe(rank(level) >= 9 ? 3 : 4);
      expect(res.syncs).toBe(rank(level) >= 9 ? 1 : 2);

      const targets = highlightTargets(all);
      let n = 0;
      const wrong: string[] = [];
      for (const [sheet, cells] of targets)
        for (const c of cells.values()) {
          n++;
          const got = fake.state.fillOf(sheet, a1(c.row, c.col));
          if (got !== c.color) wrong.push(`${sheet}!${a1(c.row, c.col)}=${got}≠${c.color}`);
        }
      expect(wrong).toEqual([]);
      expect(res.cells).toBe(n);
      expect(fake.state.fillOf(s0, "B6")).not.toBe("#FFFFFF"); // the white cell is marked (light: other cell of a finding)
      if (rank(level) >= 2) expect(fake.state.sheet(STATE_SHEET)?.visibility).toBe("VeryHidden");
      else expect(fake.state.sheetNames()).not.toContain(STATE_SHEET); // 1.1 cannot hide a sheet: settings only
      expect(await gw.hasHighlights()).toBe(true);

      const first = findings.find((f) => f.cells.length > 0)!.cells[0];
      await gw.selectCell(first);
      expect(fake.state.selection).toEqual({ sheet: first.sheet, address: a1(first.row, first.col) });

      const beforeClear = fake.state.syncCount;
      const cleared = await gw.clearHighlights();
      expect(fake.state.syncCount - beforeClear).toBe(2);
      expect(cleared).toMatchObject({ restored: n, changedByUser: [], deleted: 0, protectedSheets: [] });
      // Below 1.9 a white fill cannot be told from no fill: it comes back as no fill (documented).
      const expected = JSON.parse(JSON.stringify(fillsBefore)) as Record<string, Record<string, string>>;
      if (rank(level) < 9) delete expected[s0].B6;
      expect(fake.state.allFills()).toEqual(expected);
      expect(fake.state.allValues()).toEqual(valuesBefore);
      expect(fake.state.valueWrites).toEqual([]);
      expect(fake.state.sheetNames()).not.toContain(STATE_SHEET);
      expect(await gw.hasHighlights()).toBe(false);
    });

    test("the state survives saving and reopening the workbook", async () => {
      const fake = fakeOf({ apiVersion: level, noFill });
      const before = fake.state.allFills();
      const s = fake.state.sheetNames()[0];
      await gatewayOf(fake).applyHighlights([finding(s, 0, 0), finding(s, 4, 1), finding(s, 30, 3, "info")]);
      const reopened = createFakeExcel({ sheets: [] }, { state: fake.state, apiVersion: level, noFill });
      const gw2 = gatewayOf(reopened);
      expect(await gw2.hasHighlights()).toBe(true);
      expect((await gw2.clearHighlights()).restored).toBe(3);
      expect(reopened.state.allFills()).toEqual(before);
    });
  },
);

describe.each(LEVELS)("re-check on ExcelApi %s", (level) => {
  test("校验 again with marks in place: the same round trips, the previous marks restored first, originals kept", async () => {
    const fake = fakeOf({ apiVersion: level });
    const gw = gatewayOf(fake);
    const before = fake.state.allFills();
    const s = fake.state.sheetNames()[0];
    await gw.readWorkbook();
    await gw.applyHighlights([finding(s, 0, 0), finding(s, 4, 1), finding(s, 20, 2)]);
    const start = fake.state.syncCount;
    await gw.readWorkbook();
    const res = await gw.applyHighlights([finding(s, 4, 1, "warning"), finding(s, 21, 2, "info")]);
    expect(fake.state.syncCount - start).toBe(rank(level) >= 9 ? 3 : 4);
    expect(res.changedByUser).toEqual([]);
    expect(fake.state.fillOf(s, "A1")).toBe(before[s].A1); // no longer a finding: restored
    expect(fake.state.fillOf(s, "C21")).toBeNull();
    expect(fake.state.fillOf(s, "B5")).toBe("#FFEB9C");
    expect(fake.state.fillOf(s, "C22")).toBe("#DDEBF7");
    await gw.clearHighlights();
    expect(fake.state.allFills()).toEqual(before);
  });
});

describe("what the user does between 校验 and 清除标记", () => {
  test.each(["1.7", "1.9", NEWEST_API] as const)(
    "ExcelApi %s: inserted rows and a renamed sheet: the marks follow their cells",
    async (level) => {
      const fake = fakeOf({ apiVersion: level });
      const gw = gatewayOf(fake);
      const s = fake.state.sheetNames()[0];
      const before = fake.state.allFills()[s];
      // B5 carries the user's green; C30 has no fill.
      await gw.applyHighlights([finding(s, 4, 1), finding(s, 29, 2, "warning")]);
      fake.state.userInsertRows(s, 2, 3); // three rows above both
      fake.state.userRenameSheet(s, "改名后的表");
      // The user's own fill now at B5 (was B2 before the insert: no fill) must not be touched.
      fake.state.userFill("改名后的表", "B5", "#123456");
      const res = await gw.clearHighlights();
      expect(res).toMatchObject({ restored: 2, changedByUser: [], deleted: 0 });
      const after = fake.state.allFills()["改名后的表"];
      expect(after.B8).toBe(before.B5); // the moved mark got its original back
      expect(after.C33).toBeUndefined();
      expect(after.B5).toBe("#123456");
      expect(fake.state.valueWrites).toEqual([]);
    },
  );

  test("ExcelApi 1.1 (no hidden sheet to track moves): a cell that no longer carries the mark is never overwritten", async () => {
    const fake = fakeOf({ apiVersion: "1.1" });
    const gw = gatewayOf(fake);
    const s = fake.state.sheetNames()[0];
    await gw.applyHighlights([finding(s, 4, 1), finding(s, 29, 2)]);
    fake.state.userInsertRows(s, 2, 3);
    const beforeClear = fake.state.allFills();
    const res = await gw.clearHighlights();
    // B5 now holds the old B2 (no fill, not ours): reported, left alone. The moved marks stay (the guide says so).
    expect(res.restored).toBe(0);
    expect(res.changedByUser).toEqual([`${s}!B5`]);
    expect(fake.state.allFills()).toEqual(beforeClear);
  });

  test.each(LEVELS)("ExcelApi %s: a renamed sheet is found by its id", async (level) => {
    const fake = fakeOf({ apiVersion: level });
    const before = fake.state.allFills();
    const s = fake.state.sheetNames()[0];
    const gw = gatewayOf(fake);
    await gw.applyHighlights([finding(s, 0, 0), finding(s, 6, 1)]);
    fake.state.userRenameSheet(s, "新名字");
    expect((await gw.clearHighlights()).restored).toBe(2);
    expect(fake.state.allFills()["新名字"]).toEqual(before[s]);
  });

  test.each(LEVELS)(
    "ExcelApi %s: a marked sheet deleted before 清除标记: counted, the other sheets restored",
    async (level) => {
      const fake = fakeOf({ apiVersion: level });
      const before = fake.state.allFills();
      const [s0, s1] = fake.state.sheetNames();
      const gw = gatewayOf(fake);
      await gw.applyHighlights([finding(s0, 0, 0), finding(s1, 3, 1), finding(s1, 3, 2)]);
      await fake.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(s1).delete();
        await ctx.sync();
      });
      const res = await gw.clearHighlights();
      expect(res).toMatchObject({ restored: 1, deleted: 2, changedByUser: [] });
      expect(fake.state.allFills()[s0]).toEqual(before[s0]);
      expect(await gw.hasHighlights()).toBe(false);
    },
  );

  test.each(LEVELS)(
    "ExcelApi %s: a cell the user recoloured keeps the user's colour and is reported",
    async (level) => {
      const fake = fakeOf({ apiVersion: level });
      const gw = gatewayOf(fake);
      const s = fake.state.sheetNames()[0];
      const before = fake.state.allFills()[s];
      await gw.applyHighlights([finding(s, 0, 0), finding(s, 6, 1), finding(s, 12, 4)]);
      fake.state.userFill(s, "E13", "#00FF00");
      const res = await gw.clearHighlights();
      expect(res.restored).toBe(2);
      expect(res.changedByUser).toEqual([`${s}!E13`]);
      expect(fake.state.allFills()[s]).toEqual({ ...before, E13: "#00FF00" });
    },
  );

  test("a re-check after the user recoloured a mark: the user's colour becomes the cell's original", async () => {
    const fake = fakeOf();
    const gw = gatewayOf(fake);
    const s = fake.state.sheetNames()[0];
    await gw.applyHighlights([finding(s, 12, 4)]);
    fake.state.userFill(s, "E13", "#00FF00");
    await gw.readWorkbook();
    const res = await gw.applyHighlights([finding(s, 12, 4, "warning")]);
    expect(res.changedByUser).toEqual([`${s}!E13`]);
    await gw.clearHighlights();
    expect(fake.state.fillOf(s, "E13")).toBe("#00FF00");
  });
});

describe("errors real Excel raises", () => {
  test.each(["1.1", "1.7", "1.9"] as const)(
    "ExcelApi %s: a protected sheet is skipped and named, the others are marked and restored",
    async (level) => {
      const names = fx.workbook.sheets.map((s) => s.name);
      const fake = fakeOf({ apiVersion: level, protectedSheets: [names[1]] });
      const before = fake.state.allFills();
      const gw = gatewayOf(fake);
      const res = await gw.applyHighlights([finding(names[0], 2, 2), finding(names[1], 2, 2), finding(names[2], 3, 3)]);
      expect(res.skippedSheets).toEqual([names[1]]);
      expect(res.cells).toBe(2);
      expect(fake.state.allFills()[names[1]]).toEqual(before[names[1]]);
      expect(fake.state.fillOf(names[2], "D4")).toBe("#FFC7CE");
      await gw.clearHighlights();
      expect(fake.state.allFills()).toEqual(before);
    },
  );

  test("a sheet protected after highlighting keeps its marks until 清除标记 after unprotecting", async () => {
    const names = fx.workbook.sheets.map((s) => s.name);
    const fake = fakeOf();
    const before = fake.state.allFills();
    const gw = gatewayOf(fake);
    await gw.applyHighlights([finding(names[0], 2, 2), finding(names[1], 2, 2)]);
    fake.state.sheet(names[1])!.protected = true;
    const first = await gw.clearHighlights();
    expect(first).toMatchObject({ restored: 1, protectedSheets: [names[1]] });
    expect(await gw.hasHighlights()).toBe(true);
    // A re-check meanwhile keeps them recorded.
    await gw.readWorkbook();
    await gw.applyHighlights([finding(names[2], 1, 1)]);
    fake.state.sheet(names[1])!.protected = false;
    expect((await gw.clearHighlights()).restored).toBe(2);
    expect(fake.state.allFills()).toEqual(before);
    expect(await gw.hasHighlights()).toBe(false);
  });

  test("cell-edit mode: from ExcelApi 1.11 the batch waits (delayForCellEdit); before, a Chinese message and nothing changed", async () => {
    const s = fx.workbook.sheets[0].name;
    const newest = fakeOf({ apiVersion: NEWEST_API });
    newest.state.cellEditMode = true;
    await gatewayOf(newest).applyHighlights([finding(s, 2, 2)]);
    expect(newest.state.delayedForCellEdit).toBe(1);
    expect(newest.state.fillOf(s, "C3")).toBe("#FFC7CE");

    const old = fakeOf({ apiVersion: "1.9" });
    const before = old.state.allFills();
    old.state.cellEditMode = true;
    const gw = gatewayOf(old);
    await expect(gw.applyHighlights([finding(s, 2, 2)])).rejects.toThrow(/单元格编辑状态.*按 Enter 或 Esc/);
    await expect(gw.readWorkbook()).rejects.toThrow(/单元格编辑状态/);
    expect(old.state.allFills()).toEqual(before);
    expect(await gw.hasHighlights()).toBe(false);
  });

  test("Excel rejects the RangeAreas address: the fills are sent again one rectangle at a time", async () => {
    const fake = createFakeExcel(syntheticWorkbook(1, 60, 30), {
      rejectGetRanges: true,
      fills: { 表1: { C3: "#FFFF00" } },
    });
    const before = fake.state.allFills();
    const gw = gatewayOf(fake);
    const findings = Array.from({ length: 40 }, (_, i) => finding("表1", 2 * (i % 20), 2 * Math.floor(i / 20) + 2));
    const res = await gw.applyHighlights(findings);
    expect(res.cells).toBe(40);
    expect(fake.state.rangeAreasCalls.length).toBeGreaterThan(0);
    for (const f of findings) expect(fake.state.fillOf("表1", a1(f.cells[0].row, f.cells[0].col))).toBe("#FFC7CE");
    await gw.clearHighlights();
    expect(fake.state.allFills()).toEqual(before);
    expect(fake.state.enableEvents).toBe(true);
  });

  test("RangeExceedsLimit on a used range: read in chunks, the same data", async () => {
    const wb = syntheticWorkbook(2, 50, 5);
    const fake = createFakeExcel(wb, { maxCellsPerRange: 100 });
    const data = await gatewayOf(fake).readWorkbook();
    expect(comparable(data)).toEqual(comparable(wb));
  });

  test("24,200 marked cells: writes in chunks, probes under Excel on the web's 5 MB per response, exact restore", async () => {
    const wb = syntheticWorkbook(1, 220, 110);
    const fake = createFakeExcel(wb, { fills: { 表1: { "A1:C3": "#00B0F0", J100: "#FFFF00" } } });
    const before = fake.state.allFills();
    const gw = gatewayOf(fake);
    const findings: Finding[] = [];
    for (let r = 0; r < 220; r++)
      for (let c = 0; c < 110; c++) findings.push(finding("表1", r, c, r % 3 === 0 ? "warning" : "error"));
    const res = await gw.applyHighlights(findings);
    expect(res.cells).toBe(24_200);
    // Sheet list, ceil(24,200 / WRITE_CHUNK) write requests.
    expect(res.syncs).toBe(1 + Math.ceil(24_200 / WRITE_CHUNK));
    // Each copy is 3 commands (target, source, copyFrom); a few more for the sheet, trackers and fills.
    expect(fake.state.maxOpsPerSync).toBeLessThanOrEqual(3 * WRITE_CHUNK + 50);
    const syncs = fake.state.syncCount;
    const cleared = await gw.clearHighlights(); // the fake rejects any response over 5 MB
    expect(cleared.restored).toBe(24_200);
    expect(fake.state.syncCount - syncs).toBe(Math.ceil(24_200 / PROBE_CHUNK) + 1);
    expect(fake.state.allFills()).toEqual(before);
  }, 60_000);
});

describe("events", () => {
  test.each(["1.7", "1.9"] as const)(
    "ExcelApi %s: this user's edits trigger a re-check, co-authors' (source Remote) do not",
    async (level) => {
      const fake = fakeOf({ apiVersion: level });
      const gw = gatewayOf(fake);
      let calls = 0;
      const off = await gw.onUserEdit(() => calls++);
      const s = fake.state.sheetNames()[2];
      fake.state.userEdit(s, "C3", 5, { remote: true });
      await new Promise((r) => setTimeout(r, 700));
      expect(calls).toBe(0);
      fake.state.userEdit(s, "C3", 6);
      await new Promise((r) => setTimeout(r, 700));
      expect(calls).toBe(1);
      await off();
      fake.state.userEdit(s, "C4", 7);
      await new Promise((r) => setTimeout(r, 700));
      expect(calls).toBe(1);
    },
  );

  test("ExcelApi 1.1: no events, and asking for them subscribes to nothing", async () => {
    const fake = fakeOf({ apiVersion: "1.1" });
    const gw = gatewayOf(fake);
    const off = await gw.onUserEdit(() => undefined);
    expect(fake.state.syncCount).toBe(0);
    await off();
  });
});

describe("the add-in's own sheets on ExcelApi 1.1", () => {
  test("校验结果 and 预算情况说明 are written without 1.2+ calls (no column widths, hyperlinks or hiding)", async () => {
    const fake = fakeOf({ apiVersion: "1.1" });
    const gw = gatewayOf(fake);
    const s = fake.state.sheetNames()[0];
    await gw.writeResultsSheet([finding(s, 3, 3)], []);
    await gw.writeResultsSheet([finding(s, 3, 3)], []);
    expect(fake.state.valueOf("校验结果", "F2")).toBe("D4");
    expect(await gw.writeNarrativeSheet(["说明"], false)).toBe("written");
    expect(await gw.writeNarrativeSheet(["说明"], false)).toBe("exists");
    expect(fake.state.valueWrites).toEqual([]);
  });
});
