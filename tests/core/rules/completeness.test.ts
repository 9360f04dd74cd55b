import { runRules } from "../../../src/core/rules";
import { correctModel, ledger } from "./model-builder";
import { first, L, only } from "./helpers";

describe("the correct model", () => {
  it("raises no finding of any severity", () => {
    expect(runRules(correctModel()).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  it("still raises nothing with weightTotal 90 given explicitly", () => {
    expect(runRules(correctModel(), { weightTotal: 90 })).toEqual([]);
  });
});

describe("T-MISSING", () => {
  it("reports each missing table by id and name, with no cell", () => {
    const m = correctModel();
    delete m.tables["3-3"];
    const f = only(m, "T-MISSING");
    expect(f.severity).toBe("error");
    expect(f.table).toBe("3-3");
    expect(f.cells).toEqual([]);
    expect(f.message).toBe("缺少公开表3-3《一般公共预算“三公”经费支出预算表》");
  });

  it("reports every table of an empty model", () => {
    const fs = runRules({ tables: {}, duplicates: [], unrecognizedSheets: [] }).filter((f) => f.rule === "T-MISSING");
    expect(fs.map((f) => f.table)).toEqual([
      "1",
      "1-1",
      "1-2",
      "2",
      "2-1",
      "3",
      "3-1",
      "3-2",
      "3-3",
      "4",
      "4-1",
      "5",
      "6",
      "7",
    ]);
  });
});

describe("T-EMPTY-NOTE", () => {
  it("warns at the first data row's name cell when an empty table has no statement", () => {
    const m = correctModel();
    L(m, "4").noDataCell = undefined;
    const f = only(m, "T-EMPTY-NOTE");
    expect(f.severity).toBe("warning");
    expect(f.table).toBe("4");
    expect(first(f)).toBe("表4!D4");
  });

  it("falls back to the title cell when the empty table has no row", () => {
    const m = correctModel();
    const t = ledger("5", ["total"], []);
    t.empty = true;
    m.tables["5"] = t;
    expect(first(only(m, "T-EMPTY-NOTE"))).toBe("表5!A1");
  });
});

describe("runRules on malformed input", () => {
  it("reports a rule that cannot complete instead of throwing", () => {
    const m = correctModel();
    // A recognition bug: a child index that points nowhere.
    L(m, "1-2").rows[0].children.push(99);
    let fs: ReturnType<typeof runRules> = [];
    expect(() => (fs = runRules(m))).not.toThrow();
    const broken = fs.filter((f) => f.message.includes("未能完成"));
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((f) => f.severity === "warning" && f.cells.length === 0)).toBe(true);
  });
});
