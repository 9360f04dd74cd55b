/**
 * Writes the example workbooks from the data in examples/data:
 *   examples/seed-as-published.xlsx  the seed's 14 tables with its genuine slips
 *   examples/seed-corrected.xlsx     the same with every slip repaired minimally
 *   examples/prior-2023.xlsx         last year's (2023) tables of the department, for narrate --prior (prior-2023.json's figures)
 *   examples/department-10-units.xlsx  a consistent department of 10 units built from the corrected copy, every unit
 *                                      with the seed's project names (each has its own 学术交流活动业务经费); the
 *                                      100-unit one is built at test/bench time (MULTI_UNIT_LAYOUT with units: 100)
 *   examples/national-*.xlsx         three departments in the national 9-table template (issue #10), one layout each
 * Run: node -r ts-node/register/transpile-only scripts/build-examples.ts
 */
import * as fs from "fs";
import * as path from "path";
import { seed2024 } from "../examples/data/seed2024";
import { correctedSeed2024 } from "../examples/data/corrected";
import { prior2023 } from "../examples/data/prior2023";
import { writeBudgetWorkbook, type LayoutOptions } from "./examples/build-workbook";
import { nationalDepartments } from "../examples/data/national";
import { nationalToBuffer } from "./examples/build-national";
import { NATIONAL_EXAMPLE_LAYOUTS } from "./examples/national-layouts";

/** The multi-unit examples: units share project names, told apart by unit code and project code. */
export const MULTI_UNIT_LAYOUT = (units: number): LayoutOptions => ({ units, sharedProjectNames: true });

async function main(): Promise<void> {
  const dir = path.join(__dirname, "..", "examples");
  const published = path.join(dir, "seed-as-published.xlsx");
  const corrected = path.join(dir, "seed-corrected.xlsx");
  await writeBudgetWorkbook(published, seed2024());
  const prior = path.join(dir, "prior-2023.xlsx");
  await writeBudgetWorkbook(corrected, correctedSeed2024());
  await writeBudgetWorkbook(prior, prior2023());
  const tenUnits = path.join(dir, "department-10-units.xlsx");
  await writeBudgetWorkbook(tenUnits, correctedSeed2024(), MULTI_UNIT_LAYOUT(10));
  for (const f of [published, corrected, prior, tenUnits]) console.log(`已生成：${f}`);
  for (const d of nationalDepartments()) {
    const file = path.join(dir, `national-${d.key}.xlsx`);
    fs.writeFileSync(file, await nationalToBuffer(d, NATIONAL_EXAMPLE_LAYOUTS[d.key]));
    console.log(`已生成：${file}`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`生成示例工作簿失败：${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
