/**
 * Trees of departments of 1 to 1,000 units (issue #7). The workbooks come straight from the builder's plan (writing
 * and reading a 1,000-unit xlsx is what `npm run bench` measures, with the engine's time per row at each size).
 * Every unit table holds the department with all its units under it, each unit with its own lines; 表6 holds every
 * unit's projects under that unit.
 */
import { correctedSeed2024 } from "../../examples/data/corrected";
import { MULTI_UNIT_LAYOUT } from "../../scripts/build-examples";
import { planWorkbook } from "../../scripts/examples/build-workbook";
import { recognizeWorkbook } from "../../src/core/recognition";
import { planToWorkbookData } from "./support";

const seed6 = correctedSeed2024().tables["6"];
const PROJECTS_PER_UNIT = seed6.kind === "perf" ? seed6.projects.length : 0;

describe.each([1, 10, 1000])("%i units", (units) => {
  const { model } = recognizeWorkbook(planToWorkbookData(planWorkbook(correctedSeed2024(), MULTI_UNIT_LAYOUT(units))));

  it.each(["1-1", "1-2", "2-1", "3-1", "3-2"] as const)("表%s: department → every unit → its lines", (id) => {
    const t = model.tables[id]!;
    const orgIdx = t.rows.flatMap((r, i) => (r.kind === "org" ? [i] : []));
    expect(orgIdx).toHaveLength(units + 1);
    const orgs = orgIdx.map((i) => t.rows[i]);
    const dept = orgs[0];
    expect(dept.children).toEqual(orgIdx.slice(1));
    const codes = new Set(orgs.slice(1).map((u) => u.unitCode));
    expect(codes.size).toBe(units);
    if (id === "1-1") return;
    const sizes = new Set(orgs.slice(1).map((u) => u.children.length));
    expect(sizes.size).toBe(1);
    expect([...sizes][0]).toBeGreaterThan(0);
    const want = id === "3-2" ? "group" : "item";
    const odd = orgs.slice(1).flatMap((u) => u.children.filter((c) => t.rows[c].kind !== want));
    expect(odd).toEqual([]);
  });

  it("表6: every unit's projects under that unit", () => {
    const t6 = model.tables["6"]!;
    expect(t6.projects).toHaveLength(units * PROJECTS_PER_UNIT);
    expect(new Set(t6.projects.map((p) => p.unitName)).size).toBe(units);
  });
});
