/** Types of webpack.config.js (CommonJS, as webpack loads it), for the TypeScript tests. */
import type { Configuration } from "webpack";

declare function config(env?: Record<string, unknown>, options?: { mode?: string }): Promise<Configuration>;
export = config;
