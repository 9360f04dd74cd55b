/**
 * The rules on the example workbooks (built by scripts/examples/build-workbook.ts from the seed): the corrected copy
 * raises no error or warning; the as-published copy raises each slip of examples/data/slips.ts at its cell.
 */
import * as path from "path";
import { readXlsxFile } from "../../../src/hosts/xlsx/reader";
import { recognizeWorkbook } from "../../../src/core/recognition";
import { runRules } from "../../../src/core/rules";
import type { Finding, Severity } from "../../../src/core/model/findings";
import { SLIPS, type Slip } from "../../../examples/data/slips";
import { addr } from "./model-builder";

const ROOT = path.join(__dirname, "..", "..", "..");

async function check(file: string): Promise<Finding[]> {
  const wb = await readXlsxFile(path.join(ROOT, "examples", file));
  return runRules(recognizeWorkbook(wb).model);
}

const SEVERITY: Record<Slip["kind"], Severity> = {
  rounding: "warning",
  error: "error",
  warning: "warning",
  info: "info",
};

/**
 * Where the brief for the rules and the slip list disagree, the rules follow the brief (reported to the lead):
 * an empty 三级指标 name is a warning (the list says error); a blank 指标方向性 is one info per project listing every
 * blank cell (the list has a warning per cell).
 */
function divergence(s: Slip): Severity | undefined {
  if (/三级指标 is empty/.test(s.what)) return "warning";
  if (/指标方向性 is blank/.test(s.what)) return "info";
  return undefined;
}

const at = (s: { sheet: string; address: string }) => `${s.sheet}!${s.address}`;
/** cells[0] of a finding and of each equation a diagnosed fault keeps in related (issue #7). */
const firsts = (f: Finding): string[] =>
  [f.cells[0], ...(f.related ?? []).map((r) => r.cells[0])].filter(Boolean).map(addr);

describe("example workbooks", () => {
  it("the corrected copy raises no error and no warning", async () => {
    const fs = await check("seed-corrected.xlsx");
    expect(fs.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${addr(f.cells[0])} ${f.message}`)).toEqual(
      [],
    );
  });

  describe("the as-published copy", () => {
    let fs: Finding[] = [];
    beforeAll(async () => {
      fs = await check("seed-as-published.xlsx");
    });

    it("raises every slip at its cell with the slip's severity", () => {
      expect(SLIPS.length).toBeGreaterThan(20);
      const missing: string[] = [];
      for (const s of SLIPS) {
        const other = divergence(s);
        const ok = other
          ? fs.some((f) => f.severity === other && f.cells.some((c) => addr(c) === at(s)))
          : fs.some((f) => f.severity === SEVERITY[s.kind] && firsts(f).includes(at(s)));
        if (!ok) missing.push(`${s.kind} ${at(s)} ${s.what}`);
      }
      expect(missing).toEqual([]);
    });

    it("raises no error or warning outside the rows of the slips", () => {
      const rows = new Set(SLIPS.map((s) => `${s.sheet}!${s.address.replace(/^[A-Z]+/, "")}`));
      const extra = fs
        .filter((f) => f.severity !== "info")
        .filter((f) => !firsts(f).some((a) => rows.has(a.replace(/![A-Z]+/, "!"))))
        .map((f) => `${f.rule} ${addr(f.cells[0])} ${f.message}`);
      expect(extra).toEqual([]);
    });

    it("names the bound in every 尾差 warning", () => {
      // A diagnosed fault states the bound in each equation it keeps in related.
      const own = fs.filter((f) => !f.related && f.message.includes("属尾差"));
      const kept = fs.flatMap((f) => f.related ?? []).filter((r) => r.message.includes("属尾差"));
      expect(own.length + kept.length).toBeGreaterThan(10);
      for (const f of own) expect(f.severity).toBe("warning");
      for (const m of [...own, ...kept].map((f) => f.message)) expect(m).toMatch(/尾差允许范围±\d+\.\d{3}万元以内/);
    });
  });
});
