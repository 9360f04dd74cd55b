/**
 * Sizes of the built task pane (dist/ by default): the scripts taskpane.html loads at start (the first paint's
 * JavaScript) and the chunks loaded on first use, gzipped (level 9). Used by `npm run bench` and by
 * tests/e2e/bundle-size.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";

export const INITIAL_JS_LIMIT_BYTES = 150 * 1024;

export interface BundleSizes {
  initial: { file: string; gzipBytes: number }[];
  initialGzipBytes: number;
  lazy: { file: string; gzipBytes: number }[];
  lazyGzipBytes: number;
}

/** The local scripts an HTML page loads at start (office.js from its CDN left out). */
export function initialScripts(htmlFile: string): string[] {
  const html = fs.readFileSync(htmlFile, "utf8");
  return [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)]
    .map((m) => m[1])
    .filter((src) => !/^(https?:)?\/\//.test(src));
}

export function gzipBytes(file: string): number {
  return gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

export function bundleSizes(dir: string): BundleSizes {
  const initialFiles = initialScripts(path.join(dir, "taskpane.html"));
  const commands = fs.existsSync(path.join(dir, "commands.html"))
    ? initialScripts(path.join(dir, "commands.html"))
    : [];
  const initial = initialFiles.map((file) => ({ file, gzipBytes: gzipBytes(path.join(dir, file)) }));
  const lazy = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js") && !initialFiles.includes(f) && !commands.includes(f))
    .map((file) => ({ file, gzipBytes: gzipBytes(path.join(dir, file)) }));
  const sum = (xs: { gzipBytes: number }[]) => xs.reduce((s, x) => s + x.gzipBytes, 0);
  return { initial, initialGzipBytes: sum(initial), lazy, lazyGzipBytes: sum(lazy) };
}
