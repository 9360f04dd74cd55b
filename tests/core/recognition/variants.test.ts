/** Layout variants, titles, meta lines, issues and odd input. */
import { matchTitle, recognizeWorkbook } from "../../../src/core/recognition";
import type { BudgetModel, LedgerTable } from "../../../src/core/model/tables";
import type { WorkbookData } from "../../../src/core/model/workbook";
import {
  type Block,
  type Cell,
  type FixtureOptions,
  fen,
  place,
  seedWorkbook,
  sheet,
  table1,
  table12,
  table2,
  table21,
  table3,
  table31,
  table32,
  table33,
  table4,
  table6,
  table7,
  workbook,
} from "./fixtures";

/** Position-free content of a model: what must not change with the layout. */
function digest(model: BudgetModel) {
  const out: Record<string, unknown> = {};
  for (const [id, t] of Object.entries(model.tables)) {
    if (!t) continue;
    const base = {
      kind: t.kind,
      columns: t.columns.map((c) => c.key),
      empty: t.empty,
      noData: t.noDataCell !== undefined,
    };
    if (t.kind === "ledger") {
      out[id] = {
        ...base,
        codeKind: t.codeKind,
        rows: t.rows.map((r) => [
          r.kind,
          r.code,
          r.unitCode,
          r.name,
          r.parent,
          Object.entries(r.amounts)
            .map(([k, a]) => `${k}=${a.fen}`)
            .join(","),
        ]),
      };
    } else if (t.kind === "summary") {
      const line = (l: (typeof t.income)[number]) => [
        l.key,
        l.label,
        Object.entries(l.amounts)
          .map(([k, a]) => `${k}=${a.fen}`)
          .join(","),
      ];
      out[id] = { ...base, income: t.income.map(line), expense: t.expense.map(line) };
    } else if (t.kind === "perf") {
      out[id] = {
        ...base,
        dept: [t.departmentLine?.name, t.departmentLine?.budget?.fen],
        projects: t.projects.map((p) => [
          p.projectCode,
          p.name,
          p.budget?.fen,
          p.goal,
          p.indicators.map((i) => [i.level1, i.level2, i.level3, i.nature, i.value, i.weight]),
        ]),
      };
    } else {
      out[id] = {
        ...base,
        d: t.departmentName,
        f: [t.totalFunds?.fen, t.fiscalFunds?.fen, t.otherFunds?.fen],
        g: t.overallGoal,
        tasks: t.tasks.map((x) => x.name),
        ind: t.indicators.length,
      };
    }
  }
  return out;
}

const reference = recognizeWorkbook(seedWorkbook()).model;
const referenceDigest = digest(reference);

