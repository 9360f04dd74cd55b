/**
 * The table values a narrative speaks of, each with the cell it comes from: the same figures the generator
 * (src/core/narrative) writes, looked up by a stable key ("t1.total", "item:2060701" …).
 */
import type { Amount, BudgetModel, LedgerRow, LedgerTable, TableId } from "../model/tables";
import type { CellRef } from "../model/workbook";
import { normalizeName, nameMatchKey } from "../catalog";
import { catalogName } from "../narrative/names";
import { normalizePrior, type NormalizedPrior } from "../narrative/prior";
import type { PriorYearInput } from "../narrative/types";

export interface Fact {
  fen: number;
  cell?: CellRef;
  table?: TableId;
  /** Chinese description for messages, e.g. "表1 收入总计". */
  label: string;
}

export interface CodeItem {
  code: string;
  /** The name printed in the table. */
  name: string;
  nameCell?: CellRef;
  table: TableId;
  fact: Fact;
}

export interface Facts {
  get(key: string): Fact | undefined;
  /** 表3 项 lines (7-digit), in table order. */
  items: CodeItem[];
  /** 表1-2 项 lines: basic and project parts by code. */
  split: Map<string, { basic: Fact; project: Fact }>;
  /** 表3-2 projects by functional code. */
  projects: Map<string, { name: string; fact: Fact }[]>;
  /** 表2 (or 表1) 类 lines. */
  classes: CodeItem[];
  /** Names each functional code carries in the tables (表3, 1-2, 4, 5) plus the catalog name. */
  namesOf(code: string): { table?: string; tableCell?: CellRef; catalog?: string };
  /** Every code whose table or catalog name equals the given one (normalised). */
  codesNamed(name: string): string[];
  prior: NormalizedPrior;
  year?: number;
  priorYear?: number;
  department?: string;
  projectCount?: { count: number; cell?: CellRef };
}

function totalRow(t: LedgerTable | undefined): LedgerRow | undefined {
  return t?.rows.find((r) => r.kind === "total");
}

function cleanLabel(label: string): string {
  return label
    .replace(/[\s\u3000]+/g, "")
    .replace(/^[一二三四五六七八九十百]+[、.．]/, "")
    .replace(/^[（(][一二三四五六七八九十]+[）)]/, "");
}

