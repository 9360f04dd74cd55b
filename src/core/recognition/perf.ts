/** 表6 部门预算项目绩效目标表 and 表7 部门整体支出绩效目标表. */
import type { ColumnInfo, Indicator, PerfProject, PerfTable, WholePerfTable, WholePerfTask } from "../model/tables";
import type { CellRef } from "../model/workbook";
import { type TableContext, baseFields, dataRows, readAmount } from "./common";
import { isNoteRow, isNumericCell, readMetaRow } from "./layout";
import { halfWidth, isNoDataText, norm } from "./text";

/** Normalised indicator nature: "≥" | "≤" | "=" | ">" | "<" | "定性", else the raw text. */
export function normalizeNature(raw: string): string {
  const t = norm(raw).replace(/[≧]/g, "≥").replace(/[≦]/g, "≤");
  if (t === "") return "";
  if (/定性/.test(t)) return "定性";
  if (/^(≥|>=|=>|大于等于|不低于|不少于)$/.test(t)) return "≥";
  if (/^(≤|<=|=<|小于等于|不高于|不超过|不多于)$/.test(t)) return "≤";
  if (/^(=|==|等于)$/.test(t)) return "=";
  if (/^(>|大于|高于)$/.test(t)) return ">";
  if (/^(<|小于|低于)$/.test(t)) return "<";
  return raw.trim();
}

