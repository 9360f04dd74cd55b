/**
 * Building and serving the web page for its Chromium test and `npm run bench:web`: the project's webpack config
 * (same entry, template and CSP as `npm run build`) with only the web page's entry.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import webpack from "webpack";
import HtmlWebpackPlugin from "html-webpack-plugin";

const ROOT = path.resolve(__dirname, "../..");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function buildWebPage(outDir: string, mode: "development" | "production" = "development"): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require("../../webpack.config.js") as (
    env: object,
    o: { mode: string },
  ) => Promise<webpack.Configuration>;
  const config = await makeConfig({}, { mode });
  config.mode = mode;
  config.entry = { web: (config.entry as Record<string, string>).web };
  // The other pages are left out; the copied assets (the page's icon) stay.
  config.plugins = (config.plugins ?? []).filter(
    (p) =>
      !(p instanceof HtmlWebpackPlugin) ||
      (p as unknown as { userOptions: { filename?: string } }).userOptions.filename === "web.html",
  );
  config.output = { ...config.output, path: outDir };
  config.devtool = false;
  config.cache = { type: "filesystem", cacheDirectory: path.join(ROOT, `test-output/.cache/webpack-web-${mode}`) };
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      stats?.compilation.compiler.close(() => resolve());
    });
  });
}

/** A plain HTTP server for `dir` on 127.0.0.1 (a random port); "/" serves `index`. */
export function serveDir(dir: string, index: string): Promise<http.Server> {
  const types: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".png": "image/png",
  };
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const file = path.join(dir, name === "/" ? index : name);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
