/**
 * The Content-Security-Policy of every page the build emits. CspPlugin hooks into every HtmlWebpackPlugin instance
 * of the compilation (a page added later gets the policy without doing anything), puts the policy in a
 * <meta http-equiv="Content-Security-Policy"> at the top of <head>, and fails the build when a page has an
 * inline script or an inline event handler (the policy would block them at run time anyway).
 *
 * A <meta> policy cannot carry frame-ancestors, report-uri or sandbox (the CSP spec ignores them there):
 * docs/deployment.md gives the HTTP header the internal server should send with frame-ancestors.
 */
"use strict";
const HtmlWebpackPlugin = require("html-webpack-plugin");

/**
 * @param {{ officeJsUrl?: string, dev?: boolean, scripts?: boolean }} opts
 *   officeJsUrl  where the page loads office.js: an absolute URL adds its origin to script-src; a relative one
 *                (the local copy) adds nothing, 'self' covers it.
 *   dev          webpack-dev-server: its live-reload WebSocket on localhost.
 *   scripts      false for pages without any script (help.html): script-src 'none'.
 */
function contentSecurityPolicy(opts = {}) {
  const scriptSrc = ["'self'"];
  const origin = officeJsOrigin(opts.officeJsUrl);
  // office.js loads its host-specific scripts (excel-web-16.00.js, office_strings.js …) from its own folder.
  if (origin) scriptSrc.push(origin);
  const connectSrc = ["'self'"];
  if (opts.dev) connectSrc.push("wss://localhost:*", "ws://localhost:*");
  const directives = {
    "default-src": ["'self'"],
    "script-src": opts.scripts === false ? ["'none'"] : scriptSrc,
    // 'unsafe-inline' for styles only, for two reasons: Fluent UI's CSS-in-JS (griffel) inserts <style> elements at
    // run time, and office.js itself sets inline styles (excel-web-16.00.js). Scripts stay without it.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Fluent's icons are inline SVG elements; data: covers the few CSS-embedded images of Fluent's controls.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    // The pane reads files with FileReader and talks to Excel through office.js (postMessage): no fetch at all.
    "connect-src": connectSrc,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(" ")}`)
    .join("; ");
}

/** "https://appsforoffice.microsoft.com" for the CDN URL; undefined for a relative (self-hosted) path. */
function officeJsOrigin(url) {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  return new URL(url).origin;
}

/** The page with the policy right after <meta charset> (or first in <head>): before any script or style it governs. */
function injectCsp(html, policy) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, "&quot;")}" />`;
  if (/http-equiv=["']?Content-Security-Policy/i.test(html))
    throw new Error("the page already has a Content-Security-Policy");
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error("the page has no <head>");
  const charset = /^\s*<meta\s+charset=[^>]*>/i.exec(html.slice(head.index + head[0].length));
  const at = head.index + head[0].length + (charset ? charset[0].length : 0);
  return html.slice(0, at) + meta + html.slice(at);
}

/** Inline scripts and inline event handlers in a page: each is a build error. */
function inlineScriptProblems(html) {
  const problems = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/.test(m[1]) || m[2].trim() !== "") problems.push(`inline script: ${m[0].slice(0, 80)}`);
  }
  for (const m of html.matchAll(/<[a-z][^>]*\s(on[a-z]+)\s*=/gi)) problems.push(`inline event handler ${m[1]}`);
  if (/javascript:/i.test(html)) problems.push("javascript: URL");
  return problems;
}

class CspPlugin {
  /** @param {{ officeJsUrl?: string, dev?: boolean }} opts */
  constructor(opts = {}) {
    this.policy = contentSecurityPolicy(opts);
  }
  apply(compiler) {
    compiler.hooks.compilation.tap("CspPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("CspPlugin", (data) => {
        const page = data.outputName;
        for (const p of inlineScriptProblems(data.html)) {
          compilation.errors.push(
            new compiler.webpack.WebpackError(
              `${page}: ${p} (blocked by the Content-Security-Policy; load it from a file)`,
            ),
          );
        }
        data.html = injectCsp(data.html, this.policy);
        return data;
      });
    });
  }
}

module.exports = { CspPlugin, contentSecurityPolicy, injectCsp, inlineScriptProblems, officeJsOrigin };
