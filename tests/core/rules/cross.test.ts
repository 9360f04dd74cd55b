import { correctModel, ledger, row, setAmount, summaryLine } from "./model-builder";
import { findings, first, L, only, P, S, W } from "./helpers";
import type { LedgerRow, LedgerTable } from "../../../src/core/model/tables";
import { parseAmount } from "../../../src/core/model/money";

/** Sets one amount on the row and on every ancestor, keeping SUM-COLUMN quiet. */
function setWithParents(t: LedgerTable, code: string, key: string, delta: string) {
  let r: number | undefined = t.rows.indexOf(row(t, code));
  const parsed = parseAmount(delta, t.unit);
  const d = parsed.kind === "amount" ? parsed.fen : 0;
  while (r !== undefined) {
    const x: LedgerRow = t.rows[r];
    const fen = (x.amounts[key]?.fen ?? 0) + d;
    x.amounts[key] = {
      fen,
      cell: x.amounts[key]?.cell ?? { sheet: t.sheet, row: x.row, col: t.columns.find((c) => c.key === key)!.col },
    };
    r = x.parent;
  }
}

describe("F6", () => {
  it("1-1 source column total = 表1 income line", () => {
    const m = correctModel();
    const t = L(m, "1-1");
    setAmount(t, row(t, "合计"), "gpb", "100.10");
    const f = only(m, "F6");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表1-1!G4");
    expect(f.cells[1]).toEqual(summaryLine(S(m, "1"), "income", "gpb").amounts.amount.cell);
  });
});

describe("F8", () => {
  it("表1 类 line vs Σ 1-2 items: 0.01 over two items is 尾差, 0.02 an error", () => {
    const m = correctModel();
    const t1 = S(m, "1");
    setAmount(t1, summaryLine(t1, "expense", "class:208"), "amount", "20.01");
    let f = only(m, "F8");
    expect(f.severity).toBe("warning");
    expect(first(f)).toBe("表1!D6");
    expect(f.message).toContain("0.010万元");
    expect(f.cells).toHaveLength(3);
    setAmount(t1, summaryLine(t1, "expense", "class:208"), "amount", "20.02");
    f = only(m, "F8");
    expect(f.severity).toBe("error");
  });

  it("compares in 分 across units (1-2 in 元, 表1 in 万元)", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    const yuan = ledger(
      "1-2",
      ["total", "basic", "project"],
      t.rows.map((r) => {
        const a = (k: string) => (r.amounts[k] ? (r.amounts[k].fen / 100).toFixed(2) : null);
        const depth = r.kind === "total" ? 0 : r.kind === "org" ? 1 : 2;
        return [depth, r.kind, r.code ?? "", r.name, a("total"), a("basic"), a("project")] as [
          number,
          typeof r.kind,
          string,
          string,
          string | null,
          string | null,
          string | null,
        ];
      }),
      { unit: "元" },
    );
    m.tables["1-2"] = yuan;
    expect(findings(m, "F8")).toEqual([]);
    // 0.004 万元 = 40 元 off on one line: within 1 × 0.005 万元 (the coarser unit) → 尾差.
    setWithParents(yuan, "2210201", "total", "40");
    setWithParents(yuan, "2210201", "basic", "40");
    const fs = findings(m, "F8");
    expect(fs.map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(fs[0].message).toContain("0.005万元");
  });
});

describe("F10", () => {
  it("表2 类 = 表1 类 when all income is 财政拨款", () => {
    const m = correctModel();
    setAmount(S(m, "2"), summaryLine(S(m, "2"), "expense", "class:221"), "total", "10.50");
    const f = only(m, "F10");
    expect(first(f)).toBe("表2!D7");
    expect(f.severity).toBe("error");
  });

  it("only ≤ when 表1 has other income", () => {
    const m = correctModel();
    const t1 = S(m, "1");
    setAmount(t1, summaryLine(t1, "income", "business"), "amount", "5.00");
    setAmount(t1, summaryLine(t1, "expense", "class:221"), "amount", "15.00");
    expect(findings(m, "F10")).toEqual([]);
    setAmount(S(m, "2"), summaryLine(S(m, "2"), "expense", "class:221"), "total", "15.50");
    expect(only(m, "F10").message).toContain("应不大于");
  });
});

describe("F11", () => {
  it("表2 gpb by 类 = 表3 Σ by 类", () => {
    const m = correctModel();
    setWithParents(L(m, "3"), "2210201", "total", "0.50");
    const f = only(m, "F11");
    expect(first(f)).toBe("表2!E7");
    expect(f.cells[1]).toEqual(row(L(m, "3"), "2210201").amounts.total.cell);
  });

  it("表2 gpb income = 表1 gpb income", () => {
    const m = correctModel();
    setAmount(S(m, "2"), summaryLine(S(m, "2"), "income", "gpb"), "amount", "99.00");
    expect(first(only(m, "F11"))).toBe("表2!B5");
  });
});

