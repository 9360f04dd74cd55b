/**
 * Every genuine slip of the seed that examples/seed-as-published.xlsx keeps, with the cell where it is.
 * Addresses are computed by the builder (locateIn on the default layout), never typed by hand; `slipsFor(layout)`
 * gives the same list for another layout. Explained in examples/SLIPS.md.
 */
import { locateIn, planWorkbook, type LayoutOptions, type RowMatcher } from "../../scripts/examples/build-workbook";
import { seed2024 } from "./seed2024";
import type { TableId } from "./types";

export type SlipKind = "rounding" | "error" | "warning" | "info";

export interface Slip {
  table: TableId;
  sheet: string;
  /** Cell in seed-as-published.xlsx (default layout). */
  address: string;
  kind: SlipKind;
  what: string;
  formula?: string;
}

export interface SlipSpec {
  table: TableId;
  row: RowMatcher;
  column: string;
  kind: SlipKind;
  what: string;
  formula?: string;
}

const TOTAL: RowMatcher = { kind: "total" };

const FIXED_SPECS: SlipSpec[] = [
  // ---- rounding (尾差): gap within n × 0.005 万元
  {
    table: "1-2",
    row: TOTAL,
    column: "total",
    kind: "rounding",
    formula: "F7",
    what: "合计 753.70 ≠ 基本支出 472.34 + 项目支出 281.37 = 753.71 (bound 0.01 for 2 parts); the department and unit lines repeat it, and Σ 项 rows = 753.71 (F8)",
  },
  {
    table: "1",
    row: { kind: "summary", exLabel: "十、卫生健康支出" },
    column: "amount",
    kind: "rounding",
    formula: "F8",
    what: "卫生健康支出 23.49 ≠ Σ 1-2 项 rows of 类 210 = 8.26 + 2.81 + 9.36 + 3.07 = 23.50 (bound 0.02)",
  },
  {
    table: "2",
    row: { kind: "summary", exLabel: "卫生健康支出" },
    column: "gpb",
    kind: "rounding",
    formula: "F11",
    what: "表2 卫生健康支出 (一般公共预算) 23.49 ≠ Σ 表3 类 210 = 23.50 (bound 0.02); inherited from 表1",
  },
  {
    table: "3",
    row: TOTAL,
    column: "total",
    kind: "rounding",
    formula: "F16",
    what: "合计 753.70 ≠ Σ 15 项 rows = 753.71 (bound 0.075); the department and unit lines repeat it",
  },
  {
    table: "2-1",
    row: TOTAL,
    column: "cur.gpb.sub",
    kind: "rounding",
    formula: "F12",
    what: "一般公共预算拨款 小计 753.70 ≠ 基本支出 472.34 + 项目支出 281.37 = 753.71 (bound 0.01); 总计 and 合计 print 753.70 too, on the department and unit lines as well",
  },
  {
    table: "2-1",
    row: { kind: "item", code: "30102" },
    column: "cur.gpb.basic",
    kind: "rounding",
    formula: "F13",
    what: "30102 津贴补贴 40.21 ≠ Σ sub-items 5.38 + 1.04 + 33.80 = 40.22 (bound 0.015)",
  },
  {
    table: "2-1",
    row: { kind: "item", code: "30112" },
    column: "cur.gpb.basic",
    kind: "rounding",
    formula: "F13",
    what: "30112 其他社会保障缴费 2.26 ≠ Σ sub-items 0.21 + 0.33 + 1.73 = 2.27 (bound 0.015)",
  },
  {
    table: "2-1",
    row: { kind: "item", code: "30301" },
    column: "cur.gpb.basic",
    kind: "rounding",
    formula: "F13",
    what: "30301 离休费 16.29 ≠ Σ sub-items 8.04 + 3.29 + 4.97 = 16.30 (bound 0.015)",
  },
  {
    table: "2-1",
    row: { kind: "class", code: "303" },
    column: "cur.gpb.basic",
    kind: "rounding",
    formula: "F13",
    what: "303 对个人和家庭的补助 78.87 ≠ 30301 16.29 + 30399 62.57 = 78.86 (bound 0.01); it matches 16.30 + 62.57, so 30301 is the slip",
  },
  {
    table: "3-1",
    row: { kind: "item", unitCode: "30102" },
    column: "total",
    kind: "rounding",
    what: "30102 津贴补贴 40.21 ≠ Σ sub-items 40.22 (bound 0.015)",
  },
  {
    table: "3-1",
    row: { kind: "item", unitCode: "30112" },
    column: "total",
    kind: "rounding",
    what: "30112 其他社会保障缴费 2.26 ≠ Σ sub-items 2.27 (bound 0.015)",
  },
  {
    table: "3-1",
    row: { kind: "item", unitCode: "30301" },
    column: "total",
    kind: "rounding",
    what: "30301 离休费 16.29 ≠ Σ sub-items 16.30 (bound 0.015)",
  },
  {
    table: "3-1",
    row: { kind: "class", unitCode: "303" },
    column: "total",
    kind: "rounding",
    what: "303 对个人和家庭的补助 78.87 ≠ 16.29 + 62.57 = 78.86 (bound 0.01)",
  },
  {
    table: "6",
    row: { kind: "dept" },
    column: "budget",
    kind: "rounding",
    formula: "F29",
    what: "department line 753.70 ≠ Σ 34 projects = 753.72 (bound 0.17); 1-2 items give 753.71, the extra 0.01 is the R-project slip",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340024R000010184587", indicatorIndex: 0 },
    column: "budget",
    kind: "rounding",
    formula: "F30",
    what: "Σ 人员类 (R) projects = 415.02 ≠ 3-1 人员经费 415.01 (bound 0.07); the corrected copy lowers this project 153.72 → 153.71",
  },
  // ---- errors
  {
    table: "3",
    row: { kind: "item", code: "2060704" },
    column: "name",
    kind: "error",
    formula: "F16",
    what: "项 name “学术交流活动的” ≠ 1-2 and the function catalog “学术交流活动”",
  },
  {
    table: "7",
    row: { kind: "funds" },
    column: "totalFunds",
    kind: "error",
    formula: "F33",
    what: "资金总额 300.569 ≠ 表1 支出总计 753.70 (it only covers the project work)",
  },
  {
    table: "7",
    row: { kind: "funds" },
    column: "fiscalFunds",
    kind: "error",
    formula: "F33",
    what: "财政拨款 300.569 ≠ 表1 财政拨款 income 753.70",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340022T000000278904", indicatorIndex: 5 },
    column: "level3",
    kind: "warning",
    what: "三级指标 is empty (满意度 row of 科普宣传活动业务经费)",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340022T000000278904", indicatorIndex: 6 },
    column: "level3",
    kind: "warning",
    what: "三级指标 is empty (成本 row of 科普宣传活动业务经费)",
  },
  // ---- warnings
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340022T000000278905", indicatorIndex: 6 },
    column: "value",
    kind: "warning",
    formula: "F32",
    what: "cost target 成本指标 ≤15 万元 differs from the budget 预算数 14.57",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340023Y000007909602", indicatorIndex: 6 },
    column: "value",
    kind: "warning",
    formula: "F32",
    what: "cost target 成本指标 ≤3 万元 differs from the budget 预算数 2.80",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340022T000000278902", indicatorIndex: 4 },
    column: "level2",
    kind: "warning",
    what: "二级指标 “可持续发展指标” is a variant of “可持续影响指标”",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340022T000000278902", indicatorIndex: 5 },
    column: "level2",
    kind: "warning",
    what: "满意度 二级指标 “满意度指标” is a variant of “服务对象满意度指标”",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340023T000009491998", indicatorIndex: 5 },
    column: "level2",
    kind: "warning",
    what: "满意度 二级指标 “满意度指标” is a variant of “服务对象满意度指标”",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340022T000000278903", indicatorIndex: 3 },
    column: "unit",
    kind: "warning",
    what: "定性 indicator carries a 度量单位 (群次)",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340024T000010581447", indicatorIndex: 0 },
    column: "project",
    kind: "warning",
    formula: "F31",
    what: "特定目标类 project “最美科技工作者”评选活动 has no 满意度指标 (效益 30 instead of 20 + 满意度 10)",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340022T000000278902", indicatorIndex: 0 },
    column: "project",
    kind: "warning",
    formula: "F30",
    what: "project name “学术交流业务经费” ≠ 3-2 “学术交流活动业务经费” (same 12.00)",
  },
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340024T000010558143", indicatorIndex: 0 },
    column: "project",
    kind: "warning",
    formula: "F30",
    what: "project name “科创中国.天府科技云服务大会” ≠ 3-2 “科创中国·天府科技云服务大会”",
  },
  // ---- info
  {
    table: "6",
    row: { kind: "indicator", projectCode: "51340023Y000007909602", indicatorIndex: 0 },
    column: "project",
    kind: "info",
    what: "project code has Y (运转类) but 青少年科技活动 is a 项目支出 (3-2) project; Σ Y projects = 3-1 公用经费 holds only without it",
  },
  {
    table: "7",
    row: { kind: "indicator", indicatorIndex: 5 },
    column: "value",
    kind: "info",
    formula: "F34",
    what: "成本指标 ≤300.569 万元 follows the wrong 资金总额 (consistent with it, so no extra error)",
  },
];

