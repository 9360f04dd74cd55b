/** Types of csp.js (CommonJS, loaded by webpack.config.js and the e2e harness config), for the TypeScript tests. */
import type { Compiler, WebpackPluginInstance } from "webpack";

export interface CspOptions {
  officeJsUrl?: string;
  dev?: boolean;
  scripts?: boolean;
}
export declare function contentSecurityPolicy(opts?: CspOptions): string;
export declare function officeJsOrigin(url: string | undefined): string | undefined;
export declare function injectCsp(html: string, policy: string): string;
export declare function inlineScriptProblems(html: string): string[];
export declare class CspPlugin implements WebpackPluginInstance {
  constructor(opts?: { officeJsUrl?: string; dev?: boolean });
  readonly policy: string;
  apply(compiler: Compiler): void;
}