describe("the same tables in other layouts give the same model", () => {
  test.each<[string, FixtureOptions]>([
    ["元", { unit: "元" as const }],
    ["amounts as text", { amountsAsText: true }],
    ["元 as text", { unit: "元" as const, amountsAsText: true }],
    ["joined code column", { joinedCodes: true }],
  ])("%s", (_n, o) => {
    const { model, issues } = recognizeWorkbook(seedWorkbook(o));
    expect(issues).toEqual([]);
    expect(digest(model)).toEqual(referenceDigest);
    for (const t of Object.values(model.tables)) expect(t!.unit).toBe(o.unit ?? "万元");
  });

  test("joined codes: one code cell per line", () => {
    const t = recognizeWorkbook(seedWorkbook({ joinedCodes: true })).model.tables["1-2"]!;
    const run = t.rows.find((r) => r.name === "机构运行")!;
    expect(run.code).toBe("2060701");
    expect(run.codeCells).toEqual([{ sheet: "3 部门支出总表", row: run.row, col: 0 }]);
  });

  test("all tables on one sheet, reversed, offset, no blank row between them", () => {
    const blocks: Block[] = [
      table7(),
      table6(),
      table4(),
      table33(),
      table32(),
      table31(),
      table3(),
      table21(),
      table12(),
      table2(),
      table1(),
    ];
    const wb = workbook(
      sheet("封面", [[null, "凉山州科学技术协会2024年部门预算"]]),
      sheet("预算公开表", place(blocks, { rowOffset: 3, colOffset: 2, gap: 0 })),
    );
    const { model, issues } = recognizeWorkbook(wb);
    expect(issues).toEqual([]);
    expect(model.unrecognizedSheets).toEqual(["封面"]);
    expect(digest(model)).toEqual(referenceDigest);
    const t = model.tables["3-2"]!;
    expect(t.left).toBe(2);
    expect(t.titleCell.col).toBe(2);
    // A table ends where the next title starts (or earlier, at the next table's 部门/单位 lines).
    const t31 = model.tables["3-1"]!;
    expect(t31.bottom).toBeLessThan(model.tables["3"]!.top);
    expect(model.tables["3"]!.bottom).toBeLessThan(model.tables["2-1"]!.top);
  });

  test("merged header labels repeated in every cell of the merge", () => {
    const b = table33();
    // Header rows 2..4: repeat each label over its merge, as some hosts report merged cells.
    b[2] = ["单位 编码", "单位名称（科目）", ...new Array(6).fill("当年财政拨款预算安排")];
    b[3] = [
      "单位 编码",
      "单位名称（科目）",
      "合计",
      "因公出 国（境） 费用",
      "公务用车购置及运行费",
      "公务用车购置及运行费",
      "公务用车购置及运行费",
      "公务接 待费",
    ];
    b[4] = [
      "单位 编码",
      "单位名称（科目）",
      "合计",
      "因公出 国（境） 费用",
      "小计",
      "公务用车 购置费",
      "公务用车 运行费",
      "公务接 待费",
    ];
    const { model } = recognizeWorkbook(workbook(sheet("三公", place([b]))));
    expect(model.tables["3-3"]!.columns.map((c) => [c.key, c.col])).toEqual(
      reference.tables["3-3"]!.columns.map((c) => [c.key, c.col]),
    );
    expect(digest(model)["3-3"]).toEqual(referenceDigest["3-3"]);
  });

  test("a column-number row (栏次 1 2 3) under the header is not data", () => {
    const b = table31();
    b.splice(4, 0, ["栏次", null, null, null, 1, 2, 3]);
    const { model } = recognizeWorkbook(workbook(sheet("s", place([b]))));
    const t = model.tables["3-1"]!;
    expect(t.headerBottom).toBe(4);
    expect(t.columns.map((c) => c.key)).toEqual(["total", "personnel", "public"]);
    expect(t.rows[0].kind).toBe("total");
    expect(t.rows[0].amounts.total.fen).toBe(fen("472.34"));
  });

  test("header and body disagreeing on the 单位代码 / 单位名称 order (the seed's 2-1)", () => {
    const b = table21();
    b[3][2] = "单位名称（科目）";
    b[3][3] = "单位代码";
    // Body: 类 | 款 | 单位代码 | 名称, as the seed prints it.
    const { model } = recognizeWorkbook(workbook(sheet("s", place([b]))));
    const t = model.tables["2-1"]!;
    const basic = t.rows.find((r) => r.name === "基本工资")!;
    expect(basic.unitCode).toBe("229001");
    expect(basic.code).toBe("30101");
  });
});

