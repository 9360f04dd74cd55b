/**
 * The audit formula language (docs/formulas.md) on the Sichuan example: a file of formulas written against the
 * published tables holds on the corrected workbook in every layout (no finding), and each single-cell mutant breaks
 * exactly the formulas that read the cell, with a finding whose rule is the formula's id, cells[0] the first
 * reference's cell, expected / actual and the broken equation. Malformed files are refused with the line number.
 */
import { correctedSeed2024 } from "../../../examples/data/corrected";
import type { LayoutOptions } from "../../../scripts/examples/build-workbook";
import { checkWorkbook } from "../../../src/core/engine";
import { checkEachRule } from "../../../src/core/rules";
import type { EquationTerm, Finding } from "../../../src/core/model/findings";
import type { WorkbookData } from "../../../src/core/model/workbook";
import { parseUserFormulas, profileFormulas, sichuanViews } from "../../../src/core/templates";
import { observeHoldingEquations } from "../../../src/core/rules/util";
import { recognizeWorkbook } from "../../../src/core/recognition";
import { evaluateFormulas } from "../../../src/core/formulas/evaluate";
import { addr, buildAndRead, cellValue, describeFinding, Locator, plus, withCell } from "../../integration/support";

const RULES = `
# 表1 收支平衡与收入构成
S1 错误 表1["收入总计"].预算数 = 表1["支出总计"].预算数
S2 错误 表1["本年收入合计"].预算数 = 表1["一般公共预算拨款收入"].预算数 + 表1["政府性基金预算拨款收入"].预算数 + 表1["国有资本经营预算拨款收入"].预算数 + 表1["事业收入"].预算数 + 表1["事业单位经营收入"].预算数 + 表1["其他收入"].预算数
S3 错误 表1-2["合 计"].合计 = 表1-2["合计"].基本支出 + 表1-2["合计"].项目支出   # 标签中的空格不影响匹配
S4 错误 表1["科学技术支出"].预算数 = 表1-2[206].合计
S5 错误 表1-2[2060701].合计 = 表3[2060701].合计
S6 错误 表3-1["合计"].基本支出/合计 = 表3-1["合计"].人员经费 + 表3-1["合计"].公用经费
S7 错误 表3-1["合计"].人员经费 = SUM(表3-1[301].合计, 表3-1[303].合计)
S8 错误 表3-1["合计"].公用经费 = 表3-1[302].合计 + 表3-1[310].合计
S9 错误 表3-3["合计"].合计 = 表3-3["合计"].因公出国(境)费用 + 表3-3["合计"].公务用车购置及运行费/小计 + 表3-3["合计"].公务接待费
S10 错误 表3-3["合计"].小计 = 表3-3["合计"].公务用车购置费 + 表3-3["合计"].公务用车运行费
S11 错误 表1-2[*].合计 = 表1-2[*].基本支出 + 表1-2[*].项目支出
S12 错误 表3-1["合计"].合计 = 表1-2["合计"].基本支出
S13 错误 表2["一般公共预算拨款收入"].预算数 = 表1["一般公共预算拨款收入"].预算数
S14 警告 表3-2["合计"].金额 = 表1-2["合计"].项目支出
S15 错误 表3[*].合计 = 表3[*].当年财政拨款安排 + 表3[*].上年结转安排
S16 错误 表4["合计"].合计 = 0
S17 提示 表1["支出总计"].预算数 >= 表3-1["合计"].合计
S18 错误 表1-1["合计"].合计 = 表1["收入总计"].预算数
S19 错误 (表1-2[208].合计 - 表1-2[2080505].合计) = 表1-2[2080501].合计 + 表1-2[2080502].合计 + 表1-2[2080506].合计
S20 错误 表1-2[2101101].合计 + 表1-2[2101102].合计 <= 表1-2[210].合计
`;

const LAYOUTS: [string, LayoutOptions][] = [
  ["default", {}],
  ["joined codes", { codeStyle: "joined" }],
  ["amounts in 元", { unit: "元" }],
  ["amounts as text", { amountsAs: "text" }],
  [
    "offset and combined sheets",
    {
      offset: { rows: 3, cols: 2 },
      combine: [
        ["1", "1-1", "1-2"],
        ["3", "3-1", "3-2", "3-3"],
      ],
    },
  ],
  ["three budget units", { units: 3 }],
  [
    "numbered titles, shuffled sheets",
    {
      titleStyle: "numbered",
      order: ["7", "3-2", "1-1", "5", "2", "3-3", "1", "6", "4-1", "3", "2-1", "4", "1-2", "3-1"],
    },
  ],
];

const formulas = () => {
  const p = parseUserFormulas(RULES);
  expect(p.errors).toEqual([]);
  return p.formulas;
};

