/** Entry of the web page (dist/web.html): no Office, the workbooks come from the file input or a drop. */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { WebApp } from "./WebApp";
import { CheckPool } from "./pool";
import { spawnCheckWorker } from "./spawn";

const container = document.getElementById("container");
if (container) {
  container.textContent = "";
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} lang="zh-CN" style={{ minHeight: "100vh" }}>
      <WebApp createPool={() => new CheckPool(spawnCheckWorker)} />
    </FluentProvider>,
  );
}