export function parseWeight(text: string): number | undefined {
  const t = norm(text).replace(/%$/, "");
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** "51340024R000010184587-州本级工资支出（行政）" → code, name, category. */
export function splitProject(text: string): { projectCode?: string; name: string; category?: "R" | "Y" | "T" } {
  const t = text.trim();
  // halfWidth maps char for char, so offsets in it are offsets in the original text.
  const m = /^([0-9A-Za-z]{12,})\s*[-—－_]\s*/.exec(halfWidth(t));
  if (!m) return { name: t };
  const projectCode = m[1];
  const cat = /^\d{8}([RYT])/.exec(projectCode.toUpperCase());
  const out: { projectCode?: string; name: string; category?: "R" | "Y" | "T" } = {
    projectCode,
    name: t.slice(m[0].length).trim(),
  };
  if (cat) out.category = cat[1] as "R" | "Y" | "T";
  return out;
}

interface IndicatorCols {
  level1?: number;
  level2?: number;
  level3?: number;
  nature?: number;
  value?: number;
  unit?: number;
  weight?: number;
  direction?: number;
}

function indicatorRole(leaf: string): keyof IndicatorCols | undefined {
  if (/一级/.test(leaf)) return "level1";
  if (/二级/.test(leaf)) return "level2";
  if (/三级/.test(leaf)) return "level3";
  if (/性质/.test(leaf)) return "nature";
  if (/度量单位|计量单位|^单位$|指标单位/.test(leaf)) return "unit";
  if (/指标值|目标值/.test(leaf)) return "value";
  if (/权重|分值/.test(leaf)) return "weight";
  if (/方向/.test(leaf)) return "direction";
  return undefined;
}

/** Reads indicator rows with 一级/二级 filled down; `fill` keeps the last 一级/二级 across calls. */
class IndicatorReader {
  l1 = "";
  l1Cell?: CellRef;
  l2 = "";
  l2Cell?: CellRef;
  constructor(
    private ctx: TableContext,
    private cols: IndicatorCols,
  ) {}
  reset(): void {
    this.l1 = "";
    this.l2 = "";
    this.l1Cell = undefined;
    this.l2Cell = undefined;
  }
  /** Returns an indicator for row r, or "continuation" text / undefined. */
  read(r: number, into: Indicator[]): void {
    const { grid } = this.ctx;
    const c = this.cols;
    const t = (col?: number) => (col === undefined ? "" : grid.text(r, col));
    const l1 = t(c.level1);
    const l2 = t(c.level2);
    if (l1 !== "") {
      this.l1 = l1;
      this.l1Cell = grid.ref(r, c.level1!);
      this.l2 = "";
      this.l2Cell = undefined;
    }
    if (l2 !== "") {
      this.l2 = l2;
      this.l2Cell = grid.ref(r, c.level2!);
    }
    const l3 = t(c.level3);
    const nature = t(c.nature);
    const value = t(c.value);
    const weightText = t(c.weight);
    const unit = t(c.unit);
    if (nature === "" && value === "" && weightText === "") {
      // A wrapped 三级指标 text continuing the previous indicator.
      const prev = into[into.length - 1];
      if (l3 !== "" && prev && l1 === "" && l2 === "") prev.level3 += l3;
      return;
    }
    const any = c.level3 ?? c.nature ?? c.value ?? 0;
    const ref = (col?: number) => grid.ref(r, col ?? any);
    const ind: Indicator = {
      row: r,
      level1: this.l1,
      level2: this.l2,
      level3: l3,
      nature: normalizeNature(nature),
      value,
      unit,
      weightText,
      direction: t(c.direction),
      cells: {
        level3: ref(c.level3),
        nature: ref(c.nature),
        value: ref(c.value),
        unit: ref(c.unit),
        weight: ref(c.weight),
      },
    };
    const w = parseWeight(weightText);
    if (w !== undefined) ind.weight = w;
    if (this.l1Cell) ind.cells.level1 = this.l1Cell;
    if (this.l2Cell) ind.cells.level2 = this.l2Cell;
    if (c.direction !== undefined) ind.cells.direction = grid.ref(r, c.direction);
    into.push(ind);
  }
}

/** A department or unit line: "229-XX部门" / "229001 XX" (a unit code, not a project code), or a known department name. */
function isOrgLine(ctx: TableContext, raw: string): boolean {
  const t = norm(halfWidth(raw));
  if (/^\d{3,9}(?:[-—－_]|(?![年月日号期])[\u4e00-\u9fa5])/.test(t)) return true;
  if (ctx.orgNames.has(t) || ctx.orgNames.has(t.replace(/部门$/, ""))) return true;
  return false;
}

export function recognizePerf(ctx: TableContext): PerfTable {
  const { grid, header } = ctx;
  const cols: IndicatorCols = {};
  let unitCol: number | undefined;
  let projCol: number | undefined;
  let budgetCol: number | undefined;
  let goalCol: number | undefined;
  const columns: ColumnInfo[] = [];
  for (const hc of header.columns) {
    const leaf = hc.leaf;
    let key: string | undefined;
    const ir = indicatorRole(leaf);
    if (ir && cols[ir] === undefined) {
      cols[ir] = hc.col;
      key = ir;
    } else if (/项目名称|^项目$/.test(leaf) && projCol === undefined) {
      projCol = hc.col;
      key = "project";
    } else if (/单位名称|^单位$|预算单位|部门名称/.test(leaf) && unitCol === undefined) {
      unitCol = hc.col;
      key = "unitName";
    } else if (/预算数|金额|资金|预算/.test(leaf) && budgetCol === undefined) {
      budgetCol = hc.col;
      key = "budget";
    } else if (/目标/.test(leaf) && goalCol === undefined) {
      goalCol = hc.col;
      key = "goal";
    }
    if (key) columns.push({ key, label: hc.path, col: hc.col });
  }
  const reader = new IndicatorReader(ctx, cols);
  const projects: PerfProject[] = [];
  let departmentLine: PerfTable["departmentLine"];
  let currentUnit = "";
  let current: PerfProject | undefined;
  let currentRaw = "";
  let bottom = header.headerBottom;
  let anyNonZero = false;
  const text = (r: number, c?: number) => (c === undefined ? "" : grid.text(r, c));
  let noDataCell: CellRef | undefined;
  for (const r of dataRows(ctx)) {
    bottom = r;
    if (!noDataCell) {
      const c = grid.filled(r).find((k) => typeof grid.value(r, k) === "string" && isNoDataText(grid.text(r, k)));
      if (c !== undefined) {
        noDataCell = grid.ref(r, c);
        continue;
      }
    }
    const unitText = text(r, unitCol);
    const projText = text(r, projCol);
    const goalText = text(r, goalCol);
    const hasIndicator = [cols.level3, cols.nature, cols.value, cols.weight].some((c) => text(r, c) !== "");
    // No 单位名称 column: a department / unit line ("229-XX部门") stands in the 项目名称 column, with no goal or indicator.
    const orgInProject =
      unitText === "" && projText !== "" && goalText === "" && !hasIndicator && isOrgLine(ctx, projText);
    const lineText = orgInProject ? projText : unitText;
    const lineCol = orgInProject ? projCol : unitCol;
    if (projText !== "" && !orgInProject && norm(projText) !== currentRaw) {
      const split = splitProject(projText);
      const budget = budgetCol !== undefined ? readAmount(ctx, r, budgetCol) : undefined;
      if (budget && budget.fen !== 0) anyNonZero = true;
      if (unitText !== "") currentUnit = unitText;
      current = {
        row: r,
        unitName: currentUnit,
        name: split.name,
        nameCell: grid.ref(r, projCol!),
        budgetCell: grid.ref(r, budgetCol ?? projCol!),
        goal: goalText,
        indicators: [],
      };
      if (split.projectCode) current.projectCode = split.projectCode;
      if (split.category) current.category = split.category;
      if (budget) current.budget = budget;
      if (goalText !== "" && goalCol !== undefined) current.goalCell = grid.ref(r, goalCol);
      projects.push(current);
      currentRaw = norm(projText);
      reader.reset();
    } else if ((projText === "" || orgInProject) && lineText !== "" && !hasIndicator) {
      // A department or unit line of its own.
      const budget = budgetCol !== undefined ? readAmount(ctx, r, budgetCol) : undefined;
      if (!departmentLine && projects.length === 0) {
        departmentLine = { name: lineText, nameCell: grid.ref(r, lineCol!) };
        if (budget) departmentLine.budget = budget;
        if (budget && budget.fen !== 0) anyNonZero = true;
      } else {
        currentUnit = lineText;
        current = undefined;
        currentRaw = "";
      }
      continue;
    } else if (current && goalText !== "" && goalCol !== undefined) {
      // A long 年度目标 wrapped into the next rows' cells.
      if (norm(goalText) !== norm(current.goal)) {
        current.goal += goalText;
        if (!current.goalCell) current.goalCell = grid.ref(r, goalCol);
      }
    }
    if (current && hasIndicator) reader.read(r, current.indicators);
  }
  const table: PerfTable = {
    ...baseFields(ctx, columns, bottom, !anyNonZero && projects.length === 0),
    kind: "perf",
    projects,
  };
  if (departmentLine) table.departmentLine = departmentLine;
  if (noDataCell) table.noDataCell = noDataCell;
  return table;
}

const LABEL = {
  dept: /^(部门|单位|部门\(单位\)|预算部门|预算单位)名称$/,
  funds: /^(年度)?(部门)?整体支出(预算|资金)|^年度(部门)?预算(资金)?$|^部门预算资金/,
  goal: /^(年度)?(总体|整体)(绩效)?目标$/,
  tasks: /^(年度)?主要任务$/,
  indicators: /^(年度)?(整体)?绩效指标$/,
};

/** 表7: a label/value sheet rather than a grid of rows. */
export function recognizeWholePerf(ctx: TableContext): WholePerfTable {
  const { grid, hit } = ctx;
  let departmentName = "";
  let overallGoal = "";
  let overallGoalCol: number | undefined;
  let mode: "" | "funds" | "goal" | "tasks" | "indicators" = "";
  const funds: { total?: number; fiscal?: number; other?: number; headerRow?: number } = {};
  const taskCols: { name?: number; content?: number; amount?: number } = {};
  let taskHeaderSeen = false;
  const indCols: IndicatorCols = {};
  let indHeaderSeen = false;
  let reader: IndicatorReader | undefined;
  const tasks: WholePerfTask[] = [];
  const indicators: Indicator[] = [];
  const result: Partial<WholePerfTable> = {};
  let anyNonZero = false;
  let first: number | undefined;
  let bottom = hit.row;
  let blanks = 0;
  for (let r = hit.row + 1; r <= ctx.end; r++) {
    if (grid.blank(r)) {
      if (++blanks >= 5) break;
      continue;
    }
    blanks = 0;
    const cells = grid.filled(r);
    const texts = cells.map((c) => norm(grid.text(r, c)));
    // "部门名称：…" / "年度总体目标：…" written label and value in one cell.
    const inline = /^([^:]{2,12}):(.+)$/.exec(texts[0]);
    if (inline && (LABEL.dept.test(inline[1]) || LABEL.goal.test(inline[1]))) {
      first = first ?? r;
      bottom = r;
      const value = grid.text(r, cells[0]).replace(/^[^:：]*[:：]\s*/, "");
      if (LABEL.dept.test(inline[1])) {
        departmentName = value;
        mode = "";
      } else {
        overallGoal = value;
        overallGoalCol = cells[0];
        mode = "goal";
      }
      continue;
    }
    if (first === undefined && readMetaRow(grid, r, ctx.meta)) continue;
    if (isNoteRow(grid, r)) break;
    if (first !== undefined && readMetaRow(grid, r, {})) continue; // the next table's 部门/单位 lines
    first = first ?? r;
    bottom = r;
    let labelAt = -1;
    let label: keyof typeof LABEL | undefined;
    for (let i = 0; i < texts.length && label === undefined; i++) {
      for (const k of Object.keys(LABEL) as (keyof typeof LABEL)[]) {
        if (texts[i].length <= 16 && LABEL[k].test(texts[i])) {
          label = k;
          labelAt = i;
          break;
        }
      }
    }
    const rest = label !== undefined ? cells.slice(labelAt + 1) : cells;
    if (label === "dept") {
      if (rest.length) departmentName = grid.text(r, rest[0]);
      mode = "";
      continue;
    }
    if (label === "funds") mode = "funds";
    else if (label === "goal") {
      mode = "goal";
      if (rest.length) {
        overallGoal = grid.text(r, rest[0]);
        overallGoalCol = rest[0];
      }
      continue;
    } else if (label === "tasks") {
      mode = "tasks";
    } else if (label === "indicators") {
      mode = "indicators";
    }
    if (mode === "funds") {
      const at = (re: RegExp) => rest.find((c) => re.test(norm(grid.text(r, c))));
      const total = at(/资金总额|^合计$|^总计$/);
      if (total !== undefined && funds.headerRow === undefined) {
        // "资金总额 | 300.569 | 财政拨款 | 300.569 | …" on one line: each value right of its label.
        const valueRight = (col: number | undefined) => rest.find((c) => col !== undefined && c > col);
        const right = valueRight(total);
        if (right !== undefined && isNumericCell(grid.value(r, right))) {
          const put = (label: number | undefined, k: "totalFunds" | "fiscalFunds" | "otherFunds") => {
            const c = valueRight(label);
            if (label === undefined || c === undefined) return;
            if (k === "totalFunds") result.totalFundsCell = grid.ref(r, c);
            const a = readAmount(ctx, r, c);
            if (a) {
              result[k] = a;
              if (a.fen !== 0) anyNonZero = true;
            }
          };
          put(total, "totalFunds");
          put(at(/财政拨款/), "fiscalFunds");
          put(at(/其他资金/), "otherFunds");
          funds.headerRow = r;
          mode = "";
          continue;
        }
        funds.total = total;
        funds.fiscal = at(/财政拨款/);
        funds.other = at(/其他资金/);
        funds.headerRow = r;
        result.totalFundsCell = grid.ref(r + 1, total);
        continue;
      }
      if (
        funds.headerRow !== undefined &&
        r > funds.headerRow &&
        result.totalFunds === undefined &&
        (label === undefined || label === "funds")
      ) {
        const put = (col: number | undefined, k: "totalFunds" | "fiscalFunds" | "otherFunds") => {
          if (col === undefined) return;
          const a = readAmount(ctx, r, col);
          if (a) {
            result[k] = a;
            if (a.fen !== 0) anyNonZero = true;
          }
        };
        result.totalFundsCell = grid.ref(r, funds.total!);
        put(funds.total, "totalFunds");
        put(funds.fiscal, "fiscalFunds");
        put(funds.other, "otherFunds");
        mode = "";
      }
      continue;
    }
    if (mode === "goal") {
      // Goal text wrapped into the next row of the same column.
      if (overallGoalCol !== undefined && rest.length === 1 && rest[0] === overallGoalCol)
        overallGoal += grid.text(r, rest[0]);
      continue;
    }
    if (mode === "tasks") {
      if (!taskHeaderSeen) {
        for (const c of rest) {
          const t = norm(grid.text(r, c));
          if (/任务名称|^任务$/.test(t)) taskCols.name = c;
          else if (/主要内容|内容/.test(t)) taskCols.content = c;
          else if (/金额|预算数|资金/.test(t)) taskCols.amount = c;
        }
        if (taskCols.name !== undefined) taskHeaderSeen = true;
        continue;
      }
      const name = taskCols.name !== undefined ? grid.text(r, taskCols.name) : "";
      let content = "";
      if (taskCols.content !== undefined) {
        // The content may sit anywhere from its column up to the amount column (merged cells).
        const stop = taskCols.amount ?? Number.POSITIVE_INFINITY;
        let last = "";
        for (const c of rest) {
          if (c < taskCols.content || c >= stop) continue;
          const piece = grid.text(r, c);
          if (piece !== last) content += piece; // a merged cell repeated by the host counts once
          last = piece;
        }
      }
      if (name === "") {
        const prev = tasks[tasks.length - 1];
        if (prev && content !== "") prev.content += content;
        continue;
      }
      const task: WholePerfTask = { row: r, name, content, nameCell: grid.ref(r, taskCols.name!) };
      if (taskCols.amount !== undefined) {
        const a = readAmount(ctx, r, taskCols.amount);
        if (a) task.amount = a;
      }
      tasks.push(task);
      continue;
    }
    if (mode === "indicators") {
      if (!indHeaderSeen) {
        for (const c of rest) {
          const role = indicatorRole(norm(grid.text(r, c)));
          if (role && indCols[role] === undefined) indCols[role] = c;
        }
        if (indCols.level3 !== undefined || indCols.nature !== undefined) {
          indHeaderSeen = true;
          reader = new IndicatorReader(ctx, indCols);
        }
        continue;
      }
      reader!.read(r, indicators);
    }
  }
  const headerTop = first ?? hit.row;
  const ctxForBase: TableContext = {
    ...ctx,
    header: { headerTop, headerBottom: headerTop, left: hit.col, right: hit.col, columns: [] },
  };
  let right = hit.col;
  let left = hit.col;
  for (let r = headerTop; r <= bottom; r++) {
    const f = grid.filled(r);
    if (f.length) {
      left = Math.min(left, f[0]);
      right = Math.max(right, f[f.length - 1]);
    }
  }
  ctxForBase.header.left = left;
  ctxForBase.header.right = right;
  const base = baseFields(ctxForBase, [], bottom, !anyNonZero && tasks.length === 0 && indicators.length === 0);
  const table: WholePerfTable = {
    ...base,
    kind: "wholePerf",
    departmentName: departmentName || ctx.meta.department || "",
    overallGoal,
    tasks,
    indicators,
  };
  if (result.totalFunds) table.totalFunds = result.totalFunds;
  if (result.fiscalFunds) table.fiscalFunds = result.fiscalFunds;
  if (result.otherFunds) table.otherFunds = result.otherFunds;
  if (result.totalFundsCell) table.totalFundsCell = result.totalFundsCell;
  return table;
}
