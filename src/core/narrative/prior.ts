/**
 * The prior-year / supplementary input of the narrative (CLI --prior <file.json>, pane form).
 * Everything the tables cannot tell: last year's figures, reasons for changes, 政府采购, 国有资产, 接待批次.
 * Amounts are 万元 decimals read exactly into 分; the keys are documented in docs/narrative.md.
 */
import { scaleDecimal } from "../model/money";
import type { PriorYearInput } from "./types";

export interface NormalizedPrior {
  year?: number;
  total?: number;
  fiscalTotal?: number;
  gpbCurrent?: number;
  threePublic: {
    total?: number;
    overseas?: number;
    reception?: number;
    vehiclePurchase?: number;
    vehicleOperation?: number;
  };
  agencyOperating?: number;
  reasons: Partial<Record<ReasonKey, string>>;
  procurement?: {
    goods?: number;
    works?: number;
    services?: number;
    goodsUse?: string;
    worksUse?: string;
    servicesUse?: string;
  };
  assets?: {
    asOf?: string;
    vehicles?: number;
    vehicleBreakdown?: { official?: number; directed?: number; lawEnforcement?: number };
    largeEquipment?: number;
    plannedVehicles?: number;
    plannedLargeEquipment?: number;
  };
  reception?: { batches?: number; persons?: number };
}

export const REASON_KEYS = [
  "total",
  "fiscalTotal",
  "gpbCurrent",
  "threePublic",
  "overseas",
  "reception",
  "vehicle",
  "agencyOperating",
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

const MONEY_TOP = ["total", "fiscalTotal", "gpbCurrent", "agencyOperating"] as const;
const THREE_PUBLIC_KEYS = ["total", "overseas", "reception", "vehiclePurchase", "vehicleOperation"] as const;
const TOP_KEYS = new Set<string>([
  "year",
  ...MONEY_TOP,
  "threePublic",
  "reasons",
  "procurement",
  "assets",
  "reception",
]);

const LABELS: Record<string, string> = {
  total: "上年收支总预算",
  fiscalTotal: "上年财政拨款收支总预算",
  gpbCurrent: "上年一般公共预算当年拨款",
  agencyOperating: "上年机关运行经费",
  "threePublic.total": "上年“三公”经费合计",
  "threePublic.overseas": "上年因公出国（境）费",
  "threePublic.reception": "上年公务接待费",
  "threePublic.vehiclePurchase": "上年公务用车购置费",
  "threePublic.vehicleOperation": "上年公务用车运行维护费",
  "procurement.goods": "政府采购货物预算",
  "procurement.works": "政府采购工程预算",
  "procurement.services": "政府采购服务预算",
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A 万元 decimal (number or string) -> 分, exactly; undefined + a problem when unreadable. */
export function parseWan(value: unknown, path: string, problems: string[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string | undefined;
  if (typeof value === "number") {
    if (Number.isFinite(value)) text = Number(value.toPrecision(15)).toString();
  } else if (typeof value === "string") {
    text = value.trim().replace(/,/g, "").replace(/万元$/, "");
    if (text === "") return undefined;
  }
  const fen = text === undefined ? undefined : scaleDecimal(text, 6);
  if (fen === undefined) {
    problems.push(
      `“${path}”（${LABELS[path] ?? path}）不是有效金额：${JSON.stringify(value)}，应为以万元为单位的数字，如 614.51。`,
    );
    return undefined;
  }
  if (fen < 0) {
    problems.push(`“${path}”（${LABELS[path] ?? path}）不能为负数：${JSON.stringify(value)}。`);
    return undefined;
  }
  return fen;
}

function parseCount(value: unknown, path: string, problems: string[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isSafeInteger(n) && n >= 0) return n;
  problems.push(`“${path}”应为非负整数：${JSON.stringify(value)}。`);
  return undefined;
}

function parseText(value: unknown, path: string, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  problems.push(`“${path}”应为文字：${JSON.stringify(value)}。`);
  return undefined;
}

function subObject(
  parent: Record<string, unknown>,
  key: string,
  allowed: readonly string[],
  problems: string[],
): Record<string, unknown> | undefined {
  const v = parent[key];
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) {
    problems.push(`“${key}”应为对象（{…}）：${JSON.stringify(v)}。`);
    return undefined;
  }
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) problems.push(`未知字段“${key}.${k}”，已忽略。`);
  }
  return v;
}

