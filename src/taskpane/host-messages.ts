/**
 * What the pane tells the user about the Excel host: results of highlighting and clearing (cells left alone,
 * protected sheets, saving), and the limits of the host's ExcelApi level. Pure functions, tested with jest.
 */
import type { ClearResult, GatewayCapabilities, HighlightResult } from "../hosts/excel/types";

/** Settings and the saved fills are part of the workbook: they survive closing only once the workbook is saved. */
export const SAVE_REMINDER = "标记前的原有填充已记录在工作簿中，请保存工作簿，以便关闭后仍可清除标记。";

function sample(cells: string[], max = 3): string {
  return cells.slice(0, max).join("、") + (cells.length > max ? ` 等 ${cells.length} 个` : "");
}

/** The notice after 校验's highlighting, or undefined when there is nothing to add to the count. */
export function highlightNotice(
  r: Pick<HighlightResult, "skippedSheets" | "changedByUser">,
): { intent: "warning"; text: string } | undefined {
  const parts: string[] = [];
  if (r.skippedSheets.length)
    parts.push(`以下工作表受保护，未标记：${r.skippedSheets.join("、")}（取消保护后重新校验即可标记）。`);
  if (r.changedByUser.length) parts.push(`上次标记的 ${sample(r.changedByUser)} 单元格已被改色，保留了您设置的颜色。`);
  return parts.length ? { intent: "warning", text: parts.join("") } : undefined;
}

/** The notice after 清除标记. */
export function clearNotice(r: ClearResult): { intent: "success" | "warning"; text: string } {
  if (r.orphanState)
    return { intent: "warning", text: "工作簿中留有未保存完整的标记记录，已将其删除；无法据此恢复填充色。" };
  const parts = [`已清除标记，恢复了 ${r.restored} 个单元格的原有填充。`];
  if (r.changedByUser.length)
    parts.push(`${sample(r.changedByUser)} 单元格在标记后被改色或移动，未作改动，请自行检查。`);
  if (r.deleted) parts.push(`${r.deleted} 个标记过的单元格所在行或工作表已被删除。`);
  if (r.protectedSheets.length)
    parts.push(`工作表 ${r.protectedSheets.join("、")} 受保护，其标记保留，取消保护后再次点击“清除标记”即可恢复。`);
  if (r.restored > 0 || r.protectedSheets.length) parts.push("请保存工作簿。");
  const clean = !r.changedByUser.length && !r.deleted && !r.protectedSheets.length;
  return { intent: clean ? "success" : "warning", text: parts.join("") };
}

/** Limits of this Excel, shown under the buttons (nothing when the host has everything). */
export function capabilityNotes(caps: Partial<GatewayCapabilities>): string[] {
  const notes: string[] = [];
  const version = caps.apiVersion ? `（ExcelApi ${caps.apiVersion}）` : "";
  if (caps.whiteVsNoFill === false)
    notes.push(`当前 Excel 版本${version}无法区分白色填充与无填充：原为白色填充的单元格清除标记后显示为无填充。`);
  if (caps.tracksMoves === false) notes.push("当前 Excel 版本无法跟踪插入或删除的行：请先清除标记，再插入或删除行。");
  if (caps.events === false) notes.push("当前 Excel 版本不支持编辑后自动重新校验，修改后请点击“重新校验”。");
  // Gradients cannot be set through Office.js at all; pattern tints not on any level.
  notes.push("清除标记恢复纯色和图案填充；渐变填充和图案色调无法通过加载项恢复，只恢复其主色。");
  return notes;
}
