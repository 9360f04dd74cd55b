/**
 * The narrative rules as data: id, severity, Chinese title and description. docs/rules.md lists them
 * (scripts/gen-rules-doc.ts); the checks live in check.ts and report under these ids.
 */
import type { Severity } from "../model/findings";

export interface NarrativeRuleDef {
  id: string;
  severity: Severity;
  title: string;
  description: string;
}

export const NARRATIVE_RULES = [
  {
    id: "N-AMOUNT",
    severity: "error",
    title: "说明金额与表格不符",
    description:
      "说明中按句意对应到表格的金额（收支总预算、收入/支出构成、基本/项目支出、各类款项、人员/公用经费、“三公”各项、机关运行经费、政府采购、政府性基金/国有资本、绩效项目涉及金额）须等于表格数；两位小数按四舍五入比较，整数或一位小数须完全相等。",
  },
  {
    id: "N-SHARE",
    severity: "error",
    title: "占比与表格不符或分母有误",
    description:
      "“占…%”按表格数计算（部分 ÷ 所属总数），按说明写出的小数位四舍五入后比较；与另一总数作分母的结果相符时指出分母有误。",
  },
  {
    id: "N-GROWTH",
    severity: "error",
    title: "增减额或增长率有误",
    description:
      "比上年增减的金额 = 本年表格数 − 上年数（--prior），增减方向须一致；增长率 = 增减额 ÷ 上年数，按说明的小数位比较；以本年数为基数算出的增长率指出基数有误；“持平”须增减额为零。",
  },
  {
    id: "N-YEAR",
    severity: "error",
    title: "年度有误",
    description: "本年数据前的年度须为预算年度，与上年比较（比/较/与/截至…年底）的年度须为上一年度。",
  },
  {
    id: "N-NAME",
    severity: "error",
    title: "科目或单位名称有误",
    description:
      "“名称（编码）”中的类、款、项名称须与表格或科目表中该编码的名称一致；写成其他编码的名称或旧科目名称（如“行政事业单位离退休”）均报告。部门名称写错（如个别字不同）也报告。",
  },
  {
    id: "N-NUMBER",
    severity: "error",
    title: "数字中夹有多余字符",
    description: "金额或百分比中间夹有括号、字母、多余的小数点等字符（如“214)281.37万元”）。",
  },
  {
    id: "N-NUMBERING",
    severity: "warning",
    title: "序号重复、跳号或缺号",
    description: "“一般公共预算当年拨款具体情况”和“名词解释”中的序号须为 1、2、3…连续不重复；缺少序号的条目也报告。",
  },
  {
    id: "N-ITEM",
    severity: "warning",
    title: "说明缺少表格中的科目",
    description: "一般公共预算当年拨款的结构和具体情况须逐项说明表3的每个项级科目（F37）。",
  },
  {
    id: "N-COUNT",
    severity: "error",
    title: "个数与表格不符",
    description:
      "预算绩效情况中实行绩效目标管理的项目个数须等于表6的项目数（F40）；车辆数、接待批次与上年数据（--prior）一致。",
  },
  {
    id: "N-DUPLICATE",
    severity: "warning",
    title: "段落重复",
    description: "一段文字的大部分（按最长相同片段计）与前文某段相同。",
  },
  {
    id: "N-SECTION",
    severity: "warning",
    title: "缺少必备部分",
    description:
      "预算情况说明须包含：收支预算、财政拨款收支预算、一般公共预算当年拨款、一般公共预算基本支出、“三公”经费、政府性基金预算、国有资本经营预算、机关运行经费、政府采购、国有资产占有使用、预算绩效、名词解释。",
  },
  {
    id: "N-PLACEHOLDER",
    severity: "error",
    title: "残留占位文字",
    description: "说明中残留 XX、××、待填写、【待补充…】等占位文字。",
  },
  {
    id: "N-UNIT",
    severity: "error",
    title: "金额单位有误",
    description: "按“万元”写出的金额实为元数（或按“元”写出的实为万元数），与表格差 10000 倍。",
  },
] as const satisfies readonly NarrativeRuleDef[];

export type NarrativeRuleId = (typeof NARRATIVE_RULES)[number]["id"];

export function narrativeRule(id: NarrativeRuleId): NarrativeRuleDef {
  return NARRATIVE_RULES.find((r) => r.id === id)!;
}
