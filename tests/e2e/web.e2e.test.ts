/**
 * End-to-end test of the web page (dist/web.html, built from the real webpack.config.js) in Debian's Chromium:
 * workbooks chosen through the file input, the downloads compared with the CLI run in Node on the same files, the
 * grid's highlights, the annotated copy opened with exceljs, an unreadable file with its reason, no request off the
 * page's origin, no page error and no CSP violation. Screenshots in test-output/web/.
 *
 * Without /usr/bin/chromium the test fails when CI is set and is skipped otherwise.
 */
import * as fs from "fs";
import type * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import ExcelJS from "exceljs";
import { unzipSync, strFromU8 } from "fflate";
import { chromium, type Browser, type Page } from "playwright-core";
import { runCliIn } from "../support/run-cli";
import type { JsonReport } from "../../src/cli/report";
import { checkWorkbook } from "../../src/core/engine";
import { readXlsxFile } from "../../src/hosts/xlsx/reader";
import { HIGHLIGHT_ARGB } from "../../src/hosts/xlsx/colors";
import { RESULT_SHEET_NAME } from "../../src/hosts/xlsx/annotate";
import { toBatchReport, type BatchItem } from "../../src/core/report/batch";
import { cellAddress } from "../../src/core/model/workbook";
import { buildWebPage, serveDir, CHROMIUM, CHROMIUM_ARGS } from "./web-page";

