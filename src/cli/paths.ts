/** Expands the validate arguments: a folder stands for every .xlsx below it (Excel's ~$ lock files skipped). */
import { promises as fs } from "fs";
import * as path from "path";

export interface ExpandedPaths {
  /** Files to check, in argument order; a folder's files sorted by path. */
  files: string[];
  /** Arguments that are neither a file nor a folder, with a Chinese reason. */
  missing: { file: string; error: string }[];
  /** Files and missing arguments together, in argument order (the order of the batch output). */
  order: string[];
}

const isWorkbookName = (name: string) => /\.xlsx$/i.test(name) && !name.startsWith("~$");

/** Every .xlsx under `dir`, recursively; symbolic links to folders are not followed (no cycles). */
export async function workbooksUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if ((e.isFile() || e.isSymbolicLink()) && isWorkbookName(e.name)) out.push(full);
    }
  };
  await walk(dir);
  return out;
}

export async function expandPaths(args: string[]): Promise<ExpandedPaths> {
  const files: string[] = [];
  const missing: ExpandedPaths["missing"] = [];
  const seen = new Set<string>();
  const order: string[] = [];
  const add = (f: string) => {
    const key = path.resolve(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
      order.push(f);
    }
  };
  const fail = (file: string, error: string) => {
    missing.push({ file, error });
    order.push(file);
  };
  for (const arg of args) {
    let stat;
    try {
      stat = await fs.stat(arg);
    } catch {
      fail(arg, `找不到文件或文件夹：${arg}`);
      continue;
    }
    if (stat.isDirectory()) {
      try {
        for (const f of await workbooksUnder(arg)) add(f);
      } catch {
        fail(arg, `无法读取文件夹：${arg}`);
      }
    } else {
      // A file named explicitly is checked whatever its name: the reader explains what is wrong with it.
      add(arg);
    }
  }
  return { files, missing, order };
}
