/** Completeness: every public table is present; an empty table says so. */
import type { Finding, RuleDef } from "../model/findings";
import { AnyTable, TABLE_IDS, TABLE_NAMES } from "../model/tables";
import type { CellRef } from "../model/workbook";

function firstDataCell(t: AnyTable): CellRef {
  if (t.kind === "ledger") {
    const r = t.rows[0];
    if (r?.nameCell) return r.nameCell;
  }
  return t.titleCell;
}

export const COMPLETENESS_RULES: RuleDef[] = [
  {
    id: "T-MISSING",
    family: "completeness",
    tables: [...TABLE_IDS],
    severity: "error",
    title: "公开表齐全",
    description: "部门预算公开须包含全部14张公开表（表1至表5、表6及部门整体支出绩效目标表），缺少任何一张均报错。",
    check({ model }) {
      const out: Finding[] = [];
      for (const id of TABLE_IDS) {
        if (model.tables[id]) continue;
        out.push({
          rule: "T-MISSING",
          severity: "error",
          message: `缺少公开表${id}《${TABLE_NAMES[id]}》`,
          table: id,
          cells: [],
        });
      }
      return out;
    },
  },
  {
    id: "T-EMPTY-NOTE",
    family: "completeness",
    tables: [...TABLE_IDS],
    severity: "warning",
    title: "空表须注明无数据",
    description: "没有数据的公开表仍须公开，并在表内注明“此表无数据”“本表为空表”等说明。",
    check({ model }) {
      const out: Finding[] = [];
      for (const id of TABLE_IDS) {
        const t = model.tables[id];
        if (!t || !t.empty || t.noDataCell) continue;
        out.push({
          rule: "T-EMPTY-NOTE",
          severity: "warning",
          message: `表${id}《${TABLE_NAMES[id]}》没有数据，但表内未注明“此表无数据”，空表应加以说明。`,
          table: id,
          cells: [firstDataCell(t)],
        });
      }
      return out;
    },
  },
];