const ROOT = path.resolve(__dirname, "../..");
const OUT_DIR = path.join(ROOT, "test-output/web-dist");
const SHOTS_DIR = path.join(ROOT, "test-output/web");

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the e2e test.`);
}
const describeE2E = haveChromium ? describe : describe.skip;

/** A copy of the corrected example with one amount changed: a workbook no test fixture holds as is. */
async function mutant(file: string): Promise<{ sheet: string; address: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(ROOT, "examples/seed-corrected.xlsx"));
  const ws = wb.worksheets[2];
  for (let r = 8; r <= ws.rowCount; r++) {
    for (let c = 3; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      if (typeof cell.value === "number" && cell.value > 10) {
        cell.value = cell.value + 1;
        await wb.xlsx.writeFile(file);
        return { sheet: ws.name, address: cell.address };
      }
    }
  }
  throw new Error("no amount to change");
}

/** Elements reaching past the right edge of the viewport (what makes a page scroll sideways), described briefly. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (
        r.width > 0 &&
        r.right > width + 1 &&
        !el.closest("[data-testid=grid],[data-testid=grid-other],[role=table],table")
      ) {
        out.push(
          `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""} right=${Math.round(r.right)}`,
        );
      }
    }
    return out.slice(0, 10);
  });
}

/** Retries `read` until it returns `want` (React updates asynchronously), then asserts. */
async function pollUntil<T>(read: () => Promise<T>, want: T, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let got = await read();
  while (got !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    got = await read();
  }
  expect(got).toBe(want);
}

describeE2E("web page in Chromium", () => {
  let tmp: string;
  let server: http.Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let origin: string;
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const offOrigin: string[] = [];
  const files: Record<"published" | "corrected" | "mutant" | "bad", string> = {
    published: "",
    corrected: "",
    mutant: "",
    bad: "",
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS_DIR, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "budget-web-"));
    files.published = path.join(tmp, "凉山州科协-2024部门预算.xlsx");
    files.corrected = path.join(tmp, "科协-更正版.xlsx");
    files.mutant = path.join(tmp, "科协-改动一处.xlsx");
    files.bad = path.join(tmp, "旧版文件.xlsx");
    fs.copyFileSync(path.join(ROOT, "examples/seed-as-published.xlsx"), files.published);
    fs.copyFileSync(path.join(ROOT, "examples/seed-corrected.xlsx"), files.corrected);
    fs.writeFileSync(files.bad, "单位,金额\n科协,100\n"); // a CSV renamed to .xlsx
    await Promise.all([mutant(files.mutant), buildWebPage(OUT_DIR)]);
    server = await serveDir(OUT_DIR, "web.html");
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", acceptDownloads: true });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${m.text()} ${m.location().url}`);
    });
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith("blob:") && !url.startsWith("data:")) offOrigin.push(url);
    });
    await page.goto(`${origin}/web.html`);
    await page.getByTestId("drop-zone").waitFor({ timeout: 15_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Clicks a download button and returns the saved bytes and the suggested name. */
  async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
    const [dl] = await Promise.all([
      page.waitForEvent("download", { timeout: 30_000 }),
      page.getByTestId(testId).click(),
    ]);
    const saved = path.join(tmp, `dl-${Date.now()}`);
    await dl.saveAs(saved);
    return { name: dl.suggestedFilename(), bytes: fs.readFileSync(saved) };
  }

  test("the page states that nothing leaves the machine, and carries the CSP", async () => {
    const privacy = await page.getByTestId("privacy").innerText();
    expect(privacy).toContain("不会上传");
    expect(privacy).toContain("不会保存");
    // The build's policy (build/csp.js), as on every page: workers fall back to script-src, which allows 'self'.
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(csp).toMatch(/(^|; )script-src 'self'/);
    expect(csp).toMatch(/(^|; )default-src 'self'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const html = fs.readFileSync(path.join(OUT_DIR, "web.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
  });

  test("one workbook: findings as the engine's, JSON download equal to validate --json", async () => {
    const t0 = Date.now();
    await page.getByTestId("file-input").setInputFiles(files.published);
    await page.getByTestId("workbook-view").waitFor({ timeout: 20_000 });
    const seconds = (Date.now() - t0) / 1000;
    console.log(`web page: one workbook checked and shown in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(10);

    const expected = checkWorkbook(await readXlsxFile(files.published));
    const listed = await page.locator("[data-testid=finding]").count();
    expect(listed).toBe(expected.findings.length);
    const summary = await page.getByTestId("summary").innerText();
    expect(summary).toContain(`错误 ${expected.findings.filter((f) => f.severity === "error").length}`);
    expect(summary).toContain(`已识别 ${new Set(expected.tables.map((t) => t.id)).size}/14 张表`);

    const { name, bytes } = await download("download-json");
    expect(name).toBe("凉山州科协-2024部门预算-校验结果.json");
    const cli = await runCliIn(tmp, "validate", path.basename(files.published), "--json");
    expect(cli.code).toBe(1);
    expect(bytes.toString("utf8")).toBe(cli.stdout);
    expect((JSON.parse(cli.stdout) as JsonReport).file).toBe(path.basename(files.published));

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS_DIR, "web-1280-one-workbook.png") });
  });

  test("the grid fills every faulty cell of its sheet, and a finding's link outlines both sides", async () => {
    const expected = checkWorkbook(await readXlsxFile(files.published));
    const grid = page.getByTestId("grid");
    await grid.waitFor();
    const sheet = await grid.getAttribute("data-sheet");
    // Every cell drawn that a finding names carries a severity fill.
    const drawn = await grid
      .locator("[data-cell]")
      .evaluateAll((els) =>
        els.map((e) => [(e as HTMLElement).dataset.cell, (e as HTMLElement).dataset.severity ?? ""]),
      );
    const drawnMap = new Map(drawn as [string, string][]);
    const named = expected.findings
      .flatMap((f) => f.cells)
      .filter((c) => c.sheet === sheet && drawnMap.has(cellAddress(c)));
    expect(named.length).toBeGreaterThan(0);
    for (const c of named) expect(drawnMap.get(cellAddress(c))).not.toBe("");

    // A cross-check with its other side on another sheet.
    const cross = expected.findings.find(
      (f) => f.cells.length > 1 && f.cells.some((c) => c.sheet !== f.cells[0].sheet),
    );
    const target = cross ?? expected.findings.find((f) => f.cells.length > 0)!;
    const sig = target.cells.map((c) => `${c.sheet}!${cellAddress(c)}`).join(";");
    await page.locator(`[data-testid=finding][data-cells="${sig}"]`).first().locator("[data-part=cell-link]").click();
    const first = target.cells[0];
    await page
      .locator(`[data-testid=grid][data-sheet="${first.sheet}"] [data-cell="${cellAddress(first)}"][data-focused=true]`)
      .waitFor({ timeout: 5000 });
    const sev = await page
      .locator(`[data-testid=grid] [data-cell="${cellAddress(first)}"]`)
      .getAttribute("data-severity");
    expect(sev).toBeTruthy();
    if (cross) {
      const other = cross.cells.find((c) => c.sheet !== first.sheet)!;
      await page
        .locator(
          `[data-testid=grid-other][data-sheet="${other.sheet}"] [data-cell="${cellAddress(other)}"][data-focused=true]`,
        )
        .waitFor({ timeout: 5000 });
    }
    await page.getByTestId("grid").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS_DIR, "web-1280-grid-cross-check.png") });
  });

  test("filters by severity and table narrow the list", async () => {
    const expected = checkWorkbook(await readXlsxFile(files.published));
    const errors = expected.findings.filter((f) => f.severity === "error").length;
    await page.getByRole("button", { name: "显示错误" }).click();
    await pollUntil(() => page.locator("[data-testid=finding]").count(), expected.findings.length - errors);
    expect(await page.locator("[data-testid=finding][data-severity=error]").count()).toBe(0);
    await page.getByRole("button", { name: "显示错误" }).click();
    await pollUntil(() => page.locator("[data-testid=finding]").count(), expected.findings.length);
  });

  test("the annotated download opens with exceljs: faulty cells filled, a 校验结果 sheet", async () => {
    const expected = checkWorkbook(await readXlsxFile(files.published));
    const { name, bytes } = await download("download-annotated");
    expect(name).toBe("凉山州科协-2024部门预算-标注.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const results = wb.getWorksheet(RESULT_SHEET_NAME);
    expect(results).toBeDefined();
    expect(results!.rowCount).toBe(expected.findings.length + 1);
    const f = expected.findings.find((x) => x.cells.length > 0 && x.severity === "error")!;
    const cell = wb.getWorksheet(f.cells[0].sheet)!.getCell(f.cells[0].row + 1, f.cells[0].col + 1);
    const master = cell.isMerged ? cell.master : cell;
    expect((master.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(HIGHLIGHT_ARGB.error);
  });

  test("生成预算情况说明 downloads a real .docx", async () => {
    await page.getByTestId("narrative-toggle").click();
    await page.getByLabel("上年度（年份）").fill("2023");
    const { name, bytes } = await download("download-docx");
    expect(name).toBe("凉山州科协-2024部门预算-预算情况说明.docx");
    const xml = strFromU8(
      unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === "word/document.xml" })["word/document.xml"],
    );
    expect(xml.includes("预算情况说明")).toBe(true);
    expect(xml.includes("2023")).toBe(true);
    await page.getByTestId("narrative-status").waitFor();
    expect(await page.getByTestId("narrative-status").innerText()).toContain("已下载");
    const placeholders = (text: string) => Number(/其中 (\d+) 处【待补充】/.exec(text)?.[1] ?? 0);
    const before = placeholders(await page.getByTestId("narrative-status").innerText());
    expect(before).toBeGreaterThan(0);

    // A prior-year JSON (as for narrate --prior) fills the form; the narrative then has fewer gaps.
    await page.getByLabel("选择上年数据 JSON 文件").setInputFiles(path.join(ROOT, "examples/prior-2023.json"));
    await pollUntil(() => page.getByLabel("上年收支总预算（万元）").inputValue(), "614.51");
    const again = await download("download-docx");
    const xml2 = strFromU8(
      unzipSync(new Uint8Array(again.bytes), { filter: (f) => f.name === "word/document.xml" })["word/document.xml"],
    );
    // 753.70 this year against 614.51 (the JSON's total): the change is written out.
    expect(xml2.includes("增加139.19万元")).toBe(true);
    await pollUntil(async () => (await page.getByTestId("narrative-status").innerText()).includes("已下载"), true);
    expect(placeholders(await page.getByTestId("narrative-status").innerText())).toBeLessThan(before);
    await page.getByTestId("narrative").screenshot({ path: path.join(SHOTS_DIR, "web-1280-narrative.png") });
  });

  test("several workbooks: summary rows, the unreadable one with its reason, batch JSON equal to the CLI's", async () => {
    const order = [files.published, files.bad, files.corrected, files.mutant];
    // Record whether the progress bar showed while the workers ran (it goes away when they are done).
    await page.evaluate(() => {
      const w = window as unknown as { __progressSeen?: boolean };
      w.__progressSeen = false;
      new MutationObserver(() => {
        if (document.querySelector("[data-testid=progress] [role=progressbar]")) w.__progressSeen = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const t0 = Date.now();
    await page.getByTestId("file-input").setInputFiles(order);
    await page.getByTestId("batch-summary").waitFor({ timeout: 30_000 });
    const seconds = (Date.now() - t0) / 1000;
    console.log(`web page: ${order.length} workbooks checked in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(15);

    expect(await page.evaluate(() => (window as unknown as { __progressSeen?: boolean }).__progressSeen)).toBe(true);
    const rows = page.getByTestId("batch-row");
    expect(await rows.count()).toBe(order.length);
    const names = order.map((f) => path.basename(f));
    expect(await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.file))).toEqual(names);

    // Each file as the CLI sees it: its validate object, or its one-line reason and exit 2.
    const items: BatchItem[] = [];
    for (const name of names) {
      const run = await runCliIn(tmp, "validate", name, "--json");
      if (run.code === 2) items.push({ file: name, error: run.stderr.trim() });
      else items.push({ report: JSON.parse(run.stdout) as JsonReport });
    }
    const bad = page.locator(`[data-testid=batch-row][data-file="${path.basename(files.bad)}"] [data-part=status]`);
    expect(await bad.innerText()).toBe(`无法读取：${(items[1] as { error: string }).error}`);
    expect(await bad.innerText()).toContain("纯文本");

    const { name, bytes } = await download("download-batch-json");
    expect(name).toBe("校验结果.json");
    const got = JSON.parse(bytes.toString("utf8")) as unknown;
    expect(got).toEqual(toBatchReport(items));
    expect(bytes.toString("utf8")).toBe(`${JSON.stringify(toBatchReport(items))}\n`);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS_DIR, "web-1280-batch.png"), fullPage: true });
  });

  test("a summary row opens that workbook's findings, and 返回汇总 goes back", async () => {
    const mutantName = path.basename(files.mutant);
    await page.locator(`[data-testid=batch-row][data-file="${mutantName}"] [data-part=open]`).click();
    await page.getByTestId("workbook-view").waitFor();
    const expected = checkWorkbook(await readXlsxFile(files.mutant));
    expect(expected.findings.length).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=finding]").count()).toBe(expected.findings.length);
    expect(await page.getByTestId("workbook-view").locator("h2").innerText()).toBe(mutantName);
    await page.getByTestId("back").click();
    await page.getByTestId("batch-summary").waitFor();
  });

  test("one unreadable file: its reason, as the CLI prints it", async () => {
    await page.getByTestId("file-input").setInputFiles(files.bad);
    await page.getByTestId("unreadable").waitFor({ timeout: 20_000 });
    const run = await runCliIn(tmp, "validate", path.basename(files.bad), "--json");
    expect(run.code).toBe(2);
    expect(await page.getByTestId("unreadable").innerText()).toBe(
      `无法读取“${path.basename(files.bad)}”：${run.stderr.trim()}`,
    );
  });

  test("a workbook dropped on the page is checked like a chosen one", async () => {
    const bytes = [...fs.readFileSync(files.corrected)];
    const name = path.basename(files.corrected);
    await page.evaluate(
      ([data, fileName]) => {
        const dt = new DataTransfer();
        dt.items.add(
          new File([new Uint8Array(data)], fileName, {
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          }),
        );
        const zone = document.querySelector("[data-testid=drop-zone]")!;
        zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      [bytes, name] as const,
    );
    await pollUntil(
      async () =>
        (await page.getByTestId("workbook-view").locator("h2").count()) > 0 &&
        (await page.getByTestId("workbook-view").locator("h2").innerText()),
      name,
      20_000,
    );
    const expected = checkWorkbook(await readXlsxFile(files.corrected));
    expect(await page.locator("[data-testid=finding]").count()).toBe(expected.findings.length);
  });

  test("375 px wide: no horizontal scroll of the page, screenshots", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByTestId("file-input").setInputFiles([files.published, files.bad, files.corrected]);
    await page.getByTestId("batch-summary").waitFor({ timeout: 30_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS_DIR, "web-375-batch.png"), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);

    await page.getByTestId("file-input").setInputFiles(files.published);
    await page.getByTestId("workbook-view").waitFor({ timeout: 20_000 });
    await page.locator("[data-testid=finding] [data-part=cell-link]").first().click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS_DIR, "web-375-grid.png") });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS_DIR, "web-375-one-workbook.png") });
    expect(await overflowing(page)).toEqual([]);
    const after = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(after.scroll).toBeLessThanOrEqual(after.client);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("no request left the page's origin, no page error, no CSP violation", () => {
    expect(offOrigin).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
