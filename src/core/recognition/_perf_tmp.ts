import { planWorkbook } from "../../../scripts/examples/build-workbook";
import { seed2024 } from "../../../examples/data/seed2024";
import { recognizeWorkbook } from ".";
import type { WorkbookData } from "../model/workbook";
const units = Number(process.argv[2] ?? 100);
const plan = planWorkbook(seed2024(), { units });
const wb: WorkbookData = { sheets: plan.sheets.map((s) => { const rows: any[][] = []; for (const c of s.cells) { (rows[c.row] ??= [])[c.col] = c.value; } return { name: s.name, rows }; }) };
let cells = 0; for (const s of wb.sheets) for (const r of s.rows) if (r) cells += r.filter((v) => v !== undefined).length;
for (let i = 0; i < 3; i++) { const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint(); const { model } = recognizeWorkbook(wb); console.log("rows", wb.sheets.reduce((s, x) => s + x.rows.length, 0), "cells", cells, "ms", Number(process.hrtime.bigint() - t0) / 1e6, "cpu", process.cpuUsage(c0).user / 1000, Object.keys(model.tables).length); }