describe("F14", () => {
  it("2-1 basic by 款 = 3-1 same 款", () => {
    const m = correctModel();
    setWithParents(L(m, "3-1"), "30201", "total", "0.50");
    const f = only(m, "F14");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表2-1!H11");
  });

  it("skips a 款 that 2-1 prints without code (unattributable)", () => {
    const m = correctModel();
    row(L(m, "2-1"), "30201").code = undefined;
    expect(findings(m, "F14")).toEqual([]);
  });

  it("2-1 project total = 3-2 合计", () => {
    const m = correctModel();
    const t = L(m, "2-1");
    setAmount(t, row(t, "合计"), "cur.gpb.proj", "41.00");
    expect(first(only(m, "F14"))).toBe("表2-1!I4");
  });
});

describe("F16", () => {
  it("表3 line = 1-2 line of the same code when all is 一般公共预算", () => {
    const m = correctModel();
    setWithParents(L(m, "3"), "2060701", "total", "1.00");
    const f = only(m, "F16");
    expect(first(f)).toBe("表3!E5");
    expect(f.cells[1]).toEqual(row(L(m, "1-2"), "2060701").amounts.total.cell);
  });

  it("a 表3 code absent from 1-2, where 1-2 has the same name and amount under another code, is a code finding", () => {
    const m = correctModel();
    row(L(m, "3"), "2060702").code = "2060705";
    const f = only(m, "F16");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表3!C6"); // the 项 cell, the part that differs
    expect(f.cells[1]).toEqual(row(L(m, "1-2"), "2060702").codeCells![2]);
    expect([f.expected, f.actual]).toEqual(["2060702", "2060705"]);
    expect(f.message).toContain("科目编码不一致");
  });

  it("a 1-2 code that other evidence contradicts is reported at 1-2's code cell", () => {
    const m = correctModel();
    row(L(m, "1-2"), "2060702").code = "2060705"; // 表3, 表3-2 and the catalog name say 2060702
    const f = only(m, "F16");
    expect([f.table, first(f)]).toEqual(["1-2", "表1-2!C7"]);
    expect([f.expected, f.actual]).toEqual(["2060702", "2060705"]);
  });

  it("a code that differs in its 类 part is reported at the 类 cell", () => {
    const m = correctModel();
    row(L(m, "3"), "2210201").code = "2220201";
    expect(first(only(m, "F16"))).toBe("表3!A9");
  });

  it("keeps the amount comparison when the names differ", () => {
    const m = correctModel();
    const r = row(L(m, "3"), "2060702");
    r.code = "2060705";
    r.name = "其他科普";
    const fs = findings(m, "F16");
    expect(fs.some((f) => f.message.includes("科目编码不一致"))).toBe(false);
    expect(fs.length).toBe(2);
  });
});

describe("F14: codes that differ", () => {
  it("2-1 and 3-1 lines with the same name and amount under different 款: the one the catalog contradicts", () => {
    const m = correctModel();
    row(L(m, "3-1"), "30201").code = "30901";
    const f = only(m, "F14");
    expect([f.table, first(f)]).toEqual(["3-1", "表3-1!A11"]);
    const m2 = correctModel();
    row(L(m2, "2-1"), "30201").code = "30901";
    expect(first(only(m2, "F14"))).toBe("表2-1!A11");
  });
});

describe("F18", () => {
  it("a 301 line with 公用经费 is an error at that cell", () => {
    const m = correctModel();
    const t = L(m, "3-1");
    setAmount(t, row(t, "30101"), "public", "1.00");
    const f = findings(m, "F18").find((x) => x.cells.length === 1)!;
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表3-1!G6");
  });

  it("人员经费 total = Σ301 + Σ303", () => {
    const m = correctModel();
    const t = L(m, "3-1");
    setAmount(t, row(t, "合计"), "personnel", "45.50");
    expect(first(only(m, "F18"))).toBe("表3-1!F4");
  });
});

