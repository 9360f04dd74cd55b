/** The pane's 检查说明 helpers: a sheet's rows as numbered lines, candidate sheets, pasted text. */
import { narrativeSheetCandidates, pastedLines, sheetTextLines } from "../../src/taskpane/narrative-check";
import type { WorkbookData } from "../../src/core/model/workbook";

describe("检查说明 helpers", () => {
  test("a sheet's rows are lines numbered like Excel rows (empty rows kept, cells joined)", () => {
    const rows = [];
    rows[0] = ["第三部分 说明"];
    rows[2] = [null, "一、收支预算情况说明"];
    rows[3] = ["收支总预算", 753.7, "万元"];
    expect(sheetTextLines({ name: "说明", rows })).toEqual([
      "第三部分 说明",
      "",
      "一、收支预算情况说明",
      "收支总预算 753.7 万元",
    ]);
  });

  test("candidate sheets: only sheets that are not tables, those that look like a narrative first", () => {
    const wb: WorkbookData = {
      sheets: [
        { name: "1 部门收支总表", rows: [["部门收支总表"]] },
        { name: "备注", rows: [["随便写写"]] },
        { name: "Sheet3", rows: [["一、收支预算情况说明"]] },
      ],
    };
    expect(narrativeSheetCandidates(wb, ["备注", "Sheet3"])).toEqual(["Sheet3", "备注"]);
    expect(narrativeSheetCandidates(wb, [])).toEqual([]);
  });

  test("the add-in's own 预算情况说明 sheet is a candidate whenever it was read (an edited copy is checked)", () => {
    const wb: WorkbookData = {
      sheets: [
        { name: "1 部门收支总表", rows: [["部门收支总表"]] },
        { name: "预算情况说明", rows: [["一、收支预算情况说明"]] },
      ],
    };
    expect(narrativeSheetCandidates(wb, [])).toEqual(["预算情况说明"]);
  });

  test("pasted text: CRLF and blank lines as a .txt file", () => {
    expect(pastedLines("一\r\n\r\n二\n")).toEqual(["一", "", "二"]);
  });
});
