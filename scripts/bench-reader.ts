/**
 * Read time of exceljs vs. the linear reader (src/hosts/xlsx/reader.ts) on generated workbooks with many merged
 * ranges, at 1×, 10× and 100× rows. Not a test: run it by hand to see how each reader grows.
 *
 *   node -r ts-node/register/transpile-only scripts/bench-reader.ts [baseRows=170]
 *   (or: node node_modules/ts-node/dist/bin.js --transpile-only scripts/bench-reader.ts)
 */
import { mkdtempSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import ExcelJS from "exceljs";
import { readXlsxFile } from "../src/hosts/xlsx/reader";

/** A sheet shaped like 部门预算项目绩效目标表: ~10 columns, one merged range per row (project name spans rows). */
async function generate(path: string, rows: number): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("部门预算项目绩效目标表");
  let merges = 0;
  for (let r = 1; r <= rows; r++) {
    ws.getRow(r).values = [
      `项目${Math.floor(r / 6)}`,
      "产出指标",
      "数量指标",
      `指标${r}`,
      "≥",
      r % 97,
      "个",
      10,
      r * 1.25,
      "备注",
    ];
  }
  // Merge column A over blocks of 6 rows and B:C on the remaining rows: about one merge per row overall.
  for (let r = 1; r + 5 <= rows; r += 6) {
    ws.mergeCells(r, 1, r + 5, 1);
    merges++;
    for (let k = 1; k <= 5; k++) {
      ws.mergeCells(r + k, 2, r + k, 3);
      merges++;
    }
  }
  await wb.xlsx.writeFile(path);
  return merges;
}

async function time<T>(f: () => Promise<T>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  const base = Number(process.argv[2] ?? 170);
  const dir = mkdtempSync(join(tmpdir(), "bench-reader-"));
  try {
    console.log("倍数\t行数\t合并区域\t文件KB\texceljs(ms)\t本读取器(ms)\t比值");
    for (const factor of [1, 10, 100]) {
      const rows = base * factor;
      const path = join(dir, `bench-${factor}.xlsx`);
      const merges = await generate(path, rows);
      const kb = Math.round(statSync(path).size / 1024);
      const ours = await time(() => readXlsxFile(path));
      const theirs = await time(() => new ExcelJS.Workbook().xlsx.readFile(path));
      console.log(
        `${factor}×\t${rows}\t${merges}\t${kb}\t${theirs.toFixed(0)}\t${ours.toFixed(0)}\t${(theirs / ours).toFixed(1)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
