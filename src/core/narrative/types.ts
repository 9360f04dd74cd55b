/**
 * Contract of the narrative generator (第三部分 预算情况说明 + 第四部分 名词解释).
 * Implemented in src/core/narrative/index.ts; used by the CLI (`budget-check narrate`) and the task pane.
 */

/** Inputs the tables do not hold (CLI: --prior <file.json>; pane: a short form remembered in the workbook). */
export interface PriorYearInput {
  /** The prior budget year, e.g. 2023. */
  year?: number;
  /** Prior-year 收支总预算, 万元 (decimal number or string, read exactly). */
  total?: number | string;
  threePublic?: {
    total?: number | string;
    overseas?: number | string;
    reception?: number | string;
    vehiclePurchase?: number | string;
    vehicleOperation?: number | string;
  };
  /** Prior-year 机关运行经费, 万元. */
  agencyOperating?: number | string;
  /** Further optional keys (documented in docs/narrative.md) may be added by the generator. */
  [key: string]: unknown;
}

export interface NarrativeOptions {
  /** Decimal places of shares in 三(二) (the seed uses 0.1%); 收支 shares use 2. Default 1. */
  structureShareDecimals?: 1 | 2;
}

export interface NarrativeParagraph {
  /** Plain text; placeholders are written as 【待补充：…】. */
  text: string;
  /** "heading1" (一、…), "heading2" ((一)…), "body". */
  style: "heading1" | "heading2" | "body";
}

export interface NarrativeSection {
  /** e.g. "第三部分 凉山州科学技术协会2024年部门预算情况说明" */
  title: string;
  paragraphs: NarrativeParagraph[];
}

export interface NarrativeDocument {
  department: string;
  year: number | undefined;
  sections: NarrativeSection[];
  /** Number of 【待补充：…】 markers left for the user to fill in. */
  placeholderCount: number;
  /** Each marker's text, in order, for the checker and the pane. */
  placeholders: string[];
}

export const PLACEHOLDER_OPEN = "【待补充：";
export const PLACEHOLDER_CLOSE = "】";
