/** The template profiles' own formula files parse against their tables, and their ids are what the rules declare. */
import { NATIONAL_9, PROFILES, profileFormulas } from "../../../src/core/templates";
import { SICHUAN_FORMULA_RULES } from "../../../src/core/templates/sichuan-14";
import { RULES } from "../../../src/core/rules";
import { parseFormulas } from "../../../src/core/formulas/parse";
import { schemaOf } from "../../../src/core/formulas/schema";

/** Rules with formula lines and a part that stays code (a conditional equality, a by-class join). */
const HYBRID_FORMULA_RULES = ["F4", "F8", "F9", "F11", "F14"];

describe("template profiles", () => {
  it.each(Object.keys(PROFILES))("%s: every line of the formula file parses", (id) => {
    const p = PROFILES[id as keyof typeof PROFILES];
    const r = parseFormulas(p.formulas, schemaOf(p.tables), p.id, { repeatedIds: true });
    expect(r.errors).toEqual([]);
    expect(r.formulas.length).toBeGreaterThan(0);
    expect(profileFormulas(p.id)).toHaveLength(r.formulas.length);
  });

  it("sichuan-14: each formula id is a declared rule (in RULES, docs/rules.md) and each declared rule has formulas", () => {
    const ids = new Set(profileFormulas("sichuan-14").map((f) => f.id));
    // Pure-formula rules are declared as data; the others keep a part in code and call formulaFindings (that they
    // do is tested line by line in formulas.test.ts).
    for (const id of ids) expect(RULES.filter((r) => r.id === id)).toHaveLength(1);
    expect([...ids].sort()).toEqual([...SICHUAN_FORMULA_RULES.map((r) => r.id), ...HYBRID_FORMULA_RULES].sort());
  });

  it("national-9: declares its nine tables N1–N9 with titles", () => {
    expect(NATIONAL_9.tables.map((t) => t.id)).toEqual(["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"]);
    for (const t of NATIONAL_9.tables) expect(t.titles.length).toBeGreaterThan(0);
  });

  it("a user file may not repeat an id, a profile file may", () => {
    const text = `X 错误 表1["收入总计"].预算数 = 1\nX 错误 表1["支出总计"].预算数 = 1`;
    expect(parseFormulas(text).errors).toHaveLength(1);
    expect(parseFormulas(text, undefined, "p", { repeatedIds: true }).errors).toEqual([]);
  });
});