/** The workbook with one amount cell 1.00 higher, written as the layout writes amounts (number or text). */
function bumped(wb: WorkbookData, at: { sheet: string; row: number; col: number }): WorkbookData {
  const ref = { sheet: at.sheet, row: at.row, col: at.col };
  const v = cellValue(wb, ref);
  return withCell(wb, ref, typeof v === "string" ? String(plus(Number(v.replace(/,/g, "")), 1)) : plus(v, 1));
}

/** The user formulas' own findings, as the evaluator reports them (before fault diagnosis folds them). */
const userFindings = (wb: WorkbookData): Finding[] => {
  const { model } = recognizeWorkbook(wb);
  model.template = "sichuan-14";
  return evaluateFormulas(formulas(), sichuanViews(model));
};

/** What the user sees of the formulas after diagnosis: a finding of its own or a `related` entry of a fault. */
const visibleFormulaEntries = (wb: WorkbookData) =>
  checkWorkbook(wb, { formulas: formulas() })
    .findings.flatMap((f) => [f, ...(f.related ?? [])])
    .filter((f) => /^S\d+$/.test(f.rule));

describe("parsing", () => {
  it("reads every line of the example file, comments and blank lines skipped", () => {
    const fs = formulas();
    expect(fs.map((f) => f.id)).toEqual(Array.from({ length: 20 }, (_, i) => `S${i + 1}`));
    expect(fs[0]).toMatchObject({ severity: "error", op: "=", line: 3 });
    expect(fs.find((f) => f.id === "S14")!.severity).toBe("warning");
    expect(fs.find((f) => f.id === "S17")).toMatchObject({ severity: "info", op: ">=" });
  });

  const bad: [string, string, RegExp][] = [
    [
      "syntax: no operator",
      `\n\nB1 错误 表1["收入总计"].预算数 表1["支出总计"].预算数`,
      /^第3行：语法错误：.*比较运算符/,
    ],
    [
      "syntax: two operators",
      `B1 错误 表1["收入总计"].预算数 = 表1["支出总计"].预算数 = 1`,
      /^第1行：语法错误：一条公式只能有一个比较运算符/,
    ],
    ["syntax: unclosed quote", `B1 错误 表1["收入总计].预算数 = 1`, /^第1行：语法错误：引号未闭合/],
    [
      "syntax: missing bracket",
      `# x\nB1 错误 SUM(表1-2["合计"].合计, 表1-2["合计"].基本支出 = 1`,
      /^第2行：语法错误：SUM\(…\) 缺少“\)”/,
    ],
    ["level", `B1 强制 表1["收入总计"].预算数 = 1`, /^第1行：级别应为“错误”、“警告”或“提示”，实为“强制”/],
    ["unknown table", `B1 错误 表9-9["合计"].合计 = 1`, /^第1行：未知的表“表9-9”/],
    ["unknown column", `B1 错误 表1-2["合计"].年度预算 = 1`, /^第1行：表1-2（部门支出总表）没有列“年度预算”/],
    [
      "unknown row of a fixed table",
      `B1 错误 表1["收入总计"].预算数 = 表1["本年结余"].预算数`,
      /^第1行：表1（部门收支总表）没有行“本年结余”/,
    ],
    [
      "ambiguous column",
      `B1 错误 表2-1[30201].基本支出 = 1`,
      /^第1行：引用不唯一：表2-1有多个名为“基本支出”的列.*请写出表头路径/,
    ],
    [
      "duplicate id",
      `B1 错误 表1["收入总计"].预算数 = 1\nB1 错误 表1["支出总计"].预算数 = 1`,
      /^第2行：公式编号“B1”与第1行重复/,
    ],
    ["bad code", `B1 错误 表1-2[20].合计 = 1`, /^第1行：表1-2的行编码“20”不是3至9位的科目编码/],
    ["no reference", `B1 错误 1 = 1`, /^第1行：公式中没有任何表格引用/],
  ];
  it.each(bad)("refuses a bad line (%s) with its line number", (_name, text, message) => {
    const p = parseUserFormulas(text);
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.errors[0].message).toMatch(message);
  });

  /** Full-width forms a Chinese input method types read as their half-width ones. */
  const FULL_WIDTH: [string, string][] = [
    [
      `B1 错误 （表1["收入总计"].预算数 － 表1["上年结转"].预算数） ＝ 表1["本年收入合计"].预算数`,
      `B1 错误 (表1["收入总计"].预算数 - 表1["上年结转"].预算数) = 表1["本年收入合计"].预算数`,
    ],
    [
      `B1 错误 表1["收入总计"].预算数 ＜＝ 表1["支出总计"].预算数`,
      `B1 错误 表1["收入总计"].预算数 <= 表1["支出总计"].预算数`,
    ],
    [
      `B1 错误 表1["收入总计"].预算数 ＞＝ 表1["支出总计"].预算数`,
      `B1 错误 表1["收入总计"].预算数 >= 表1["支出总计"].预算数`,
    ],
    [
      `B1 错误 表1["收入总计"].预算数 ＜＞ 表1["支出总计"].预算数`,
      `B1 错误 表1["收入总计"].预算数 <> 表1["支出总计"].预算数`,
    ],
    [`B1 错误 表1["收入总计"].预算数 ＞ 0`, `B1 错误 表1["收入总计"].预算数 > 0`],
    [
      `B1 错误 SUM（表3-3["合计"].因公出国（境）费用，表3-3["合计"].公务接待费） ＝ 表3-3["合计"].合计`,
      `B1 错误 SUM(表3-3["合计"].因公出国(境)费用, 表3-3["合计"].公务接待费) = 表3-3["合计"].合计`,
    ],
  ];
  it.each(FULL_WIDTH)("reads full-width brackets and operators: %s", (full, half) => {
    const a = parseUserFormulas(full);
    const b = parseUserFormulas(half);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    const shape = (f: (typeof a.formulas)[number]) =>
      JSON.stringify({ op: f.op, left: f.left, right: f.right }, (k, v: unknown) => (k === "text" ? undefined : v));
    expect(shape(a.formulas[0])).toBe(shape(b.formulas[0]));
  });

  it("accepts a header path where the leaf label repeats (表2-1)", () => {
    const p = parseUserFormulas(
      `B1 错误 表2-1[30201].本级当年财政拨款安排/一般公共预算拨款/基本支出 = 表3-1[30201].公用经费`,
    );
    expect(p.errors).toEqual([]);
    expect(p.formulas[0].left).toMatchObject({ kind: "ref", table: "2-1", row: { kind: "code", code: "30201" } });
  });
});

