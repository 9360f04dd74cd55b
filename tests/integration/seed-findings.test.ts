/**
 * The whole engine (recognition + rules, checkWorkbook) on the two example workbooks, read with the xlsx host.
 *
 * - seed-corrected.xlsx: all 14 tables recognised where the builder put them; no error, no warning. Its info
 *   findings are written to test-output/integration/corrected-info.json (and listed in the report).
 * - seed-as-published.xlsx: exactly its slips (examples/data/slips.ts, explained in examples/SLIPS.md):
 *   every slip of kind error / warning / rounding is raised AT its cell (cells[0]) with its severity (rounding → a
 *   warning), and every error or warning the engine raises is at a slip's cell or is explained by one (the same wrong
 *   total repeated in the other total columns of the slip's line, which SLIPS.md names: 2-1 "总计, 合计 and the
 *   dept/unit lines too", 表3 "the department and unit lines repeat it", 3-1 "the same four gaps").
 */
import { SLIPS, type Slip } from "../../examples/data/slips";
import { correctedSeed2024 } from "../../examples/data/corrected";
import { seed2024 } from "../../examples/data/seed2024";
import type { CheckResult } from "../../src/core/engine";
import type { Finding, Severity } from "../../src/core/model/findings";
import { TABLE_IDS, type TableId } from "../../src/core/model/tables";
import { parseA1, type WorkbookData } from "../../src/core/model/workbook";
import { addr, cellValue, check, describeFinding, locAddr, Locator, readExample, writeOutput } from "./support";

const SEVERITY: Record<Slip["kind"], Severity> = {
  rounding: "warning",
  error: "error",
  warning: "warning",
  info: "info",
};

/**
 * Slips where the rules deliberately differ from the slip list (decided by the rules' brief; reported to the lead):
 * the test stays strict and is marked failing until one side changes.
 */
const KNOWN_SEVERITY_DIVERGENCE: ((s: Slip) => string | undefined)[] = [];

const knownDivergence = (s: Slip): string | undefined =>
  KNOWN_SEVERITY_DIVERGENCE.map((f) => f(s)).find((x) => x !== undefined);

const LOUD_KINDS = new Set<Slip["kind"]>(["error", "warning", "rounding"]);

/** cells[0] of a finding and of each equation it keeps in `related` (a diagnosed fault). */
const firstCells = (f: Finding): string[] =>
  [f.cells[0], ...(f.related ?? []).map((x) => x.cells[0])].filter(Boolean).map(addr);

describe("seed-corrected.xlsx", () => {
  let wb: WorkbookData;
  let r: CheckResult;
  beforeAll(() => {
    wb = readExample("seed-corrected.xlsx");
    r = check(wb);
  });

  it("recognises the 14 tables, each on the sheet the builder put it", () => {
    const loc = Locator.of(correctedSeed2024());
    expect(r.tables.map((t) => t.id)).toEqual(TABLE_IDS);
    for (const t of r.tables) expect([t.id, t.sheet]).toEqual([t.id, loc.sheetOf(t.id as TableId)]);
  });

  it("raises no error and no warning", () => {
    expect(r.findings.filter((f) => f.severity !== "info").map(describeFinding)).toEqual([]);
  });

  it("raises info findings only inside recognised tables (listed in test-output/integration/corrected-info.json)", () => {
    const loc = Locator.of(correctedSeed2024());
    const info = r.findings.filter((f) => f.severity === "info");
    writeOutput("corrected-info.json", info.map(describeFinding));
    const outside = info.filter((f) => !f.cells[0] || loc.tableAt(f.cells[0]) === undefined).map(describeFinding);
    expect(outside).toEqual([]);
  });
});

