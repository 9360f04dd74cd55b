/**
 * The lint set-up of issue #8 stays switched on: eslint.config.mjs gives the gateway the Office.js rules, the pane
 * the React hooks rules and src/ the type-aware promise rules; and the office-addins rules, on our parser, do catch
 * the Office.js misuse they are there for.
 */
import { spawnSync } from "child_process";
import { join } from "path";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import officeAddinsRules from "eslint-plugin-office-addins/lib/rules";

const ROOT = join(__dirname, "../..");

/** Rule name → severity (0 off, 1 warn, 2 error) that eslint.config.mjs gives a file. */
function rulesFor(file: string): Record<string, number> {
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/eslint/bin/eslint.js"), "--print-config", file], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  const config = JSON.parse(r.stdout) as { rules: Record<string, [number, ...unknown[]]> };
  return Object.fromEntries(Object.entries(config.rules).map(([name, [severity]]) => [name, severity]));
}

const OFFICE_RULES = Object.keys(officeAddinsRules).map((r) => `office-addins/${r}`);

describe("eslint.config.mjs", () => {
  test("the gateway gets every office-addins rule and the promise rules as errors", () => {
    const rules = rulesFor("src/hosts/excel/gateway.ts");
    expect(OFFICE_RULES.length).toBeGreaterThanOrEqual(8);
    for (const r of OFFICE_RULES) expect([r, rules[r]]).toEqual([r, 2]);
    for (const r of ["no-floating-promises", "no-misused-promises", "await-thenable"]) {
      expect([r, rules[`@typescript-eslint/${r}`]]).toEqual([r, 2]);
    }
  });

  test("the task pane gets the React hooks rules; core code gets no Office or React rules", () => {
    const pane = rulesFor("src/taskpane/App.tsx");
    expect(pane["react-hooks/rules-of-hooks"]).toBe(2);
    expect(pane["react-hooks/refs"]).toBe(2);
    const core = rulesFor("src/core/engine.ts");
    expect(core["@typescript-eslint/no-floating-promises"]).toBe(2);
    expect(Object.keys(core).filter((r) => r.startsWith("office-addins/") || r.startsWith("react-hooks/"))).toEqual([]);
  });
});

describe("office-addins rules on our parser", () => {
  const linter = new Linter({ configType: "flat" });
  const config: Linter.Config[] = [
    {
      files: ["**/*.ts"],
      languageOptions: { parser: tseslint.parser as Linter.Parser },
      plugins: { "office-addins": { rules: officeAddinsRules as unknown as Record<string, never> } },
      rules: Object.fromEntries(OFFICE_RULES.map((r) => [r, "error"])),
    },
  ];
  const lint = (code: string) => linter.verify(code, config, "probe.ts").map((m) => m.ruleId);

  test("reading before load and sync, and a sync inside a loop, are errors", () => {
    const found = lint(`
      async function bad(context: Excel.RequestContext): Promise<void> {
        const range = context.workbook.getSelectedRange();
        console.log(range.values);
        for (const name of ["a", "b"]) {
          context.workbook.worksheets.getItem(name).load("name");
          await context.sync();
        }
      }`);
    expect(found).toEqual(
      expect.arrayContaining([
        "office-addins/load-object-before-read",
        "office-addins/call-sync-before-read",
        "office-addins/no-context-sync-in-loop",
      ]),
    );
  });

  test("load, one sync, then read passes", () => {
    const found = lint(`
      async function good(context: Excel.RequestContext): Promise<unknown[][]> {
        const range = context.workbook.getSelectedRange();
        range.load("values");
        await context.sync();
        return range.values;
      }`);
    expect(found).toEqual([]);
  });
});
