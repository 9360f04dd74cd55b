import { readExample } from "../../../../tests/integration/support";
import { recognizeWorkbook } from "../../../../src/core/recognition";
test("dump", () => {
  const wb = readExample("seed-corrected.xlsx");
  const { model } = recognizeWorkbook(wb) as any;
  for (const id of ["3-1", "2-1"]) {
    const t = model.tables[id] ?? model.tables.get?.(id);
    const s = wb.sheets.find((x: any) => x.name === t.sheet) ?? wb.sheets.find((x:any)=>true);
    console.log(id, t.sheet, JSON.stringify(t.rows.map((r: any) => [r.row, r.kind, r.code, r.unitCode, r.name, r.parent, (r.codeCells||[]).map((c:any)=>c.col)])));
  }
});
