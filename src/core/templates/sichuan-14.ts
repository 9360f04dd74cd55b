/**
 * The Sichuan 14-table profile. Its tables are recognised by src/core/recognition (titles.ts, ledger.ts …); this
 * profile declares what audit formulas may reference (header paths as printed, fixed lines) and carries the
 * profile's own formula file.
 */
import type { RuleFamily, Severity } from "../model/findings";
import { TABLE_NAMES, type TableId } from "../model/tables";
import type { TemplateProfile, TemplateTable } from "./types";
import { INCOME_ITEM_LINES } from "./lines";
import { SICHUAN_FORMULAS } from "./sichuan-14.formulas";

const CODE_COLS = ["科目编码/类", "科目编码/款", "科目编码/项", "科目编码", "单位代码", "单位名称(科目)", "科目名称"];
const INCOME_LINES = [...INCOME_ITEM_LINES, "本年收入合计", "上年结转", "收入总计", "本年收入"];
const EXPENSE_TOTALS = ["本年支出合计", "本年支出", "结转下年", "支出总计"];
const SANGONG = [
  "合计",
  "因公出国(境)费用",
  "因公出国(境)费",
  "公务用车购置及运行费/小计",
  "公务用车购置费",
  "公务用车运行费",
  "购置费",
  "运行费",
  "公务接待费",
];
const BLOCKS = ["本级当年财政拨款安排", "上级提前通知专项转移支付等", "上年结转安排"];
const FUNDS = ["一般公共预算拨款", "政府性基金安排", "国有资本经营预算安排", "上年应返还额度结转"];

const SUMMARY_ALIASES: Record<string, string[]> = {
  本年收入合计: ["本年收入", "收入合计"],
  收入总计: ["总计", "收入合计总计"],
  上年结转: ["上年结余", "上年结转结余", "年初结转", "年初结转和结余"],
  本年支出合计: ["本年支出", "支出合计"],
  支出总计: ["总计"],
  结转下年: ["年末结转", "年末结转和结余", "结转下年支出"],
};
const SANGONG_KEYS: Record<string, string> = {
  合计: "total",
  "因公出国(境)费用": "overseas",
  "因公出国(境)费": "overseas",
  小计: "vehicleSubtotal",
  公务用车购置及运行费: "vehicleSubtotal",
  公务用车购置费: "vehiclePurchase",
  购置费: "vehiclePurchase",
  公务用车运行费: "vehicleOperation",
  运行费: "vehicleOperation",
  公务接待费: "reception",
};
const FUNCTIONAL_KEYS: Record<string, string> = { 合计: "total", 基本支出: "basic", 项目支出: "project" };

function table(id: keyof typeof TABLE_NAMES, columns: string[], extra: Partial<TemplateTable> = {}): TemplateTable {
  return { id, name: TABLE_NAMES[id], columns, titles: [], defaultUnit: "万元", codes: "functional", ...extra };
}

/** Rules of this profile whose equations are in its formula file (rule metadata; docs/rules.md lists them). */
export const SICHUAN_FORMULA_RULES: {
  id: string;
  family: RuleFamily;
  tables: TableId[];
  severity: Severity;
  title: string;
  description: string;
}[] = [
  {
    id: "F1",
    family: "total",
    tables: ["1"],
    severity: "error",
    title: "本年收入合计",
    description: "表1本年收入合计等于各项收入（一般公共预算拨款收入至其他收入等）之和。",
  },
  {
    id: "F2",
    family: "total",
    tables: ["1"],
    severity: "error",
    title: "收入总计",
    description: "表1收入总计等于本年收入合计加上年结转。",
  },
  {
    id: "F6",
    family: "cross",
    tables: ["1-1", "1"],
    severity: "error",
    title: "收入总表与收支总表",
    description: "表1-1合计等于表1收入总计；表1-1各收入来源栏的合计等于表1对应收入行。",
  },
];

