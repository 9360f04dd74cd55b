import { readExample } from "../../../integration/support";
test("dump", () => {
  const wb = readExample("seed-corrected.xlsx");
  for (const name of ["7 一般公共预算基本支出预算表", "5 财政拨款支出预算表（部门经济分类科目）"]) {
    const s = wb.sheets.find((x) => x.name === name)!;
    console.log(name + "\n" + s.rows.slice(0, 42).map((r, i) => i + ": " + JSON.stringify((r ?? []).slice(0, 5))).join("\n"));
  }
});
