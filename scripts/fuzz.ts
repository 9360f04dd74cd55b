/**
 * npm run fuzz: the long version of the property and fuzz tests (tests/property), for as many cases as you like.
 *
 *   npm run fuzz -- [--runs N] [--seed S] [--only grids|examples|whole|bytes|parts|hostile]
 *
 *   --runs N   cases per generator (default 20,000; whole-workbook and byte generators run N/20)
 *   --seed S   fast-check seed (default: random; always printed, so that a failure can be replayed)
 *   --only     one generator; "hostile" runs each hand-made hostile file once, at full size, in a child process that
 *              reports its peak memory (RSS)
 *
 * Prints cases, cases per second and the slowest case per generator, and the first failure of each generator
 * shrunk to a minimal counterexample (JSON: paste it into tests/property as a named regression test). Exit 1 when
 * any invariant failed.
 */
import { execFileSync } from "child_process";
import { parseArgs } from "util";
import fc from "fast-check";
import { arbExampleCase, arbRandomWorkbook, checkRun, exampleCaseWorkbook, exampleWorkbooks } from "./fuzz/grids";
import {
  arbByteMutation,
  arbPartCase,
  exampleBytes,
  hostileFiles,
  mutateBytes,
  partCaseBytes,
  readHostile,
} from "./fuzz/xlsx-bytes";

interface Generator {
  name: string;
  runs: number;
  arb: fc.Arbitrary<unknown>;
  /** Problems of one case ([] when it holds) and its time. */
  run(value: unknown): { problems: string[]; ms: number };
}

function readerCase(bytes: Uint8Array): { problems: string[]; ms: number } {
  const t0 = performance.now();
  const { outcome, problems } = readHostile(bytes);
  if (outcome?.ok) problems.push(...checkRun(outcome.workbook, {}, { twice: false }).problems);
  return { problems, ms: performance.now() - t0 };
}

function generators(runs: number): Generator[] {
  const files = exampleBytes();
  return [
    { name: "grids", runs, arb: arbRandomWorkbook, run: (wb) => checkRun(wb as Parameters<typeof checkRun>[0]) },
    {
      name: "examples",
      runs,
      arb: arbExampleCase({ whole: false }),
      run: (c) => checkRun(exampleCaseWorkbook(c as Parameters<typeof exampleCaseWorkbook>[0])),
    },
    {
      name: "whole",
      runs: Math.ceil(runs / 20),
      arb: arbExampleCase({ whole: true }),
      run: (c) => checkRun(exampleCaseWorkbook(c as Parameters<typeof exampleCaseWorkbook>[0])),
    },
    {
      name: "bytes",
      runs: Math.ceil(runs / 20),
      arb: fc.tuple(fc.nat({ max: files.length - 1 }), fc.array(arbByteMutation, { minLength: 1, maxLength: 3 })),
      run: (v) => {
        const [f, ms] = v as [number, Parameters<typeof mutateBytes>[1][]];
        return readerCase(ms.reduce((b, m) => mutateBytes(b, m), files[f]));
      },
    },
    {
      name: "parts",
      runs: Math.ceil(runs / 20),
      arb: arbPartCase,
      run: (c) => readerCase(partCaseBytes(c as Parameters<typeof partCaseBytes>[0])),
    },
  ];
}

function runGenerator(g: Generator, seed: number): boolean {
  let slowest = 0;
  let cases = 0;
  const t0 = performance.now();
  const details = fc.check(
    fc.property(g.arb, (v) => {
      const { problems, ms } = g.run(v);
      cases++;
      slowest = Math.max(slowest, ms);
      if (problems.length) throw new Error(problems.join("\n"));
    }),
    { numRuns: g.runs, seed },
  );
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${g.name.padEnd(9)} ${String(details.numRuns).padStart(7)} cases  ${s.toFixed(1).padStart(6)} s  ${Math.round(
      cases / s,
    )
      .toString()
      .padStart(6)} cases/s  slowest ${slowest.toFixed(0)} ms`,
  );
  if (details.failed) {
    console.log(`  FAILED (seed ${seed}, path ${details.counterexamplePath}); shrunk counterexample:`);
    console.log(`  ${JSON.stringify(details.counterexample?.[0])}`);
    console.log(
      `  ${String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance)
        .split("\n")
        .slice(0, 6)
        .join("\n  ")}`,
    );
  }
  return !details.failed;
}

/** One hostile file in this process (the parent starts a child per file so that peak RSS is per file). */
function hostileOne(name: string): void {
  const h = hostileFiles().find((x) => x.name === name)!;
  const bytes = h.bytes();
  const t0 = performance.now();
  const { outcome, problems } = readHostile(bytes);
  const ms = performance.now() - t0;
  const { maxRSS } = process.resourceUsage(); // kilobytes
  console.log(
    JSON.stringify({
      name,
      kb: Math.round(bytes.length / 1024),
      ms: Math.round(ms),
      peakMb: Math.round(maxRSS / 1024),
      outcome: outcome?.ok ? "read" : outcome?.reason,
      problems,
    }),
  );
}

function hostileAll(): boolean {
  let ok = true;
  console.log("hostile file | file size | read time | peak RSS of the process | outcome");
  console.log("---|---|---|---|---");
  for (const h of hostileFiles()) {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename, "--hostile-one", h.name], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const r = JSON.parse(out.trim().split("\n").pop()!) as {
      kb: number;
      ms: number;
      peakMb: number;
      outcome: string;
      problems: string[];
    };
    if (r.problems.length) ok = false;
    console.log(
      `${h.name} | ${r.kb.toLocaleString("en-US")} KB | ${r.ms} ms | ${r.peakMb} MB | ${r.outcome}${r.problems.length ? ` PROBLEMS: ${r.problems.join("; ")}` : ""}`,
    );
  }
  return ok;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      seed: { type: "string" },
      only: { type: "string" },
      "hostile-one": { type: "string" },
    },
  });
  if (values["hostile-one"]) {
    hostileOne(values["hostile-one"]);
    return 0;
  }
  const runs = Number(values.runs ?? 20_000);
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    console.error("用法：npm run fuzz -- [--runs N] [--seed S] [--only grids|examples|whole|bytes|parts|hostile]");
    return 2;
  }
  console.log(`fuzz: seed ${seed}, ${runs} runs per generator (replay: npm run fuzz -- --seed ${seed} --runs ${runs})`);
  exampleWorkbooks();
  let ok = true;
  if (!values.only || values.only === "hostile") ok = hostileAll() && ok;
  for (const g of generators(runs)) if (!values.only || values.only === g.name) ok = runGenerator(g, seed) && ok;
  console.log(ok ? "all invariants held" : "SOME INVARIANTS FAILED");
  return ok ? 0 : 1;
}

process.exitCode = main();