export const SICHUAN_14: TemplateProfile = {
  id: "sichuan-14",
  name: "四川省部门预算公开表（14张表）",
  tables: [
    table("1", ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"], {
      twoSided: true,
      fixedRows: [...INCOME_LINES, ...EXPENSE_TOTALS],
      codes: "none",
      columnKeys: { 预算数: "amount", 金额: "amount", 预算金额: "amount", 本年预算: "amount" },
      rowAliases: SUMMARY_ALIASES,
    }),
    table("1-1", [...CODE_COLS, "合计", "上年结转", ...INCOME_ITEM_LINES], {
      columnKeys: {
        合计: "total",
        总计: "total",
        上年结转: "carryover",
        一般公共预算拨款收入: "gpb",
        政府性基金预算拨款收入: "fund",
        国有资本经营预算拨款收入: "soe",
        事业收入: "business",
        事业单位经营收入: "operating",
        其他收入: "other",
        上级补助收入: "superior",
        附属单位上缴收入: "affiliated",
        财政专户管理资金收入: "specialAccount",
      },
    }),
    table(
      "1-2",
      [...CODE_COLS, "合计", "基本支出", "项目支出", "上缴上级支出", "对附属单位补助支出", "事业单位经营支出"],
      {
        columnKeys: {
          ...FUNCTIONAL_KEYS,
          上缴上级支出: "remitSuperior",
          对附属单位补助支出: "subsidyAffiliated",
          事业单位经营支出: "operating",
        },
      },
    ),
    table(
      "2",
      [
        "收入/项目",
        "收入/预算数",
        "支出/项目",
        "支出/合计",
        "支出/一般公共预算",
        "支出/政府性基金预算",
        "支出/国有资本经营预算",
      ],
      {
        twoSided: true,
        fixedRows: [...INCOME_LINES, ...EXPENSE_TOTALS],
        codes: "none",
        columnKeys: {
          预算数: "amount",
          合计: "total",
          小计: "total",
          一般公共预算: "gpb",
          政府性基金预算: "fund",
          政府性基金: "fund",
          国有资本经营预算: "soe",
          国有资本经营: "soe",
        },
        rowAliases: { ...SUMMARY_ALIASES, 本年收入合计: ["本年收入", "收入合计"] },
      },
    ),
    table(
      "2-1",
      [
        ...CODE_COLS,
        "总计",
        ...BLOCKS.map((b) => `${b}/合计`),
        ...BLOCKS.flatMap((b) => FUNDS.flatMap((f) => ["小计", "基本支出", "项目支出"].map((p) => `${b}/${f}/${p}`))),
      ],
      {
        codes: "economic",
        // Header paths whose column recognition finds in any wording (本年财政拨款安排…): the profile's formulas use them.
        columnKeys: { "本级当年财政拨款安排/一般公共预算拨款/项目支出": "cur.gpb.proj" },
      },
    ),
    table("3", [...CODE_COLS, "合计", "当年财政拨款安排", "上年结转安排"], {
      columnKeys: { 合计: "total", 当年财政拨款安排: "current", 上年结转安排: "carryover" },
    }),
    table("3-1", [...CODE_COLS, "基本支出/合计", "基本支出/人员经费", "基本支出/公用经费"], {
      codes: "economic",
      columnKeys: { 合计: "total", 人员经费: "personnel", 公用经费: "public" },
    }),
    table("3-2", [...CODE_COLS, "金额", "合计", "项目名称"], { columnKeys: { 金额: "total", 合计: "total" } }),
    table("3-3", ["单位编码", "单位名称(科目)", ...SANGONG], {
      codes: "none",
      fixedRows: ["合计"],
      columnKeys: SANGONG_KEYS,
    }),
    table("4", [...CODE_COLS, "合计", "基本支出", "项目支出"], { columnKeys: FUNCTIONAL_KEYS }),
    table("4-1", ["单位编码", "单位名称(科目)", ...SANGONG], {
      codes: "none",
      fixedRows: ["合计"],
      columnKeys: SANGONG_KEYS,
    }),
    table("5", [...CODE_COLS, "合计", "基本支出", "项目支出"], { columnKeys: FUNCTIONAL_KEYS }),
  ],
  formulas: SICHUAN_FORMULAS,
};
