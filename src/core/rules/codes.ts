/** Classification codes: format, hierarchy, one name per code, names against the catalog, provincial sub-codes. */
import type { Finding, RuleContext, RuleDef } from "../model/findings";
import type { LedgerRow, LedgerTable, TableId } from "../model/tables";
import type { CellRef } from "../model/workbook";
import type { Catalog, CodeKind } from "../catalog/catalog";
import { compareNames, normalizeName } from "../catalog";
import { rowCell, tableLabel } from "./util";

/** Which classification each ledger table's code column holds when recognition does not say. */
const CODE_KIND: Partial<Record<TableId, CodeKind>> = {
  "1-2": "functional",
  "3": "functional",
  "3-2": "functional",
  "4": "functional",
  "5": "functional",
  "2-1": "economic",
  "3-1": "economic",
};

const CODE_TABLES: TableId[] = ["1-2", "3", "3-2", "4", "5", "2-1", "3-1"];

const KIND_LABEL: Record<CodeKind, string> = { functional: "功能分类", economic: "经济分类" };

export function codeKindOf(t: LedgerTable): CodeKind | undefined {
  if (t.codeKind === "functional" || t.codeKind === "economic") return t.codeKind;
  return CODE_KIND[t.id];
}

function codeTables(ctx: RuleContext): LedgerTable[] {
  const out: LedgerTable[] = [];
  for (const id of CODE_TABLES) {
    const t = ctx.model.tables[id] as LedgerTable | undefined;
    if (t && t.kind === "ledger" && codeKindOf(t)) out.push(t);
  }
  return out;
}

function codeCell(t: LedgerTable, r: LedgerRow): CellRef {
  return r.codeCells?.[r.codeCells.length - 1] ?? rowCell(t, r);
}

/**
 * The code cell holding digit `pos` of a row's code: split codes are 类 (3 digits), then 2 digits per cell, the last
 * cell holding the rest. A joined code has one cell.
 */
function codePartCell(t: LedgerTable, r: LedgerRow, pos: number): CellRef {
  const cells = r.codeCells;
  if (!cells || cells.length < 2) return codeCell(t, r);
  const k = pos < 3 ? 0 : 1 + Math.floor((pos - 3) / 2);
  return cells[Math.min(k, cells.length - 1)];
}

/** Index of the first digit where `code` leaves `prefix`. */
function firstDiff(code: string, prefix: string): number {
  let i = 0;
  while (i < prefix.length && i < code.length && code[i] === prefix[i]) i++;
  return i;
}

/**
 * Rows whose 类 differs from the 类 block they are laid out in: the nearest preceding 3-digit 类 line (since the last
 * 合计 / unit line), when the coded line before the row belongs to that block and so does the one after it, or the
 * row's own 类 has its line earlier in the same unit section. Returns the row index and the 类 line's index.
 */
function misplacedInBlock(t: LedgerTable): Map<number, number> {
  const out = new Map<number, number>();
  if (t.id === "3-2") return out;
  const isCoded = (r: LedgerRow) => r.kind === "item" && !!r.code && /^\d+$/.test(r.code);
  const isSectionBreak = (r: LedgerRow) => r.kind === "total" || r.kind === "org";
  let section: number[] = [];
  const flush = () => {
    const classLine = new Map<string, number>();
    for (const i of section)
      if (t.rows[i].code!.length === 3 && !classLine.has(t.rows[i].code!)) classLine.set(t.rows[i].code!, i);
    let block: number | undefined;
    section.forEach((i, k) => {
      const r = t.rows[i];
      const code = r.code!;
      if (code.length === 3) {
        block = i;
        return;
      }
      if (block === undefined || code.length < 5) return;
      const lei = t.rows[block].code!;
      if (code.startsWith(lei)) return;
      const prev = section[k - 1];
      const next = section[k + 1];
      const inBlock = (j: number | undefined) => j !== undefined && t.rows[j].code!.startsWith(lei);
      // Its own 类 line earlier in the section: the row left that block (a 类 line printed below its 款 proves nothing).
      const own = classLine.get(code.slice(0, 3));
      if (inBlock(prev) && (inBlock(next) || (own !== undefined && own < i))) out.set(i, block);
    });
    section = [];
  };
  t.rows.forEach((r, i) => {
    if (isSectionBreak(r)) flush();
    else if (isCoded(r)) section.push(i);
  });
  flush();
  return out;
}

