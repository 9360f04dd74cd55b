import { catalogFromRows } from "../../../src/core/catalog";
import { correctModel, ledger, row, summaryLine } from "./model-builder";
import { findings, first, L, only, S } from "./helpers";
import type { LedgerTable } from "../../../src/core/model/tables";

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
    ledger(
      "1-2",
      ["total", "basic", "project"],
      [
        [0, "total", "", "合计", "10.00", "10.00", null],
        [1, "item", "210", "卫生健康支出", "10.00", "10.00", null],
        [2, "item", "210 11", "行政事业单位医疗", "10.00", "10.00", null],
        [3, "item", "208 05 05", "机关事业单位基本养老保险缴费支出", "10.00", "10.00", null],
      ],
    );

  it("flags a 项 under a 款 whose code is not its prefix, pointing at both code cells", () => {
    const m = correctModel();
    m.tables["1-2"] = t12();
    const f = only(m, "CODE-HIERARCHY");
    expect(f.severity).toBe("error");
    // The 项's 类 (208) is not its 款's 类 (210): the 类 cell is the wrong part.
    expect(first(f)).toBe("表1-2!A7");
    expect(f.cells.map((c) => `${c.row}:${c.col}`)).toEqual(["6:0", "5:1"]);
  });

  it("flags a 项 whose 类 is not in the catalog", () => {
    const m = correctModel();
    row(L(m, "3"), "2060701").code = "2180101";
    const f = only(m, "CODE-HIERARCHY");
    expect(first(f)).toBe("表3!A5"); // the 类 cell holds the unknown 类
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

describe("CODE-HIERARCHY: which code part is wrong", () => {
  const detach = (t: LedgerTable, code: string) => {
    const r = row(t, code);
    const i = t.rows.indexOf(r);
    const parent = t.rows[r.parent!];
    parent.children = parent.children.filter((c) => c !== i);
    r.parent = 0;
    t.rows[0].children.push(i);
    return r;
  };

  it("points at the 类 cell of a split code whose 类 differs from its parent's 类", () => {
    const m = correctModel();
    row(L(m, "2-1"), "30201").code = "30801";
    const f = only(m, "CODE-HIERARCHY");
    expect(first(f)).toBe("表2-1!A11");
  });

  it("points at the 类 cell when the 类 is unknown (row not under a coded parent)", () => {
    const m = correctModel();
    detach(L(m, "2-1"), "30201").code = "30801";
    const f = only(m, "CODE-HIERARCHY");
    expect(first(f)).toBe("表2-1!A11");
    expect(f.message).toContain("“308”");
  });

  it("points at the 款 cell when only the 款 part leaves its parent", () => {
    const m = correctModel();
    m.tables["1-2"] = ledger(
      "1-2",
      ["total", "basic", "project"],
      [
        [0, "total", "", "合计", "10.00", "10.00", null],
        [1, "item", "210", "卫生健康支出", "10.00", "10.00", null],
        [2, "item", "210 11", "行政事业单位医疗", "10.00", "10.00", null],
        [3, "item", "210 05 01", "行政单位医疗", "10.00", "10.00", null],
      ],
    );
    expect(first(only(m, "CODE-HIERARCHY"))).toBe("表1-2!B7");
  });

  it("flags a valid code laid out inside another 类's block, at the 类 cell", () => {
    const m = correctModel();
    detach(L(m, "2-1"), "30201").code = "30901";
    const f = only(m, "CODE-HIERARCHY");
    expect(first(f)).toBe("表2-1!A11");
    expect(f.cells[1]).toEqual(row(L(m, "2-1"), "302").codeCells![0]);
    expect(f.actual).toBe("30901");
  });

  it("flags a joined code laid out inside another 类's block", () => {
    const m = correctModel();
    detach(L(m, "3-1"), "30201").code = "30901";
    expect(first(only(m, "CODE-HIERARCHY"))).toBe("表3-1!A11");
  });

  it("flags a code at the end of another 类's block when its own 类 line came earlier", () => {
    const m = correctModel();
    const t = L(m, "2-1");
    detach(t, "30231").code = "30113";
    const f = findings(m, "CODE-HIERARCHY");
    expect(f.map(first)).toEqual(["表2-1!A14"]);
  });

  it("stays quiet when 类 lines are printed below their 款 lines", () => {
    const m = correctModel();
    m.tables["2-1"] = ledger(
      "2-1",
      ["grand", "cur.total", "cur.gpb.sub", "cur.gpb.basic", "cur.gpb.proj"],
      [
        [0, "total", "", "合计", "20.00", "20.00", "20.00", "20.00", null],
        [1, "item", "301 01", "基本工资", "15.00", "15.00", "15.00", "15.00", null],
        [1, "item", "301", "工资福利支出", "15.00", "15.00", "15.00", "15.00", null],
        [1, "item", "302 01", "办公费", "5.00", "5.00", "5.00", "5.00", null],
        [1, "item", "302", "商品和服务支出", "5.00", "5.00", "5.00", "5.00", null],
      ],
    );
    expect(findings(m, "CODE-HIERARCHY")).toEqual([]);
  });

  it("stays quiet on several units, blocks without a 类 line and sub-items sharing the 款 code", () => {
    const m = correctModel();
    m.tables["2-1"] = ledger(
      "2-1",
      ["grand", "cur.total", "cur.gpb.sub", "cur.gpb.basic", "cur.gpb.proj"],
      [
        [0, "total", "", "合计", "30.00", "30.00", "30.00", "30.00", null],
        [1, "org", "", "甲单位", "20.00", "20.00", "20.00", "20.00", null],
        [2, "item", "301", "工资福利支出", "15.00", "15.00", "15.00", "15.00", null],
        [3, "item", "301 01", "基本工资", "15.00", "15.00", "15.00", "15.00", null],
        [4, "item", "301 01", "岗位工资", "10.00", "10.00", "10.00", "10.00", null],
        [4, "item", "301 01", "薪级工资", "5.00", "5.00", "5.00", "5.00", null],
        [2, "item", "302", "商品和服务支出", "5.00", "5.00", "5.00", "5.00", null],
        [3, "item", "302 01", "办公费", "5.00", "5.00", "5.00", "5.00", null],
        [1, "org", "", "乙单位", "10.00", "10.00", "10.00", "10.00", null],
        [2, "item", "302 01", "办公费", "4.00", "4.00", "4.00", "4.00", null],
        [2, "item", "301 01", "基本工资", "6.00", "6.00", "6.00", "6.00", null],
      ],
    );
    expect(findings(m, "CODE-HIERARCHY")).toEqual([]);
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

  it("on a 1:1 tie, the name the catalog knows beats 表1-2: the 1-2 name is CODE-CATALOG's, 表3 stays clean", () => {
    const m = correctModel();
    row(L(m, "1-2"), "2060701").name = "机构运转";
    expect(findings(m, "CODE-NAME-CONSISTENT")).toEqual([]);
    const f = only(m, "CODE-CATALOG");
    expect([f.severity, first(f)]).toEqual(["error", "表1-2!D6"]);
    expect(f.cells).toHaveLength(1);
  });

  it("on a 1:1 tie, a near match (without 支出) loses to the exact catalog name, as a warning", () => {
    const m = correctModel();
    row(L(m, "1-2"), "2080505").name = "机关事业单位基本养老保险缴费";
    expect(findings(m, "CODE-NAME-CONSISTENT")).toEqual([]);
    const f = only(m, "CODE-CATALOG");
    expect([f.severity, first(f)]).toEqual(["warning", "表1-2!D8"]);
  });

  it("on a 1:1 tie where 表1-2 agrees with the catalog, the other table is inconsistent", () => {
    const m = correctModel();
    row(L(m, "3"), "2060701").name = "机构运行费";
    expect(first(only(m, "CODE-NAME-CONSISTENT"))).toBe("表3!D5");
    expect(findings(m, "CODE-CATALOG")).toEqual([]);
  });

  it("a line carrying another code's name, a code its table lacks, is reported at the code part that differs", () => {
    const m = correctModel();
    row(L(m, "3-1"), "30217").code = "30227"; // 公务接待费 under 30227 (委托业务费, printed in 2-1); 3-1 lacks 30217
    const fs = findings(m, "CODE-NAME-CONSISTENT");
    expect(fs).toHaveLength(1);
    expect(first(fs[0])).toBe("表3-1!A12");
    expect([fs[0].expected, fs[0].actual]).toEqual(["30217", "30227"]);
    expect(fs[0].message).toContain("疑为科目编码填错");
  });

  it("ignores full/half-width brackets, spaces and quotes", () => {
    const m = correctModel();
    row(L(m, "2-1"), "30201").name = "办公（费）";
    row(L(m, "3-1"), "30201").name = " 办公 (费) ";
    expect(findings(m, "CODE-NAME-CONSISTENT")).toEqual([]);
  });

  it("ignores 2-1 sub-item lines that repeat their 款's code", () => {
    const m = correctModel();
    m.tables["2-1"] = ledger(
      "2-1",
      ["grand", "cur.total", "cur.gpb.sub", "cur.gpb.basic", "cur.gpb.proj"],
      [
        [0, "total", "", "合计", "15.00", "15.00", "15.00", "15.00", null],
        [1, "group", "", "工资福利支出", "15.00", "15.00", "15.00", "15.00", null],
        [2, "item", "", "基本工资", "15.00", "15.00", "15.00", "15.00", null],
        [3, "item", "301 01", "岗位工资", "10.00", "10.00", "10.00", "10.00", null],
        [3, "item", "301 01", "薪级工资", "5.00", "5.00", "5.00", "5.00", null],
      ],
    );
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
