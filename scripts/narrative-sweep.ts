/**
 * Mutation sweep of the narrative checker: every amount (万元), percentage and year of a narrative is changed in
 * turn (last digit + 3), and every 类/款/项 name written before an amount or a code is swapped for another; each
 * mutant is checked against the workbook. Prints how many raise exactly one new finding on the mutated line, how
 * many raise nothing (figures the tables do not hold: 预留 80 万元, satisfaction rates …) and how many raise more.
 *
 *   node -r ts-node/register/transpile-only scripts/narrative-sweep.ts            # published text vs as-published
 *   node -r ts-node/register/transpile-only scripts/narrative-sweep.ts generated  # generator's text vs corrected
 */
import * as fs from "fs";
import * as path from "path";
import { readXlsxFile } from "../src/hosts/xlsx/reader";
import { checkWorkbook } from "../src/core/engine";
import { checkNarrative, type NarrativeFinding } from "../src/core/narrative-check";
import { generateNarrative, narrativeToPlainText } from "../src/core/narrative";
import { splitLines } from "../src/hosts/docx";

const ROOT = path.join(__dirname, "..");
const NAMES = [
  "机构运行",
  "科普活动",
  "青少年科技活动",
  "学术交流活动",
  "其他科学技术普及支出",
  "其他科学技术支出",
  "行政单位离退休",
  "事业单位离退休",
  "机关事业单位基本养老保险缴费支出",
  "机关事业单位职业年金缴费支出",
  "行政单位医疗",
  "事业单位医疗",
  "公务员医疗补助",
  "其他行政事业单位医疗支出",
  "住房公积金",
  "科学技术支出",
  "卫生健康支出",
  "住房保障支出",
];

async function main(): Promise<void> {
  const generated = process.argv[2] === "generated";
  const book = path.join(ROOT, generated ? "examples/seed-corrected.xlsx" : "examples/seed-as-published.xlsx");
  const model = checkWorkbook(await readXlsxFile(book)).model;
  const prior: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/prior-2023.json"), "utf8"));
  const lines = generated
    ? splitLines(narrativeToPlainText(generateNarrative(model, prior as Record<string, unknown>)))
    : splitLines(fs.readFileSync(path.join(ROOT, "examples/narrative-2024-as-published.txt"), "utf8"));
  const key = (f: NarrativeFinding) => `${f.quote.line}|${f.rule}|${f.message}`;
  const base = new Set(checkNarrative({ lines, model, prior: prior as Record<string, unknown> }).map(key));

  const kinds: [string, RegExp, (s: string) => string][] = [
    ["amount", /(\d+(?:\.\d+)?)\s*万元/g, bumpLastDigit],
    ["percent", /(\d+(?:\.\d+)?)\s*%/g, bumpLastDigit],
    ["year", /(20\d\d)\s*年/g, bumpLastDigit],
    [
      "name",
      new RegExp(`(?<=[）)\\s\\d.、：:；，]|^)(${NAMES.join("|")})(?=\\s*[（(]\\d|\\s*\\d)`, "g"),
      (s) => NAMES[(NAMES.indexOf(s) + 1) % NAMES.length],
    ],
  ];
  for (const [kind, re, change] of kinds) {
    let one = 0;
    let none = 0;
    let more = 0;
    lines.forEach((line, i) => {
      for (const m of line.matchAll(re)) {
        const at = m.index + m[0].indexOf(m[1]);
        const mutated = [...lines];
        mutated[i] = line.slice(0, at) + change(m[1]) + line.slice(at + m[1].length);
        const added = checkNarrative({ lines: mutated, model, prior: prior as Record<string, unknown> }).filter(
          (f) => !base.has(key(f)),
        );
        if (added.length === 1 && added[0].quote.line === i + 1) one++;
        else if (added.length === 0) none++;
        else more++;
        if (process.env.VERBOSE && !(added.length === 1 && added[0].quote.line === i + 1)) {
          console.log(
            `  line ${i + 1}: ${m[1]} -> ${change(m[1])}: ${added.map((f) => `${f.quote.line} ${f.rule}`).join(", ") || "nothing"}`,
          );
        }
      }
    });
    console.log(
      `${kind.padEnd(8)} mutants ${one + none + more}: one finding on its line ${one}, nothing ${none}, other ${more}`,
    );
  }
}

function bumpLastDigit(s: string): string {
  return s.replace(/(\d)(?!.*\d)/, (d) => String((Number(d) + 3) % 10));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