/** Rows carrying a classification code (3-2 project lines included: their code is a functional 项). */
function codedRows(t: LedgerTable): LedgerRow[] {
  return t.rows.filter((r) => r.code !== undefined && r.code !== "" && r.kind !== "org" && r.kind !== "total");
}

/** A name as printed, without a unit code that the layout put in the same cell ("229 机构运行"). */
function cleanName(name: string): string {
  return name.replace(/^\s*\d{3,}\s+/, "").trim();
}

/** Number of classification ancestors (not 合计 or unit lines) of a row. */
function classDepth(t: LedgerTable, r: LedgerRow): number {
  let depth = 0;
  let p = r.parent;
  while (p !== undefined) {
    const row = t.rows[p];
    if (row.kind !== "total" && row.kind !== "org") depth++;
    p = row.parent;
  }
  return depth;
}

export interface NameOccurrence {
  table: TableId;
  kind: CodeKind;
  code: string;
  name: string;
  norm: string;
  cell: CellRef;
  /** The ledger line printing it (absent for 表1/表2 类 lines and 3-2 项 name lines). */
  line?: { table: LedgerTable; row: LedgerRow };
}

/**
 * Every place a code is printed with its name. Skipped: 3-2 project lines (project names); 2-1 sub-item lines
 * that repeat their 款's code (the parent has the same code, or siblings share it). 3-2 项 name lines count
 * with the code their projects share. 表1/表2 类 lines count as functional 类 names.
 */
export function nameOccurrences(ctx: RuleContext): NameOccurrence[] {
  const out: NameOccurrence[] = [];
  const add = (
    table: TableId,
    kind: CodeKind,
    code: string,
    rawName: string,
    cell: CellRef | undefined,
    line?: { table: LedgerTable; row: LedgerRow },
  ) => {
    const name = cleanName(rawName);
    if (!cell || name === "" || !/^\d+$/.test(code)) return;
    out.push({ table, kind, code, name, norm: normalizeName(name), cell, line });
  };
  for (const t of codeTables(ctx)) {
    const kind = codeKindOf(t)!;
    t.rows.forEach((r) => {
      if (t.id === "3-2") {
        if (r.kind !== "group" || r.code) return;
        const codes = new Set(r.children.map((c) => t.rows[c].code).filter((c): c is string => !!c));
        if (codes.size === 1) {
          const code = [...codes][0];
          if (code.length === 7) add(t.id, kind, code, r.name, r.nameCell);
        }
        return;
      }
      if (r.kind !== "item" || !r.code) return;
      const parent = r.parent !== undefined ? t.rows[r.parent] : undefined;
      if (parent?.code === r.code) return;
      // 2-1 lines two levels below their 类 are sub-items of a 款 whose code may be missing from the print.
      if (t.id === "2-1" && classDepth(t, r) >= 2) return;
      const siblings = parent ? parent.children : t.rows.map((_, i) => i).filter((i) => t.rows[i].parent === undefined);
      if (siblings.some((i) => t.rows[i] !== r && t.rows[i].code === r.code)) return;
      add(t.id, kind, r.code, r.name, r.nameCell, { table: t, row: r });
    });
  }
  for (const id of ["1", "2"] as const) {
    const t = ctx.model.tables[id];
    if (!t) continue;
    for (const l of t.expense) {
      const m = /^class:(\d{3})$/.exec(l.key);
      if (!m) continue;
      add(id, "functional", m[1], l.label.replace(/^\s*[一二三四五六七八九十]+\s*[、.．]\s*/, ""), l.labelCell);
    }
  }
  return out;
}