describe("F19 / F20 / F21", () => {
  it("F19: 3-1 合计 = 1-2 基本支出合计", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    setAmount(t, row(t, "合计"), "basic", "61.00");
    expect(first(only(m, "F19"))).toBe("表3-1!E4");
  });

  it("F20: 30108 ≠ 2080505 is a warning", () => {
    const m = correctModel();
    setWithParents(L(m, "3-1"), "30108", "total", "0.50");
    const f = only(m, "F20");
    expect(f.severity).toBe("warning");
    expect(first(f)).toBe("表3-1!E7");
  });

  it("F21: 3011001 vs 2101101 + 2101102 is info", () => {
    const m = correctModel();
    m.tables["3-1"] = ledger(
      "3-1",
      ["total", "personnel", "public"],
      [
        [0, "total", "", "合计", "11.07", "11.07", null],
        [1, "item", "301", "工资福利支出", "11.07", "11.07", null],
        [2, "item", "30110", "职工基本医疗保险缴费", "11.07", "11.07", null],
        [3, "item", "3011001", "职工基本医疗保险缴费", "11.07", "11.07", null],
      ],
    );
    m.tables["1-2"] = ledger(
      "1-2",
      ["total", "basic", "project"],
      [
        [0, "total", "", "合计", "11.06", "11.06", null],
        [1, "item", "210 11 01", "行政单位医疗", "8.26", "8.26", null],
        [1, "item", "210 11 02", "事业单位医疗", "2.80", "2.80", null],
      ],
    );
    const f = only(m, "F21");
    expect(f.severity).toBe("info");
    expect(first(f)).toBe("表3-1!E7");
    expect(f.cells).toHaveLength(3);
  });
});

describe("F24", () => {
  it("3-2 by 项 code = 1-2 project column of that code", () => {
    const m = correctModel();
    row(L(m, "3-2"), "2060702").code = "2060701";
    const fs = findings(m, "F24");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["error", "表3-2!E6"],
      ["error", "表1-2!G7"],
    ]);
    expect(fs[1].message).toContain("缺少");
  });

  it("3-2 合计 = 1-2 项目支出合计", () => {
    const m = correctModel();
    const t = L(m, "1-2");
    setAmount(t, row(t, "合计"), "project", "40.50");
    expect(first(only(m, "F24"))).toBe("表3-2!E4");
  });
});

describe("F26", () => {
  it("2-1 30217 = 3-3 公务接待费", () => {
    const m = correctModel();
    const t = L(m, "3-3");
    setAmount(t, row(t, "合计"), "reception", "2.00");
    const f = only(m, "F26");
    expect(f.severity).toBe("error");
    expect(first(f)).toBe("表3-3!J4");
    expect(f.cells[1]).toEqual(row(L(m, "2-1"), "30217").amounts["cur.gpb.sub"].cell);
  });

  it("without 2-1, a 3-1 item may be below 三公 but not above", () => {
    const m = correctModel();
    delete m.tables["2-1"];
    const t = L(m, "3-3");
    setAmount(t, row(t, "合计"), "reception", "2.00");
    expect(findings(m, "F26")).toEqual([]);
    setAmount(t, row(t, "合计"), "reception", "0.50");
    const f = only(m, "F26");
    expect(first(f)).toBe("表3-1!E12");
    expect(f.message).toContain("应不大于");
  });
});

describe("F28", () => {
  it("no 政府性基金 ⇒ 表4 must be empty", () => {
    const m = correctModel();
    m.tables["4"] = ledger("4", ["total", "basic", "project"], [[0, "total", "", "合计", "1.00", "1.00", null]]);
    const f = only(m, "F28");
    expect(f.table).toBe("4");
    expect(first(f)).toBe("表4!E4");
  });

  it("政府性基金 in 表2 ⇒ 表4 合计 = 表2 fund expense", () => {
    const m = correctModel();
    const t2 = S(m, "2");
    setAmount(t2, summaryLine(t2, "expense", "currentTotal"), "fund", "5.00");
    const f = only(m, "F28");
    expect(first(f)).toBe("表4!D5"); // the 此表无数据 cell of the empty 表4
    expect(f.expected).toBe("5.00");
  });
});