describe("seed-as-published.xlsx", () => {
  let wb: WorkbookData;
  let r: CheckResult;
  beforeAll(() => {
    wb = readExample("seed-as-published.xlsx");
    r = check(wb);
  });

  it("recognises the 14 tables, each on the sheet the builder put it", () => {
    const loc = Locator.of(seed2024());
    expect(r.tables.map((t) => t.id)).toEqual(TABLE_IDS);
    for (const t of r.tables) expect([t.id, t.sheet]).toEqual([t.id, loc.sheetOf(t.id as TableId)]);
  });

  it("has slips to check (the list is not empty)", () => {
    expect(SLIPS.filter((s) => LOUD_KINDS.has(s.kind)).length).toBeGreaterThan(25);
  });

  const loudSlips = SLIPS.filter((s) => LOUD_KINDS.has(s.kind));
  describe.each(loudSlips.map((s) => [`${s.kind} 表${s.table} ${s.address}: ${s.what.slice(0, 70)}`, s] as const))(
    "slip %s",
    (_n, s) => {
      const known = knownDivergence(s);
      (known ? test.failing : test)(
        `is raised at ${s.sheet}!${s.address} as ${SEVERITY[s.kind]}${known ? ` (known: ${known})` : ""}`,
        () => {
          // At the slip's cell: cells[0] of a finding, or of one of the equations a diagnosed fault keeps in `related`.
          const at = r.findings.filter((f) => firstCells(f).includes(locAddr(s)));
          const ok = at.some((f) => f.severity === SEVERITY[s.kind]);
          if (!ok) {
            throw new Error(
              `no ${SEVERITY[s.kind]} with cells[0] at ${locAddr(s)}; findings there: ${at.map(describeFinding).join(" | ") || "none"}; findings listing it: ${
                r.findings
                  .filter((f) => f.cells.some((c) => addr(c) === locAddr(s)))
                  .map(describeFinding)
                  .join(" | ") || "none"
              }`,
            );
          }
        },
      );
    },
  );

  it("points every info slip out (the slip's cell is among some finding's cells)", () => {
    const missed = SLIPS.filter((s) => s.kind === "info")
      .filter((s) => !r.findings.some((f) => f.cells.some((c) => addr(c) === locAddr(s))))
      .map((s) => `${locAddr(s)} ${s.what}`);
    expect(missed).toEqual([]);
  });

  /** The slip a loud finding belongs to: its cell, or a total cell of a rounding slip's line repeating the slip's value. */
  function explainedBy(f: Finding): Slip | undefined {
    const firsts = firstCells(f);
    const exact = SLIPS.find((s) => LOUD_KINDS.has(s.kind) && firsts.includes(locAddr(s)));
    if (exact) return exact;
    const c = f.cells[0];
    if (!c) return undefined;
    return SLIPS.find((s) => {
      if (s.kind !== "rounding" || s.sheet !== c.sheet) return false;
      const p = parseA1(s.address);
      if (!p || p.row !== c.row) return false;
      const v = cellValue(wb, { sheet: s.sheet, row: p.row, col: p.col });
      return typeof v === "number" && cellValue(wb, c) === v;
    });
  }

  it("raises no error or warning that no slip explains", () => {
    const extra = r.findings
      .filter((f) => f.severity !== "info")
      .filter((f) => !explainedBy(f))
      .map(describeFinding);
    expect(extra).toEqual([]);
  });

  it("gives each explained finding a severity its slip allows (rounding → warning, error → error, warning → warning)", () => {
    const wrong = r.findings
      .filter((f) => f.severity !== "info")
      .map((f) => ({ f, s: explainedBy(f) }))
      .filter((x): x is { f: Finding; s: Slip } => x.s !== undefined)
      .filter(({ f, s }) => f.severity !== SEVERITY[s.kind] && !knownDivergence(s))
      .map(({ f, s }) => `${describeFinding(f)} — slip ${s.kind}: ${s.what}`);
    expect(wrong).toEqual([]);
  });

  it("raises at most one error or warning per genuine slip (faults diagnosed, not symptoms)", () => {
    const loud = r.findings.filter((f) => f.severity !== "info");
    expect(loud.length).toBeLessThanOrEqual(loudSlips.length);
  });

  it("keeps every broken equation of a diagnosed fault in related, with its own rule and first cell", () => {
    const folded = r.findings.filter((f) => f.related && f.related.length > 0);
    expect(folded.length).toBeGreaterThan(0);
    for (const f of folded) {
      for (const rel of f.related!) {
        expect(rel.rule).toMatch(/^[A-Z]/);
        expect(rel.cells.length).toBeGreaterThan(0);
        expect(f.cells.map(addr)).toContain(addr(rel.cells[0]));
      }
      expect(f).not.toHaveProperty("equation");
    }
  });

  it("explains every repeated-total finding by a rounding slip on the same line (not by chance)", () => {
    const repeated = r.findings
      .filter((f) => f.severity !== "info")
      .filter((f) => !SLIPS.some((s) => firstCells(f).includes(locAddr(s))));
    // Today: 2-1 总计/合计/小计 of the 合计 line and of 30102/30112/30301/303, 表3 当年财政拨款安排, 3-1 人员经费.
    for (const f of repeated)
      expect([describeFinding(f), f.message.includes("属尾差")]).toEqual([describeFinding(f), true]);
  });
});
