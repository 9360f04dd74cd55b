import { catalogFromRows } from "../../../src/core/catalog";
import { correctModel, ledger, row, summaryLine } from "./model-builder";
import { findings, first, L, only, S } from "./helpers";

describe("CODE-FORMAT", () => {
  it("flags a code with a non-digit at its last code cell", () => {
    const m = correctModel();
    row(L(m, "1-2"), "2060701").code = "20607O1";
    const f = only(m, "CODE-FORMAT");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表1-2!C6");
  });

  it("flags an economic code of 4 digits", () => {
    const m = correctModel();
    row(L(m, "3-1"), "30101").code = "3010";
    const f = only(m, "CODE-FORMAT");
    expect(first(f)).toBe("表3-1!A6");
    expect(f.message).toContain("4位");
  });

  it("flags split functional parts that do not add up to 3/2/2 digits", () => {
    const m = correctModel();
    row(L(m, "3"), "2060701").code = "206071"; // three code cells, six digits
    expect(first(only(m, "CODE-FORMAT"))).toBe("表3!C5");
  });

  it("accepts 9-digit provincial economic codes", () => {
    const m = correctModel();
    row(L(m, "3-1"), "30101").code = "301020101";
    expect(findings(m, "CODE-FORMAT")).toEqual([]);
  });
});

describe("CODE-HIERARCHY", () => {
  const t12 = () =>
    ledger("1-2", ["total", "basic", "project"], [
      [0, "total", "", "合计", "10.00", "10.00", null],
      [1, "item", "210", "卫生健康支出", "10.00", "10.00", null],
      [2, "item", "210 11", "行政事业单位医疗", "10.00", "10.00", null],
      [3, "item", "208 05 05", "机关事业单位基本养老保险缴费支出", "10.00", "10.00", null],
    ]);

  it("flags a 项 under a 款 whose code is not its prefix, pointing at both code cells", () => {
    const m = correctModel();
    m.tables["1-2"] = t12();
    const f = only(m, "CODE-HIERARCHY");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表1-2!C7");
    expect(f.cells.map((c) => `${c.row}:${c.col}`)).toEqual(["6:2", "5:1"]);
  });

  it("flags a 项 whose 类 is not in the catalog", () => {
    const m = correctModel();
    row(L(m, "3"), "2060701").code = "2180101";
    const f = only(m, "CODE-HIERARCHY");
    expect(first(f)).toBe("表3!C5");
    expect(f.message).toContain("“218”");
  });

  it("checks the 款 of a 项 only against an official catalog", () => {
    const m = correctModel();
    row(L(m, "3"), "2060701").code = "2069801"; // 20698 is not a 款
    expect(findings(m, "CODE-HIERARCHY")).toEqual([]);
    const { catalog } = catalogFromRows(
      [
        ["科目编码", "科目名称"],
        ["206", "科学技术支出"],
        ["20607", "科学技术普及"],
        ["208", "社会保障和就业支出"],
        ["20805", "行政事业单位养老支出"],
        ["221", "住房保障支出"],
        ["22102", "住房改革支出"],
      ],
      "官方科目表.xlsx",
    );
    const f = only(m, "CODE-HIERARCHY", { officialCatalog: catalog });
    expect(f.message).toContain("款“20698”");
  });
});

describe("CODE-NAME-CONSISTENT", () => {
  it("flags the odd name against the majority, reference cell second", () => {
    const m = correctModel();
    row(L(m, "3"), "2060702").name = "科普活动的";
    const f = only(m, "CODE-NAME-CONSISTENT");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表3!D6");
    expect(f.cells[1]).toEqual(row(L(m, "1-2"), "2060702").nameCell);
    expect(f.expected).toBe("科普活动");
    expect(f.actual).toBe("科普活动的");
    // The reference matches the catalog: CODE-CATALOG leaves the odd name to this rule.
    expect(findings(m, "CODE-CATALOG")).toEqual([]);
  });

  it("on a tie, the economic name of 3-1 wins", () => {
    const m = correctModel();
    row(L(m, "2-1"), "30201").name = "办公费用";
    expect(first(only(m, "CODE-NAME-CONSISTENT"))).toBe("表2-1!D11");
  });

  it("on a tie outside 1-2, the name the catalog knows wins (表1 vs 表2 类 names)", () => {
    const m = correctModel();
    summaryLine(S(m, "1"), "expense", "class:206").label = "六、科学技术";
    const f = only(m, "CODE-NAME-CONSISTENT");
    expect(first(f)).toBe("表1!C5");
    expect(f.expected).toBe("科学技术支出");
  });

  it("ignores full/half-width brackets, spaces and quotes", () => {
    const m = correctModel();
    row(L(m, "2-1"), "30201").name = "办公（费）";
    row(L(m, "3-1"), "30201").name = " 办公 (费) ";
    expect(findings(m, "CODE-NAME-CONSISTENT")).toEqual([]);
  });

  it("ignores 2-1 sub-item lines that repeat their 款's code", () => {
    const m = correctModel();
    m.tables["2-1"] = ledger("2-1", ["grand", "cur.total", "cur.gpb.sub", "cur.gpb.basic", "cur.gpb.proj"], [
      [0, "total", "", "合计", "15.00", "15.00", "15.00", "15.00", null],
      [1, "group", "", "工资福利支出", "15.00", "15.00", "15.00", "15.00", null],
      [2, "item", "", "基本工资", "15.00", "15.00", "15.00", "15.00", null],
      [3, "item", "301 01", "岗位工资", "10.00", "10.00", "10.00", "10.00", null],
      [3, "item", "301 01", "薪级工资", "5.00", "5.00", "5.00", "5.00", null],
    ]);
    expect(findings(m, "CODE-NAME-CONSISTENT")).toEqual([]);
  });
});

