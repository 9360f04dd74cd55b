/**
 * Prints the Excel round trips (context.sync) of the pane's actions on every ExcelApi level, counted by the fake
 * Excel (tests/support/fake-excel.ts) over a workbook: 校验 (read + highlight), a second 校验 with the marks in place,
 * and 清除标记.
 *
 *   node -r ts-node/register/transpile-only scripts/office-syncs.ts [book.xlsx] [--json]
 */
import { readXlsxFile } from "../src/hosts/xlsx/reader";
import { createOfficeGateway } from "../src/hosts/excel/gateway";
import { checkWorkbook } from "../src/core/engine";
import { createFakeExcel, NEWEST_API, type FakeApiVersion } from "../tests/support/fake-excel";

export interface SyncFigures {
  level: string;
  findings: number;
  marked: number;
  check: number;
  recheck: number;
  clear: number;
}

export async function officeSyncs(
  file: string,
  levels: FakeApiVersion[] = ["1.1", "1.7", "1.9", NEWEST_API],
): Promise<SyncFigures[]> {
  const workbook = await readXlsxFile(file);
  const out: SyncFigures[] = [];
  for (const level of levels) {
    const fake = createFakeExcel(workbook, { apiVersion: level });
    const gw = createOfficeGateway({ Excel: fake.Excel, Office: fake.Office });
    const count = async (fn: () => Promise<unknown>): Promise<number> => {
      const before = fake.state.syncCount;
      await fn();
      return fake.state.syncCount - before;
    };
    let findings = 0;
    let marked = 0;
    const check = () =>
      count(async () => {
        const { findings: f } = checkWorkbook(await gw.readWorkbook());
        findings = f.length;
        marked = (await gw.applyHighlights(f)).cells;
      });
    const first = await check();
    const again = await check();
    const clear = await count(() => gw.clearHighlights());
    out.push({ level, findings, marked, check: first, recheck: again, clear });
  }
  return out;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--")) ?? "examples/seed-as-published.xlsx";
  void officeSyncs(file).then((rows) => {
    if (args.includes("--json")) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    console.log(`${file}: context.sync() round trips (fake Excel)`);
    console.log("ExcelApi | findings | cells marked | 校验 | 校验 again | 清除标记");
    for (const r of rows)
      console.log(`${r.level} | ${r.findings} | ${r.marked} | ${r.check} | ${r.recheck} | ${r.clear}`);
  });
}
