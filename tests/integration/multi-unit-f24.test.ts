/**
 * 表1-2 ↔ 表3-2 (F24) pair each unit with the same unit (issue #7): two units may carry the same 项 code with
 * different project amounts. Workbooks of 10 units with only these two tables; amounts moved between units 2 and 3
 * consistently keep the department sums.
 */
import { correctedSeed2024 } from "../../examples/data/corrected";
import type { LayoutOptions, RowTag } from "../../scripts/examples/build-workbook";
import type { WorkbookData } from "../../src/core/model/workbook";
import type { Finding } from "../../src/core/model/findings";
import { addr, buildAndRead, cellValue, check, describeFinding, Locator, plus, withCell } from "./support";

/** Errors and warnings, leaving out the tables this two-table workbook does not have. */
const loud = (fs: Finding[]): Finding[] => fs.filter((f) => f.severity !== "info" && f.rule !== "T-MISSING");

const layout: LayoutOptions = { units: 10, sharedProjectNames: true, order: ["1-2", "3-2"] };
const U2 = 1;
const U3 = 2;

describe("F24 matches 表3-2 and 表1-2 by unit and 项 code", () => {
  let wb: WorkbookData;
  let loc: Locator;
  beforeAll(async () => {
    wb = await buildAndRead(correctedSeed2024(), layout);
    loc = Locator.of(correctedSeed2024(), layout);
  });

  /** Adds delta to each located cell. */
  function shift(base: WorkbookData, cells: [Parameters<Locator["at"]>, number][]): WorkbookData {
    let out = base;
    for (const [at, delta] of cells) {
      const l = loc.at(...at);
      const c = { sheet: l.sheet, row: l.row, col: l.col };
      out = withCell(out, c, plus(cellValue(out, c), delta));
    }
    return out;
  }
  const in12 = (u: number, col: string, delta: number): [Parameters<Locator["at"]>, number][] => [
    [["1-2", (t: RowTag) => t.unitIndex === u && t.code === "2060704", col], delta],
    [["1-2", (t: RowTag) => t.unitIndex === u && t.kind === "unit", col], delta],
  ];
  const in32 = (u: number, delta: number): [Parameters<Locator["at"]>, number][] => [
    [["3-2", (t: RowTag) => t.unitIndex === u && t.name === "学术交流活动业务经费", "total"], delta],
    [["3-2", (t: RowTag) => t.unitIndex === u && t.kind === "group" && t.name === "学术交流活动", "total"], delta],
    [["3-2", (t: RowTag) => t.unitIndex === u && t.kind === "unit", "total"], delta],
  ];
  /** Unit 2 has 学术交流活动 13.00, unit 3 11.00, in both tables: consistent. */
  const differing = (): WorkbookData =>
    shift(wb, [
      ...in12(U2, "total", 1),
      ...in12(U2, "project", 1),
      ...in12(U3, "total", -1),
      ...in12(U3, "project", -1),
      ...in32(U2, 1),
      ...in32(U3, -1),
    ]);

  it("the same 项 code with different amounts in two units raises nothing", () => {
    expect(loud(check(wb).findings).map(describeFinding)).toEqual([]);
    expect(loud(check(differing()).findings).map(describeFinding)).toEqual([]);
  });

  it("a wrong project amount of 表1-2 in unit 3 is found at that unit's cell", () => {
    const l = loc.at("1-2", (t) => t.unitIndex === U3 && t.code === "2060704", "project");
    const cell = { sheet: l.sheet, row: l.row, col: l.col };
    const base = differing();
    const found = loud(check(withCell(base, cell, plus(cellValue(base, cell), 1))).findings);
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(addr(found[0].cells[0])).toBe(addr(cell));
  });

  it("amounts moved between units in 表3-2 alone break F24 in the unit over its 表1-2 lines (department sums agree)", () => {
    // Without 表2 the department is not known to spend only 一般公共预算, so 3-2 need only not exceed 1-2: unit 2
    // (13.00 against 12.00) is over, unit 3 (11.00) is within. Department-wide sums would see nothing.
    const found = loud(check(shift(wb, [...in32(U2, 1), ...in32(U3, -1)])).findings);
    expect(found).toHaveLength(1);
    const f24 = [found[0], ...(found[0].related ?? [])].filter((f) => f.rule === "F24");
    expect(f24.map((f) => f.message).some((m) => m.includes("单位“凉山州科学技术协会（2）”"))).toBe(true);
    const item = loc.at("3-2", (t) => t.unitIndex === U2 && t.name === "学术交流活动业务经费", "total");
    expect(addr(found[0].cells[0])).toBe(`${item.sheet}!${item.address}`);
  });
});