describe("titles", () => {
  test.each([
    ["部门收支总表", "1"],
    ["部门收支预算总表", "1"],
    ["部 门 收 支 总 表", "1"],
    ["一、部门收支总表（公开表 1）", "1"],
    ["凉山州科学技术协会2024年部门收支总表", "1"],
    ["部门收入总表", "1-1"],
    ["表1-2 部门支出总表", "1-2"],
    ["部门支出总表(公开表1-2)", "1-2"],
    ["财政拨款收支预算总表", "2"],
    ["财政拨款收支总表", "2"],
    ["五、财政拨款支出预算表（部门经济分类科目）", "2-1"],
    ["财政拨款支出预算表(按部门预算经济分类)", "2-1"],
    ["一般公共预算支出预算表", "3"],
    ["一般公共预算支出表", "3"],
    ["七、一般公共预算基本支出预算表（公开表 3-1）", "3-1"],
    ["一般公共预算项目支出预算表", "3-2"],
    ["一般公共预算“三公”经费支出预算表", "3-3"],
    ['一般公共预算"三公"经费支出预算表', "3-3"],
    ["一般公共预算「三公」经费支出预算表", "3-3"],
    ["政府性基金预算支出预算表", "4"],
    ["政府性基金预算“三公”经费支出预算表", "4-1"],
    ["国有资本经营预算支出预算表", "5"],
    ["部门预算项目绩效目标表", "6"],
    ["部门项目支出绩效目标表（2024年度）", "6"],
    ["项目支出绩效目标表", "6"],
    ["部门整体支出绩效目标表", "7"],
    ["附件1：部门收支总表", "1"],
    ["一般公共预算“三公”经费预算表", "3-3"],
    ["“三公”经费支出预算表", "3-3"],
    ["一般公共预算当年拨款支出预算表", "3"],
    ["部门整体绩效目标表", "7"],
  ])("%s → %s", (text, id) => {
    expect(matchTitle(text)?.id).toBe(id);
  });
  test.each([
    "详见部门收支总表",
    "本表为部门收支总表的附表，金额单位为万元。",
    "部门收支总表说明",
    "2024年部门预算表",
    "部门：凉山州科学技术协会",
    "一般公共预算支出预算表中的基本支出与项目支出之和应等于合计数，请核对后再填报本表",
  ])("not a title: %s", (text) => {
    expect(matchTitle(text)).toBeUndefined();
  });
  test("year and unit from the title", () => {
    expect(matchTitle("部门项目支出绩效目标表（2024年度）")).toMatchObject({ id: "6", year: 2024 });
    expect(matchTitle("部门收支总表（单位：元）")).toMatchObject({ id: "1", unit: "元" });
  });
});

describe("meta lines", () => {
  const withMeta = (title: string, meta: Cell[][], data: Block): WorkbookData => {
    const b = data.slice();
    b.splice(0, 2, [title], ...meta);
    return workbook(sheet("s", place([b])));
  };
  test("unit from the title when there is no unit line", () => {
    const { model } = recognizeWorkbook(
      withMeta("部门支出总表（单位：元）", [["部门：某局"]], table12({ unit: "元" })),
    );
    const t = model.tables["1-2"]!;
    expect(t.unit).toBe("元");
    expect(t.unitFen).toBe(100);
    expect(t.unitCell).toBeUndefined();
    expect(t.department).toBe("某局");
    expect(t.rows[0].amounts.total.fen).toBe(fen("753.70"));
  });
  test("部门 and 单位 in one cell; 单位：元", () => {
    const { model } = recognizeWorkbook(
      withMeta("部门支出总表", [["部门：某局　　　单位：元"]], table12({ unit: "元" })),
    );
    expect(model.tables["1-2"]!.unit).toBe("元");
    expect(model.tables["1-2"]!.department).toBe("某局");
    expect(model.department).toBe("某局");
  });
  test("unit and year written in the header labels", () => {
    const b = table12({ unit: "元" });
    b.splice(1, 1);
    b[1] = [
      "科目编码",
      null,
      null,
      "单位代码",
      "单位名称（科目）",
      "2024年合计（元）",
      "基本支出（元）",
      "项目支出（元）",
    ];
    const { model } = recognizeWorkbook(workbook(sheet("s", place([b]))));
    const t = model.tables["1-2"]!;
    expect(t.unit).toBe("元");
    expect(t.columns.map((c) => c.key)).toEqual(["total", "basic", "project"]);
    expect(t.rows[0].amounts.total.fen).toBe(fen("753.70"));
  });
  test("no unit anywhere: 万元", () => {
    const { model } = recognizeWorkbook(withMeta("部门支出总表", [], table12()));
    expect(model.tables["1-2"]!.unit).toBe("万元");
    expect(model.tables["1-2"]!.rows[0].amounts.total.fen).toBe(fen("753.70"));
  });
  test("unit on the title row; section heading before the title", () => {
    const b = table1();
    b[0] = ["部门收支总表", null, null, "金额：元"];
    b.splice(1, 1);
    const wb = workbook(sheet("s", place([[["一、部门收支总表（公开表 1）"]], b], { gap: 1 })));
    const { model } = recognizeWorkbook(wb);
    const t = model.tables["1"]!;
    expect(t.unit).toBe("元");
    expect(t.top).toBe(0);
    expect(t.titleCell.row).toBe(2);
    expect(model.duplicates).toEqual([]);
  });
});

