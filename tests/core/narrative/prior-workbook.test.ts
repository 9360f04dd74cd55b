/**
 * Prior year from last year's published workbook (issue #9): examples/prior-2023.xlsx is built from the figures of
 * examples/prior-2023.json; the narrative from the workbook must equal the narrative from the JSON wherever both
 * hold the figures, and a workbook of another department or year must be flagged.
 */
import * as fs from "fs";
import * as path from "path";
import { readXlsxFile } from "../../../src/hosts/xlsx/reader";
import { checkWorkbook } from "../../../src/core/engine";
import { recognizeWorkbook } from "../../../src/core/recognition";
import {
  generateNarrative,
  mergePrior,
  narrativeToMarkdown,
  priorFromJson,
  priorFromModel,
} from "../../../src/core/narrative";
import type { BudgetModel } from "../../../src/core/model/tables";
import type { PriorYearInput } from "../../../src/core/narrative/types";
import { runCli as run } from "../../support/run-cli";

const ROOT = path.resolve(__dirname, "../../..");
const ex = (name: string) => path.join(ROOT, "examples", name);

let current: BudgetModel;
let priorModel: BudgetModel;
let json: PriorYearInput;

beforeAll(async () => {
  current = checkWorkbook(await readXlsxFile(ex("seed-corrected.xlsx"))).model;
  priorModel = recognizeWorkbook(await readXlsxFile(ex("prior-2023.xlsx"))).model;
  json = priorFromJson(JSON.parse(fs.readFileSync(ex("prior-2023.json"), "utf8"))).prior;
});

const FIGURES = ["year", "total", "fiscalTotal", "gpbCurrent", "threePublic", "agencyOperating"] as const;
/** The JSON's figures only (what a workbook can hold). */
const figuresOf = (p: PriorYearInput) =>
  Object.fromEntries(FIGURES.filter((k) => p[k] !== undefined).map((k) => [k, p[k]])) as PriorYearInput;

test("the 2023 example workbook is itself a clean set of 14 tables", async () => {
  const result = checkWorkbook(await readXlsxFile(ex("prior-2023.xlsx")));
  expect(result.tables).toHaveLength(14);
  expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
});

test("every figure the narrative needs is read from the tables, equal to the JSON's", () => {
  const { prior, taken, warnings } = priorFromModel(priorModel, { year: current.year, department: current.department });
  expect(warnings).toEqual([]);
  expect(taken).toHaveLength(5);
  expect(priorFromJson(prior).prior).toEqual(priorFromJson(figuresOf(json)).prior);
});

test("narrative from the workbook = narrative from the JSON's figures; with the JSON's texts too = narrative from the JSON", () => {
  const { prior } = priorFromModel(priorModel, { year: current.year, department: current.department });
  const fromBook = narrativeToMarkdown(generateNarrative(current, prior));
  expect(fromBook).toBe(narrativeToMarkdown(generateNarrative(current, figuresOf(json))));
  expect(fromBook).toContain("比2023年预算增加139.20万元");
  const merged = mergePrior(prior, json);
  expect(merged.conflicts).toEqual([]);
  expect(narrativeToMarkdown(generateNarrative(current, merged.prior))).toBe(
    narrativeToMarkdown(generateNarrative(current, json)),
  );
});

test("without a figure in the tables the marker stays, or the JSON gives it", () => {
  const noThreePublic = { ...priorModel, tables: { ...priorModel.tables, "3-3": undefined } };
  const { prior, taken } = priorFromModel(noThreePublic);
  expect(prior.threePublic).toBeUndefined();
  expect(taken.join()).not.toMatch(/三公/);
  const alone = narrativeToMarkdown(generateNarrative(current, prior));
  expect(alone).toContain("【待补充：2023年“三公”经费");
  const withJson = narrativeToMarkdown(generateNarrative(current, mergePrior(prior, json).prior));
  expect(withJson).not.toContain("【待补充：2023年“三公”经费");
  expect(withJson).toContain("“三公”经费预算比2023年预算减少1.00万元");
});

test("a workbook of another year or department gets a clear warning", () => {
  const sameYear = priorFromModel(current, { year: current.year, department: current.department });
  expect(sameYear.warnings.join()).toMatch(/上年公开表的年度是2024年，而本年公开表是2024年，应使用2023年的公开表/);
  const other = priorFromModel(priorModel, { year: 2024, department: "凉山州农业农村局" });
  expect(other.warnings.join()).toMatch(/部门是“凉山州科学技术协会.*”，与本年公开表的“凉山州农业农村局”不同/);
  const nothing = priorFromModel({ tables: {}, duplicates: [], unrecognizedSheets: ["Sheet1"] }, { year: 2024 });
  expect(nothing.warnings.join()).toMatch(/没有识别到部门预算公开表/);
  expect(nothing.prior).toEqual({});
});

test("a figure both give differently is reported and the published table wins (compared in 分)", () => {
  const { prior } = priorFromModel(priorModel);
  const merged = mergePrior(prior, { ...json, total: "614.5", agencyOperating: 51.3 });
  expect(merged.conflicts).toEqual([expect.stringMatching(/^total：上年公开表为 614\.51，JSON 为 614\.5$/)]);
  expect(merged.prior.total).toBe("614.51");
});

describe("CLI narrate --prior <last-year.xlsx>", () => {
  test("workbook + JSON gives the JSON's narrative; the workbook alone names what it read", async () => {
    const fromJson = await run("narrate", ex("seed-corrected.xlsx"), "--prior", ex("prior-2023.json"));
    const both = await run(
      "narrate",
      ex("seed-corrected.xlsx"),
      "--prior",
      ex("prior-2023.xlsx"),
      "--prior",
      ex("prior-2023.json"),
    );
    expect(both.code).toBe(0);
    expect(both.stdout).toBe(fromJson.stdout);
    const book = await run("narrate", ex("seed-corrected.xlsx"), "--prior", ex("prior-2023.xlsx"));
    expect(book.stderr).toContain("已从上年公开表读取：收支总预算（表1）");
    expect(book.stdout).toContain("比2023年预算增加139.20万元");
  });

  test("a wrong-year workbook is warned about; an unreadable one ends with exit 2 and a reason", async () => {
    const wrong = await run("narrate", ex("seed-corrected.xlsx"), "--prior", ex("seed-as-published.xlsx"));
    expect(wrong.code).toBe(0);
    expect(wrong.stderr).toMatch(/警告：上年公开表的年度是2024年/);
    const bad = await run("narrate", ex("seed-corrected.xlsx"), "--prior", path.join(ROOT, "README.md.xlsx"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^上年公开表无法读取：找不到文件/);
  });
});
