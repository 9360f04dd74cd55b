/** Types of webpack.harness.js (CommonJS on purpose: `npx webpack -c` uses it too), for the e2e test. */
import type { Configuration } from "webpack";

export declare function harnessConfig(opts?: { outDir?: string }): Configuration;
