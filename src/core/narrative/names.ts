/** Functional-code names from the built-in catalog (src/core/catalog), built once on first use. */
import { builtinCatalog, type Catalog } from "../catalog";

let catalog: Catalog | undefined;

export function catalogName(code: string): string | undefined {
  try {
    catalog ??= builtinCatalog();
    return catalog.lookup(code, "functional")?.name;
  } catch {
    // The catalog is optional for the narrative: the fallback name table still applies.
    return undefined;
  }
}
