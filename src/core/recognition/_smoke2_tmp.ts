import { readXlsxFile } from "../../hosts/xlsx/reader";
import { recognizeWorkbook } from ".";
(async () => {
  for (const f of ["examples/seed-as-published.xlsx", "examples/seed-corrected.xlsx"]) {
    const wb = await readXlsxFile(f);
    const { model, issues } = recognizeWorkbook(wb);
    console.log(f, Object.keys(model.tables).length, model.unrecognizedSheets, issues.length, issues.slice(0,3));
    for (const [id, t] of Object.entries(model.tables)) {
      const a: any = t;
      const n = a.kind === "ledger" ? a.rows.length : a.kind === "summary" ? a.income.length + "/" + a.expense.length : a.kind === "perf" ? a.projects.length : a.tasks.length + "/" + a.indicators.length;
      console.log(" ", id, a.sheet, n, a.kind === "ledger" ? a.rows.map((r: any) => r.kind[0]).join("") : "");
    }
  }
})();
