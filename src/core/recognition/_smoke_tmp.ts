import { planWorkbook } from "../../../scripts/examples/build-workbook";
import { seed2024 } from "../../../examples/data/seed2024";
import { recognizeWorkbook } from "../../../src/core/recognition";
import type { WorkbookData } from "../../../src/core/model/workbook";
const plan = planWorkbook(seed2024(), JSON.parse(process.argv[2] ?? "{}"));
const wb: WorkbookData = { sheets: plan.sheets.map((s) => { const rows: any[][] = []; for (const c of s.cells) { (rows[c.row] ??= [])[c.col] = c.value; } return { name: s.name, rows }; }) };
const t0 = Date.now();
const { model, issues } = recognizeWorkbook(wb);
console.log("ms", Date.now() - t0, "issues", issues.length, issues.slice(0, 5));
console.log("unrec", model.unrecognizedSheets, "dups", model.duplicates.length, model.year, model.department);
for (const [id, t] of Object.entries(model.tables)) {
  const a: any = t;
  let extra = "";
  if (a.kind === "ledger") extra = `rows=${a.rows.length} kinds=${a.rows.map((r: any) => r.kind[0]).join("")} cols=${a.columns.map((c: any) => c.key).join(",")}`;
  if (a.kind === "summary") extra = `in=${a.income.map((l: any) => l.key).join(",")} ex=${a.expense.length} ${a.expense.map((l: any) => l.key).join(",")}`;
  if (a.kind === "perf") extra = `projects=${a.projects.length} ind=${a.projects.reduce((s: number, p: any) => s + p.indicators.length, 0)} dept=${a.departmentLine?.name}`;
  if (a.kind === "wholePerf") extra = `dept=${a.departmentName} funds=${a.totalFunds?.fen} tasks=${a.tasks.length} ind=${a.indicators.length}`;
  console.log(id, a.sheet, a.unit, a.empty, extra);
}
for (const id of (process.argv[3] ?? "").split(",").filter(Boolean)) {
  const t: any = (model.tables as any)[id];
  for (const [i, r] of t.rows.entries()) console.log(id, i, r.row, r.kind, r.code ?? "", r.unitCode ?? "", r.name, "p=" + r.parent, "c=" + r.children.join(","), Object.entries(r.amounts).map(([k, a]: any) => k + ":" + a.fen).slice(0, 3).join(" "));
}