interface NameGroup {
  kind: CodeKind;
  code: string;
  occurrences: NameOccurrence[];
  /** Distinct normalised names, the reference first. */
  names: string[];
  reference: NameOccurrence;
  /**
   * Names that tied with the reference on count and lost only because the catalog knows the reference (they are the
   * catalog mismatch CODE-CATALOG reports, not an inconsistency CODE-NAME-CONSISTENT reports). Includes the preferred
   * table's (1-2 / 3-1) name when it lost that way.
   */
  catalogLosers: string[];
}

/**
 * Groups occurrences by code; the reference name is the majority; on a tie the one that matches the catalog (exactly,
 * then nearly: without 支出 or an old name), then the one in 1-2 / 3-1.
 */
/** Name groups are read by CODE-NAME-CONSISTENT and CODE-CATALOG: built once per run. */
export function nameGroups(ctx: RuleContext): NameGroup[] {
  let groups = nameGroupCache.get(ctx);
  if (!groups) nameGroupCache.set(ctx, (groups = buildNameGroups(ctx)));
  return groups;
}

const nameGroupCache = new WeakMap<RuleContext, NameGroup[]>();

function buildNameGroups(ctx: RuleContext): NameGroup[] {
  const byCode = new Map<string, NameOccurrence[]>();
  for (const o of nameOccurrences(ctx)) {
    const key = `${o.kind}:${o.code}`;
    byCode.set(key, [...(byCode.get(key) ?? []), o]);
  }
  const groups: NameGroup[] = [];
  for (const occ of byCode.values()) {
    const counts = new Map<string, number>();
    for (const o of occ) counts.set(o.norm, (counts.get(o.norm) ?? 0) + 1);
    const kind = occ[0].kind;
    const preferred: TableId = kind === "functional" ? "1-2" : "3-1";
    const cat = catalogFor(ctx, kind);
    const entry = cat.lookup(occ[0].code, kind);
    // An unconfirmed built-in name only breaks a tie the table preference leaves open.
    const trusted = entry !== undefined && (cat.source === "official" || entry.confirmed);
    const verdict = { same: 0, near: 1, different: 2 } as const;
    const known = (n: string) => {
      if (!entry) return 2;
      const o = occ.find((x) => x.norm === n)!;
      return verdict[compareNames(o.name, entry.name, o.code, kind)];
    };
    const pref = (n: string) => (occ.some((o) => o.norm === n && o.table === preferred) ? 0 : 1);
    const names = [...counts.keys()].sort((a, b) => {
      const d = counts.get(b)! - counts.get(a)!;
      if (d !== 0) return d;
      return trusted ? known(a) - known(b) || pref(a) - pref(b) : pref(a) - pref(b) || known(a) - known(b);
    });
    const reference =
      occ.find((o) => o.norm === names[0] && o.table === preferred) ?? occ.find((o) => o.norm === names[0])!;
    const top = counts.get(names[0])!;
    const catalogLosers = trusted
      ? names.filter((n, i) => i > 0 && counts.get(n) === top && known(n) > known(names[0]) && pref(n) < pref(names[0]))
      : [];
    groups.push({ kind, code: occ[0].code, occurrences: occ, names, reference, catalogLosers });
  }
  return groups;
}

/** 3-digit 类 codes used to probe whether an official catalog covers a classification at all. */
const PROBE: Record<CodeKind, string[]> = {
  functional: Array.from({ length: 34 }, (_, i) => String(201 + i)),
  economic: [...Array.from({ length: 13 }, (_, i) => String(301 + i)), "399", "501", "502", "505", "509"],
};

/**
 * The catalog to check a kind against: the official one when it covers that kind (it holds a 类 of that kind, or any
 * code of that kind that the workbook uses, or its 类/款), else the built-in one. An economic-only official list thus
 * never turns every functional code into an error.
 */
export function catalogFor(ctx: RuleContext, kind: CodeKind): Catalog {
  const off = ctx.options.officialCatalog;
  if (!off) return ctx.builtinCatalog;
  // Rules ask once per code group: the coverage scan over every coded row is done once per run and kind.
  let byKind = catalogChoice.get(ctx);
  if (!byKind) catalogChoice.set(ctx, (byKind = new Map()));
  let chosen = byKind.get(kind);
  if (!chosen) {
    chosen = officialCovers(ctx, off, kind) ? off : ctx.builtinCatalog;
    byKind.set(kind, chosen);
  }
  return chosen;
}

