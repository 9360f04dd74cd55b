/** Text helpers shared by the recognisers: normalisation, cell access, small data tables. */
import type { CellRef, CellValue, SheetData } from "../model/workbook";
import type { TableId } from "../model/tables";

const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;
const HAS_FULL_WIDTH = /[\uff01-\uff5e]/;

/** Full-width ASCII (digits, letters, punctuation) to half-width. */
export function halfWidth(s: string): string {
  if (!HAS_FULL_WIDTH.test(s)) return s;
  return s.replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Canonical form for matching labels: no whitespace of any width, half-width brackets and colons,
 * every quote style as a plain double quote.
 */
const NEEDS_NORM = /[\s\u00a0\u3000\uff01-\uff5e“”"「」『』‘’'〝〞【〔［】〕］]/;

export function norm(s: string): string {
  if (!NEEDS_NORM.test(s)) return s;
  return halfWidth(s)
    .replace(/[\s\u00a0\u3000]+/g, "")
    .replace(/[“”"「」『』‘’'〝〞]/g, '"')
    .replace(/[【〔［]/g, "(")
    .replace(/[】〕］]/g, ")");
}

/** Display text of a cell: trimmed string, or the number as written; "" for blank. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  return String(v);
}

const HAS_TEXT = /[^\s\u00a0\u3000]/;

/** True for a number, a boolean or a string with a visible character (no allocation). */
export function nonBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") {
    if (v.length === 0) return false;
    const c = v.charCodeAt(0);
    return (c > 32 && c !== 0xa0 && c !== 0x3000) || HAS_TEXT.test(v);
  }
  return true;
}

/** Random-access view of a sheet. */
export class Grid {
  readonly name: string;
  readonly rows: (CellValue | undefined)[][];
  readonly height: number;
  constructor(sheet: SheetData) {
    this.name = sheet.name;
    this.rows = sheet.rows ?? [];
    this.height = this.rows.length;
  }
  width(r: number): number {
    const row = this.rows[r];
    return row ? row.length : 0;
  }
  value(r: number, c: number): CellValue | undefined {
    const row = this.rows[r];
    if (!row) return undefined;
    const v = row[c];
    return v === undefined ? undefined : v;
  }
  text(r: number, c: number): string {
    return cellText(this.value(r, c));
  }
  ref(r: number, c: number): CellRef {
    return { sheet: this.name, row: r, col: c };
  }
  /** True when the row has no non-blank cell. */
  blank(r: number): boolean {
    const row = this.rows[r];
    if (!row) return true;
    for (let c = 0; c < row.length; c++) if (nonBlank(row[c])) return false;
    return true;
  }
  /** Columns holding a non-blank cell in row r. */
  filled(r: number): number[] {
    const row = this.rows[r];
    const out: number[] = [];
    if (!row) return out;
    for (let c = 0; c < row.length; c++) if (nonBlank(row[c])) out.push(c);
    return out;
  }
}

/** "表1-2" for messages. */
export function tableLabel(id: TableId): string {
  return `表${id}`;
}

/**
 * Texts that state a table has no data (本表为空表, 此表无数据, 本表无数据, 无此项支出, 本单位无此项, 未安排此项支出, 无数据…).
 * Every recogniser tests statements with this one pattern (or isNoDataText).
 */
export const NO_DATA_RE =
  /此表无数据|本表为空表|本表无数据|[本此]表为?空表?$|^空表$|无数据$|未安排|本单位无此项|无此项/;

/** True when a (normalised or raw) cell text is a no-data statement. */
export function isNoDataText(s: string): boolean {
  if (!/[无未空]/.test(s)) return false;
  return NO_DATA_RE.test(norm(s));
}

/** A 合计 / 总计 line label (after norm). */
export function isTotalLabel(n: string): boolean {
  return /^(合计|总计|合计数|总合计|本年合计|全部合计)$/.test(n);
}

/** Functional 类 names (2024), code by name; names without the trailing 支出 are accepted too. */
export const FUNCTIONAL_CLASSES: [string, string][] = [
  ["201", "一般公共服务支出"],
  ["202", "外交支出"],
  ["203", "国防支出"],
  ["204", "公共安全支出"],
  ["205", "教育支出"],
  ["206", "科学技术支出"],
  ["207", "文化旅游体育与传媒支出"],
  ["208", "社会保障和就业支出"],
  ["209", "社会保险基金支出"],
  ["210", "卫生健康支出"],
  ["211", "节能环保支出"],
  ["212", "城乡社区支出"],
  ["213", "农林水支出"],
  ["214", "交通运输支出"],
  ["215", "资源勘探工业信息等支出"],
  ["216", "商业服务业等支出"],
  ["217", "金融支出"],
  ["219", "援助其他地区支出"],
  ["220", "自然资源海洋气象等支出"],
  ["221", "住房保障支出"],
  ["222", "粮油物资储备支出"],
  ["223", "国有资本经营预算支出"],
  ["224", "灾害防治及应急管理支出"],
  ["227", "预备费"],
  ["229", "其他支出"],
  ["230", "转移性支出"],
  ["231", "债务还本支出"],
  ["232", "债务付息支出"],
  ["233", "债务发行费用支出"],
  ["234", "抗疫特别国债安排的支出"],
];

const CLASS_BY_NAME = new Map<string, string>();
for (const [code, name] of FUNCTIONAL_CLASSES) {
  CLASS_BY_NAME.set(name, code);
  if (name.endsWith("支出")) CLASS_BY_NAME.set(name.slice(0, -2), code);
}
// Older / variant names seen in published tables.
CLASS_BY_NAME.set("医疗卫生与计划生育支出", "210");
CLASS_BY_NAME.set("医疗卫生支出", "210");
CLASS_BY_NAME.set("文化体育与传媒支出", "207");
CLASS_BY_NAME.set("文化旅游体育与传媒", "207");

/** 3-digit functional 类 code for a 类 name (already stripped of its numbering), or undefined. */
export function classCodeByName(name: string): string | undefined {
  const n = norm(name).replace(/\(.*?\)$/, "");
  return CLASS_BY_NAME.get(n);
}

/** Strips an ordinal prefix: "一、", "（一）", "1.", "1、", "第一部分". */
export function stripOrdinal(s: string): string {
  return s
    .replace(/^[\s\u3000]*[（(][一二三四五六七八九十百\d]+[）)][、.．]?/, "")
    .replace(/^[\s\u3000]*[一二三四五六七八九十百]+[、.．]/, "")
    .replace(/^[\s\u3000]*\d+[、.．](?!\d)/, "")
    .trim();
}

/** A year 2000–2099 found in a text such as "2024年" / "（2024年度）". */
export function findYear(s: string): number | undefined {
  const m = /(20\d{2})\s*年/.exec(halfWidth(s));
  return m ? Number(m[1]) : undefined;
}
