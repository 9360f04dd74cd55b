/** Line labels both templates print in their 收支总表 (the income items of 143号's 部门收支总表). */
export const INCOME_ITEM_LINES = [
  "一般公共预算拨款收入",
  "政府性基金预算拨款收入",
  "国有资本经营预算拨款收入",
  "事业收入",
  "事业单位经营收入",
  "其他收入",
  "上级补助收入",
  "附属单位上缴收入",
  "财政专户管理资金收入",
];
