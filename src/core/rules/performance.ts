/** Performance targets (表6 per project, 部门整体支出绩效目标表 for its indicators). */
import type { Finding, RuleContext, RuleDef } from "../model/findings";
import type { Indicator, TableId } from "../model/tables";
import type { CellRef } from "../model/workbook";

interface IndicatorSet {
  table: TableId;
  /** "项目“…”" or "部门整体". */
  label: string;
  nameCell: CellRef;
  category?: "R" | "Y" | "T";
  indicators: Indicator[];
}

function sets(ctx: RuleContext): IndicatorSet[] {
  const out: IndicatorSet[] = [];
  const t6 = ctx.model.tables["6"];
  if (t6 && !t6.empty) {
    for (const p of t6.projects) {
      out.push({
        table: "6",
        label: `表6项目“${p.name}”`,
        nameCell: p.nameCell,
        category: p.category,
        indicators: p.indicators,
      });
    }
  }
  const t7 = ctx.model.tables["7"];
  if (t7 && !t7.empty && t7.indicators.length > 0) {
    out.push({ table: "7", label: "部门整体支出绩效目标表", nameCell: t7.titleCell, indicators: t7.indicators });
  }
  return out;
}

const clean = (s: string) => s.replace(/[\s\u3000]/g, "");

/** 一级 name without the 指标 suffix: 产出 | 成本 | 效益 | 满意度, or the text as written. */
export function level1Of(s: string): string {
  return clean(s).replace(/指标$/, "");
}

/** The 二级 names allowed under each 一级 (with the 指标 suffix dropped). */
const LEVEL2: Record<string, string[]> = {
  产出: ["数量", "质量", "时效"],
  成本: ["经济成本", "社会成本", "生态环境成本"],
  效益: ["经济效益", "社会效益", "生态效益", "可持续影响"],
  满意度: ["服务对象满意度"],
};

const NATURES = ["≥", "≤", "=", ">", "<", "定性"];
const QUANT = ["≥", "≤", "=", ">", "<"];
const PLACEHOLDER = /^[*＊_＿\-－—–/／\\、.。]+$/;

