/**
 * The engine: recognise the tables of a workbook, then run every rule. Host-free: the CLI, the task pane
 * and the tests all call checkWorkbook with a WorkbookData produced by a host.
 *
 * The template decides the path: a workbook with the national 9-table titles is checked by the national-9 profile
 * (generic table views, its rules and formulas); every other workbook by the Sichuan 14-table recognition and rules.
 * Both run the profile's audit formulas and the user's (options.formulas).
 */
import type { WorkbookData } from "./model/workbook";
import type { AnyTableId, BudgetModel, TemplateId } from "./model/tables";
import type { CheckOptions, Finding, RuleFamily } from "./model/findings";
import { recognizeWorkbook } from "./recognition";
import { guarded, runRules } from "./rules";
import { evaluateFormulas } from "./formulas/evaluate";
import type { TableView } from "./formulas/view";
import { areaViews, profileFormulas, sichuanViews } from "./templates";
import { isNationalWorkbook, recognizeNational } from "./templates/national-9";
import { nationalPlaces, NATIONAL_RULES } from "./templates/national-9-rules";
import { diagnoseFaults, holdingByRerun } from "./rules/diagnosis";
import { refsOf } from "./formulas/ast";

export interface CheckResult {
  model: BudgetModel;
  /** The template profile the workbook was checked against. */
  template: TemplateId;
  /** Recognised tables in workbook order. */
  tables: { id: AnyTableId; sheet: string; title: string; template: TemplateId }[];
  findings: Finding[];
}

/**
 * Profile formulas (silent when a table is absent; Sichuan's run as built-in rules, src/core/rules/formula-rules.ts)
 * and user formulas (a note when they cannot be evaluated).
 */
function formulaFindings(template: TemplateId, views: Map<string, TableView>, options: CheckOptions): Finding[] {
  return [
    ...(template === "national-9"
      ? evaluateFormulas(profileFormulas(template), views, { silentWhenUnavailable: true, strictLines: true })
      : []),
    ...(options.formulas?.length ? evaluateFormulas([...options.formulas], views) : []),
  ];
}

export function checkWorkbook(workbook: WorkbookData, options: CheckOptions = {}): CheckResult {
  if (isNationalWorkbook(workbook)) return checkNational(workbook, options);
  const { model, issues } = recognizeWorkbook(workbook);
  model.template = "sichuan-14";
  const views = sichuanViews(model);
  const findings = [...issues, ...runRules(model, options, () => formulaFindings("sichuan-14", views, options))];
  const tables = ordered(
    workbook,
    Object.values(model.tables)
      .filter((t): t is NonNullable<typeof t> => t !== undefined)
      .map((t) => ({ id: t.id, sheet: t.sheet, title: t.title, top: t.top })),
    "sichuan-14",
  );
  return { model, template: "sichuan-14", tables, findings };
}

function checkNational(workbook: WorkbookData, options: CheckOptions): CheckResult {
  const rec = recognizeNational(workbook);
  const model: BudgetModel = {
    tables: {},
    duplicates: [],
    unrecognizedSheets: rec.unrecognizedSheets,
    template: "national-9",
  };
  if (rec.year !== undefined) model.year = rec.year;
  if (rec.department) model.department = rec.department;
  const views = areaViews(workbook, rec.areas);
  const findings: Finding[] = rec.unreadable.map((u) => ({
    rule: "TABLE-LAYOUT",
    severity: "warning",
    message: `工作表“${u.sheet}”中找到标题“${u.title}”，但其下的表头无法识别（未找到金额列或项目列），该表未参与校验。`,
    table: u.id,
    cells: [{ sheet: u.sheet, row: u.row, col: u.col }],
  }));
  const checks = (): Finding[] => [
    ...NATIONAL_RULES.flatMap((rule) => guarded(rule, () => rule.check(views))),
    ...formulaFindings("national-9", views, options),
  ];
  findings.push(...checks());
  const tables = ordered(
    workbook,
    rec.areas.map((a) => ({
      id: a.id as AnyTableId,
      sheet: a.sheet,
      title: workbookText(workbook, a.titleCell),
      top: a.headerTop,
    })),
    "national-9",
  );
  // One wrong amount breaks its row, its column and a cross-table equation: diagnosed into one finding, as for the
  // Sichuan tables (the checks run again with an observer for the equations that hold).
  const diagnosed = diagnoseFaults(findings, nationalFamilies(), nationalPlaces(views), holdingByRerun(checks));
  return { model, template: "national-9", tables, findings: diagnosed };
}

let nationalFamilyList: { id: string; family: RuleFamily }[] | undefined;

/** Families of the national checks and profile formulas (a formula over two tables is a cross-table check). */
function nationalFamilies(): { id: string; family: RuleFamily }[] {
  nationalFamilyList ??= [
    ...NATIONAL_RULES,
    ...profileFormulas("national-9").map((f): { id: string; family: RuleFamily } => {
      const tables = new Set([...refsOf(f.left), ...refsOf(f.right)].map((r) => r.table));
      return { id: f.id, family: tables.size > 1 ? "cross" : "total" };
    }),
  ];
  return nationalFamilyList;
}

function workbookText(wb: WorkbookData, c: { sheet: string; row: number; col: number }): string {
  const v = wb.sheets.find((s) => s.name === c.sheet)?.rows[c.row]?.[c.col];
  return typeof v === "string" ? v.trim() : String(v ?? "");
}

function ordered(
  workbook: WorkbookData,
  list: { id: AnyTableId; sheet: string; title: string; top: number }[],
  template: TemplateId,
): CheckResult["tables"] {
  return list
    .map((t) => ({ ...t, order: workbook.sheets.findIndex((s) => s.name === t.sheet) * 1e7 + t.top }))
    .sort((a, b) => a.order - b.order)
    .map(({ id, sheet, title }) => ({ id, sheet, title, template }));
}
