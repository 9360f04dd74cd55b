/**
 * Departments of many units (issue #7): consistent workbooks of 1, 10 and 100 units in which every unit has the seed's
 * projects under the same names (each unit its own 学术交流活动业务经费, told apart by unit and project code) raise no
 * error or warning; 表6 ↔ 3-2 match within the unit, so a wrong project budget in one unit is found at its cell.
 * The 10-unit workbook is committed (examples/department-10-units.xlsx); the 100-unit one is built here.
 */
import { correctedSeed2024 } from "../../examples/data/corrected";
import { MULTI_UNIT_LAYOUT } from "../../scripts/build-examples";
import type { WorkbookData } from "../../src/core/model/workbook";
import {
  addr,
  buildAndRead,
  cellValue,
  check,
  describeFinding,
  loud,
  Locator,
  plus,
  readExample,
  withCell,
} from "./support";

describe("departments of many units sharing project names", () => {
  let ten: WorkbookData;
  beforeAll(() => {
    ten = readExample("department-10-units.xlsx");
  });

  it("the committed 10-unit example is what the builder makes, and every unit prints the same project names", async () => {
    const built = await buildAndRead(correctedSeed2024(), MULTI_UNIT_LAYOUT(10));
    expect(JSON.stringify(built.sheets.map((s) => s.rows))).toBe(JSON.stringify(ten.sheets.map((s) => s.rows)));
    const t6 = check(ten).model.tables["6"]!;
    const shared = t6.projects.filter((p) => p.name === "学术交流活动业务经费");
    expect(shared).toHaveLength(10);
    expect(new Set(shared.map((p) => p.unitName)).size).toBe(10);
  });

  it("10 units: no error, no warning", () => {
    expect(loud(check(ten).findings).map(describeFinding)).toEqual([]);
  });

  it("100 units: no error, no warning, and every unit is under the department in 表1-2", async () => {
    const wb = await buildAndRead(correctedSeed2024(), MULTI_UNIT_LAYOUT(100));
    const r = check(wb);
    expect(loud(r.findings).map(describeFinding)).toEqual([]);
    const t12 = r.model.tables["1-2"]!;
    const orgs = t12.rows.filter((x) => x.kind === "org");
    expect(orgs.length).toBe(101);
    expect(t12.rows[orgs[0].children[0]] === orgs[1]).toBe(true);
    expect(orgs[0].children.length).toBe(100);
  });

  it("a wrong 学术交流活动业务经费 budget in unit 7 of 表6 is one finding at that cell, not at the other units' projects", () => {
    const loc = Locator.of(correctedSeed2024(), MULTI_UNIT_LAYOUT(10));
    const l = loc.at(
      "6",
      (t) => t.kind === "indicator" && t.unitIndex === 6 && t.name === "学术交流活动业务经费" && t.indicatorIndex === 0,
      "budget",
    );
    const cell = { sheet: l.sheet, row: l.row, col: l.col };
    const found = loud(check(withCell(ten, cell, plus(cellValue(ten, cell), 1))).findings);
    expect(found.map(describeFinding)).toHaveLength(1);
    expect(addr(found[0].cells[0])).toBe(addr(cell));
  });
});
