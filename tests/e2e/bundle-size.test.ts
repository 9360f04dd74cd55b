/**
 * The pane's first paint (issue #9): the production build's initial JavaScript (the scripts taskpane.html loads)
 * is at most 150 KB gzipped; the Word export (docx), the narrative and the catalog / .xlsx parsing are split into
 * chunks loaded on first use. Builds with the real webpack.config.js (production) into test-output/bundle.
 */
import * as fs from "fs";
import * as path from "path";
import webpack from "webpack";
import { INITIAL_JS_LIMIT_BYTES, bundleSizes, initialScripts } from "../../scripts/bundle-size";

const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, "test-output/bundle");

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require("../../webpack.config.js") as (
  env: object,
  options: { mode: string },
) => Promise<webpack.Configuration>;

async function build(): Promise<void> {
  const config = await makeConfig({}, { mode: "production" });
  config.output = { ...config.output, path: OUT };
  config.cache = { type: "filesystem", cacheDirectory: path.join(ROOT, "test-output/.cache/webpack-bundle") };
  // The manifest and icons are not what is measured.
  config.plugins = (config.plugins ?? []).filter((p) => p?.constructor?.name !== "CopyPlugin");
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      stats?.compilation.compiler.close(() => resolve());
    });
  });
}

describe("task pane bundle", () => {
  let initial: string[];
  let lazy: string[];

  beforeAll(async () => {
    await build();
    initial = initialScripts(path.join(OUT, "taskpane.html")).map((s) => path.join(OUT, s));
    lazy = fs
      .readdirSync(OUT)
      .filter((f) => f.endsWith(".js"))
      .map((f) => path.join(OUT, f))
      .filter((f) => !initial.includes(f) && !/commands/.test(f));
  }, 600_000);

  test("initial JavaScript ≤ 150 KB gzipped", () => {
    expect(initial.length).toBeGreaterThan(0);
    const sizes = bundleSizes(OUT);
    const total = sizes.initialGzipBytes;
    expect(sizes.initial.map((x) => path.join(OUT, x.file))).toEqual(initial);
    console.log(
      `initial JS: ${(total / 1024).toFixed(1)} KB gzipped (${sizes.initial.map((x) => x.file).join(", ")}); ${sizes.lazy.length} lazy chunks, ${(sizes.lazyGzipBytes / 1024).toFixed(1)} KB`,
    );
    expect(total).toBeLessThanOrEqual(INITIAL_JS_LIMIT_BYTES);
  });

  test("the Word export, the narrative and the .xlsx/catalog parsing are in chunks loaded on first use", () => {
    const initialText = initial.map((f) => fs.readFileSync(f, "utf8")).join("\n");
    const lazyText = lazy.map((f) => fs.readFileSync(f, "utf8")).join("\n");
    const markers = {
      docx: "w:sectPr", // the Word export (docx's own XML element names)
      narrative: "按照综合预算的原则", // the narrative generator's text
      parse: "xl/workbook.xml", // the browser-safe .xlsx reader (catalog files, last year's workbook)
    };
    for (const [what, marker] of Object.entries(markers)) {
      expect({ what, initial: initialText.includes(marker) }).toEqual({ what, initial: false });
      expect({ what, lazy: lazyText.includes(marker) }).toEqual({ what, lazy: true });
    }
  });
});