export function buildFacts(model: BudgetModel, priorInput?: PriorYearInput): Facts {
  const map = new Map<string, Fact>();
  const put = (key: string, a: Amount | undefined, table: TableId, label: string) => {
    if (a && !map.has(key)) map.set(key, { fen: a.fen, cell: a.cell, table, label });
  };
  const putFen = (key: string, fen: number | undefined, label: string, cell?: CellRef, table?: TableId) => {
    if (fen !== undefined && !map.has(key)) map.set(key, { fen, cell, table, label });
  };
  const t = model.tables;

  // 表1
  const t1 = t["1"];
  // A printed line with a blank amount is 0 (the label cell stands for it).
  const orZero = (a: Amount | undefined, cell: CellRef): Amount => a ?? { fen: 0, cell };
  for (const l of t1?.income ?? [])
    if (l.key) put(`t1.in.${l.key}`, orZero(l.amounts.amount, l.labelCell), "1", `表1 ${cleanLabel(l.label)}`);
  for (const l of t1?.expense ?? [])
    if (l.key) put(`t1.out.${l.key}`, orZero(l.amounts.amount, l.labelCell), "1", `表1 ${cleanLabel(l.label)}`);
  // 表1-2
  const tr12 = totalRow(t["1-2"]);
  for (const k of ["total", "basic", "project"])
    put(
      `t12.${k}`,
      tr12?.amounts[k],
      "1-2",
      `表1-2 ${k === "total" ? "支出合计" : k === "basic" ? "基本支出合计" : "项目支出合计"}`,
    );
  // 表2
  const t2 = t["2"];
  for (const l of t2?.income ?? [])
    if (l.key) put(`t2.in.${l.key}`, orZero(l.amounts.amount, l.labelCell), "2", `表2 ${cleanLabel(l.label)}`);
  for (const l of t2?.expense ?? [])
    if (l.key)
      put(`t2.out.${l.key}`, orZero(l.amounts.total ?? l.amounts.gpb, l.labelCell), "2", `表2 ${cleanLabel(l.label)}`);
  // 表3: 当年财政拨款 column when present.
  const t3 = t["3"];
  const key3 = t3?.columns.some((c) => c.key === "current") ? "current" : "total";
  const tr3 = totalRow(t3);
  put("t3.total", tr3?.amounts[key3], "3", "表3 合计");
  const items: CodeItem[] = [];
  const byCode = new Map<string, CodeItem>();
  for (const r of t3?.rows ?? []) {
    if (r.kind !== "item" || !r.code || r.code.length !== 7) continue;
    const a = r.amounts[key3];
    const existing = byCode.get(r.code);
    if (existing) {
      existing.fact.fen += a?.fen ?? 0;
      continue;
    }
    const item: CodeItem = {
      code: r.code,
      name: r.name.trim(),
      nameCell: r.nameCell,
      table: "3",
      fact: { fen: a?.fen ?? 0, cell: a?.cell ?? r.nameCell, table: "3", label: `表3 ${r.code} ${r.name.trim()}` },
    };
    byCode.set(r.code, item);
    items.push(item);
  }
  for (const i of items) map.set(`item:${i.code}`, i.fact);
  if (!map.has("t3.total") && items.length)
    putFen(
      "t3.total",
      items.reduce((s, i) => s + i.fact.fen, 0),
      "表3 各项合计",
    );
  // 表1-2 项 lines: 基本支出 / 项目支出 per code (summed over units).
  const split = new Map<string, { basic: Fact; project: Fact }>();
  for (const r of t["1-2"]?.rows ?? []) {
    if (r.kind !== "item" || !r.code || r.code.length !== 7) continue;
    const cur = split.get(r.code);
    const b = r.amounts.basic;
    const pj = r.amounts.project;
    if (cur) {
      cur.basic.fen += b?.fen ?? 0;
      cur.project.fen += pj?.fen ?? 0;
      continue;
    }
    const cell = r.nameCell;
    split.set(r.code, {
      basic: { fen: b?.fen ?? 0, cell: b?.cell ?? cell, table: "1-2", label: `表1-2 ${r.code} 基本支出` },
      project: { fen: pj?.fen ?? 0, cell: pj?.cell ?? cell, table: "1-2", label: `表1-2 ${r.code} 项目支出` },
    });
  }
  // 表3-2 projects under their 项 code.
  const projects = new Map<string, { name: string; fact: Fact }[]>();
  for (const r of t["3-2"]?.rows ?? []) {
    if (r.kind !== "item" || !r.code || r.code.length !== 7 || !r.amounts.total) continue;
    const list = projects.get(r.code) ?? [];
    list.push({
      name: r.name.trim(),
      fact: {
        fen: r.amounts.total.fen,
        cell: r.amounts.total.cell,
        table: "3-2",
        label: `表3-2 项目“${r.name.trim()}”`,
      },
    });
    projects.set(r.code, list);
  }
  // 表3-1
  const tr31 = totalRow(t["3-1"]);
  put("t31.total", tr31?.amounts.total, "3-1", "表3-1 合计");
  put("t31.personnel", tr31?.amounts.personnel, "3-1", "表3-1 人员经费");
  put("t31.public", tr31?.amounts.public, "3-1", "表3-1 公用经费");
  // 表3-3
  const t33 = t["3-3"];
  const tr33 = totalRow(t33);
  if (t33 && tr33) {
    const a = (k: string) => tr33.amounts[k];
    const zero = (k: string): Amount | undefined =>
      a(k) ??
      (t33.columns.find((c) => c.key === k)
        ? { fen: 0, cell: { sheet: t33.sheet, row: tr33.row, col: t33.columns.find((c) => c.key === k)!.col } }
        : undefined);
    put("t33.overseas", zero("overseas"), "3-3", "表3-3 因公出国（境）费");
    put("t33.reception", zero("reception"), "3-3", "表3-3 公务接待费");
    put("t33.purchase", zero("vehiclePurchase"), "3-3", "表3-3 公务用车购置费");
    put("t33.operation", zero("vehicleOperation"), "3-3", "表3-3 公务用车运行维护费");
    const vehicle = a("vehicleSubtotal") ?? zero("vehicleOperation");
    putFen(
      "t33.vehicle",
      a("vehicleSubtotal")?.fen ?? (a("vehiclePurchase")?.fen ?? 0) + (a("vehicleOperation")?.fen ?? 0),
      "表3-3 公务用车购置及运行费",
      vehicle?.cell,
      "3-3",
    );
    const total = a("total");
    putFen(
      "t33.total",
      total?.fen ??
        (map.get("t33.overseas")?.fen ?? 0) + (map.get("t33.vehicle")?.fen ?? 0) + (map.get("t33.reception")?.fen ?? 0),
      "表3-3 合计",
      total?.cell ?? vehicle?.cell,
      "3-3",
    );
  }
  // 表4 / 表5: an absent or empty table is 0.
  for (const [id, key, label] of [
    ["4", "t4.total", "表4 政府性基金预算支出合计"],
    ["5", "t5.total", "表5 国有资本经营预算支出合计"],
  ] as const) {
    const tb = t[id];
    const tr = totalRow(tb);
    if (tr?.amounts.total) put(key, tr.amounts.total, id, label);
    else putFen(key, 0, label, tb ? { sheet: tb.sheet, row: tb.top, col: tb.left } : undefined, tb ? id : undefined);
  }
  // 表6: projects, department line, basic/project split as the generator does.
  const t6 = t["6"];
  let projectCount: Facts["projectCount"];
  if (t6) {
    projectCount = { count: t6.projects.length, cell: t6.projects[0]?.nameCell ?? t6.titleCell };
    if (t6.departmentLine?.budget) put("t6.total", t6.departmentLine.budget, "6", "表6 部门合计");
    const t32names = new Set((t["3-2"]?.rows ?? []).filter((r) => r.kind === "item").map((r) => nameMatchKey(r.name)));
    let basic = 0;
    let project = 0;
    for (const p of t6.projects) {
      const v = p.budget?.fen ?? 0;
      if (p.category === "T" || t32names.has(nameMatchKey(p.name))) project += v;
      else basic += v;
    }
    const cell = t6.projects[0]?.budgetCell;
    putFen("t6.sum", basic + project, "表6 各项目合计", cell, "6");
    putFen("t6.basic", basic, "表6 基本支出项目合计", cell, "6");
    putFen("t6.project", project, "表6 项目支出项目合计", cell, "6");
  }

  // Classes: 表2's 类 lines, else 表1's.
  const classes: CodeItem[] = [];
  for (const [tb, prefix, id] of [
    [t2, "t2.out.", "2"],
    [t1, "t1.out.", "1"],
  ] as const) {
    if (classes.length) break;
    for (const l of tb?.expense ?? []) {
      const m = /^class:(\d{3})$/.exec(l.key);
      const f = map.get(`${prefix}${l.key}`);
      if (m && f) classes.push({ code: m[1], name: cleanLabel(l.label), nameCell: l.labelCell, table: id, fact: f });
    }
  }

  // Code names: the tables' own first, then the catalog.
  const tableNames = new Map<string, { name: string; cell?: CellRef }>();
  for (const id of ["3", "1-2", "4", "5"] as const) {
    const tb = t[id];
    if (!tb || tb.codeKind === "economic") continue;
    for (const r of tb.rows) {
      if (r.kind !== "item" || !r.code || !/^\d{3}(\d{2}){0,2}$/.test(r.code)) continue;
      if (!tableNames.has(r.code) && r.name.trim()) tableNames.set(r.code, { name: r.name.trim(), cell: r.nameCell });
    }
  }
  for (const c of classes) if (!tableNames.has(c.code)) tableNames.set(c.code, { name: c.name, cell: c.nameCell });
  const namesOf = (code: string) => {
    const tn = tableNames.get(code);
    return { table: tn?.name, tableCell: tn?.cell, catalog: catalogName(code) };
  };
  const nameIndex = new Map<string, Set<string>>();
  const index = (name: string | undefined, code: string) => {
    if (!name) return;
    const k = normalizeName(name);
    nameIndex.set(k, (nameIndex.get(k) ?? new Set()).add(code));
  };
  const allCodes = new Set<string>(tableNames.keys());
  for (const code of allCodes) {
    const n = namesOf(code);
    index(n.table, code);
    index(n.catalog, code);
    // The catalog names of the codes' parents and siblings are what a slip most often borrows.
    for (const p of [code.slice(0, 3), code.slice(0, 5)]) if (p.length < code.length) allCodes.add(p);
  }
  for (const code of allCodes) index(namesOf(code).catalog, code);

  const prior = normalizePrior(priorInput).prior;
  // 政府采购 is not in the tables: the prior-year input holds it (as for the generator).
  const pr = prior.procurement;
  putFen("prior.goods", pr?.goods, "上年数据 政府采购货物预算");
  putFen("prior.works", pr?.works, "上年数据 政府采购工程预算");
  putFen("prior.services", pr?.services, "上年数据 政府采购服务预算");
  if (pr?.goods !== undefined && pr.works !== undefined && pr.services !== undefined) {
    putFen("prior.procurement", pr.goods + pr.works + pr.services, "上年数据 政府采购预算合计");
  }
  const tableDept = Object.values(t).find((x) => x?.department)?.department;
  return {
    get: (k) => map.get(k),
    items,
    split,
    projects,
    classes,
    namesOf,
    codesNamed: (name) => [...(nameIndex.get(normalizeName(name)) ?? [])],
    prior,
    year: model.year,
    priorYear: prior.year ?? (model.year !== undefined ? model.year - 1 : undefined),
    department: (model.department ?? tableDept)?.trim() || undefined,
    projectCount,
  };
}