describe.each(LAYOUTS)("formulas on the example, %s", (_name, layout) => {
  let wb: WorkbookData;
  const loc = Locator.of(correctedSeed2024(), layout);
  beforeAll(async () => {
    wb = await buildAndRead(correctedSeed2024(), layout);
  });

  it("every formula holds on the corrected workbook", () => {
    const found = userFindings(wb);
    expect(found.map(describeFinding)).toEqual([]);
    expect(visibleFormulaEntries(wb).map((f) => f.message)).toEqual([]);
  });

  /** [table, row, column key] of the first reference of a formula, and the formulas the cell takes part in. */
  const MUTANTS: [string, string, Parameters<Locator["at"]>[1], string, string[]][] = [
    ["S1", "1", { kind: "summary", inLabel: "收入总计" }, "inAmount", ["S1", "S18"]],
    ["S3", "1-2", { kind: "total" }, "total", ["S3", "S11"]],
    ["S5", "1-2", (t) => t.code === "2060701" && (t.unitIndex ?? 0) === 0, "total", ["S4", "S5", "S11"]],
    ["S6", "3-1", { kind: "total" }, "total", ["S6", "S12", "S17"]],
    ["S9", "3-3", { kind: "total" }, "total", ["S9"]],
    ["S10", "3-3", { kind: "total" }, "vehicleSubtotal", ["S9", "S10"]],
  ];

  it.each(MUTANTS)(
    "formula %s is broken at its first cell when that cell is off by 1.00",
    (id, table, row, col, rules) => {
      const at = loc.at(table as never, row, col);
      const mutated = bumped(wb, at);
      const found = userFindings(mutated);
      const mine = found.find((f) => f.rule === id);
      expect(mine && describeFinding(mine)).toBeDefined();
      expect(addr(mine!.cells[0])).toBe(`${at.sheet}!${at.address}`);
      expect(mine!.severity).toBe("error");
      expect(mine!.expected).toBeDefined();
      expect(mine!.actual).not.toBe(mine!.expected);
      // The broken equation: the mutated cell is a term, and moving it back by the gap repairs it.
      const term = mine!.equation!.terms.find((t) => addr(t.cell) === `${at.sheet}!${at.address}`)!;
      expect(term).toBeDefined();
      expect(Math.abs(mine!.equation!.gap)).toBe(Math.abs(term.coef) * (layout.unit === "元" ? 100 : 1_000_000));
      // Only the formulas that read the cell break (info-level S17 included when it does).
      expect([...new Set(found.map((f) => f.rule))].sort()).toEqual(
        expect.arrayContaining(rules.filter((r) => r !== "S17")),
      );
      for (const f of found) expect(rules).toContain(f.rule);
      // After diagnosis the formula is still visible with its own id and first cell (a finding or a related entry).
      const visible = visibleFormulaEntries(mutated).filter((f) => f.rule === id);
      expect(visible.length).toBeGreaterThan(0);
      expect(visible.map((f) => addr(f.cells[0]))).toContain(`${at.sheet}!${at.address}`);
    },
  );

  it("a wrong cell on the right-hand side is listed in the finding, the first reference stays first", () => {
    const at = loc.at("1-2", { kind: "total" }, "basic");
    const mutated = bumped(wb, at);
    const found = userFindings(mutated);
    const s3 = found.find((f) => f.rule === "S3")!;
    expect(s3).toBeDefined();
    expect(addr(s3.cells[0])).toBe(addr(loc.at("1-2", { kind: "total" }, "total") as never));
    expect(s3.cells.map(addr)).toContain(`${at.sheet}!${at.address}`);
    expect(found.map((f) => f.rule)).toEqual(expect.arrayContaining(["S3", "S11", "S12"]));
  });
});