const catalogChoice = new WeakMap<RuleContext, Map<CodeKind, Catalog>>();

function officialCovers(ctx: RuleContext, off: Catalog, kind: CodeKind): boolean {
  if (PROBE[kind].some((c) => off.lookup(c, kind))) return true;
  for (const t of codeTables(ctx)) {
    if (codeKindOf(t) !== kind) continue;
    for (const r of codedRows(t)) {
      const code = r.code!;
      if (off.lookup(code, kind) || off.lookup(code.slice(0, 5), kind) || off.lookup(code.slice(0, 3), kind))
        return true;
    }
  }
  return false;
}

const VALID_LENGTHS: Record<CodeKind, number[]> = { functional: [3, 5, 7], economic: [3, 5, 7, 9] };

export const CODE_RULES: RuleDef[] = [
  {
    id: "CODE-FORMAT",
    family: "code",
    tables: CODE_TABLES,
    severity: "error",
    title: "科目编码格式",
    description:
      "科目编码只能由数字组成；功能分类为3位（类）、5位（款）、7位（项），经济分类为3、5位及省级细化的7、9位；分栏填写时类、款、项分别为3、2、2位。",
    check(ctx) {
      const out: Finding[] = [];
      for (const t of codeTables(ctx)) {
        const kind = codeKindOf(t)!;
        for (const r of codedRows(t)) {
          const code = r.code!;
          const cell = codeCell(t, r);
          let problem: string | undefined;
          if (!/^\d+$/.test(code)) problem = `含有非数字字符`;
          else if (!VALID_LENGTHS[kind].includes(code.length)) {
            problem = `为${code.length}位，${KIND_LABEL[kind]}科目编码应为${VALID_LENGTHS[kind].join("、")}位`;
          } else if (kind === "functional" && r.codeCells && r.codeCells.length >= 2) {
            const expected = r.codeCells.length === 2 ? 5 : 7;
            if (code.length !== expected)
              problem = `分栏填写的类、款、项应分别为3、2、2位，合计${expected}位，实为${code.length}位`;
          }
          if (!problem) continue;
          out.push({
            rule: "CODE-FORMAT",
            severity: "error",
            message: `${tableLabel(t.id)}“${r.name.trim()}”的科目编码“${code}”${problem}。`,
            table: t.id,
            cells: [cell],
            actual: code,
          });
        }
      }
      return out;
    },
  },
  {
    id: "CODE-HIERARCHY",
    family: "code",
    tables: CODE_TABLES,
    severity: "error",
    title: "科目层级",
    description: "款、项科目须列在以其编码为前缀的上级科目之下；项所属的款、款所属的类须在科目表中存在。",
    check(ctx) {
      const out: Finding[] = [];
      for (const t of codeTables(ctx)) {
        const kind = codeKindOf(t)!;
        const cat = catalogFor(ctx, kind);
        const misplaced = misplacedInBlock(t);
        t.rows.forEach((r, index) => {
          if (r.code === undefined || r.code === "" || r.kind === "org" || r.kind === "total") return;
          const code = r.code;
          if (!/^\d+$/.test(code) || !VALID_LENGTHS[kind].includes(code.length)) return; // CODE-FORMAT's
          const parent = r.parent !== undefined ? t.rows[r.parent] : undefined;
          if (parent?.code && /^\d+$/.test(parent.code) && !code.startsWith(parent.code)) {
            out.push({
              rule: "CODE-HIERARCHY",
              severity: "error",
              message: `${tableLabel(t.id)}科目“${code} ${cleanName(r.name)}”列在“${parent.code} ${cleanName(parent.name)}”之下，但编码不以${parent.code}开头。`,
              table: t.id,
              cells: [codePartCell(t, r, firstDiff(code, parent.code)), codeCell(t, parent)],
              expected: `${parent.code}…`,
              actual: code,
            });
            return;
          }
          if (code.length < 5) return;
          // 款 existence is only checked where the catalog is complete: an official one. The built-in one has all 类.
          const prefixes = kind === "functional" && cat.source === "official" && code.length === 7 ? [5, 3] : [3];
          const catalogChecked = !(kind === "economic" && code.length > 5); // else CODE-ECON-EXT's
          for (const len of catalogChecked ? prefixes : []) {
            const p = code.slice(0, len);
            if (cat.lookup(p, kind)) continue;
            const level = len === 3 ? "类" : "款";
            // A missing 类 is the 类 part's fault; a missing 款 (its 类 exists) the 款 part's.
            const at = len === 3 || !cat.lookup(code.slice(0, 3), kind) ? 0 : 3;
            out.push({
              rule: "CODE-HIERARCHY",
              severity: "error",
              message: `${tableLabel(t.id)}科目“${code} ${cleanName(r.name)}”所属的${level}“${p}”在${cat.label}中不存在。`,
              table: t.id,
              cells: [codePartCell(t, r, at)],
              actual: p,
            });
            return;
          }
          const block = misplaced.get(index);
          if (block === undefined) return;
          const lei = t.rows[block];
          out.push({
            rule: "CODE-HIERARCHY",
            severity: "error",
            message: `${tableLabel(t.id)}科目“${code} ${cleanName(r.name)}”列在类“${lei.code} ${cleanName(lei.name)}”的科目之间，但编码属于类“${code.slice(0, 3)}”。`,
            table: t.id,
            cells: [codePartCell(t, r, 0), codeCell(t, lei)],
            expected: `${lei.code}…`,
            actual: code,
          });
        });
      }
      return out;
    },
  },
  {
    id: "CODE-NAME-CONSISTENT",
    family: "code",
    tables: ["1", "2", ...CODE_TABLES],
    severity: "error",
    title: "同一科目名称一致",
    description:
      "同一科目编码在各表中的名称须一致（全角半角括号、空格、引号不计）；以多数表的写法为准，票数相同时以与科目表一致（其次为仅差“支出”二字或旧称）的写法为准，再以表1-2（功能分类）或表3-1（经济分类）为准；票数相同而与科目表不符的写法由科目名称与科目表一致规则报告。某行的名称是另一科目（该表未列）的名称时，指向编码栏，提示编码疑似填错。",
    check(ctx) {
      const out: Finding[] = [];
      const groups = nameGroups(ctx);
      for (const g of groups) {
        if (g.names.length < 2) continue;
        const ref = g.reference;
        for (const o of g.occurrences) {
          if (o.norm === ref.norm) continue;
          // The odd name is another code's name (by the other tables), and this table lacks that code: the code is wrong.
          const owner = o.line
            ? groups.find(
                (h) =>
                  h !== g &&
                  h.kind === g.kind &&
                  h.code.length === o.code.length &&
                  h.reference.norm === o.norm &&
                  !h.occurrences.some((x) => x.table === o.table),
              )
            : undefined;
          if (owner && o.line) {
            out.push({
              rule: "CODE-NAME-CONSISTENT",
              severity: "error",
              message: `${tableLabel(o.table)}“${o.name}”一行的科目编码为${o.code}（${tableLabel(ref.table)}该科目名称为“${ref.name}”），而“${o.name}”在${tableLabel(owner.reference.table)}中的科目编码为${owner.code}，${tableLabel(o.table)}未列${owner.code}，疑为科目编码填错。`,
              table: o.table,
              cells: [
                codePartCell(o.line.table, o.line.row, firstDiff(o.code, owner.code)),
                o.cell,
                owner.reference.cell,
              ],
              expected: owner.code,
              actual: o.code,
            });
            continue;
          }
          if (g.catalogLosers.includes(o.norm)) continue; // CODE-CATALOG's
          out.push({
            rule: "CODE-NAME-CONSISTENT",
            severity: "error",
            message: `科目${o.code}在${tableLabel(o.table)}中名称为“${o.name}”，与${tableLabel(ref.table)}的“${ref.name}”不一致。`,
            table: o.table,
            cells: [o.cell, ref.cell],
            expected: ref.name,
            actual: o.name,
          });
        }
      }
      return out;
    },
  },
  {
    id: "CODE-CATALOG",
    family: "code",
    tables: ["1", "2", ...CODE_TABLES],
    severity: "error",
    title: "科目名称与科目表一致",
    description:
      "科目名称须与科目表一致。内置科目表中已核实的科目名称不符报错，仅差“支出”二字或为旧称报警告，未核实的科目最多提示，未收录的科目提示；载入官方科目表后严格核对，未收录或名称不符均报错。",
    check(ctx) {
      const out: Finding[] = [];
      for (const g of nameGroups(ctx)) {
        const cat = catalogFor(ctx, g.kind);
        const official = cat.source === "official";
        const entry = cat.lookup(g.code, g.kind);
        const cells = g.occurrences.map((o) => o.cell);
        if (!entry) {
          const provincial = g.kind === "economic" && g.code.length > 5;
          const strict = official && !provincial;
          out.push({
            rule: "CODE-CATALOG",
            severity: strict ? "error" : "info",
            message: strict
              ? `科目${g.code}“${g.reference.name}”在${cat.label}中不存在。`
              : `科目${g.code}“${g.reference.name}”${official ? `${cat.label}未收录（省级细化科目）` : "内置科目表未收录"}，未核对名称${official ? "" : "，可载入官方科目表后严格核对"}。`,
            table: g.reference.table,
            cells: [g.reference.cell, ...cells.filter((c) => c !== g.reference.cell)],
            actual: g.reference.name,
          });
          continue;
        }
        // When the reference name matches the catalog, the odd names are CODE-NAME-CONSISTENT's to report.
        // A name that tied with the reference and lost to the catalog is reported here as well.
        const refOk = compareNames(g.reference.name, entry.name, g.code, g.kind) === "same";
        const names = refOk ? g.catalogLosers : g.names;
        for (const norm of names) {
          const occ = g.occurrences.filter((o) => o.norm === norm);
          const verdict = compareNames(occ[0].name, entry.name, g.code, g.kind);
          if (verdict === "same") continue;
          const severity = official ? "error" : !entry.confirmed ? "info" : verdict === "near" ? "warning" : "error";
          const note =
            !official && !entry.confirmed
              ? "（内置科目表该行未经核实，仅作提示）"
              : verdict === "near" && !official
                ? "（疑为旧称或简称）"
                : "";
          out.push({
            rule: "CODE-CATALOG",
            severity,
            message: `科目${g.code}名称“${occ[0].name}”与${cat.label}的“${entry.name}”不一致${note}。`,
            table: occ[0].table,
            cells: occ.map((o) => o.cell),
            expected: entry.name,
            actual: occ[0].name,
          });
        }
      }
      return out;
    },
  },
  {
    id: "CODE-ECON-EXT",
    family: "code",
    tables: ["2-1", "3-1"],
    severity: "error",
    title: "省级细化经济科目",
    description: "省级细化的7位、9位经济分类科目编码须以科目表中有效的5位款级科目开头。",
    check(ctx) {
      const out: Finding[] = [];
      const cat = catalogFor(ctx, "economic");
      for (const t of codeTables(ctx)) {
        if (codeKindOf(t) !== "economic") continue;
        for (const r of codedRows(t)) {
          const code = r.code!;
          if (!/^\d+$/.test(code) || (code.length !== 7 && code.length !== 9)) continue;
          const kuan = code.slice(0, 5);
          if (cat.lookup(kuan, "economic")) continue;
          const lei = cat.lookup(code.slice(0, 3), "economic");
          // The built-in economic list is complete only for the 类 it confirms.
          const sure = cat.source === "official" || (lei !== undefined && lei.confirmed);
          out.push({
            rule: "CODE-ECON-EXT",
            severity: sure ? "error" : "info",
            message: `${tableLabel(t.id)}细化科目“${code} ${cleanName(r.name)}”的前5位“${kuan}”不是${cat.label}中的款级科目${sure ? "" : "（科目表未收录该类，仅作提示）"}。`,
            table: t.id,
            cells: [codeCell(t, r)],
            actual: kuan,
          });
        }
      }
      return out;
    },
  },
];
