/**
 * Classification code catalogs. The built-in one is generated from ../shared/catalog (partial, with evidence);
 * a user may load the official one (xlsx/csv: code, name), which makes the name checks strict.
 */
export type CodeKind = "functional" | "economic";

export interface CatalogEntry {
  code: string;
  name: string;
  kind: CodeKind;
  /** False for rows whose only evidence is recollection ("M"): they never raise an error. */
  confirmed: boolean;
  /** Evidence keys as in the source list (S1, G2, P6, M, official …). */
  evidence: string;
}

export interface Catalog {
  source: "builtin" | "official";
  /** A label for messages, e.g. "内置科目表" or the file name of an official catalog. */
  label: string;
  lookup(code: string, kind: CodeKind): CatalogEntry | undefined;
  size(): number;
}
