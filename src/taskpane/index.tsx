/** Entry of the task pane: waits for Office, then renders the App over the real Excel gateway. */
import { createRoot } from "react-dom/client";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { createOfficeGateway } from "../hosts/excel/gateway";
import { isDarkColor } from "./logic";

const container = document.getElementById("container");

function showProblem(text: string): void {
  if (container) container.textContent = text;
}

if (typeof Office === "undefined") {
  // office.js did not load (no internet and no local copy, or a blocked CDN).
  showProblem(
    "无法加载 office.js，任务窗格无法连接 Excel。请检查网络，或请管理员改用本地 office.js（OFFICE_JS_URL=local）。",
  );
} else {
  // The callback does the work and catches its own failures; onReady's promise itself never rejects.
  void Office.onReady((info) => {
    if (!container) return;
    if (!info.host) {
      // Opened in a plain browser: there is no workbook to check.
      showProblem("请在 Excel 中通过“加载项”打开本任务窗格。");
      return;
    }
    try {
      const gateway = createOfficeGateway({ Excel, Office });
      const dark = isDarkColor(Office.context?.officeTheme?.bodyBackgroundColor);
      createRoot(container).render(
        // The provider paints the theme's background: make it cover the whole pane, not only the content.
        <FluentProvider theme={dark ? webDarkTheme : webLightTheme} lang="zh-CN" style={{ minHeight: "100vh" }}>
          <App gateway={gateway} />
        </FluentProvider>,
      );
    } catch {
      showProblem("无法连接 Excel，请关闭并重新打开任务窗格。");
    }
  });
}