describe("F29 / F30 / F32", () => {
  it("F29: department line vs Σ projects is 尾差 over three, vs 1-2 an error", () => {
    const m = correctModel();
    const t6 = P(m);
    t6.departmentLine!.budget!.fen += 10_000; // +0.01 万元
    const fs = findings(m, "F29");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["warning", "表6!C4"],
      ["error", "表6!C4"],
    ]);
    expect(fs[0].message).toContain("0.015万元");
  });

  it("F30: a T project's budget = its 3-2 line (names matched loosely)", () => {
    const m = correctModel();
    row(L(m, "3-2"), "2060702").name = "“科普宣传”项目";
    P(m).projects[0].budget!.fen += 1_000_000;
    const f = findings(m, "F30");
    expect(f.map((x) => [x.severity, first(x)])).toEqual([["error", "表6!C5"]]);
  });

  it("F30: Σ R projects = 3-1 人员经费", () => {
    const m = correctModel();
    P(m).projects[1].budget!.fen += 100_000;
    const f = only(m, "F30");
    // 3-1 is internally checked (F18), so the 表6 side is highlighted: its first R project, then 3-1.
    expect(first(f)).toBe(`表6!C${P(m).projects[1].row + 1}`);
    expect(f.cells[f.cells.length - 1]).toEqual(row(L(m, "3-1"), "合计").amounts.personnel.cell);
  });

  it("F30: a project name that differs from 3-2 only in punctuation, or loosely with the same amount, warns", () => {
    const m = correctModel();
    row(L(m, "3-2"), "2060702").name = "科普·宣传项目";
    P(m).projects[0].name = "科普.宣传项目";
    let f = only(m, "F30");
    expect([f.severity, first(f)]).toEqual(["warning", "表6!B5"]);
    P(m).projects[0].name = "科普宣传活动项目";
    f = only(m, "F30");
    expect([f.severity, first(f)]).toEqual(["warning", "表6!B5"]);
    expect(f.expected).toBe("科普·宣传项目");
    // A different amount: not the same project, so no pairing (and nothing to compare).
    P(m).projects[0].budget!.fen += 1_000_000;
    expect(findings(m, "F30")).toEqual([]);
  });

  it("F30: a Y project listed in 3-2 is noted and left out of 公用经费", () => {
    const m = correctModel();
    P(m).projects[0].category = "Y";
    const f = only(m, "F30");
    expect([f.severity, first(f)]).toEqual(["info", "表6!B5"]);
  });

  it("F32: cost indicator ≤X 万元 ≠ budget is a warning at the value cell", () => {
    const m = correctModel();
    P(m).projects[0].indicators[5].value = "45";
    const f = only(m, "F32");
    expect(f.severity).toBe("warning");
    expect(first(f)).toBe("表6!I10");
    expect(f.expected).toBe("40.00");
  });
});

describe("F33 / F34", () => {
  it("F33: 资金总额 = 表1 支出总计, shown with its 3 decimals", () => {
    const m = correctModel();
    W(m).totalFunds!.fen = 300_569_000; // 300.569 万元
    W(m).fiscalFunds!.fen = 300_569_000;
    const fs = findings(m, "F33");
    expect(fs.map((f) => [f.severity, first(f)])).toEqual([
      ["error", "表7!B5"],
      ["error", "表7!C5"], // 财政拨款 vs 表2 收入总计
    ]);
    expect(fs[0].actual).toBe("300.569");
    expect(fs[0].expected).toBe("100.00");
  });

  it("F33: 其他资金 off while 资金总额 = 表1 and 财政拨款 = 表2: 其他资金 is highlighted", () => {
    const m = correctModel();
    W(m).otherFunds!.fen = 1_000_000; // 1.00 万元
    const f = only(m, "F33");
    expect([f.severity, first(f)]).toEqual(["error", "表7!D5"]);
    expect([f.expected, f.actual]).toEqual(["0.00", "1.00"]);
    expect(f.cells.slice(1).map((c) => c.col)).toEqual([1, 2]);
  });

  it("F33: 财政拨款 off while 资金总额 = 表1: 财政拨款 is highlighted by both equations", () => {
    const m = correctModel();
    W(m).fiscalFunds!.fen = 99_000_000;
    const fs = findings(m, "F33");
    expect(fs.map(first)).toEqual(["表7!C5", "表7!C5"]);
  });

  it("F33: 资金总额 off on its own is highlighted", () => {
    const m = correctModel();
    W(m).totalFunds!.fen = 101_000_000;
    const fs = findings(m, "F33");
    expect(fs.map(first)).toEqual(["表7!B5", "表7!B5"]);
  });

  it("F34: a cost indicator that follows a wrong 资金总额 is an info", () => {
    const m = correctModel();
    W(m).totalFunds!.fen = 300_569_000;
    W(m).fiscalFunds!.fen = 300_569_000;
    W(m).indicators[5].value = "300.569";
    const f = only(m, "F34");
    expect([f.severity, first(f)]).toEqual(["info", `表7!I${W(m).indicators[5].row + 1}`]);
  });

  it("F34: cost indicator = 资金总额; task amounts only when present", () => {
    const m = correctModel();
    W(m).indicators[5].value = "90";
    expect(first(only(m, "F34"))).toBe(`表7!I${W(m).indicators[5].row + 1}`);
    const m2 = correctModel();
    W(m2).tasks = [
      {
        row: 6,
        name: "甲",
        content: "",
        nameCell: { sheet: "表7", row: 6, col: 1 },
        amount: { fen: 500_000_00, cell: { sheet: "表7", row: 6, col: 3 } },
      },
    ];
    expect(first(only(m2, "F34"))).toBe("表7!B5");
  });
});
