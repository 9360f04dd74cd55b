/**
 * Builds the task pane (dist/taskpane.html), the ribbon function file (dist/commands.html) and the checker without
 * Excel (dist/web.html, with its worker chunk), copies the icons, the help page and manifest*.xml, and serves them
 * over HTTPS for development.
 *
 * Build settings (environment variables):
 *   ADDIN_BASE_URL  production only: https URL ending with "/" where dist/ is published; every
 *                   https://localhost:3000/ in the manifest is rewritten to it (build/manifest-transform.js).
 *   OFFICE_JS_URL   where the pages load office.js: unset → Microsoft's CDN; "local" → a copy of
 *                   node_modules/@microsoft/office-js/dist in dist/office-js/ (for offices without internet);
 *                   "china" → the CDN of Office 365 operated by 21Vianet (世纪互联);
 *                   any other value is used as the URL.
 * `webpack serve` uses office-addin-dev-certs' localhost certificate; `webpack --mode production` never touches
 * certificates.
 *
 * Every page gets a strict Content-Security-Policy (build/csp.js): CspPlugin applies it to every HtmlWebpackPlugin
 * page, including pages added later; the copied help page gets the script-free variant.
 */
const path = require("path");
const { typescriptRule } = require("./build/typescript-rule");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { DEV_BASE_URL, checkBaseUrl, transformManifest } = require("./build/manifest-transform");
const { CspPlugin, contentSecurityPolicy, injectCsp } = require("./build/csp");

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Office 365 operated by 21Vianet (世纪互联) serves office.js from its own CDN; its clients may not reach the global one. */
const CHINA_OFFICE_JS = "https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js";

function officeJsSetting() {
  const v = (process.env.OFFICE_JS_URL || "").trim();
  if (!v) return { url: CDN_OFFICE_JS, local: false };
  if (v === "local") return { url: "office-js/office.js", local: true };
  if (v === "china") return { url: CHINA_OFFICE_JS, local: false };
  return { url: v, local: false };
}

async function devServerHttpsOptions() {
  // Loaded lazily: only `webpack serve` needs (and may create) the development certificates.
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    // On Linux the package installs its CA with sudo; without it (containers, CI) serve with the generated
    // certificate anyway: Office on Windows/Mac is not involved there, and `curl -k` or a test browser can
    // accept it.
    const fs = require("fs");
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    const files = {
      ca: path.join(dir, "ca.crt"),
      cert: path.join(dir, "localhost.crt"),
      key: path.join(dir, "localhost.key"),
    };
    if (!Object.values(files).every((f) => fs.existsSync(f))) {
      await devCerts.generateCertificates(files.ca, files.cert, files.key);
    }
    console.warn(
      `\n[budget-check] 警告：开发证书的根证书未能安装到系统（${err instanceof Error ? err.message.split("\n")[0] : err}）。` +
        "仍使用已生成的证书提供 HTTPS，浏览器会提示证书不受信任。\n",
    );
    return { ca: fs.readFileSync(files.ca), cert: fs.readFileSync(files.cert), key: fs.readFileSync(files.key) };
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = !!env.WEBPACK_SERVE;
  const officeJs = officeJsSetting();
  const baseUrl = process.env.ADDIN_BASE_URL;

  if (!dev) {
    const error = checkBaseUrl(baseUrl);
    if (error) {
      if (baseUrl) throw new Error(error);
      console.warn(`\n[budget-check] 警告：${error}。dist/manifest.xml 仍指向 ${DEV_BASE_URL}，只能用于本机测试。\n`);
    }
  }

  const copyPatterns = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    {
      from: "assets/help.html",
      to: "help.html",
      // A page without scripts: script-src 'none'.
      transform: (content) => injectCsp(content.toString(), contentSecurityPolicy({ scripts: false, dev })),
    },
    {
      from: "manifest*.xml",
      to: "[name][ext]",
      transform(content) {
        if (dev || !baseUrl) return content;
        return transformManifest(content.toString(), baseUrl);
      },
    },
  ];
  if (officeJs.local) {
    copyPatterns.push({
      from: "**/*",
      context: path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist"),
      to: "office-js/",
      globOptions: { ignore: ["**/*.d.ts"] },
      // Already minified by Microsoft; without this, Terser would re-minify ~80 MB of scripts.
      info: { minimized: true },
    });
  }

  /** @type {import("webpack").Configuration} */
  const config = {
    // Never an eval-based devtool: the Content-Security-Policy has no 'unsafe-eval', in development either.
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      web: "./src/web/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // Content hashes in production: Office caches add-in files aggressively.
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".mjs", ".html"] },
    module: {
      rules: [typescriptRule({ sourceMap: dev })],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJsUrl: officeJs.url,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        officeJsUrl: officeJs.url,
      }),
      new HtmlWebpackPlugin({
        filename: "web.html",
        template: "./src/web/web.html",
        chunks: ["web"],
      }),
      new CopyWebpackPlugin({ patterns: copyPatterns }),
      new CspPlugin({ officeJsUrl: officeJs.url, dev: serving }),
    ],
    performance: { hints: false },
  };

  if (serving) {
    config.devServer = {
      hot: true,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await devServerHttpsOptions() },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      static: false,
    };
  }
  return config;
};
