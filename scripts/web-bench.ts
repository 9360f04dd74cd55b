/**
 * npm run bench:web — the web page in Debian's Chromium as a user would meet it: the time from choosing the files
 * to the results on screen for one workbook of 1, 10 and 100 budget units, and for a batch of 20 workbooks; the time
 * a click on a finding takes to show its cell in the 100-unit grid. Builds the page with the project's webpack
 * config (production mode, as `npm run build`) into test-output/web-bench/.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium } from "playwright-core";
import { writeBudgetWorkbook } from "./examples/build-workbook";
import { correctedSeed2024 } from "../examples/data/corrected";
import { buildWebPage, serveDir, CHROMIUM, CHROMIUM_ARGS } from "../tests/e2e/web-page";

const ROOT = path.resolve(__dirname, "..");

async function main(): Promise<void> {
  const outDir = path.join(ROOT, "test-output/web-bench");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "budget-web-bench-"));
  const data = correctedSeed2024();
  const sizes = [1, 10, 100];
  const single: Record<number, string> = {};
  for (const units of sizes) {
    single[units] = path.join(dir, `bench-${units}-units.xlsx`);
    await writeBudgetWorkbook(single[units], data, { units });
  }
  const batch: string[] = [];
  for (let i = 0; i < 20; i++) {
    const f = path.join(dir, `batch-${String(i + 1).padStart(2, "0")}.xlsx`);
    fs.copyFileSync(single[1], f);
    batch.push(f);
  }
  const t0 = Date.now();
  await buildWebPage(outDir, "production");
  const buildMs = Date.now() - t0;
  const jsKb = fs
    .readdirSync(outDir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => `${f} ${(fs.statSync(path.join(outDir, f)).size / 1024).toFixed(0)} KB`);

  const server = await serveDir(outDir, "web.html");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const l0 = Date.now();
    await page.goto(`${origin}/web.html`);
    await page.getByTestId("drop-zone").waitFor();
    const loadMs = Date.now() - l0;
    const lines = [
      `构建（production）：${(buildMs / 1000).toFixed(1)} s；页面可用：${loadMs} ms`,
      `脚本：${jsKb.join("，")}`,
    ];
    for (const units of sizes) {
      const s0 = Date.now();
      await page.getByTestId("file-input").setInputFiles(single[units]);
      await page.getByTestId("workbook-view").waitFor({ timeout: 120_000 });
      await page.getByTestId("grid").waitFor({ timeout: 120_000 });
      const ms = Date.now() - s0;
      const findings = await page.locator("[data-testid=finding]").count();
      const checkMs = Number(await page.getByTestId("check-ms").innerText()) * 1000;
      let clickMs = NaN;
      const link = page.locator("[data-testid=finding] [data-part=cell-link]").last();
      if ((await link.count()) > 0) {
        const c0 = Date.now();
        await link.click();
        await page.locator("[data-testid=grid] [data-focused=true]").first().waitFor();
        clickMs = Date.now() - c0;
      }
      lines.push(
        `${units} 个单位：选择文件到显示结果和表格 ${ms} ms（其中工作线程读取和校验 ${checkMs.toFixed(0)} ms；显示 ${findings} 条问题）；点击问题到定位单元格 ${clickMs} ms`,
      );
    }
    const b0 = Date.now();
    await page.getByTestId("file-input").setInputFiles(batch);
    await page.getByTestId("batch-summary").waitFor({ timeout: 300_000 });
    const bMs = Date.now() - b0;
    lines.push(
      `${batch.length} 个工作簿（各 1 个单位）：选择文件到汇总表 ${bMs} ms（${(bMs / batch.length).toFixed(0)} ms/个）`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