function toHalf(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

function isNumber(value: string): boolean {
  return /^[+-]?\d+(\.\d+)?%?$/.test(toHalf(clean(value)));
}

/** 时效 targets may be a date ("2024年12月底前") rather than a number. */
function isTimely(i: Indicator): boolean {
  return clean(i.level2).startsWith("时效");
}

function isDateLike(value: string): boolean {
  return /\d/.test(value) && /[年月日]/.test(value);
}

function direction(s: string): "正向" | "反向" | "" | undefined {
  const d = clean(s).replace(/指标$/, "");
  if (d === "") return "";
  if (d === "正向") return "正向";
  if (d === "反向") return "反向";
  return undefined;
}

function nameOf(i: Indicator): string {
  const n = clean(i.level3);
  const short = n.length > 20 ? `${n.slice(0, 20)}…` : n;
  return short || `第${i.row + 1}行指标`;
}

export const PERFORMANCE_RULES: RuleDef[] = [
  {
    id: "F31",
    family: "performance",
    tables: ["6", "7"],
    severity: "error",
    title: "指标权重合计",
    description: "每个项目（及部门整体）各绩效指标权重之和等于90（另10分留给预算执行率；可设置为100）。",
    check(ctx) {
      const out: Finding[] = [];
      const target = ctx.options.weightTotal;
      for (const s of sets(ctx)) {
        if (s.indicators.length === 0) continue;
        if (s.indicators.some((i) => i.weight === undefined || !Number.isInteger(i.weight))) continue; // PERF-WEIGHT's
        const sum = s.indicators.reduce((a, i) => a + (i.weight ?? 0), 0);
        if (sum === target) continue;
        out.push({
          rule: "F31",
          severity: "error",
          message: `${s.label}各指标权重之和应为${target}，实为${sum}。`,
          table: s.table,
          cells: s.indicators.map((i) => i.cells.weight),
          expected: String(target),
          actual: String(sum),
        });
      }
      return out;
    },
  },
  {
    id: "PERF-WEIGHT",
    family: "performance",
    tables: ["6", "7"],
    severity: "error",
    title: "权重为整数",
    description: "每个绩效指标的权重须填写为整数。",
    check(ctx) {
      const out: Finding[] = [];
      for (const s of sets(ctx)) {
        for (const i of s.indicators) {
          const text = i.weightText.trim();
          let problem: string | undefined;
          if (text === "") problem = "未填写";
          else if (i.weight === undefined) problem = `“${text}”不是数字`;
          else if (!Number.isInteger(i.weight)) problem = `“${text}”不是整数`;
          if (!problem) continue;
          out.push({
            rule: "PERF-WEIGHT",
            severity: "error",
            message: `${s.label}指标“${nameOf(i)}”的权重${problem}，权重应为整数。`,
            table: s.table,
            cells: [i.cells.weight],
            actual: text,
          });
        }
      }
      return out;
    },
  },
  {
    id: "PERF-LEVEL1",
    family: "performance",
    tables: ["6", "7"],
    severity: "warning",
    title: "一级指标齐全",
    description:
      "每个项目须有产出指标和效益指标；特定目标类（T）项目还应有满意度指标和成本指标；一级指标只能是产出、成本、效益、满意度。",
    check(ctx) {
      const out: Finding[] = [];
      for (const s of sets(ctx)) {
        const present = new Set(s.indicators.map((i) => level1Of(i.level1)));
        const required = ["产出", "效益", ...(s.category === "T" ? ["满意度", "成本"] : [])];
        const missing = required.filter((r) => !present.has(r));
        if (missing.length > 0) {
          const why = s.indicators.length === 0 ? "未填列绩效指标" : `缺少${missing.map((m) => `${m}指标`).join("、")}`;
          out.push({
            rule: "PERF-LEVEL1",
            severity: "warning",
            message: `${s.label}${why}${s.category === "T" ? "（特定目标类项目应包括产出、效益、满意度、成本指标）" : ""}。`,
            table: s.table,
            cells: [s.nameCell],
            expected: required.map((r) => `${r}指标`).join("、"),
            actual: [...present]
              .filter((p) => p !== "")
              .map((p) => `${p}指标`)
              .join("、"),
          });
        }
        const seen = new Set<string>();
        for (const i of s.indicators) {
          const l1 = level1Of(i.level1);
          if (l1 === "" || LEVEL2[l1] || seen.has(l1)) continue;
          seen.add(l1);
          out.push({
            rule: "PERF-LEVEL1",
            severity: "warning",
            message: `${s.label}的一级指标“${clean(i.level1)}”不是产出、成本、效益、满意度指标之一。`,
            table: s.table,
            cells: [i.cells.level1 ?? i.cells.level3],
            actual: clean(i.level1),
          });
        }
      }
      return out;
    },
  },
  {
    id: "PERF-LEVEL2",
    family: "performance",
    tables: ["6", "7"],
    severity: "warning",
    title: "二级指标归属",
    description:
      "二级指标须属于其一级指标：产出→数量、质量、时效指标；成本→经济、社会、生态环境成本指标；效益→经济、社会、生态效益指标、可持续影响指标；满意度→服务对象满意度指标。名称变体（如可持续发展指标、满意度指标）报警告。",
    check(ctx) {
      const out: Finding[] = [];
      for (const s of sets(ctx)) {
        const reported = new Set<string>();
        for (const i of s.indicators) {
          const l1 = level1Of(i.level1);
          const allowed = LEVEL2[l1];
          if (!allowed) continue; // PERF-LEVEL1's
          const l2 = clean(i.level2).replace(/指标$/, "");
          if (allowed.includes(l2)) continue;
          const cell = i.cells.level2 ?? i.cells.level3;
          // Filled-down cells repeat one written cell: report it once.
          const key = `${cell.sheet}!${cell.row}:${cell.col}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const owner = Object.keys(LEVEL2).find((k) => LEVEL2[k].includes(l2));
          const why =
            l2 === ""
              ? "未填写二级指标"
              : owner
                ? `二级指标“${clean(i.level2)}”属于${owner}指标，不应列在${l1}指标下`
                : `二级指标“${clean(i.level2)}”不是规范名称`;
          out.push({
            rule: "PERF-LEVEL2",
            severity: "warning",
            message: `${s.label}${why}；${l1}指标下的二级指标应为${allowed.map((a) => `${a}指标`).join("、")}。`,
            table: s.table,
            cells: [cell],
            expected: allowed.map((a) => `${a}指标`).join("、"),
            actual: clean(i.level2),
          });
        }
      }
      return out;
    },
  },
  {
    id: "PERF-DIRECTION",
    family: "performance",
    tables: ["6", "7"],
    severity: "error",
    title: "指标方向与性质一致",
    description:
      "指标方向性须与指标性质一致：≥、>、=为正向指标，≤、<为反向指标，定性指标为空或正向；定量指标未填方向的给出提示。",
    check(ctx) {
      const out: Finding[] = [];
      for (const s of sets(ctx)) {
        const blanks: Indicator[] = [];
        for (const i of s.indicators) {
          if (!i.cells.direction) continue;
          const nature = i.nature.trim();
          if (!NATURES.includes(nature)) continue; // PERF-VALUE's
          const d = direction(i.direction);
          const expected = nature === "≤" || nature === "<" ? "反向" : "正向";
          if (d === "") {
            if (nature !== "定性") blanks.push(i);
            continue;
          }
          if (d === expected) continue;
          out.push({
            rule: "PERF-DIRECTION",
            severity: "error",
            message:
              d === undefined
                ? `${s.label}指标“${nameOf(i)}”的方向性“${clean(i.direction)}”应为正向指标或反向指标（指标性质“${nature}”对应${expected}指标）。`
                : `${s.label}指标“${nameOf(i)}”的指标性质为“${nature}”，方向性应为${expected}指标，实为${d}指标。`,
            table: s.table,
            cells: [i.cells.direction, i.cells.nature],
            expected: `${expected}指标`,
            actual: clean(i.direction),
          });
        }
        if (blanks.length > 0) {
          out.push({
            rule: "PERF-DIRECTION",
            severity: "info",
            message: `${s.label}有${blanks.length}个定量指标未填写指标方向性（如“${nameOf(blanks[0])}”），建议按指标性质填写正向或反向指标。`,
            table: s.table,
            cells: blanks.map((i) => i.cells.direction!),
          });
        }
      }
      return out;
    },
  },
  {
    id: "PERF-VALUE",
    family: "performance",
    tables: ["6", "7"],
    severity: "error",
    title: "指标性质、指标值与度量单位",
    description:
      "指标性质须为≥、≤、=、>、<、定性之一；指标值不得为空或占位符（*、_、-）；定量指标的指标值须为数字（时效指标可为日期）并填写度量单位；定性指标不应填写度量单位（警告）；三级指标名称不得为空（警告）。",
    check(ctx) {
      const out: Finding[] = [];
      for (const s of sets(ctx)) {
        for (const i of s.indicators) {
          const nature = i.nature.trim();
          const value = clean(i.value);
          const unit = clean(i.unit);
          const who = `${s.label}指标“${nameOf(i)}”`;
          const add = (severity: "error" | "warning", message: string, cell: CellRef, actual?: string) =>
            out.push({ rule: "PERF-VALUE", severity, message, table: s.table, cells: [cell], actual });
          if (clean(i.level3) === "") add("warning", `${s.label}第${i.row + 1}行三级指标名称为空。`, i.cells.level3);
          if (!NATURES.includes(nature)) {
            add("error", `${who}的指标性质“${nature}”应为≥、≤、=、>、<、定性之一。`, i.cells.nature, nature);
          }
          if (value === "" || PLACEHOLDER.test(value)) {
            add(
              "error",
              `${who}的指标值${value === "" ? "为空" : `为占位符“${value}”`}，应填写具体目标值。`,
              i.cells.value,
              value,
            );
          } else if (QUANT.includes(nature) && !isNumber(value) && !(isTimely(i) && isDateLike(value))) {
            add("error", `${who}为定量指标（${nature}），指标值“${value}”应为数字。`, i.cells.value, value);
          }
          if (QUANT.includes(nature) && unit === "") {
            add("error", `${who}为定量指标（${nature}），未填写度量单位。`, i.cells.unit);
          }
          if (nature === "定性" && unit !== "") {
            add("warning", `${who}为定性指标，不应填写度量单位“${unit}”。`, i.cells.unit, unit);
          }
        }
      }
      return out;
    },
  },
  {
    id: "PERF-PLAUSIBLE",
    family: "performance",
    tables: ["6", "7"],
    severity: "info",
    title: "指标设置合理性",
    description: "提示可能不合理的指标：数量、质量指标使用≤或<（以上限作为产出目标）；满意度指标未以%计量。",
    check(ctx) {
      const out: Finding[] = [];
      for (const s of sets(ctx)) {
        const ceilings = s.indicators.filter((i) => {
          const l2 = clean(i.level2).replace(/指标$/, "");
          return (l2 === "数量" || l2 === "质量") && (i.nature.trim() === "≤" || i.nature.trim() === "<");
        });
        const satisfaction = s.indicators.filter(
          (i) =>
            (level1Of(i.level1) === "满意度" || i.level2.includes("满意度")) &&
            QUANT.includes(i.nature.trim()) &&
            !/^[%％]$/.test(clean(i.unit)),
        );
        if (ceilings.length > 0) {
          out.push({
            rule: "PERF-PLAUSIBLE",
            severity: "info",
            message: `${s.label}的数量/质量指标“${ceilings.slice(0, 3).map(nameOf).join("”“")}”${ceilings.length > 3 ? `等${ceilings.length}个` : ""}使用“≤/<”，以上限作为产出目标，请确认。`,
            table: s.table,
            cells: ceilings.map((i) => i.cells.nature),
          });
        }
        if (satisfaction.length > 0) {
          out.push({
            rule: "PERF-PLAUSIBLE",
            severity: "info",
            message: `${s.label}的满意度指标“${satisfaction.slice(0, 3).map(nameOf).join("”“")}”未以%为度量单位，请确认。`,
            table: s.table,
            cells: satisfaction.map((i) => i.cells.unit),
          });
        }
      }
      return out;
    },
  },
];
