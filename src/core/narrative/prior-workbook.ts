/**
 * Prior-year figures from last year's published 14 tables (issue #9): the narrative's year-on-year figures read
 * from the prior workbook's recognised model by the same functions that read this year's (figures.ts), so a figure
 * means the same thing in both years. What the tables do not hold (reasons, 政府采购, 国有资产, 接待批次) stays with
 * the JSON input or a 【待补充】 marker. Host-free: the CLI and the pane pass a model they recognised.
 */
import type { BudgetModel } from "../model/tables";
import type { PriorYearInput } from "./types";
import { agencyOperatingOf, fiscalTotalOf, gpbData, incomeTotalOf, threePublicOf, totalRow } from "./figures";
import { fenToWanText, parseWan } from "./prior";

export interface PriorFromWorkbook {
  /** The figures found, as 万元 decimal strings (the --prior JSON's shape). */
  prior: PriorYearInput;
  /** Chinese labels of the figures taken from the tables. */
  taken: string[];
  /** Wrong department or year, no recognised table: Chinese sentences for the user. */
  warnings: string[];
}

/** The department/year of the workbook the narrative is for. */
export interface NarrativeTarget {
  year?: number;
  department?: string;
}

export function departmentOfModel(model: BudgetModel): string | undefined {
  const fromTables = Object.values(model.tables).find((t) => t?.department)?.department;
  return (model.department ?? fromTables ?? "").trim() || undefined;
}

/** Department names compared without spaces, brackets, a unit code prefix or a trailing 部门/本级. */
function deptKey(name: string): string {
  return name
    .replace(/[\s\u3000]/g, "")
    .replace(/^[0-9]+[-－—]/, "")
    .replace(/[（(]本级[）)]$/, "")
    .replace(/部门$/, "");
}

export function priorFromModel(model: BudgetModel, target: NarrativeTarget = {}): PriorFromWorkbook {
  const prior: PriorYearInput = {};
  const taken: string[] = [];
  const warnings: string[] = [];
  const put = (key: string, label: string, fen: number | undefined) => {
    if (fen === undefined) return;
    prior[key] = fenToWanText(fen);
    taken.push(label);
  };

  const found = Object.values(model.tables).filter(Boolean).length;
  if (found === 0) {
    warnings.push("所选上年文件中没有识别到部门预算公开表，未读取任何上年数据。");
    return { prior, taken, warnings };
  }
  if (model.year !== undefined) prior.year = model.year;
  if (target.year !== undefined) {
    if (model.year === undefined) {
      warnings.push(`未能识别上年公开表的年度，请确认它是${target.year - 1}年的部门预算公开表。`);
    } else if (model.year !== target.year - 1) {
      warnings.push(
        `上年公开表的年度是${model.year}年，而本年公开表是${target.year}年，应使用${target.year - 1}年的公开表；同比数字将以${model.year}年为上年计算，请核对。`,
      );
    }
  }
  const priorDept = departmentOfModel(model);
  if (target.department && priorDept && deptKey(priorDept) !== deptKey(target.department)) {
    warnings.push(
      `上年公开表的部门是“${priorDept}”，与本年公开表的“${target.department}”不同，请确认选择了本部门的上年公开表。`,
    );
  }

  put("total", "收支总预算（表1）", incomeTotalOf(model));
  const t2 = model.tables["2"];
  if (t2) put("fiscalTotal", "财政拨款收支总预算（表2）", fiscalTotalOf(t2));
  put("gpbCurrent", "一般公共预算当年拨款（表3）", gpbData(model)?.total);
  const tr33 = totalRow(model.tables["3-3"]);
  if (tr33) {
    const tp = threePublicOf(tr33);
    prior.threePublic = {
      total: fenToWanText(tp.total),
      overseas: fenToWanText(tp.overseas),
      reception: fenToWanText(tp.reception),
      vehiclePurchase: fenToWanText(tp.vehiclePurchase),
      vehicleOperation: fenToWanText(tp.vehicleOperation),
    };
    taken.push("“三公”经费及其明细（表3-3）");
  }
  put("agencyOperating", "机关运行经费（表3-1公用经费）", agencyOperatingOf(model));
  return { prior, taken, warnings };
}

const FIGURE_KEYS = ["total", "fiscalTotal", "gpbCurrent", "agencyOperating"] as const;
const THREE_PUBLIC_KEYS = ["total", "overseas", "reception", "vehiclePurchase", "vehicleOperation"] as const;

/**
 * The workbook's figures over a JSON input: the JSON keeps what the tables do not hold (reasons, procurement …) and
 * fills figures the tables lack. A figure both give differently is reported; the published table wins.
 */
export function mergePrior(
  fromWorkbook: PriorYearInput,
  fromJson: PriorYearInput | undefined,
): { prior: PriorYearInput; conflicts: string[] } {
  const conflicts: string[] = [];
  if (!fromJson) return { prior: fromWorkbook, conflicts };
  const prior: PriorYearInput = { ...fromJson };
  // Compared exactly in 分, never as floats.
  const differs = (a: unknown, b: unknown) => {
    const fa = parseWan(a, "", []);
    const fb = parseWan(b, "", []);
    return fa !== undefined && fb !== undefined && fa !== fb;
  };
  for (const k of FIGURE_KEYS) {
    if (fromWorkbook[k] === undefined) continue;
    if (differs(fromWorkbook[k], fromJson[k]))
      conflicts.push(`${k}：上年公开表为 ${String(fromWorkbook[k])}，JSON 为 ${String(fromJson[k])}`);
    (prior as Record<string, unknown>)[k] = fromWorkbook[k];
  }
  if (fromWorkbook.threePublic) {
    const jt = (fromJson.threePublic ?? {}) as Record<string, unknown>;
    const wt = fromWorkbook.threePublic as Record<string, unknown>;
    for (const k of THREE_PUBLIC_KEYS) {
      if (differs(wt[k], jt[k]))
        conflicts.push(`threePublic.${k}：上年公开表为 ${String(wt[k])}，JSON 为 ${String(jt[k])}`);
    }
    prior.threePublic = { ...jt, ...wt };
  }
  if (fromWorkbook.year !== undefined) {
    if (fromJson.year !== undefined && Number(fromJson.year) !== fromWorkbook.year) {
      conflicts.push(`year：上年公开表为 ${fromWorkbook.year}，JSON 为 ${String(fromJson.year)}`);
    }
    prior.year = fromWorkbook.year;
  }
  return { prior, conflicts };
}