describe("sheets and instances", () => {
  test("unrecognised sheets are listed, the add-in's own sheets skipped, a second instance is a duplicate", () => {
    const toc: Cell[][] = [
      ["目录"],
      ["一、部门收支总表"],
      ["二、部门收入总表"],
      ["三、部门支出总表"],
      ["四、财政拨款收支预算总表"],
    ];
    const wb = workbook(
      sheet("封面", [[null], [null, "凉山州科学技术协会", null], [null, "2024年部门预算"]]),
      sheet("目录", toc),
      sheet("表1", place([table1()])),
      sheet("校验结果", place([table12()])),
      sheet("空表", []),
      sheet("表1（副本）", place([table1()], { rowOffset: 5 })),
    );
    const { model } = recognizeWorkbook(wb);
    expect(model.unrecognizedSheets).toEqual(["封面", "目录", "空表"]);
    expect(Object.keys(model.tables)).toEqual(["1"]);
    expect(model.tables["1"]!.sheet).toBe("表1");
    expect(model.duplicates.map((t) => [t.id, t.sheet, t.top])).toEqual([["1", "表1（副本）", 5]]);
  });

  test("a title over a header that is not understood: a TABLE-LAYOUT warning, not a silent miss", () => {
    const rows: Cell[][] = [["部门支出总表"], ["甲栏", "乙栏", "丙栏"], ["x", 1, 2]];
    const { model, issues } = recognizeWorkbook(workbook(sheet("s", rows)));
    expect(model.tables["1-2"]).toBeUndefined();
    expect(model.unrecognizedSheets).toEqual(["s"]);
    expect(issues).toEqual([
      expect.objectContaining({
        rule: "TABLE-LAYOUT",
        severity: "warning",
        table: "1-2",
        cells: [{ sheet: "s", row: 0, col: 0 }],
      }),
    ]);
    expect(issues[0].message).toContain("部门支出总表");
  });

  test("an empty table written as its title and 此表无数据 only", () => {
    const rows: Cell[][] = [
      ["国有资本经营预算支出预算表"],
      ["部门：某局"],
      ["此表无数据"],
      [],
      [],
      ["部门项目支出绩效目标表"],
      ["本单位无此项"],
    ];
    const { model, issues } = recognizeWorkbook(workbook(sheet("s", rows)));
    expect(issues).toEqual([]);
    expect(model.tables["5"]).toMatchObject({
      empty: true,
      rows: [],
      noDataCell: { sheet: "s", row: 2, col: 0 },
      department: "某局",
    });
    expect(model.tables["6"]).toMatchObject({ empty: true, projects: [], noDataCell: { sheet: "s", row: 6, col: 0 } });
  });

  test("a sheet named after a table stands for a missing title", () => {
    const { model } = recognizeWorkbook(
      workbook(sheet("3 部门支出总表", place([table12().slice(1)], { rowOffset: 1 }))),
    );
    const t = model.tables["1-2"]!;
    expect(t.title).toBe("3 部门支出总表");
    expect(t.titleCell).toEqual({ sheet: "3 部门支出总表", row: 0, col: 0 });
    expect(t.department).toBe("凉山州科学技术协会");
    expect(t.rows.map((r) => r.code ?? r.kind)).toEqual(reference.tables["1-2"]!.rows.map((r) => r.code ?? r.kind));
  });

  test("odd cell values and sparse rows never crash", () => {
    const rows: Cell[][] = [];
    rows[3] = [true, Number.NaN, "部门支出总表", Number.POSITIVE_INFINITY];
    rows[5] = ["科目编码", "单位代码", "单位名称（科目）", "合计"];
    rows[6] = [false, null, "合 计", true];
    rows[9] = ["2060701", undefined, "机构运行", "—"];
    const wb = { sheets: [sheet("x", rows), { name: "y" } as unknown as WorkbookData["sheets"][number]] };
    const { model, issues } = recognizeWorkbook(wb);
    const t = model.tables["1-2"]!;
    expect(t.rows.map((r) => r.kind)).toEqual(["total", "item"]);
    expect(t.rows[1].amounts).toEqual({});
    expect(issues.map((i) => i.rule)).toEqual(["AMOUNT-FORMAT"]); // the boolean in the 合计 column
  });
});

