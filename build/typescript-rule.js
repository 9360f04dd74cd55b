/**
 * The webpack rule for TypeScript, shared by the add-in build (webpack.config.js) and the end-to-end harness
 * (tests/e2e/webpack.harness.js) so that both compile the pane the same way.
 */
"use strict";

/** @param {{ sourceMap: boolean }} opts */
function typescriptRule({ sourceMap }) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      options: {
        transpileOnly: true,
        // ES modules let webpack tree-shake @fluentui/react-icons (CommonJS output would bundle every icon).
        compilerOptions: { module: "esnext", sourceMap },
      },
    },
  };
}

module.exports = { typescriptRule };