/** Quantitative 表6 rows printed without 指标方向性 (定性 rows may stay blank). */
function blankDirectionSpecs(): SlipSpec[] {
  const out: SlipSpec[] = [];
  for (const p of seed2024().tables["6"].projects) {
    p.indicators.forEach((ind, k) => {
      if (ind.direction || ind.nature === "定性") return;
      const expected = ind.nature === "≤" || ind.nature === "<" ? "反向指标" : "正向指标";
      out.push({
        table: "6",
        row: { kind: "indicator", projectCode: p.code, indicatorIndex: k },
        column: "direction",
        // A suggestion rather than a fault: the seed's own system accepted blanks, and 定性 rows may stay blank.
        kind: "info",
        what: `指标方向性 is blank on a ${ind.nature} row of “${p.name}” (expected ${expected})`,
      });
    });
  }
  return out;
}

export const SLIP_SPECS: SlipSpec[] = [...FIXED_SPECS, ...blankDirectionSpecs()];

/** The slips with their cells in the workbook built with `layout` from the published data. */
export function slipsFor(layout: LayoutOptions = {}): Slip[] {
  const plan = planWorkbook(seed2024(), layout);
  return SLIP_SPECS.map((s) => {
    const at = locateIn(plan, s.table, s.row, s.column);
    const slip: Slip = { table: s.table, sheet: at.sheet, address: at.address, kind: s.kind, what: s.what };
    if (s.formula) slip.formula = s.formula;
    return slip;
  });
}

/** The slips of examples/seed-as-published.xlsx. */
export const SLIPS: Slip[] = slipsFor();