describe("issues", () => {
  test("an unparseable amount: AMOUNT-FORMAT at that cell, the line kept", () => {
    const b = table12();
    b[11][5] = "12,OO";
    const { model, issues } = recognizeWorkbook(workbook(sheet("支出", place([b]))));
    expect(issues).toEqual([
      {
        rule: "AMOUNT-FORMAT",
        severity: "error",
        message: "表1-2 F12 的金额“12,OO”不是有效数字",
        table: "1-2",
        cells: [{ sheet: "支出", row: 11, col: 5 }],
        actual: "12,OO",
      },
    ]);
    const row = model.tables["1-2"]!.rows.find((r) => r.row === 11)!;
    expect(row.amounts.total).toBeUndefined();
    expect(row.amounts.project.fen).toBe(fen("228.00"));
  });
  test("a code cell with non-digits: CODE-FORMAT, code left undefined", () => {
    const b = table12();
    b[7][0] = "2O6";
    const { model, issues } = recognizeWorkbook(workbook(sheet("支出", place([b]))));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      rule: "CODE-FORMAT",
      severity: "error",
      table: "1-2",
      cells: [{ sheet: "支出", row: 7, col: 0 }],
    });
    expect(issues[0].message).toContain("A8");
    expect(issues[0].message).toContain("2O6");
    const row = model.tables["1-2"]!.rows.find((r) => r.row === 7)!;
    expect(row.code).toBeUndefined();
    expect(row.kind).toBe("item");
    expect(row.name).toBe("机构运行");
  });
  test("amounts written as text in other forms", () => {
    const b = table12();
    b[7][5] = "２８９．０４";
    b[7][6] = " 289.04 ";
    b[8][5] = "(1.50)";
    b[9][5] = "1,234.5";
    b[10][5] = "-";
    const { model, issues } = recognizeWorkbook(workbook(sheet("支出", place([b]))));
    expect(issues).toEqual([]);
    const at = (r: number) => model.tables["1-2"]!.rows.find((x) => x.row === r)!.amounts;
    expect(at(7).total.fen).toBe(fen("289.04"));
    expect(at(7).basic.fen).toBe(fen("289.04"));
    expect(at(8).total.fen).toBe(-fen("1.50"));
    expect(at(9).total.fen).toBe(fen("1234.50"));
    expect(at(10).total).toBeUndefined();
  });
});

