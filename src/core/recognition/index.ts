/**
 * Table recognition: finds the 14 public tables in a workbook by their titles and header texts (never by
 * position) and extracts the BudgetModel. Host-free and linear in the number of cells.
 */
import type { Finding } from "../model/findings";
import type { MoneyUnit } from "../model/money";
import type { AnyTable, BudgetModel, TableId } from "../model/tables";
import { OWN_SHEET_NAMES, type WorkbookData } from "../model/workbook";
import type { TableContext } from "./common";
import {
  type HeaderBlock,
  type MetaInfo,
  type TitleHit,
  findHeader,
  findTitles,
  hasNumberBetween,
  readMetaCell,
  readMetaRow,
} from "./layout";
import { recognizeLedger } from "./ledger";
import { recognizePerf, recognizeWholePerf } from "./perf";
import { recognizeSummary } from "./summary";
import { Grid, norm, tableLabel } from "./text";
import { matchTitle } from "./titles";

export { matchTitle };
export { parseWeight, normalizeNature, splitProject } from "./perf";
export { incomeKey, expenseKey } from "./summary";
export { classCodeByName, FUNCTIONAL_CLASSES } from "./text";

interface Area {
  hit: TitleHit;
  end: number;
  meta: MetaInfo;
  header?: HeaderBlock;
}

const DEFAULT_UNIT: MoneyUnit = "万元";

export function recognizeWorkbook(wb: WorkbookData): { model: BudgetModel; issues: Finding[] } {
  const model: BudgetModel = { tables: {}, duplicates: [], unrecognizedSheets: [] };
  const issues: Finding[] = [];
  const orgNames = new Set<string>();
  const plans: { grid: Grid; areas: Area[] }[] = [];

  // Pass 1: titles, meta lines and header blocks of every sheet; department names for pass 2.
  for (const sheet of wb?.sheets ?? []) {
    if (!sheet || OWN_SHEET_NAMES.includes(sheet.name)) continue;
    const grid = new Grid(sheet);
    const areas: Area[] = [];
    try {
      const hits = findTitles(grid);
      // No title cell at all: a sheet named after a table ("3 部门支出总表") stands for its title.
      if (hits.length === 0) {
        const m = matchTitle(sheet.name);
        if (m) hits.push({ row: -1, col: 0, id: m.id, raw: sheet.name, unit: m.unit, year: m.year, start: 0 });
      }
      for (let i = 0; i < hits.length; i++) {
        const hit = hits[i];
        const end = (i + 1 < hits.length ? hits[i + 1].start : grid.height) - 1;
        const meta: MetaInfo = {};
        for (let r = hit.start; r < hit.row; r++) readMetaRow(grid, r, meta);
        // 部门 / 单位 lines just above the title (the 2-1 title sits in its header's first line).
        const floor = i > 0 ? hits[i - 1].row + 1 : 0;
        for (let r = hit.start - 1, seen = 0; r >= floor && seen < 3; r--) {
          if (grid.blank(r)) continue;
          if (!readMetaRow(grid, r, meta)) break;
          seen++;
        }
        for (const c of grid.filled(hit.row))
          if (c !== hit.col) readMetaCell(grid.text(hit.row, c), grid.ref(hit.row, c), meta);
        if (hit.id === "7") {
          // No header grid: read the (年度) / 单位 lines under the title now, the unit is needed first.
          for (let r = hit.row + 1; r <= end && (grid.blank(r) || readMetaRow(grid, r, meta)); r++);
          areas.push({ hit, end, meta });
        } else {
          const header = findHeader(grid, hit.row + 1, end, meta);
          if (!header || (header.columns.length === 0 && header.dataTop !== header.headerTop)) {
            unreadable(grid, hit, end, issues);
            continue;
          }
          areas.push({ hit, end, meta, header });
        }
        if (meta.department) orgNames.add(norm(meta.department));
      }
    } catch (e) {
      issues.push(crashIssue(sheet.name, undefined, e));
    }
    plans.push({ grid, areas });
  }

  // Pass 2: the tables.
  for (const { grid, areas } of plans) {
    let found = 0;
    for (const area of areas) {
      const { hit, meta } = area;
      const unit = meta.unit ?? hit.unit ?? area.header?.unit ?? DEFAULT_UNIT;
      const ctx: TableContext = {
        grid,
        id: hit.id,
        hit,
        end: area.end,
        meta,
        header: area.header ?? {
          headerTop: hit.row + 1,
          headerBottom: hit.row + 1,
          left: hit.col,
          right: hit.col,
          columns: [],
        },
        unit,
        issues: [],
        orgNames,
      };
      let table: AnyTable | undefined;
      try {
        table = recognizeTable(ctx);
      } catch (e) {
        issues.push(crashIssue(grid.name, hit.id, e));
        continue;
      }
      if (!table) {
        unreadable(grid, hit, area.end, issues);
        continue;
      }
      found++;
      issues.push(...ctx.issues);
      const year = hit.year ?? meta.year;
      if (model.year === undefined && year !== undefined) model.year = year;
      if (model.department === undefined && meta.department) model.department = meta.department;
      const slot = model.tables as Record<TableId, AnyTable | undefined>;
      if (slot[hit.id]) model.duplicates.push(table);
      else slot[hit.id] = table;
    }
    if (found === 0) model.unrecognizedSheets.push(grid.name);
  }
  return { model, issues };
}

function recognizeTable(ctx: TableContext): AnyTable | undefined {
  switch (ctx.id) {
    case "1":
    case "2": {
      const t = recognizeSummary(ctx);
      return t.columns.length > 0 || t.noDataCell ? t : undefined;
    }
    case "6": {
      const t = recognizePerf(ctx);
      return t.columns.some((c) => c.key === "project" || c.key === "level3") || t.noDataCell ? t : undefined;
    }
    case "7": {
      const t = recognizeWholePerf(ctx);
      const anything =
        t.departmentName !== "" || t.totalFundsCell || t.overallGoal !== "" || t.tasks.length || t.indicators.length;
      return anything ? t : undefined;
    }
    default: {
      const t = recognizeLedger(ctx);
      return t.columns.length > 0 || t.noDataCell ? t : undefined;
    }
  }
}

/** A title over data whose header is not understood: say so rather than report the table as missing. */
function unreadable(grid: Grid, hit: TitleHit, end: number, issues: Finding[]): void {
  if (!hasNumberBetween(grid, hit.row + 1, Math.min(end, hit.row + 60))) return;
  issues.push({
    rule: "TABLE-LAYOUT",
    severity: "warning",
    message: `工作表“${grid.name}”中找到标题“${hit.raw}”，但其下的表头无法识别（未找到金额列或项目列），该表未参与校验。`,
    table: hit.id,
    cells: [grid.ref(Math.max(hit.row, 0), hit.col)],
  });
}

function crashIssue(sheet: string, id: TableId | undefined, e: unknown): Finding {
  const what = id ? `${tableLabel(id)}（工作表“${sheet}”）` : `工作表“${sheet}”`;
  return {
    rule: "RECOGNITION",
    severity: "error",
    message: `${what}无法识别：${e instanceof Error ? e.message : String(e)}`,
    table: id,
    cells: [],
  };
}
