import * as fs from "fs";
import { recognizeWorkbook } from ".";
const txt = fs.readFileSync("../shared/seed/000_6281e0e5f963d3fa.txt", "utf8").split("\n");
const a = txt.findIndex((l, i) => i > 60 && l.startsWith("第二部分"));
const b = txt.findIndex((l, i) => i > a && l.startsWith("第三部分"));
const rows = txt.slice(a, b).map((l) => l.split("\t").map((c) => (c.trim() === "" ? null : /^-?\d+(\.\d+)?$/.test(c.trim()) && !/^\d{3,}$/.test(c.trim()) && c.includes(".") ? Number(c) : c)));
const { model, issues } = recognizeWorkbook({ sheets: [{ name: "seed", rows }] });
console.log(Object.keys(model.tables), model.duplicates.map((d) => d.id), issues.length, issues.slice(0, 5).map((i) => i.message));
for (const [id, t] of Object.entries(model.tables) as any) {
  const n = t.kind === "ledger" ? t.rows.map((r: any) => r.kind[0] + (r.code ?? "")).join(" ") : t.kind === "summary" ? t.income.map((l: any) => l.key).join(",") + " | " + t.expense.length : t.kind === "perf" ? t.projects.length + " " + t.projects.map((p: any) => p.indicators.length).join(",") : t.tasks.length + "/" + t.indicators.length + " " + t.totalFunds?.fen;
  console.log(id, t.top, t.headerTop, t.bottom, t.columns.map((c: any) => c.key).join(","), "\n   ", n.slice(0, 400));
}
const t31: any = model.tables["3-1"];
for (const r of t31.rows.slice(-8)) console.log(r.row, r.kind, r.code, r.unitCode, r.name, JSON.stringify(rows[r.row]));
