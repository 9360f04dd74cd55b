import { SAVE_REMINDER, capabilityNotes, clearNotice, highlightNotice } from "../../src/taskpane/host-messages";

const clean = { restored: 12, changedByUser: [], deleted: 0, protectedSheets: [], syncs: 2, orphanState: false };

test("highlight: protected sheets named, recoloured cells reported, nothing said otherwise", () => {
  expect(highlightNotice({ skippedSheets: [], changedByUser: [] })).toBeUndefined();
  const n = highlightNotice({ skippedSheets: ["表2"], changedByUser: ["表1!B5", "表1!B6", "表1!B7", "表1!B8"] })!;
  expect(n.intent).toBe("warning");
  expect(n.text).toContain("以下工作表受保护，未标记：表2");
  expect(n.text).toContain("表1!B5、表1!B6、表1!B7 等 4 个");
});

test("clear: count, cells left alone, deleted rows, protected sheets, and the save reminder", () => {
  expect(clearNotice(clean)).toEqual({
    intent: "success",
    text: "已清除标记，恢复了 12 个单元格的原有填充。请保存工作簿。",
  });
  const w = clearNotice({ ...clean, changedByUser: ["表1!E13"], deleted: 2, protectedSheets: ["表3"] });
  expect(w.intent).toBe("warning");
  expect(w.text).toMatch(/表1!E13 单元格在标记后被改色或移动，未作改动/);
  expect(w.text).toMatch(/2 个标记过的单元格所在行或工作表已被删除/);
  expect(w.text).toMatch(/工作表 表3 受保护，其标记保留/);
  expect(clearNotice({ ...clean, restored: 0, orphanState: true }).intent).toBe("warning");
  expect(SAVE_REMINDER).toMatch(/保存工作簿/);
});

test("capability notes follow the host: nothing promised that it cannot do", () => {
  const newest = capabilityNotes({ apiVersion: "1.20", whiteVsNoFill: true, tracksMoves: true, events: true });
  expect(newest).toHaveLength(1);
  expect(newest[0]).toMatch(/渐变填充和图案色调无法通过加载项恢复/);
  const office2016 = capabilityNotes({ apiVersion: "1.1", whiteVsNoFill: false, tracksMoves: false, events: false });
  expect(office2016.join("\n")).toMatch(/ExcelApi 1\.1.*无法区分白色填充与无填充/);
  expect(office2016.join("\n")).toMatch(/请先清除标记，再插入或删除行/);
  expect(office2016.join("\n")).toMatch(/不支持编辑后自动重新校验/);
});
