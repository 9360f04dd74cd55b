/**
 * Pure helpers of the task pane: counting, grouping, filtering and formatting of findings, the prior-year form
 * and error messages (official catalog files are parsed by src/hosts/xlsx/catalog-bytes.ts). No React and no Office here, so jest tests them directly.
 */
import { SEVERITY_LABELS, type Finding, type Severity } from "../core/model/findings";
import { ALL_TABLE_IDS, NATIONAL_TABLE_IDS, TABLE_IDS, tableName, type AnyTableId } from "../core/model/tables";
import { cellAddress, type CellRef } from "../core/model/workbook";
import type { PriorYearInput } from "../core/narrative/types";

export const SEVERITIES: Severity[] = ["error", "warning", "info"];

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** "错误 3 · 警告 1 · 提示 0" */
export function formatCounts(counts: SeverityCounts): string {
  return SEVERITIES.map((s) => `${SEVERITY_LABELS[s]} ${counts[s]}`).join(" · ");
}

export interface RecognitionSummary {
  found: number;
  total: number;
  missing: AnyTableId[];
}

/** Which of the template's tables (14 Sichuan, 9 national) were recognised; missing ones in the official order. */
export function recognitionSummary(tables: readonly { id: AnyTableId; template?: string }[]): RecognitionSummary {
  const seen = new Set<AnyTableId>(tables.map((t) => t.id));
  const ids: AnyTableId[] = tables.some((t) => t.template === "national-9") ? NATIONAL_TABLE_IDS : TABLE_IDS;
  const missing = ids.filter((id) => !seen.has(id));
  return { found: ids.length - missing.length, total: ids.length, missing };
}

/** "表1 部门收支总表" */
export function tableLabel(id: AnyTableId): string {
  return `表${id} ${tableName(id)}`;
}

/** Group key of findings that name no table (workbook-level findings). */
export const OTHER_GROUP = "other";
export type GroupKey = AnyTableId | typeof OTHER_GROUP;

export interface FindingGroup {
  key: GroupKey;
  label: string;
  findings: Finding[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Groups findings by table in the official table order (表1 … 表7), then the findings without a table. Within a
 * group errors come first, then warnings, then notes, each in engine order (so the few errors are not buried under 尾差).
 */
export function groupByTable(findings: readonly Finding[]): FindingGroup[] {
  const byKey = new Map<GroupKey, Finding[]>();
  for (const f of findings) {
    const key: GroupKey = f.table && ALL_TABLE_IDS.includes(f.table) ? f.table : OTHER_GROUP;
    const list = byKey.get(key);
    if (list) list.push(f);
    else byKey.set(key, [f]);
  }
  const order: GroupKey[] = [...ALL_TABLE_IDS, OTHER_GROUP];
  return order
    .filter((key) => byKey.has(key))
    .map((key) => ({
      key,
      label: key === OTHER_GROUP ? "其他" : tableLabel(key),
      // Array.prototype.sort is stable, so engine order is kept within a severity.
      findings: byKey.get(key)!.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]),
    }));
}

export interface FindingFilter {
  /** Severities shown; an empty set shows nothing. */
  severities: ReadonlySet<Severity>;
  /** "all", a table id, or OTHER_GROUP. */
  table: GroupKey | "all";
}

export const DEFAULT_FILTER: FindingFilter = { severities: new Set(SEVERITIES), table: "all" };

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  return findings.filter((f) => {
    if (!filter.severities.has(f.severity)) return false;
    if (filter.table === "all") return true;
    const key: GroupKey = f.table && ALL_TABLE_IDS.includes(f.table) ? f.table : OTHER_GROUP;
    return key === filter.table;
  });
}

/** Table filter options: only tables that have findings, in the official order. */
export function tableFilterOptions(findings: readonly Finding[]): { key: GroupKey | "all"; label: string }[] {
  return [
    { key: "all" as const, label: "全部表" },
    ...groupByTable(findings).map((g) => ({ key: g.key, label: g.label })),
  ];
}

/** "表1!F12" — the address shown on a finding's link. */
export function formatCellRef(ref: CellRef): string {
  return `${ref.sheet}!${cellAddress(ref)}`;
}

/** The spoken label of a cell link, e.g. "定位到单元格 表1!F12". */
export function cellLinkLabel(ref: CellRef, otherSide = false): string {
  return `${otherSide ? "定位到对应单元格" : "定位到单元格"} ${formatCellRef(ref)}`;
}

