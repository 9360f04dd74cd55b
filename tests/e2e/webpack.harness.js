/**
 * Builds the end-to-end harness page: the real App over the real createOfficeGateway over the fake Excel
 * (tests/support/fake-excel.ts), without office.js. Used by tests/e2e/taskpane.e2e.test.ts through the webpack
 * Node API; `npx webpack -c tests/e2e/webpack.harness.js` builds it by hand for a look in a browser.
 */
const path = require("path");
const { typescriptRule } = require("../../build/typescript-rule");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { CspPlugin } = require("../../build/csp");

const root = path.resolve(__dirname, "../..");

/** @param {{ outDir?: string }} [opts] */
function harnessConfig(opts = {}) {
  const outDir = opts.outDir ?? path.join(root, "test-output/e2e-harness");
  return {
    mode: "production",
    context: root,
    entry: { harness: path.join(__dirname, "harness/harness.tsx") },
    output: { path: outDir, filename: "[name].js", clean: true },
    resolve: { extensions: [".tsx", ".ts", ".js", ".mjs"] },
    module: {
      rules: [typescriptRule({ sourceMap: false })],
    },
    // Minifying the bundle would double the build time of a page that only the test loads.
    optimization: { minimize: false, concatenateModules: false },
    performance: { hints: false },
    devtool: false,
    // Re-runs reuse the parsed modules; webpack invalidates entries whose files changed.
    cache: { type: "filesystem", cacheDirectory: path.join(root, "test-output/.cache/webpack-harness") },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "index.html",
        templateContent:
          '<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" />' +
          '<meta name="viewport" content="width=device-width, initial-scale=1" /><title>预算公开表校验（测试）</title>' +
          "<style>html,body{margin:0;padding:0;overflow-x:hidden}</style></head>" +
          '<body><div id="container"></div></body></html>',
      }),
      // The production policy of a build with office.js served locally (script-src 'self' only): the e2e test
      // fails on any violation.
      new CspPlugin({}),
    ],
  };
}

module.exports = harnessConfig();
module.exports.harnessConfig = harnessConfig;
