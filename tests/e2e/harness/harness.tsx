/**
 * The e2e harness page: the real task pane App over the real createOfficeGateway, driven by the fake Excel
 * instead of office.js. The test injects the workbook before the page's scripts run (window.__WORKBOOK__, and
 * window.__FILLS__ for fills the cells already have, window.__FAKE_OPTIONS__ for other fake options) and reads the fake's state from window.__FAKE_STATE__.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../../src/taskpane/App";
import { createOfficeGateway } from "../../../src/hosts/excel/gateway";
import { createFakeExcel } from "../../support/fake-excel";
import type { WorkbookData } from "../../../src/core/model/workbook";

declare global {
  interface Window {
    __WORKBOOK__?: WorkbookData;
    __FILLS__?: Record<string, Record<string, string>>;
    /** Further options of the fake (e.g. a tiny response limit to make Excel fail). */
    __FAKE_OPTIONS__?: Record<string, unknown>;
    __FAKE_STATE__?: unknown;
    __HARNESS_ERROR__?: string;
  }
}

const container = document.getElementById("container")!;
try {
  if (!window.__WORKBOOK__) throw new Error("window.__WORKBOOK__ was not injected");
  const fake = createFakeExcel(window.__WORKBOOK__, { ...window.__FAKE_OPTIONS__, fills: window.__FILLS__ });
  window.__FAKE_STATE__ = fake.state;
  const gateway = createOfficeGateway({ Excel: fake.Excel, Office: fake.Office });
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} lang="zh-CN">
      <App gateway={gateway} />
    </FluentProvider>,
  );
} catch (e) {
  window.__HARNESS_ERROR__ = e instanceof Error ? e.message : String(e);
  container.textContent = `harness: ${window.__HARNESS_ERROR__}`;
}
