/**
 * The Content-Security-Policy of the built pages (build/csp.js): the policy per office.js setting, the webpack
 * config wiring it to every page, and a real (tiny) webpack build showing that any HtmlWebpackPlugin page gets the
 * policy and that an inline script fails the build. The full pane build is checked by hand (docs/reliability.md)
 * and in Chromium by tests/e2e.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import webpack from "webpack";

import HtmlWebpackPlugin from "html-webpack-plugin";
import { CspPlugin, contentSecurityPolicy, inlineScriptProblems } from "../../build/csp";
import webpackConfig from "../../webpack.config";

const directive = (policy: string, name: string) => policy.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";

describe("the policy", () => {
  test("scripts only from the page's origin and office.js's origin; no unsafe-inline/eval for scripts", () => {
    const cdn = contentSecurityPolicy({ officeJsUrl: "https://appsforoffice.microsoft.com/lib/1/hosted/office.js" });
    expect(directive(cdn, "script-src")).toBe("script-src 'self' https://appsforoffice.microsoft.com");
    expect(directive(contentSecurityPolicy({ officeJsUrl: "office-js/office.js" }), "script-src")).toBe(
      "script-src 'self'",
    );
    expect(
      directive(
        contentSecurityPolicy({ officeJsUrl: "https://intranet.example.gov.cn:8443/lib/office.js" }),
        "script-src",
      ),
    ).toBe("script-src 'self' https://intranet.example.gov.cn:8443");
    expect(directive(contentSecurityPolicy({ scripts: false }), "script-src")).toBe("script-src 'none'");
    for (const p of [cdn, contentSecurityPolicy({ dev: true })]) {
      expect(p).not.toMatch(/unsafe-eval/);
      expect(directive(p, "script-src")).not.toMatch(/unsafe-inline|\*|data:|blob:/);
      expect(directive(p, "object-src")).toBe("object-src 'none'");
      expect(directive(p, "base-uri")).toBe("base-uri 'self'");
      expect(directive(p, "default-src")).toBe("default-src 'self'");
    }
    expect(directive(cdn, "connect-src")).toBe("connect-src 'self'");
    // Only webpack-dev-server's live reload adds a WebSocket, on localhost.
    expect(directive(contentSecurityPolicy({ dev: true }), "connect-src")).toBe(
      "connect-src 'self' wss://localhost:* ws://localhost:*",
    );
  });

  test("inline scripts, event handlers and javascript: URLs are found", () => {
    expect(inlineScriptProblems('<script src="a.js"></script><script defer src=b.js></script>')).toEqual([]);
    expect(inlineScriptProblems("<script>alert(1)</script>")).toHaveLength(1);
    expect(inlineScriptProblems('<script src="a.js">alert(1)</script>')).toHaveLength(1);
    expect(inlineScriptProblems('<body onload="x()">')).toEqual(["inline event handler onload"]);
    expect(inlineScriptProblems('<a href="javascript:x()">')).toEqual(["javascript: URL"]);
  });
});

describe("webpack.config.js", () => {
  const saved = { office: process.env.OFFICE_JS_URL, base: process.env.ADDIN_BASE_URL };
  // A production base URL, so that the config does not warn about a localhost manifest.
  beforeAll(() => (process.env.ADDIN_BASE_URL = "https://addins.example.gov.cn/budget-check/"));
  afterEach(() => {
    if (saved.office === undefined) delete process.env.OFFICE_JS_URL;
    else process.env.OFFICE_JS_URL = saved.office;
  });
  afterAll(() => {
    if (saved.base === undefined) delete process.env.ADDIN_BASE_URL;
    else process.env.ADDIN_BASE_URL = saved.base;
  });
  const cspOf = (config: webpack.Configuration) =>
    (config.plugins ?? []).find((p): p is CspPlugin => p instanceof CspPlugin);

  test.each([
    [undefined, "script-src 'self' https://appsforoffice.microsoft.com"],
    ["local", "script-src 'self'"],
    ["https://office.example.gov.cn/office.js", "script-src 'self' https://office.example.gov.cn"],
  ])("OFFICE_JS_URL=%s: every page gets %s, and no eval devtool", async (url, scriptSrc) => {
    if (url === undefined) delete process.env.OFFICE_JS_URL;
    else process.env.OFFICE_JS_URL = url;
    for (const mode of ["production", "development"]) {
      const config = await webpackConfig({}, { mode });
      expect(directive(cspOf(config)!.policy, "script-src")).toBe(scriptSrc);
      expect(String(config.devtool)).not.toMatch(/eval/);
    }
  });

  test("the copied help page gets the script-free policy", async () => {
    const config = await webpackConfig({}, { mode: "production" });
    type Pattern = { from: string; transform?: (c: Buffer) => string };
    const copy = (config.plugins ?? []).find((p) => p?.constructor.name === "CopyPlugin") as unknown as {
      patterns: Pattern[];
    };
    const help = copy.patterns.find((p) => p.from === "assets/help.html")!;
    const html = help.transform!(fs.readFileSync(path.join(__dirname, "../../assets/help.html")));
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? "";
    expect(directive(policy, "script-src")).toBe("script-src 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(inlineScriptProblems(html)).toEqual([]);
  });
});

describe("CspPlugin in a real webpack build", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csp-build-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function build(pages: Record<string, string>): Promise<{ errors: string[]; html: Record<string, string> }> {
    fs.writeFileSync(path.join(dir, "entry.js"), "document.title = 'x';\n");
    const config: webpack.Configuration = {
      mode: "production",
      context: dir,
      entry: { main: "./entry.js" },
      output: { path: path.join(dir, "out"), filename: "[name].js", clean: true },
      devtool: false,
      plugins: [
        ...Object.entries(pages).map(
          ([filename, templateContent]) => new HtmlWebpackPlugin({ filename, templateContent, minify: false }),
        ),
        new CspPlugin({ officeJsUrl: "https://appsforoffice.microsoft.com/lib/1/hosted/office.js" }),
      ],
    };
    return new Promise((resolve, reject) =>
      webpack(config, (err, stats) => {
        if (err || !stats) return reject(err);
        const errors = stats.compilation.errors.map((e) => e.message);
        const html = Object.fromEntries(
          Object.keys(pages)
            .filter((f) => fs.existsSync(path.join(dir, "out", f)))
            .map((f) => [f, fs.readFileSync(path.join(dir, "out", f), "utf8")]),
        );
        stats.compilation.compiler.close(() => resolve({ errors, html }));
      }),
    );
  }

  test("every page, a new one included, carries the policy first in <head>; an inline script fails the build", async () => {
    const page = '<!doctype html><html><head><meta charset="UTF-8"><title>t</title></head><body></body></html>';
    const ok = await build({ "taskpane.html": page, "web.html": page });
    expect(ok.errors).toEqual([]);
    for (const html of Object.values(ok.html)) {
      // Right after <meta charset>, before any script (html-webpack-plugin may minify the page: quotes are optional).
      const policy =
        /<head><meta charset="?UTF-8"?><meta http-equiv="?Content-Security-Policy"? content="([^"]*)">/.exec(html)?.[1];
      expect(directive(policy ?? "", "script-src")).toBe("script-src 'self' https://appsforoffice.microsoft.com");
      expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
      expect(html).toMatch(/<script defer(="defer")? src="?main\.js"?><\/script>/);
    }
    expect(Object.keys(ok.html)).toEqual(["taskpane.html", "web.html"]);

    const bad = await build({ "bad.html": page.replace("<title>", "<script>alert(1)</script><title>") });
    expect(bad.errors.join("\n")).toMatch(/bad\.html: inline script/);
  }, 60_000);
});
