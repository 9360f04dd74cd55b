import * as fs from "fs";
import { renderRulesDoc, RULES_DOC_PATH } from "../../../scripts/gen-rules-doc";
import { RULES } from "../../../src/core/rules";

const CONTRACT_IDS = [
  "T-MISSING",
  "T-EMPTY-NOTE",
  "CODE-FORMAT",
  "CODE-HIERARCHY",
  "CODE-NAME-CONSISTENT",
  "CODE-CATALOG",
  "CODE-ECON-EXT",
  "SUM-COLUMN",
  "SUM-ROW",
  "AMOUNT-NEGATIVE",
  "F1",
  "F2",
  "F3",
  "F4",
  "F9",
  "F6",
  "F8",
  "F10",
  "F11",
  "F14",
  "F16",
  "F18",
  "F19",
  "F20",
  "F21",
  "F24",
  "F26",
  "F28",
  "F29",
  "F30",
  "F32",
  "F33",
  "F34",
  "F31",
  "PERF-WEIGHT",
  "PERF-LEVEL1",
  "PERF-LEVEL2",
  "PERF-DIRECTION",
  "PERF-VALUE",
  "PERF-PLAUSIBLE",
];

describe("rules as data", () => {
  it("has every contract id exactly once, with a Chinese title and description", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...CONTRACT_IDS].sort());
    for (const r of RULES) {
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect(r.description).toMatch(/[\u4e00-\u9fff]/);
      expect(r.tables.length).toBeGreaterThan(0);
    }
  });

  it("docs/rules.md is generated from the rules and up to date", () => {
    const doc = renderRulesDoc();
    for (const r of RULES) expect(doc).toContain(`| ${r.id} |`);
    expect(fs.readFileSync(RULES_DOC_PATH, "utf8")).toBe(doc);
  });
});
