/**
 * Rewrites the development URLs of manifest.xml (https://localhost:3000/) to the production base URL.
 * Used by webpack.config.js (CopyWebpackPlugin transform) and by tests/addin/manifest.test.ts, so the
 * rewrite is tested without running webpack.
 */
"use strict";

const DEV_BASE_URL = "https://localhost:3000/";

/**
 * Checks ADDIN_BASE_URL: an absolute https URL ending with "/". Returns an error message (Chinese, shown to
 * whoever runs the build) or undefined when valid.
 * @param {string | undefined} url
 */
function checkBaseUrl(url) {
  if (!url) return "未设置 ADDIN_BASE_URL（例如 https://addins.example.gov.cn/budget-check/）";
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return `ADDIN_BASE_URL 不是有效的网址：${url}`;
  }
  if (parsed.protocol !== "https:") return `ADDIN_BASE_URL 必须以 https:// 开头（Office 只加载 HTTPS 页面）：${url}`;
  if (!url.endsWith("/")) return `ADDIN_BASE_URL 必须以 “/” 结尾：${url}`;
  if (parsed.search || parsed.hash) return `ADDIN_BASE_URL 不能包含 ? 或 #：${url}`;
  return undefined;
}

/**
 * Replaces every "https://localhost:3000/…" with baseUrl + "…", and the bare origin (as in <AppDomain>)
 * with the origin of baseUrl.
 * @param {string} content manifest XML
 * @param {string} baseUrl validated by checkBaseUrl
 * @returns {string}
 */
function transformManifest(content, baseUrl) {
  const error = checkBaseUrl(baseUrl);
  if (error) throw new Error(error);
  const origin = new URL(baseUrl).origin;
  const devOrigin = DEV_BASE_URL.slice(0, -1);
  return content.split(DEV_BASE_URL).join(baseUrl).split(devOrigin).join(origin);
}

module.exports = { DEV_BASE_URL, checkBaseUrl, transformManifest };