/** Stable key of a finding for React lists and for comparing the pane's list with the engine's. */
export function findingKey(f: Finding, index: number): string {
  const cell = f.cells[0] ? formatCellRef(f.cells[0]) : "-";
  return `${index}|${f.rule}|${cell}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Prior-year form (预算情况说明)

/** Field ids of the prior-year form; every value is kept as typed (text), converted on save. */
export const PRIOR_FIELDS = [
  "year",
  "total",
  "fiscalTotal",
  "gpbCurrent",
  "threePublic.total",
  "threePublic.overseas",
  "threePublic.reception",
  "threePublic.vehiclePurchase",
  "threePublic.vehicleOperation",
  "agencyOperating",
  "procurement.goods",
  "procurement.works",
  "procurement.services",
  "assets.vehicles",
  "reasons.total",
  "reasons.threePublic",
  "reasons.agencyOperating",
] as const;
export type PriorField = (typeof PRIOR_FIELDS)[number];
export type PriorForm = Record<PriorField, string>;

/** Chinese labels of the form fields. */
export const PRIOR_LABELS: Record<PriorField, string> = {
  year: "上年度（年份）",
  total: "上年收支总预算（万元）",
  fiscalTotal: "上年财政拨款收支总预算（万元）",
  gpbCurrent: "上年一般公共预算当年拨款（万元）",
  "threePublic.total": "上年“三公”经费合计（万元）",
  "threePublic.overseas": "因公出国（境）费（万元）",
  "threePublic.reception": "公务接待费（万元）",
  "threePublic.vehiclePurchase": "公务用车购置费（万元）",
  "threePublic.vehicleOperation": "公务用车运行维护费（万元）",
  agencyOperating: "上年机关运行经费（万元）",
  "procurement.goods": "政府采购：货物（万元）",
  "procurement.works": "政府采购：工程（万元）",
  "procurement.services": "政府采购：服务（万元）",
  "assets.vehicles": "车辆数（辆）",
  "reasons.total": "收支总预算增减原因",
  "reasons.threePublic": "“三公”经费增减原因",
  "reasons.agencyOperating": "机关运行经费增减原因",
};

/** Fields holding free text rather than numbers. */
export const PRIOR_TEXT_FIELDS: ReadonlySet<PriorField> = new Set([
  "reasons.total",
  "reasons.threePublic",
  "reasons.agencyOperating",
]);

export function emptyPriorForm(): PriorForm {
  return Object.fromEntries(PRIOR_FIELDS.map((f) => [f, ""])) as PriorForm;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Validates the form; returns a Chinese message per invalid field (empty fields are fine: they become 【待补充】). */
export function validatePriorForm(form: PriorForm): Partial<Record<PriorField, string>> {
  const errors: Partial<Record<PriorField, string>> = {};
  for (const field of PRIOR_FIELDS) {
    if (PRIOR_TEXT_FIELDS.has(field)) continue;
    const v = normalizeNumberText(form[field]);
    if (v === "") continue;
    if (field === "year") {
      if (!/^\d{4}$/.test(v)) errors[field] = "请输入四位年份，如 2023";
    } else if (field === "assets.vehicles") {
      if (!/^\d+$/.test(v)) errors[field] = "请输入整数";
    } else if (!DECIMAL.test(v)) errors[field] = "请输入数字，如 614.51";
  }
  return errors;
}

/** Full-width digits, thousands separators and spaces are accepted as typed. */
function normalizeNumberText(text: string): string {
  return text
    .trim()
    .replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, "");
}

/**
 * Form → PriorYearInput (keys as in docs/narrative.md / src/core/narrative/prior.ts). Amounts stay decimal strings
 * (the generator reads them exactly); empty fields are left out so the narrative writes a 【待补充】 marker for them.
 */
export function formToPrior(form: PriorForm): PriorYearInput {
  const prior: PriorYearInput = {};
  for (const field of PRIOR_FIELDS) {
    const raw = PRIOR_TEXT_FIELDS.has(field) ? form[field].trim() : normalizeNumberText(form[field]);
    if (raw === "") continue;
    const value: string | number = field === "year" || field === "assets.vehicles" ? Number(raw) : raw;
    const [head, tail] = field.split(".");
    if (tail === undefined) prior[head] = value;
    else {
      const nested = (prior[head] ?? {}) as Record<string, unknown>;
      nested[tail] = value;
      prior[head] = nested;
    }
  }
  return prior;
}

/** PriorYearInput (as saved in the workbook) → form; unknown or malformed values are ignored. */
export function priorToForm(prior: unknown): PriorForm {
  const form = emptyPriorForm();
  if (!prior || typeof prior !== "object") return form;
  const record = prior as Record<string, unknown>;
  for (const field of PRIOR_FIELDS) {
    const [head, tail] = field.split(".");
    let value: unknown = record[head];
    if (tail !== undefined)
      value = value && typeof value === "object" ? (value as Record<string, unknown>)[tail] : undefined;
    if (typeof value === "number" && Number.isFinite(value)) form[field] = String(value);
    else if (typeof value === "string") form[field] = value;
  }
  return form;
}

// ---------------------------------------------------------------------------------------------------------------
// Narrative and messages

/** Lines of the plain-text narrative for the 预算情况说明 sheet (blank lines dropped). */
export function narrativeLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
}

/** Calls fn once `waitMs` after the last call; cancel() drops a pending call. */
export function debounce(fn: () => void, waitMs: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const call = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, waitMs);
  };
  call.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}

/** Office.js error codes the user can act on. */
const OFFICE_ERRORS: Record<string, string> = {
  InvalidArgument: "参数无效（可能是标记的单元格过多）",
  ItemNotFound: "找不到工作表或单元格（可能已被删除或重命名）",
  AccessDenied: "没有权限修改工作簿（工作簿可能处于只读或保护状态）",
  InvalidOperation: "当前无法执行该操作（请先退出单元格编辑状态）",
  GeneralException: "Excel 内部错误",
  RequestPayloadSizeLimitExceeded: "数据量超过 Excel 网页版的单次请求上限（5 MB）",
  ResponsePayloadSizeLimitExceeded: "数据量超过 Excel 网页版的单次响应上限（5 MB）",
  ApiNotFound: "当前 Excel 版本不支持该功能",
  InvalidOperationInCellEditMode: "Excel 正处于单元格编辑状态，请按 Enter 或 Esc 结束编辑后重试",
  RangeExceedsLimit: "区域超出 Excel 单次处理的上限",
};

/**
 * A Chinese message for a failed action: "<action>失败：<reason>". Never a stack trace: only the first line of the
 * error's message is kept, and Office error codes are translated.
 */
export function errorMessage(action: string, error: unknown): string {
  let reason = "";
  // The gateway's own errors are Chinese sentences already ("标记失败（…）：<Office's English text>（code）"); for a
  // known code the English part is replaced by its Chinese explanation.
  if (error instanceof Error && error.name === "ExcelGatewayError") {
    const code = (error as { code?: unknown }).code;
    const head = error.message.split("：")[0];
    if (typeof code === "string" && OFFICE_ERRORS[code] && head !== error.message)
      return `${head}：${OFFICE_ERRORS[code]}`;
    return firstLine(error.message) || `${action}失败，请重试。`;
  }
  // A programming error (not the user's nor Excel's): say so, keep the JS message only for the maintainers.
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) {
    return `${action}失败：程序内部错误，请将工作簿发给维护人员。（${firstLine(error.message)}）`;
  }
  if (error && typeof error === "object") {
    const e = error as { code?: unknown; message?: unknown };
    if (typeof e.code === "string" && OFFICE_ERRORS[e.code]) reason = OFFICE_ERRORS[e.code];
    else if (typeof e.message === "string") reason = e.message;
  } else if (typeof error === "string") reason = error;
  reason = firstLine(reason);
  return reason ? `${action}失败：${reason}` : `${action}失败，请重试。`;
}

/** First line, without a stack frame, at most 200 characters. */
function firstLine(text: string): string {
  const line = text
    .split(/\r?\n/)[0]
    .replace(/\s+at\s.*$/, "")
    .trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** True for a dark "#rrggbb" colour (Office.context.officeTheme.bodyBackgroundColor), by relative luminance. */
export function isDarkColor(color: string | undefined): boolean {
  const m = /^#?([0-9a-f]{6})$/i.exec((color ?? "").trim());
  if (!m) return false;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}
