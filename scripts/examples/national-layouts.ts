/** The layout of each national example workbook (examples/national-*.xlsx) and the layouts the tests cover. */
import type { NationalLayout } from "./build-national";

export const NATIONAL_EXAMPLE_LAYOUTS: Record<string, NationalLayout> = {
  // Merged headers, spaced labels (合 计), split 类|款|项, sheets "1 部门财务收支预算总表" …, 三公 in 元.
  education: { spaced: true, codes: "split", sheetNames: "plain" },
  // 一体化 export: sheets 3.15 … 3.23, joined codes, 三公 in 万元.
  housing: { codes: "joined", sheetNames: "yiti", sangongUnit: "万元" },
  // Everything on one sheet, offset, amounts as text with separators, spaced labels, 三公 in 万元.
  science: { oneSheet: true, amountsAs: "text", offset: { rows: 2, cols: 1 }, spaced: true, sangongUnit: "万元" },
};

export const NATIONAL_TEST_LAYOUTS: [string, NationalLayout][] = [
  ["merged headers, spaced labels, split codes", NATIONAL_EXAMPLE_LAYOUTS.education],
  ["一体化 sheet names, joined codes, 三公 in 万元", NATIONAL_EXAMPLE_LAYOUTS.housing],
  ["one sheet, offset, text amounts", NATIONAL_EXAMPLE_LAYOUTS.science],
  ["generic sheet names, split codes, 三公 in 万元", { sheetNames: "generic", sangongUnit: "万元" }],
  ["grouped 财政拨款收入 lines in 表N1, joined codes", { incomeLines: "grouped", codes: "joined", spaced: true }],
];
