/**
 * The built-in catalog (generated from ./data), the loader of a user's official catalog, and the name
 * normalisation shared by the code rules.
 */
import type { Catalog, CatalogEntry, CodeKind } from "./catalog";
import { BUILTIN_ALIASES, BUILTIN_ROWS } from "./builtin-data";

export type { Catalog, CatalogEntry, CodeKind } from "./catalog";

const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;

/**
 * Normalises a classification name for comparison: full-width ASCII to half-width (so （） become ()),
 * 【】〔〕 to [], spaces and quotes removed. "维修（护）费" and "维修(护)费" compare equal.
 */
export function normalizeName(name: string): string {
  return name
    .replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[【〔［]/g, "[")
    .replace(/[】〕］]/g, "]")
    .replace(/[\s\u00a0\u3000"'“”‘’「」『』`]/g, "");
}

/**
 * A looser key for matching names written by hand (project names): also drops every punctuation mark, so
 * "科创中国·天府科技云服务大会" matches "科创中国.天府科技云服务大会".
 */
export function nameMatchKey(name: string): string {
  return normalizeName(name).replace(/[^\p{L}\p{N}]/gu, "");
}

/** Old or alternative names per code (kind:code -> normalised names). */
const ALIASES = new Map<string, string[]>();
for (const [code, kind, alias] of BUILTIN_ALIASES) {
  const key = `${kind === "f" ? "functional" : "economic"}:${code}`;
  ALIASES.set(key, [...(ALIASES.get(key) ?? []), normalizeName(alias)]);
}

/**
 * How a printed name relates to the catalog name: "same" after normalisation; "near" when they differ only by a
 * trailing 支出 or the printed one is a known old name; "different" otherwise.
 */
export function compareNames(
  printed: string,
  reference: string,
  code?: string,
  kind?: CodeKind,
): "same" | "near" | "different" {
  const a = normalizeName(printed);
  const b = normalizeName(reference);
  if (a === b) return "same";
  const strip = (s: string) => s.replace(/支出$/, "");
  if (strip(a) === strip(b)) return "near";
  if (code && kind && (ALIASES.get(`${kind}:${code}`) ?? []).includes(a)) return "near";
  return "different";
}

class MapCatalog implements Catalog {
  constructor(
    readonly source: "builtin" | "official",
    readonly label: string,
    private readonly entries: Map<string, CatalogEntry>,
  ) {}
  lookup(code: string, kind: CodeKind): CatalogEntry | undefined {
    return this.entries.get(`${kind}:${code}`);
  }
  size(): number {
    return this.entries.size;
  }
}

let builtin: Catalog | undefined;

/** The built-in partial catalog; rows backed only by recollection (M) are unconfirmed. */
export function builtinCatalog(): Catalog {
  if (!builtin) {
    const entries = new Map<string, CatalogEntry>();
    for (const [code, name, k, confirmed, evidence] of BUILTIN_ROWS) {
      const kind: CodeKind = k === "f" ? "functional" : "economic";
      entries.set(`${kind}:${code}`, { code, name, kind, confirmed: confirmed === 1, evidence });
    }
    builtin = new MapCatalog("builtin", "内置科目表", entries);
  }
  return builtin;
}

const CODE_HEADERS = ["科目编码", "科目代码", "编码", "代码", "code"];
const NAME_HEADERS = ["科目名称", "名称", "name"];

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return String(v).trim();
}

function headerIndex(row: string[], candidates: string[]): number {
  const norm = row.map((c) => normalizeName(c).toLowerCase());
  for (const cand of candidates) {
    const i = norm.indexOf(cand.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

/** Code kind by the first digit: 2 (and 1, income) functional; 3 and 5 economic. */
function kindOfCode(code: string): CodeKind | undefined {
  const d = code[0];
  if (d === "1" || d === "2") return "functional";
  if (d === "3" || d === "5") return "economic";
  return undefined;
}

/**
 * Builds a catalog from a user's table (rows of cells, e.g. read from an xlsx or csv). The header row is found by
 * its 科目编码/编码/code and 科目名称/名称/name cells within the first 10 rows; without one, the first two columns
 * are code and name. Codes may be written with separators ("206 07 01", "206-07-01").
 */
export function catalogFromRows(rows: string[][], label: string): { catalog: Catalog; problems: string[] } {
  const problems: string[] = [];
  const entries = new Map<string, CatalogEntry>();
  let codeCol = 0;
  let nameCol = 1;
  let start = 0;
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const row = (rows[r] ?? []).map(cellText);
    const c = headerIndex(row, CODE_HEADERS);
    const n = headerIndex(row, NAME_HEADERS);
    if (c >= 0 && n >= 0 && c !== n) {
      codeCol = c;
      nameCol = n;
      start = r + 1;
      break;
    }
  }
  for (let r = start; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rawCode = cellText(row[codeCol]);
    const name = cellText(row[nameCol]);
    if (rawCode === "" && name === "") continue;
    const code = rawCode.replace(/[\s\-－.．_]/g, "");
    if (!/^\d+$/.test(code)) {
      // A leading title line ("2024年政府收支分类科目") is not worth a complaint.
      if (r - start < 3 && entries.size === 0 && name === "") continue;
      problems.push(`第${r + 1}行：科目编码“${rawCode}”不是数字，已跳过`);
      continue;
    }
    const kind = kindOfCode(code);
    if (!kind) {
      problems.push(`第${r + 1}行：无法判断科目编码“${code}”属于功能分类还是经济分类，已跳过`);
      continue;
    }
    if (![3, 5, 7, 9].includes(code.length)) {
      problems.push(`第${r + 1}行：科目编码“${code}”位数（${code.length}位）不符合3/5/7/9位规则，已跳过`);
      continue;
    }
    if (name === "") {
      problems.push(`第${r + 1}行：科目编码“${code}”没有科目名称，已跳过`);
      continue;
    }
    const key = `${kind}:${code}`;
    const prev = entries.get(key);
    if (prev) {
      if (normalizeName(prev.name) !== normalizeName(name)) {
        problems.push(`第${r + 1}行：科目编码“${code}”重复出现，名称“${name}”与前面的“${prev.name}”不同，保留前者`);
      }
      continue;
    }
    entries.set(key, { code, name, kind, confirmed: true, evidence: "official" });
  }
  if (entries.size === 0) problems.push(`《${label}》中没有读到任何科目（需要“科目编码”和“科目名称”两列）`);
  return { catalog: new MapCatalog("official", label, entries), problems };
}
