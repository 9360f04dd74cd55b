/**
 * The national 9-table template (national-9; docs/templates.md): table declarations, recognition by title and header
 * (never by position or sheet name) into table areas, and detection of the template in a workbook.
 */
import type { MoneyUnit } from "../model/money";
import { NATIONAL_TABLE_NAMES, type NationalTableId } from "../model/tables";
import { OWN_SHEET_NAMES, type WorkbookData } from "../model/workbook";
import type { TableArea } from "../formulas/view";
import { findHeader, isNoteRow, readMetaRow, type MetaInfo } from "../recognition/layout";
import { Grid, findYear, isNoDataText, norm } from "../recognition/text";
import type { TemplateProfile, TemplateTable } from "./types";
import { INCOME_ITEM_LINES } from "./lines";
import { NATIONAL_FORMULAS } from "./national-9.formulas";

const FUNCTIONAL_COLS = [
  "功能分类科目编码/类",
  "功能分类科目编码/款",
  "功能分类科目编码/项",
  "科目编码",
  "功能分类科目名称",
  "科目名称",
  "合计",
  "基本支出",
  "项目支出",
];
const N1_LINES = [
  ...INCOME_ITEM_LINES,
  "单位资金收入",
  "本年收入合计",
  "上年结转",
  "收入总计",
  "本年支出合计",
  "结转下年",
  "支出总计",
];

function table(
  id: NationalTableId,
  titles: RegExp[],
  columns: string[],
  extra: Partial<TemplateTable> = {},
): TemplateTable {
  return { id, name: NATIONAL_TABLE_NAMES[id], titles, columns, defaultUnit: "元", codes: "functional", ...extra };
}

export const NATIONAL_9: TemplateProfile = {
  id: "national-9",
  name: "全国通用部门预算公开表（9张表）",
  tables: [
    table("N1", [/财务收支(预算)?总表$/], ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"], {
      twoSided: true,
      fixedRows: N1_LINES,
      codes: "none",
    }),
    table(
      "N2",
      [/收入(预算)?总表$/],
      [
        ...FUNCTIONAL_COLS.slice(0, 6),
        "单位名称",
        "合计",
        "财政拨款收入/小计",
        "财政拨款收入/一般公共预算",
        "财政拨款收入/政府性基金",
        "财政拨款收入/国有资本经营预算",
        "事业收入",
        "事业单位经营收入",
        "其他收入",
        "上年结转",
      ],
    ),
    table("N3", [/支出(预算)?总表$/], FUNCTIONAL_COLS),
    table(
      "N4",
      [/财政拨款收支(预算)?总表$/],
      [
        "收入/项目",
        "收入/预算数",
        "支出/项目",
        "支出/合计",
        "支出/一般公共预算",
        "支出/政府性基金",
        "支出/国有资本经营",
      ],
      {
        twoSided: true,
        fixedRows: [
          "一般公共预算拨款收入",
          "政府性基金预算拨款收入",
          "国有资本经营预算拨款收入",
          "本年收入",
          "上年结转",
          "收入总计",
          "本年支出",
          "结转下年",
          "支出总计",
        ],
        codes: "none",
      },
    ),
    table("N5", [/一般公共预算(财政拨款)?支出功能分类(预算)?表$/], FUNCTIONAL_COLS),
    table("N6", [/政府性基金(预算)?(财政拨款)?支出功能分类(预算)?表$/], FUNCTIONAL_COLS),
    table("N7", [/国有资本经营(预算)?(财政拨款)?支出功能分类(预算)?表$/], FUNCTIONAL_COLS),
    table(
      "N8",
      [/一般公共预算基本支出(部门预算)?经济分类(预算)?表$/],
      [
        "经济分类科目编码/类",
        "经济分类科目编码/款",
        "科目编码",
        "经济分类科目名称",
        "科目名称",
        "合计",
        "人员经费",
        "公用经费",
      ],
      {
        codes: "economic",
      },
    ),
    table(
      "N9",
      [/"?三公"?经费和机关运行经费(预算)?表$/, /^"?三公"?经费(预算)?表$/],
      [
        "单位名称",
        "项目",
        "合计",
        "因公出国(境)费",
        "公务接待费",
        "公务用车购置及运行费/小计",
        "公务用车购置及运行费/购置费",
        "公务用车购置及运行费/运行费",
        "机关运行经费",
      ],
      { codes: "none", fixedRows: ["合计"] },
    ),
  ],
  formulas: NATIONAL_FORMULAS,
};

/** Titles only the national template has (Sichuan's 14 tables never use them). */
const DISTINCT: NationalTableId[] = ["N1", "N5", "N6", "N7", "N8", "N9"];
const SENTENCE = /详见|参见|根据|按照|依据|如下|本表|该表|的|是|为|附注|说明|[，。；,;!?！？]/;

