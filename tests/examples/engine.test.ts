/**
 * Integration: the project's engine on the example workbooks. The corrected copy must come out clean (no error or
 * warning); on the published copy every listed slip must be pointed at by some finding.
 */
import * as fs from "fs";
import * as path from "path";
import { SLIPS } from "../../examples/data/slips";
import { checkWorkbook } from "../../src/core/engine";
import { a1 } from "../../src/core/model/workbook";
import { readXlsxBuffer } from "../../src/hosts/xlsx/reader";

const dir = path.join(__dirname, "..", "..", "examples");
const check = (name: string) =>
  checkWorkbook(readXlsxBuffer(new Uint8Array(fs.readFileSync(path.join(dir, name))), name));

describe("engine on the example workbooks", () => {
  it("recognises all 14 tables in both copies", () => {
    for (const f of ["seed-as-published.xlsx", "seed-corrected.xlsx"]) expect(check(f).tables).toHaveLength(14);
  });

  it("finds no error or warning in the corrected copy", () => {
    const bad = check("seed-corrected.xlsx").findings.filter((f) => f.severity !== "info");
    expect(bad.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  it("points at every slip of the published copy", () => {
    const r = check("seed-as-published.xlsx");
    const cells = new Set(r.findings.flatMap((f) => f.cells.map((c) => `${c.sheet}!${a1(c.row, c.col)}`)));
    const missed = SLIPS.filter((s) => !cells.has(`${s.sheet}!${s.address}`)).map(
      (s) => `${s.table} ${s.address} ${s.what}`,
    );
    expect(missed).toEqual([]);
    expect(r.findings.some((f) => f.severity === "error")).toBe(true);
  });
});
