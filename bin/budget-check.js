#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist-cli/ by `npm run prepare` (runs on npm ci / npm install).
"use strict";
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "dist-cli", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("budget-check 尚未编译：请先在项目根目录运行 npm ci（或 npm run build:cli）。\n");
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