describe("trees of other layouts", () => {
  test("类/款/项 subtotal lines and several units, each with its own items", () => {
    const rows: Cell[][] = [
      ["部门支出总表"],
      ["科目编码", "单位代码", "单位名称（科目）", "合计"],
      [null, null, "合计", 30],
      [null, "229", "某部门", 30],
      [null, "229001", "某部门机关", 20],
      ["206", "229001", "科学技术支出", 20],
      ["20607", "229001", "科学技术普及", 20],
      ["2060701", "229001", "机构运行", 15],
      ["2060702", "229001", "科普活动", 5],
      [null, "229002", "青少年科技活动中心", 10],
      ["2060701", "229002", "机构运行", 10],
    ];
    const t = recognizeWorkbook(workbook(sheet("s", rows))).model.tables["1-2"]!;
    expect(t.rows.map((r) => [r.kind, r.code ?? r.unitCode, r.parent])).toEqual([
      ["total", undefined, undefined],
      ["org", "229", 0],
      ["org", "229001", 1],
      ["item", "206", 2],
      ["item", "20607", 3],
      ["item", "2060701", 4],
      ["item", "2060702", 4],
      ["org", "229002", 1],
      ["item", "2060701", 7],
    ]);
    expect(t.rows[1].children).toEqual([2, 7]);
    expect(t.rows[0].children).toEqual([1]);
  });

  test("codes written as numbers get their 款/项 leading zero back; 本级 is a unit line", () => {
    const rows: Cell[][] = [
      ["一般公共预算支出预算表"],
      ["科目编码", null, null, "单位名称（科目）", "合计"],
      ["类", "款", "项", null, null],
      [null, null, null, "合 计", 15],
      [null, null, null, "某局本级", 15],
      [206, 7, 1, "机构运行", 10],
      [206, 7, 2, "科普活动", 5],
    ];
    const t = recognizeWorkbook(workbook(sheet("s", rows))).model.tables["3"]!;
    expect(t.rows.map((r) => [r.kind, r.code, r.parent])).toEqual([
      ["total", undefined, undefined],
      ["org", undefined, 0],
      ["item", "2060701", 1],
      ["item", "2060702", 1],
    ]);
  });

  test("a joined column holding code and name, or a dashed code", () => {
    const rows: Cell[][] = [
      ["一般公共预算支出表"],
      ["功能分类科目", "合计"],
      ["合计", 20],
      ["[206]科学技术支出", 20],
      ["2060701 机构运行", 15],
      ["2060702科普活动", 5],
    ];
    const t = recognizeWorkbook(workbook(sheet("s", rows))).model.tables["3"]!;
    expect(t.rows.map((r) => [r.code, r.name, r.parent])).toEqual([
      [undefined, "合计", undefined],
      ["206", "科学技术支出", 0],
      ["2060701", "机构运行", 1],
      ["2060702", "科普活动", 1],
    ]);
    const joined: Cell[][] = [
      ["一般公共预算支出表"],
      ["科目编码", "科目名称", "合计"],
      ["206", "科学技术支出", 20],
      ["206-07-02", "科普活动", 5],
      ["2060703 青少年科技活动", null, 15],
      ["2O60704", "学术交流活动", 0],
    ];
    const { model, issues } = recognizeWorkbook(workbook(sheet("s", joined)));
    expect(model.tables["3"]!.rows.map((r) => [r.code, r.name, r.parent])).toEqual([
      ["206", "科学技术支出", undefined],
      ["2060702", "科普活动", 0],
      ["2060703", "青少年科技活动", 0],
      [undefined, "学术交流活动", undefined],
    ]);
    expect(issues.map((i) => [i.rule, i.cells[0].row])).toEqual([["CODE-FORMAT", 5]]);
  });

  test("no org line: items hang on the total", () => {
    const rows: Cell[][] = [
      ["一般公共预算支出表"],
      ["功能分类科目编码", "科目名称", "合计", "当年财政拨款安排"],
      [null, "合计", 20, 20],
      ["2060701", "机构运行", 15, 15],
      ["2060702", "科普活动", 5, 5],
    ];
    const t = recognizeWorkbook(workbook(sheet("s", rows))).model.tables["3"] as LedgerTable;
    expect(t.rows.map((r) => [r.kind, r.parent])).toEqual([
      ["total", undefined],
      ["item", 0],
      ["item", 0],
    ]);
    expect(t.rows[0].children).toEqual([1, 2]);
  });

  test("表7 with the funds written beside their labels", () => {
    const b = table7();
    b.splice(4, 2, ["年度部门整体支出预算", "资金总额", 300.569, "财政拨款", 300.569, "其他资金", 0]);
    const t = recognizeWorkbook(workbook(sheet("s", place([b])))).model.tables["7"]!;
    expect(t.totalFunds!.fen).toBe(fen("300.569"));
    expect(t.totalFundsCell).toEqual({ sheet: "s", row: 4, col: 2 });
    expect(t.otherFunds!.fen).toBe(0);
    expect(t.tasks).toHaveLength(3);
    expect(t.indicators).toHaveLength(4);
  });

  test("表7 with merged labels and contents repeated in every cell of the merge", () => {
    const b = table7().map((r) => r.slice());
    b[5][0] = "年度部门整体支出预算";
    b[5][2] = b[5][1];
    b[6] = ["年度总体目标", b[6][1], b[6][1], b[6][1]];
    for (let r = 8; r <= 10; r++) {
      b[r][0] = "年度主要任务";
      b[r][2] = b[r][1];
      b[r][4] = b[r][3];
    }
    for (let r = 12; r <= 15; r++) b[r][0] = "年度绩效指标";
    const t = recognizeWorkbook(workbook(sheet("s", place([b])))).model.tables["7"]!;
    expect(t.totalFunds!.fen).toBe(fen("300.569"));
    expect(t.overallGoal).toBe(b[6][1]);
    expect(t.tasks.map((x) => [x.name, x.content])).toEqual([8, 9, 10].map((r) => [b[r][1], b[r][3]]));
    expect(t.indicators).toHaveLength(4);
  });

  test("a plain 单位名称 column names the org lines when the 科目名称 column is blank", () => {
    const rows: Cell[][] = [
      ["部门支出总表", null, null, null, "单位：元"],
      ["科目编码", "科目名称", "单位代码", "单位名称", "合计"],
      [null, "合计", null, null, 300],
      [null, null, "229001", "某局机关", 300],
      ["2060701", "机构运行", "229001", "某局机关", 300],
    ];
    const t = recognizeWorkbook(workbook(sheet("s", rows))).model.tables["1-2"]!;
    expect(t.unit).toBe("元");
    expect(t.rows.map((r) => [r.kind, r.name, r.nameCell!.col])).toEqual([
      ["total", "合计", 1],
      ["org", "某局机关", 3],
      ["item", "机构运行", 1],
    ]);
  });

  test("表7 with label and value in one cell", () => {
    const b = table7();
    b[3] = ["部门名称：凉山州科学技术协会部门"];
    b[6] = ["年度总体目标：依据州委州政府和省科协下达的年度重点工作任务。"];
    const t = recognizeWorkbook(workbook(sheet("s", place([b])))).model.tables["7"]!;
    expect(t.departmentName).toBe("凉山州科学技术协会部门");
    expect(t.overallGoal).toBe("依据州委州政府和省科协下达的年度重点工作任务。");
    expect(t.totalFunds!.fen).toBe(fen("300.569"));
    expect(t.tasks).toHaveLength(3);
    expect(t.indicators).toHaveLength(4);
  });

  test("表6 with the unit and project repeated on every indicator row", () => {
    const b = table6();
    let unit: Cell = null;
    let proj: Cell = null;
    let budget: Cell = null;
    for (let r = 4; r < b.length; r++) {
      if (b[r][1]) [unit, proj, budget] = [b[r][0] ?? unit, b[r][1], b[r][2]];
      else [b[r][0], b[r][1], b[r][2]] = [unit, proj, budget];
    }
    const t = recognizeWorkbook(workbook(sheet("s", place([b])))).model.tables["6"]!;
    expect(t.projects.map((p) => p.indicators.length)).toEqual([5, 2, 1]);
    expect(digest({ ...reference, tables: { "6": t } })["6"]).toEqual(referenceDigest["6"]);
  });
});
