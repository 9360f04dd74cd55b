/**
 * Writes the example workbooks from the data in examples/data:
 *   examples/seed-as-published.xlsx  the seed's 14 tables with its genuine slips
 *   examples/seed-corrected.xlsx     the same with every slip repaired minimally
 *   examples/prior-2023.xlsx         last year's (2023) tables of the department, for narrate --prior (prior-2023.json's figures)
 * Run: node -r ts-node/register/transpile-only scripts/build-examples.ts
 */
import * as path from "path";
import { seed2024 } from "../examples/data/seed2024";
import { correctedSeed2024 } from "../examples/data/corrected";
import { prior2023 } from "../examples/data/prior2023";
import { writeBudgetWorkbook } from "./examples/build-workbook";

async function main(): Promise<void> {
  const dir = path.join(__dirname, "..", "examples");
  const published = path.join(dir, "seed-as-published.xlsx");
  const corrected = path.join(dir, "seed-corrected.xlsx");
  await writeBudgetWorkbook(published, seed2024());
  const prior = path.join(dir, "prior-2023.xlsx");
  await writeBudgetWorkbook(corrected, correctedSeed2024());
  await writeBudgetWorkbook(prior, prior2023());
  console.log(`已生成：${published}`);
  console.log(`已生成：${corrected}`);
  console.log(`已生成：${prior}`);
}

main().catch((e: unknown) => {
  console.error(`生成示例工作簿失败：${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
