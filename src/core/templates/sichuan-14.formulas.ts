/**
 * The Sichuan 14-table profile's audit formulas (docs/formulas.md), kept as a string module so the browser build
 * needs no file access. The rules stated here are declared in SICHUAN_FORMULA_RULES (sichuan-14.ts) and run with
 * the built-in rules; one rule id may span several lines. What is not a plain equation between fixed cells (by-code
 * and by-class joins, name matching, 绩效, conditional equalities, 尾差 grouping) stays code in src/core/rules.
 */
export const SICHUAN_FORMULAS = `
# 四川省部门预算公开表（14张表）审核公式

# F1 表1 本年收入合计 = 各项收入之和（没有的收入行按0计）
F1 错误 表1["本年收入合计"].预算数 = 表1["一般公共预算拨款收入"].预算数 + 表1["政府性基金预算拨款收入"].预算数 + 表1["国有资本经营预算拨款收入"].预算数 + 表1["事业收入"].预算数 + 表1["事业单位经营收入"].预算数 + 表1["其他收入"].预算数 + 表1["上级补助收入"].预算数 + 表1["附属单位上缴收入"].预算数 + 表1["财政专户管理资金收入"].预算数

# F2 表1 收入总计 = 本年收入合计 + 上年结转
F2 错误 表1["收入总计"].预算数 = 表1["本年收入合计"].预算数 + 表1["上年结转"].预算数

# F6 表1-1 合计行 = 表1 收入总计及各收入行
F6 错误 表1-1["合计"].合计 = 表1["收入总计"].预算数
F6 错误 表1-1["合计"].上年结转 = 表1["上年结转"].预算数
F6 错误 表1-1["合计"].一般公共预算拨款收入 = 表1["一般公共预算拨款收入"].预算数
F6 错误 表1-1["合计"].政府性基金预算拨款收入 = 表1["政府性基金预算拨款收入"].预算数
F6 错误 表1-1["合计"].国有资本经营预算拨款收入 = 表1["国有资本经营预算拨款收入"].预算数
F6 错误 表1-1["合计"].事业收入 = 表1["事业收入"].预算数
F6 错误 表1-1["合计"].事业单位经营收入 = 表1["事业单位经营收入"].预算数
F6 错误 表1-1["合计"].其他收入 = 表1["其他收入"].预算数
F6 错误 表1-1["合计"].上级补助收入 = 表1["上级补助收入"].预算数
F6 错误 表1-1["合计"].附属单位上缴收入 = 表1["附属单位上缴收入"].预算数
F6 错误 表1-1["合计"].财政专户管理资金收入 = 表1["财政专户管理资金收入"].预算数
`;