/**
 * The Sichuan profile's own formula file (the built-in equations of F1, F2, F4, F6, F8, F9, F11, F14): every line can
 * be evaluated in every layout (a line that silently never runs would lose a check), holds on the corrected workbook,
 * and breaks at the cell of its first reference when that cell alone is changed.
 */
describe.each(LAYOUTS)("the Sichuan profile's formula lines on the example, %s", (_name, layout) => {
  let wb: WorkbookData;
  const lines = profileFormulas("sichuan-14");
  beforeAll(async () => {
    wb = await buildAndRead(correctedSeed2024(), layout);
  });

  const evaluate = (book: WorkbookData, fs = lines) => {
    const { model } = recognizeWorkbook(book);
    model.template = "sichuan-14";
    return evaluateFormulas(fs, sichuanViews(model));
  };

  it("every line is evaluable and holds", () => {
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(evaluate(wb).map(describeFinding)).toEqual([]);
  });

  it.each(lines.map((f) => [`${f.id} (第${f.line}行)`, f] as const))(
    "%s breaks at its first reference's cell",
    (_label, f) => {
      // The cells of the holding equation, in the formula's order: the first is the first reference's cell.
      const seen: EquationTerm[][] = [];
      observeHoldingEquations((terms) => seen.push(terms));
      try {
        expect(evaluate(wb, [f])).toEqual([]);
      } finally {
        observeHoldingEquations(undefined);
      }
      expect(seen).toHaveLength(1);
      const at = seen[0][0].cell;
      const v = cellValue(wb, at);
      const changed = withCell(
        wb,
        at,
        v === null ? 1 : typeof v === "string" ? String(plus(Number(v.replace(/,/g, "")), 1)) : plus(v, 1),
      );
      const found = evaluate(changed, [f]);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ rule: f.id, severity: "error" });
      expect(addr(found[0].cells[0])).toBe(addr(at));
      // The built-in rule of that id really runs the line (a code rule that forgot to call it would fail here).
      const { model } = recognizeWorkbook(changed);
      const fromRules = checkEachRule(model).filter((x) => x.rule === f.id && x.message === found[0].message);
      expect(fromRules).toHaveLength(1);
    },
  );
});

describe("a profile header key read by its path", () => {
  it("finds 2-1's 本级当年财政拨款安排/一般公共预算拨款/项目支出 under a header worded 本年财政拨款安排", async () => {
    const wb = await buildAndRead(correctedSeed2024(), {});
    let renamed = 0;
    const reworded: WorkbookData = {
      ...wb,
      sheets: wb.sheets.map((s) => ({
        ...s,
        rows: s.rows.map((r) =>
          r.map((v) => {
            if (v !== "本级当年财政拨款安排") return v;
            renamed++;
            return "本年财政拨款安排";
          }),
        ),
      })),
    };
    expect(renamed).toBe(1);
    const f14 = profileFormulas("sichuan-14").filter((f) => f.id === "F14");
    expect(f14).toHaveLength(1);
    const { model } = recognizeWorkbook(reworded);
    model.template = "sichuan-14";
    // Evaluable (no 无法计算 info) and holding.
    expect(evaluateFormulas(f14, sichuanViews(model)).map(describeFinding)).toEqual([]);
    // A user formula written with the printed wording reads the same column.
    const user = parseUserFormulas(`U1 错误 表2-1["合计"].本级当年财政拨款安排/一般公共预算拨款/项目支出 = 1`);
    expect(user.errors).toEqual([]);
    const found = evaluateFormulas(user.formulas, sichuanViews(model));
    expect(found).toHaveLength(1);
    expect(found[0].actual).toBe("281.37");
  });
});