/** Reads a PriorYearInput (or any JSON value) into exact 分 amounts; problems are Chinese sentences. */
export function normalizePrior(value: unknown): { prior: NormalizedPrior; problems: string[] } {
  const problems: string[] = [];
  const prior: NormalizedPrior = { threePublic: {}, reasons: {} };
  if (value === undefined || value === null) return { prior, problems };
  if (!isRecord(value)) {
    problems.push('上年数据应为 JSON 对象，如 {"year": 2023, "total": 614.51}。');
    return { prior, problems };
  }
  for (const k of Object.keys(value)) {
    if (!TOP_KEYS.has(k)) problems.push(`未知字段“${k}”，已忽略。`);
  }
  if (value.year !== undefined && value.year !== null) {
    const y = typeof value.year === "string" ? Number(value.year.trim()) : value.year;
    if (typeof y === "number" && Number.isInteger(y) && y >= 1990 && y <= 2100) prior.year = y;
    else problems.push(`“year”（上年年度）应为四位年份，如 2023：${JSON.stringify(value.year)}。`);
  }
  for (const k of MONEY_TOP) {
    const fen = parseWan(value[k], k, problems);
    if (fen !== undefined) prior[k] = fen;
  }
  const tp = subObject(value, "threePublic", THREE_PUBLIC_KEYS, problems);
  if (tp) {
    for (const k of THREE_PUBLIC_KEYS) {
      const fen = parseWan(tp[k], `threePublic.${k}`, problems);
      if (fen !== undefined) prior.threePublic[k] = fen;
    }
    const t = prior.threePublic;
    if (
      t.total !== undefined &&
      t.overseas !== undefined &&
      t.reception !== undefined &&
      t.vehiclePurchase !== undefined &&
      t.vehicleOperation !== undefined &&
      t.overseas + t.reception + t.vehiclePurchase + t.vehicleOperation !== t.total
    ) {
      problems.push("上年“三公”经费合计不等于因公出国（境）费、公务接待费、公务用车购置费与运行维护费之和，请核对。");
    }
  }
  const rs = subObject(value, "reasons", REASON_KEYS, problems);
  if (rs) {
    for (const k of REASON_KEYS) {
      const t = parseText(rs[k], `reasons.${k}`, problems);
      if (t !== undefined) prior.reasons[k] = t;
    }
  }
  const pr = subObject(
    value,
    "procurement",
    ["goods", "works", "services", "goodsUse", "worksUse", "servicesUse"],
    problems,
  );
  if (pr) {
    prior.procurement = {
      goods: parseWan(pr.goods, "procurement.goods", problems),
      works: parseWan(pr.works, "procurement.works", problems),
      services: parseWan(pr.services, "procurement.services", problems),
      goodsUse: parseText(pr.goodsUse, "procurement.goodsUse", problems),
      worksUse: parseText(pr.worksUse, "procurement.worksUse", problems),
      servicesUse: parseText(pr.servicesUse, "procurement.servicesUse", problems),
    };
  }
  const as = subObject(
    value,
    "assets",
    ["asOf", "vehicles", "vehicleBreakdown", "largeEquipment", "plannedVehicles", "plannedLargeEquipment"],
    problems,
  );
  if (as) {
    const vb = subObject(as, "vehicleBreakdown", ["official", "directed", "lawEnforcement"], problems);
    prior.assets = {
      asOf: parseText(as.asOf, "assets.asOf", problems),
      vehicles: parseCount(as.vehicles, "assets.vehicles", problems),
      vehicleBreakdown: vb
        ? {
            official: parseCount(vb.official, "assets.vehicleBreakdown.official", problems),
            directed: parseCount(vb.directed, "assets.vehicleBreakdown.directed", problems),
            lawEnforcement: parseCount(vb.lawEnforcement, "assets.vehicleBreakdown.lawEnforcement", problems),
          }
        : undefined,
      largeEquipment: parseCount(as.largeEquipment, "assets.largeEquipment", problems),
      plannedVehicles: parseCount(as.plannedVehicles, "assets.plannedVehicles", problems),
      plannedLargeEquipment: parseCount(as.plannedLargeEquipment, "assets.plannedLargeEquipment", problems),
    };
    const b = prior.assets.vehicleBreakdown;
    if (
      b &&
      prior.assets.vehicles !== undefined &&
      b.official !== undefined &&
      b.directed !== undefined &&
      b.lawEnforcement !== undefined &&
      b.official + b.directed + b.lawEnforcement !== prior.assets.vehicles
    ) {
      problems.push("车辆总数不等于公务用车、定向保障用车与执法执勤用车之和，请核对。");
    }
  }
  const rc = subObject(value, "reception", ["batches", "persons"], problems);
  if (rc) {
    prior.reception = {
      batches: parseCount(rc.batches, "reception.batches", problems),
      persons: parseCount(rc.persons, "reception.persons", problems),
    };
  }
  return { prior, problems };
}

/** 分 -> exact decimal string in 万元 without trailing zeros ("614.51"). */
export function fenToWanText(fen: number): string {
  const intPart = Math.floor(fen / 1_000_000);
  const frac = String(fen % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return frac ? `${intPart}.${frac}` : String(intPart);
}

function stripUndefined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Validates the --prior JSON. `prior` keeps only the understood keys, amounts as exact decimal strings
 * (万元); `problems` lists every unreadable or unknown entry in Chinese. Never throws.
 */
export function priorFromJson(value: unknown): { prior: PriorYearInput; problems: string[] } {
  const { prior: n, problems } = normalizePrior(value);
  const money = (fen: number | undefined) => (fen === undefined ? undefined : fenToWanText(fen));
  const out: PriorYearInput = stripUndefined({
    year: n.year,
    total: money(n.total),
    fiscalTotal: money(n.fiscalTotal),
    gpbCurrent: money(n.gpbCurrent),
    agencyOperating: money(n.agencyOperating),
  });
  const tp = stripUndefined({
    total: money(n.threePublic.total),
    overseas: money(n.threePublic.overseas),
    reception: money(n.threePublic.reception),
    vehiclePurchase: money(n.threePublic.vehiclePurchase),
    vehicleOperation: money(n.threePublic.vehicleOperation),
  });
  if (Object.keys(tp).length > 0) out.threePublic = tp;
  if (Object.keys(n.reasons).length > 0) out.reasons = { ...n.reasons };
  if (n.procurement) {
    out.procurement = stripUndefined({
      ...n.procurement,
      goods: money(n.procurement.goods),
      works: money(n.procurement.works),
      services: money(n.procurement.services),
    });
  }
  if (n.assets) {
    const a = stripUndefined({ ...n.assets }) as Record<string, unknown>;
    if (n.assets.vehicleBreakdown) a.vehicleBreakdown = stripUndefined({ ...n.assets.vehicleBreakdown });
    out.assets = a;
  }
  if (n.reception) out.reception = stripUndefined({ ...n.reception });
  return { prior: out, problems };
}
