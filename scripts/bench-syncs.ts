/**
 * Round trips to Excel (context.sync() calls) of the pane's 校验 (read + highlight) and 清除标记, counted by the fake
 * Excel of the tests (tests/support/fake-excel.ts) through the real gateway, on the published example. Prints one
 * JSON object. Run by `npm run bench` with ts-node (the fake is test code, not part of the CLI build).
 */
import * as fs from "fs";
import * as path from "path";
import { createFakeExcel } from "../tests/support/fake-excel";
import { createOfficeGateway } from "../src/hosts/excel/gateway";
import { readXlsxBuffer } from "../src/hosts/xlsx/parse";
import { checkWorkbook } from "../src/core/engine";

async function main(): Promise<void> {
  const file = path.join(__dirname, "..", "examples", "seed-as-published.xlsx");
  const workbook = readXlsxBuffer(fs.readFileSync(file), file);
  const fake = createFakeExcel(workbook);
  const gateway = createOfficeGateway({ Excel: fake.Excel, Office: fake.Office } as unknown as Parameters<
    typeof createOfficeGateway
  >[0]);
  const before = fake.state.syncCount;
  const read = await gateway.readWorkbook();
  const afterRead = fake.state.syncCount;
  const { findings } = checkWorkbook(read);
  const highlighted = await gateway.applyHighlights(findings);
  const afterHighlight = fake.state.syncCount;
  await gateway.clearHighlights();
  const afterClear = fake.state.syncCount;
  process.stdout.write(
    JSON.stringify({
      workbook: path.basename(file),
      sheets: workbook.sheets.length,
      findings: findings.length,
      cellsHighlighted: highlighted.cells,
      readSyncs: afterRead - before,
      highlightSyncs: afterHighlight - afterRead,
      validateAndHighlightSyncs: afterHighlight - before,
      clearSyncs: afterClear - afterHighlight,
    }),
  );
}

main().catch((err) => {
  process.stderr.write(`同步次数测量失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