/** Which national table a cell's text is the title of. */
export function matchNationalTitle(raw: string): { id: NationalTableId; unit?: MoneyUnit; year?: number } | undefined {
  if (!raw.includes("表") || raw.length > 80) return undefined;
  let s = norm(raw);
  const year = findYear(s);
  let unit: MoneyUnit | undefined;
  const u = /\((?:单位:)?(万元|元)\)$/.exec(s);
  if (u) {
    unit = u[1] as MoneyUnit;
    s = s.slice(0, u.index);
  }
  s = s.replace(/\((20\d{2}年度?|公开表\d+|表\d+)\)$/, "");
  s = s
    .replace(/^[一二三四五六七八九十]+[、.]/, "")
    .replace(/^(附|公开)?表?\d+(\.\d+)?[、.:-]?/, "")
    .replace(/^(附|公开)?表[一二三四五六七八九十]+[、.:]?/, "");
  if (s.length > 50) return undefined;
  for (const t of NATIONAL_9.tables) {
    for (const re of t.titles) {
      const m = re.exec(s);
      if (!m) continue;
      const prefix = s.slice(0, m.index);
      if (prefix.length > 24 || SENTENCE.test(prefix.replace(/20\d{2}年度?/, ""))) continue;
      return { id: t.id as NationalTableId, unit, year };
    }
  }
  return undefined;
}

/** True when the workbook is in the national template: two of its distinctive titles are present. */
export function isNationalWorkbook(wb: WorkbookData): boolean {
  const seen = new Set<NationalTableId>();
  for (const sheet of wb?.sheets ?? []) {
    if (!sheet || OWN_SHEET_NAMES.includes(sheet.name)) continue;
    for (const row of sheet.rows ?? []) {
      for (const v of row ?? []) {
        if (typeof v !== "string" || !v.includes("表")) continue;
        const m = matchNationalTitle(v);
        if (m && DISTINCT.includes(m.id)) seen.add(m.id);
        if (seen.size >= 2) return true;
      }
    }
  }
  return false;
}

export interface NationalRecognition {
  areas: TableArea[];
  /** Further instances of a table already found. */
  duplicates: TableArea[];
  unrecognizedSheets: string[];
  year?: number;
  department?: string;
  /** Titles whose header could not be read. */
  unreadable: { id: NationalTableId; sheet: string; row: number; col: number; title: string }[];
}

/** Finds the 9 tables by title, their unit / 编制部门 lines, header blocks, data rows and no-data notes. */
export function recognizeNational(wb: WorkbookData): NationalRecognition {
  const out: NationalRecognition = { areas: [], duplicates: [], unrecognizedSheets: [], unreadable: [] };
  const found = new Set<string>();
  for (const sheet of wb?.sheets ?? []) {
    if (!sheet || OWN_SHEET_NAMES.includes(sheet.name)) continue;
    const grid = new Grid(sheet);
    const hits: { row: number; col: number; id: NationalTableId; raw: string; unit?: MoneyUnit; year?: number }[] = [];
    for (let r = 0; r < grid.height; r++) {
      for (const c of grid.filled(r)) {
        const v = grid.value(r, c);
        if (typeof v !== "string") continue;
        const m = matchNationalTitle(v);
        if (m) {
          hits.push({ row: r, col: c, raw: v.trim(), ...m });
          break;
        }
      }
    }
    let count = 0;
    hits.forEach((hit, i) => {
      const end = (i + 1 < hits.length ? hits[i + 1].row : grid.height) - 1;
      const meta: MetaInfo = {};
      for (const c of grid.filled(hit.row)) if (c !== hit.col) readMetaRow(grid, hit.row, meta);
      const header = findHeader(grid, hit.row + 1, end, meta);
      const decl = NATIONAL_9.tables.find((t) => t.id === hit.id)!;
      if (!header || header.columns.length === 0) {
        out.unreadable.push({ id: hit.id, sheet: sheet.name, row: hit.row, col: hit.col, title: hit.raw });
        return;
      }
      // Data rows: down to a note line, the next table's meta lines or a run of blank rows; a no-data note anywhere
      // in the area marks the table empty.
      let bottom = header.headerBottom;
      let noData = false;
      let blanks = 0;
      let stopped = false;
      for (let r = header.headerBottom + 1; r <= end; r++) {
        const cols = grid.filled(r);
        if (cols.some((c) => isNoDataText(grid.text(r, c)))) noData = true;
        if (stopped) continue;
        if (cols.length === 0) {
          if (++blanks >= 5) stopped = true;
          continue;
        }
        blanks = 0;
        if (isNoteRow(grid, r) || readMetaRow(grid, r, {})) {
          stopped = true;
          continue;
        }
        bottom = r;
      }
      const area: TableArea = {
        id: hit.id,
        template: "national-9",
        name: decl.name,
        sheet: sheet.name,
        unit: hit.unit ?? meta.unit ?? header.unit ?? decl.defaultUnit,
        headerTop: header.headerTop,
        headerBottom: header.headerBottom,
        bottom,
        left: Math.min(header.left, hit.col),
        right: header.right,
        noData,
        titleCell: grid.ref(hit.row, hit.col),
      };
      count++;
      if (out.year === undefined && (hit.year ?? meta.year) !== undefined) out.year = hit.year ?? meta.year;
      if (out.department === undefined && meta.department) out.department = meta.department;
      if (found.has(hit.id)) out.duplicates.push(area);
      else {
        found.add(hit.id);
        out.areas.push(area);
      }
    });
    if (count === 0) out.unrecognizedSheets.push(sheet.name);
  }
  return out;
}