describe("CODE-CATALOG", () => {
  it("errs when a confirmed code carries another name everywhere", () => {
    const m = correctModel();
    row(L(m, "1-2"), "2060701").name = "机构运行费";
    row(L(m, "3"), "2060701").name = "机构运行费";
    const f = only(m, "CODE-CATALOG");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表1-2!D6");
    expect(f.expected).toBe("机构运行");
    expect(findings(m, "CODE-NAME-CONSISTENT")).toEqual([]);
  });

  it("warns on a near miss (trailing 支出) and shows both names", () => {
    const m = correctModel();
    row(L(m, "1-2"), "2210201").name = "住房公积金支出";
    row(L(m, "3"), "2210201").name = "住房公积金支出";
    const f = only(m, "CODE-CATALOG");
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("住房公积金支出");
    expect(f.message).toContain("“住房公积金”");
  });

  it("gives at most info for an unconfirmed (M) row", () => {
    const m = correctModel();
    for (const id of ["1-2", "3"] as const) {
      const r = row(L(m, id), "2060701");
      r.code = "2060201"; // 机构运行 under 基础研究: evidence M only
      r.name = "机构运行经费";
    }
    const f = only(m, "CODE-CATALOG");
    expect(f.severity).toBe("info");
  });

  it("notes a code the built-in catalog lacks as info", () => {
    const m = correctModel();
    row(L(m, "3-1"), "30101").code = "301010101";
    row(L(m, "2-1"), "30101").code = "301010101";
    const f = only(m, "CODE-CATALOG");
    expect(f.severity).toBe("info");
    expect(f.message).toContain("内置科目表未收录");
  });

  it("is strict with an official catalog: absent and different names are errors", () => {
    const m = correctModel();
    const rows = [
      ["2024年政府收支分类科目"],
      ["科目编码", "科目名称"],
      ["206", "科学技术支出"],
      ["208", "社会保障和就业支出"],
      ["221", "住房保障支出"],
      ["2060701", "机构运行"],
      ["2080505", "机关事业单位基本养老保险缴费支出"],
      ["2080506", "机关事业单位职业年金缴费"],
      ["2210201", "住房公积金"],
    ];
    const { catalog, problems } = catalogFromRows(rows, "官方.xlsx");
    expect(problems).toEqual([]);
    const fs = findings(m, "CODE-CATALOG", { officialCatalog: catalog });
    const byCode = (code: string) => fs.filter((f) => f.message.includes(code));
    expect(byCode("2060702").map((f) => f.severity)).toEqual(["error"]); // absent
    expect(byCode("2080506").map((f) => f.severity)).toEqual(["error"]); // trailing 支出 is still a difference
    expect(byCode("2060701")).toEqual([]);
    // The official catalog has no economic codes: those stay on the built-in one (silent here).
    expect(fs.every((f) => !/科目30/.test(f.message))).toBe(true);
  });
});

describe("CODE-ECON-EXT", () => {
  it("errs when a provincial sub-code does not start with a valid 款", () => {
    const m = correctModel();
    row(L(m, "3-1"), "30201").code = "3023001";
    const f = only(m, "CODE-ECON-EXT");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表3-1!A11");
    expect(f.actual).toBe("30230");
  });

  it("accepts a sub-code of a valid 款", () => {
    const m = correctModel();
    row(L(m, "3-1"), "30201").code = "3020101";
    expect(findings(m, "CODE-ECON-EXT")).toEqual([]);
  });
});
