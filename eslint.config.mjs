// ESLint flat config (ESLint 9). `npm run lint` runs it with --cache and --max-warnings 0, then `prettier --check`.
// Formatting is Prettier's alone (.prettierrc); no stylistic rule is enabled here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddinsRuleIndex from "eslint-plugin-office-addins/lib/rules/index.js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// eslint-plugin-office-addins 4.x supports ESLint 9 flat config, but its entry point loads a second, older
// typescript-eslint, eslint-plugin-react(-native) and Prettier as an ESLint rule, and its `configs.recommended` sets
// its own parser and ecmaVersion 6. So we wire its rules in by hand: the rule modules only (lib/rules), on our
// parser, each at "error" (the preset has four at "error" and four at "warn"; --max-warnings 0 would fail on
// those anyway).
const officeAddinsRuleModules = officeAddinsRuleIndex.default; // compiled CommonJS: the rules are its `default`
const officeAddins = { meta: { name: "eslint-plugin-office-addins" }, rules: officeAddinsRuleModules };
const officeAddinsRules = Object.fromEntries(
  Object.keys(officeAddinsRuleModules).map((r) => [`office-addins/${r}`, "error"]),
);

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "dist-cli/", "test-output/", "coverage/"] },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Chinese text uses the ideographic space (U+3000) on purpose, also in template literals of test data.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipRegExps: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },

  // Plain CommonJS: bin/, build/, webpack and jest config.
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  { files: ["**/*.mjs"], languageOptions: { globals: { ...globals.node } } },

  // Type-aware rules where they pay: a promise nobody awaits or catches in the product code loses an Excel
  // error (or a write) silently. Limited to src/ so that `npm run lint` stays fast.
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
    },
  },

  // Office.js misuse (read before load + sync, sync in loops, empty or navigational loads): the gateway is the
  // only code that talks to Office.js.
  {
    files: ["src/hosts/excel/**/*.ts", "src/commands/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinsRules,
  },

  // React hooks rules (including the React Compiler checks of v7) for the task pane and the future web page.
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "src/web/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.flat.recommended.rules,
  },
);
