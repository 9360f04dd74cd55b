/** Row tables (1-1, 1-2, 2-1, 3, 3-1, 3-2, 3-3, 4, 4-1, 5): columns, rows, kinds and the parent tree. */
import type { ColumnInfo, LedgerRow, LedgerTable, TableId } from "../model/tables";
import { a1, type CellRef } from "../model/workbook";
import { type TableContext, baseFields, dataRows, readAmount } from "./common";
import type { HeaderColumn } from "./layout";
import { halfWidth, isNoDataText, isTotalLabel, norm, tableLabel } from "./text";

type Role =
  | { kind: "code"; part: 0 | 1 | 2 | "joined" }
  | { kind: "unitCode" }
  | { kind: "name" }
  | { kind: "amount"; key: string };

const TOTAL_LEAF = /^(合计|总计|小计合计|支出合计|收入合计|本年合计)$/;
/** A table's single amount column, however it is called (金额, 预算数, 本年预算, 2024年预算数…). */
const AMOUNT_LEAF = /金额|预算数|^(本年|当年|年度)?预算(金额|数)?$|^本年(预算)?支出$|^(支出)?数额$/;

/** Amount key of a ledger column from its header labels; undefined when not a known column. */
export function ledgerColumnKey(id: TableId, col: HeaderColumn): string | undefined {
  const path = col.parts.join("/");
  const leaf = col.leaf;
  if (id === "2-1") return key21(col);
  const isTotal = TOTAL_LEAF.test(leaf);
  switch (id) {
    case "1-1":
      if (isTotal) return "total";
      if (/上年结转/.test(leaf)) return "carryover";
      if (/一般公共预算/.test(leaf)) return "gpb";
      if (/政府性基金/.test(leaf)) return "fund";
      if (/国有资本/.test(leaf)) return "soe";
      if (/事业单位经营|^经营收入/.test(leaf)) return "operating";
      if (/^事业收入/.test(leaf)) return "business";
      if (/上级补助/.test(leaf)) return "superior";
      if (/附属单位上缴/.test(leaf)) return "affiliated";
      if (/财政专户/.test(leaf)) return "specialAccount";
      if (/^其他收入/.test(leaf)) return "other";
      return undefined;
    case "1-2":
      if (isTotal) return "total";
      if (/基本支出/.test(leaf)) return "basic";
      if (/项目支出/.test(leaf)) return "project";
      if (/上缴上级/.test(leaf)) return "remitSuperior";
      if (/对附属单位补助/.test(leaf)) return "subsidyAffiliated";
      if (/经营支出/.test(leaf)) return "operating";
      return undefined;
    case "3":
      if (isTotal) return "total";
      if (/上年结转/.test(leaf)) return "carryover";
      if (/当年|本年/.test(leaf)) return "current";
      return undefined;
    case "3-1":
      if (isTotal) return "total";
      if (/人员经费/.test(leaf)) return "personnel";
      if (/公用经费/.test(leaf)) return "public";
      return undefined;
    case "3-2":
      if (isTotal || AMOUNT_LEAF.test(leaf) || /^项目支出$/.test(leaf)) return "total";
      return undefined;
    case "3-3":
    case "4-1":
      if (/出国/.test(leaf)) return "overseas";
      if (/公务接待/.test(leaf)) return "reception";
      if (/公务用车/.test(path) || /购置|运行/.test(leaf)) {
        if (/^小计$|购置及运行/.test(leaf)) return "vehicleSubtotal";
        if (/购置/.test(leaf)) return "vehiclePurchase";
        if (/运行/.test(leaf)) return "vehicleOperation";
      }
      if (isTotal) return "total";
      return undefined;
    case "4":
    case "5":
      if (isTotal) return "total";
      if (/基本支出/.test(leaf)) return "basic";
      if (/项目支出/.test(leaf)) return "project";
      return undefined;
    default:
      return undefined;
  }
}

/** 2-1 keys "<block>.<fund>.<part>", "grand", "<block>.total". */
function key21(col: HeaderColumn): string | undefined {
  const path = col.parts.join("/");
  const leaf = col.leaf;
  if (/^总计$/.test(leaf)) return "grand";
  let block: string | undefined;
  if (/上级提前|提前通知|转移支付/.test(path)) block = "adv";
  else if (/上年结转/.test(path)) block = "carry";
  else if (/本级当年|当年财政拨款|本年财政拨款|当年/.test(path)) block = "cur";
  if (!block) return TOTAL_LEAF.test(leaf) ? "grand" : undefined;
  if (TOTAL_LEAF.test(leaf)) return `${block}.total`;
  let fund: string | undefined;
  if (/上年应返还/.test(path)) fund = "ret";
  else if (/一般公共预算/.test(path)) fund = "gpb";
  else if (/政府性基金/.test(path)) fund = "fund";
  else if (/国有资本/.test(path)) fund = "soe";
  if (!fund) return undefined;
  let part = "sub";
  if (/基本支出/.test(leaf)) part = "basic";
  else if (/项目支出/.test(leaf)) part = "proj";
  return `${block}.${fund}.${part}`;
}

function roleOf(id: TableId, col: HeaderColumn): Role | undefined {
  const leaf = col.leaf;
  if (leaf === "类") return { kind: "code", part: 0 };
  if (leaf === "款") return { kind: "code", part: 1 };
  if (leaf === "项") return { kind: "code", part: 2 };
  if (/单位(代码|编码)|^代码$/.test(leaf)) return { kind: "unitCode" };
  if (/(科目|功能|经济|分类)(编码|代码|编号)|^编码$|^科目代码$/.test(leaf)) return { kind: "code", part: "joined" };
  if (/名称|^项目$|科目$|^预算单位$/.test(leaf)) return { kind: "name" };
  const key = ledgerColumnKey(id, col);
  return key ? { kind: "amount", key } : undefined;
}

/** Names of expense / classification lines: never an org line. */
const EXPENSE_NAME_RE =
  /(费|支出|补贴|津贴|奖金?|工资|补助|缴费|保险|公积金|经费|资金|基金|退休|离休|医疗|福利|运行|活动|事务|服务|管理)$/;
/** Typical endings of department and budget-unit names. */
const ORG_NAME_RE =
  /(部门|本级|委员会|协会|学会|联合会|会|联社|局|厅|委|办公室|办|院|中心|站|所|队|馆|校|学|公司|处|室|部|署|社|团|园|台|场|政府|法院|检察院|机关|妇联|团委|银行|集团|监狱)$/;

const NAME_PREFERRED = /科目|项目/;

/** Which name column names the lines: higher wins. */
function nameRank(id: TableId, leaf: string): number {
  if (id === "3-2" && /项目/.test(leaf) && !/科目/.test(leaf)) return 2;
  return NAME_PREFERRED.test(leaf) ? 1 : 0;
}

function economicClassLike(code: string): boolean {
  return /^(30[1-9]|31[0-3]|399)/.test(code) && [3, 5, 7, 9].includes(code.length);
}

interface RawCode {
  digits?: string;
  cells: CellRef[];
  bad?: { cell: CellRef; text: string };
}

/** Digits of one code cell; numbers of 款/项 columns get their lost leading zero back. */
function codeCellDigits(v: unknown, part: 0 | 1 | 2 | "joined"): string | undefined | null {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 0) return null;
    const s = String(v);
    return part === 1 || part === 2 ? s.padStart(2, "0") : s;
  }
  const t = halfWidth(String(v)).replace(/[\s\u00a0\u3000]/g, "");
  if (t === "") return undefined;
  if (/^\d+$/.test(t)) return t;
  return null;
}

export function recognizeLedger(ctx: TableContext): LedgerTable {
  const { grid, id, header } = ctx;
  const roles = new Map<number, Role>();
  const columns: ColumnInfo[] = [];
  const seenKeys = new Set<string>();
  const codeCols: { col: number; part: 0 | 1 | 2 | "joined" }[] = [];
  let unitCol: number | undefined;
  let nameCol: number | undefined;
  let nameLeaf = "";
  let altNameCol: number | undefined;
  for (const hc of header.columns) {
    const role = roleOf(id, hc);
    if (!role) continue;
    if (role.kind === "amount") {
      if (seenKeys.has(role.key)) continue;
      seenKeys.add(role.key);
      columns.push({ key: role.key, label: hc.path, col: hc.col });
    } else if (role.kind === "code") {
      // One column per 类/款/项 (a label carried over a spare blank column must not double a part).
      if (role.part !== "joined" && codeCols.some((c) => c.part === role.part)) continue;
      codeCols.push({ col: hc.col, part: role.part });
    } else if (role.kind === "unitCode") {
      if (unitCol === undefined) unitCol = hc.col;
    } else if (nameCol === undefined || nameRank(id, hc.leaf) > nameRank(id, nameLeaf)) {
      // 单位名称（科目） / 科目名称 / 项目名称 win over a plain 单位名称 column, which then names org lines; in 3-2 a
      // 项目名称 column names the lines (the projects) rather than a 科目名称 column beside it.
      if (nameCol !== undefined) altNameCol = nameCol;
      nameCol = hc.col;
      nameLeaf = hc.leaf;
    } else if (altNameCol === undefined) {
      altNameCol = hc.col;
    }
    roles.set(hc.col, role);
  }
  // A 科目编码 label carried over a spare column beside 类|款|项 is not a second code column.
  if (codeCols.some((c) => c.part !== "joined")) {
    for (let i = codeCols.length - 1; i >= 0; i--) if (codeCols[i].part === "joined") codeCols.splice(i, 1);
  }
  codeCols.sort((a, b) => a.col - b.col);
  const codeKind: LedgerTable["codeKind"] =
    id === "2-1" || id === "3-1"
      ? "economic"
      : id === "3-3" || id === "4-1" || (id === "1-1" && codeCols.length === 0)
        ? "none"
        : "functional";

  const body = dataRows(ctx);
  // Header and body disagreeing on 单位代码 / 单位名称 (the seed's 2-1 prints them in swapped order): trust the body.
  if (nameCol !== undefined && unitCol !== undefined) {
    let digitNames = 0;
    let textUnits = 0;
    for (const r of body) {
      if (/^\d{3,}$/.test(grid.text(r, nameCol))) digitNames++;
      const u = grid.text(r, unitCol);
      if (u !== "" && !/^\d/.test(u) && !isTotalLabel(norm(u)) && !isNoDataText(u)) textUnits++;
    }
    if (digitNames > 0 && textUnits > 0) [nameCol, unitCol] = [unitCol, nameCol];
  }
  const knownUnits =
    codeKind === "economic" && unitCol !== undefined ? unitCodesOf(ctx, body, unitCol, nameCol) : new Set<string>();
  const rows: LedgerRow[] = [];
  /** Rows whose written code disagrees with their 类|款 cells: the 类|款 code, their parent in the layout. */
  const layoutParents = new Map<LedgerRow, string>();
  let noDataCell: CellRef | undefined;
  let bottom = header.headerBottom;
  let anyNonZero = false;
  for (const r of body) {
    bottom = r;
    // No-data statement; a 合计 label in any label cell (name or merged over the code columns).
    const filled = grid.filled(r);
    let noData = false;
    let isTotal = false;
    for (const c of filled) {
      const v = grid.value(r, c);
      if (typeof v !== "string") continue;
      if (isNoDataText(v)) {
        noDataCell = noDataCell ?? grid.ref(r, c);
        noData = true;
        break;
      }
      if (!isTotal && v.includes("计") && roles.get(c)?.kind !== "amount" && isTotalLabel(norm(v))) isTotal = true;
    }
    if (noData) continue;
    // Amounts.
    const amounts: LedgerRow["amounts"] = {};
    let hasAmount = false;
    for (const col of columns) {
      const a = readAmount(ctx, r, col.col);
      if (a) {
        amounts[col.key] = a;
        hasAmount = true;
        if (a.fen !== 0) anyNonZero = true;
      }
    }

    // Code from 类|款|项 or a joined code column.
    const raw: RawCode = { cells: [] };
    let digits = "";
    let codeName = "";
    for (const cc of codeCols) {
      const v = grid.value(r, cc.col);
      const d = codeCellDigits(v, cc.part);
      if (d === undefined) continue;
      const ref = grid.ref(r, cc.col);
      if (d === null) {
        if (isTotal || isNoDataText(String(v))) continue;
        if (cc.part === "joined") {
          const t = halfWidth(String(v)).trim();
          // "2060701 机构运行" / "[2060701]机构运行": the code is the leading digits, the rest its name.
          const lead = /^[[【(]?(\d{3,})[\]】)]?[\s\-—_、.:]*(.*)$/.exec(t);
          if (lead && /^[\u4e00-\u9fa5“"(（]/.test(lead[2])) {
            digits += lead[1];
            raw.cells.push(ref);
            codeName = lead[2].trim();
            continue;
          }
          // "206-07-01" / "206.07.01"
          if (/^\d{3}([-.\s]\d{2}){1,2}$/.test(t)) {
            digits += t.replace(/\D/g, "");
            raw.cells.push(ref);
            continue;
          }
        }
        raw.bad = raw.bad ?? { cell: ref, text: String(v) };
        continue;
      }
      digits += d;
      raw.cells.push(ref);
    }
    let code: string | undefined = raw.bad ? undefined : digits || undefined;
    const codeCells = raw.bad ? [] : [...raw.cells];

    // Unit code column: a unit code, or (in 3-1 / 2-1) the economic code itself.
    let unitCode: string | undefined;
    let unitCodeCell: CellRef | undefined;
    let layoutParent: string | undefined;
    let name = nameCol !== undefined ? grid.text(r, nameCol) : "";
    let nameCell = nameCol !== undefined ? grid.ref(r, nameCol) : undefined;
    if (name === "" && codeName !== "") name = codeName;
    if (name === "" && altNameCol !== undefined && grid.text(r, altNameCol) !== "") {
      name = grid.text(r, altNameCol);
      nameCell = grid.ref(r, altNameCol);
    }
    if (unitCol !== undefined) {
      const v = grid.value(r, unitCol);
      const t = halfWidth(v === null || v === undefined ? "" : String(v)).trim();
      if (t !== "" && !isTotalLabel(norm(t))) {
        const ref = grid.ref(r, unitCol);
        const lead = /^(\d+)(?:[\s\-—_、]+(\S.*))?$/.exec(t);
        if (lead) {
          const d = lead[1];
          const orgLike = !code && isOrgName(ctx, name || (lead[2] ?? ""));
          if (
            codeKind === "economic" &&
            !raw.bad &&
            !orgLike &&
            economicClassLike(d) &&
            (!code || (d.startsWith(code) && d.length > code.length))
          ) {
            code = d;
            codeCells.push(ref);
          } else if (codeKind === "economic" && code === d) {
            codeCells.push(ref);
          } else if (codeKind === "economic" && !raw.bad && !orgLike && codeInUnitColumn(d, code, knownUnits)) {
            // The 单位代码 column of 2-1 / 3-1 carries the economic code: a value that is no unit code of the table is a
            // code written there, malformed or disagreeing with the 类|款 cells.
            if (!code) {
              // The only code of the row (joined layout): keep it, CODE-FORMAT judges its length.
              code = d;
              codeCells.push(ref);
            } else if (!/^\d{3}(\d{2})?$/.test(code)) {
              // The 类|款 cells are malformed themselves: CODE-FORMAT reports them; the written code is not a unit code.
            } else if (economicClassLike(d) && d.length > code.length) {
              // More specific than 类|款 (3012001 beside 301|10): keep it for the rules, linked under its layout parent.
              // The whole code is in this one cell (the 类|款 cells do not spell its head), so it is the only code cell.
              layoutParent = code;
              code = d;
              codeCells.splice(0, codeCells.length, ref);
            } else {
              ctx.issues.push({
                rule: "CODE-FORMAT",
                severity: "error",
                message: `${tableLabel(id)} ${a1(ref.row, ref.col)} 单位代码栏填写的科目编码“${d}”与类、款栏的编码“${code}”不一致`,
                table: id,
                cells: [ref, ...codeCells],
                expected: code,
                actual: d,
              });
            }
          } else {
            unitCode = d;
            unitCodeCell = ref;
          }
          if (lead[2] && name === "") name = lead[2].trim();
        } else {
          unitCode = t;
          unitCodeCell = ref;
        }
      }
    }
    // "229 机构运行" / "2060701 机构运行" in the name cell.
    const split = /^[[【(]?(\d{3,})[\]】)]?[\s\-—_、.:]*([\u4e00-\u9fa5“"(（].*)$/.exec(halfWidth(name));
    if (split) {
      const d = split[1];
      // With no code column the digits are the code; beside one they are a unit code ("229 机构运行").
      const lengths = codeCols.length === 0 ? [3, 5, 7, 9] : [5, 7, 9];
      if (
        !code &&
        !raw.bad &&
        codeKind !== "none" &&
        lengths.includes(d.length) &&
        (codeKind !== "economic" || economicClassLike(d))
      ) {
        code = d;
        if (nameCell) codeCells.push(nameCell);
      } else if (!unitCode) {
        unitCode = d;
        unitCodeCell = nameCell;
      }
      name = split[2].trim();
    }
    if (raw.bad) {
      ctx.issues.push({
        rule: "CODE-FORMAT",
        severity: "error",
        message: `${tableLabel(id)} ${a1(raw.bad.cell.row, raw.bad.cell.col)} 的科目编码“${raw.bad.text}”含有非数字字符`,
        table: id,
        cells: [raw.bad.cell],
        actual: raw.bad.text,
      });
    }
    if (!isTotal && !code && !raw.bad && !unitCode && name === "" && !hasAmount) continue;

    const row: LedgerRow = { row: r, kind: "item", name, amounts, children: [] };
    if (nameCell) row.nameCell = nameCell;
    if (code) {
      row.code = code;
      row.codeCells = codeCells;
    }
    if (unitCode) {
      row.unitCode = unitCode;
      if (unitCodeCell) row.unitCodeCell = unitCodeCell;
    }
    if (layoutParent && code) layoutParents.set(row, layoutParent);
    if (isTotal && !code) row.kind = "total";
    else if (code || raw.bad) row.kind = "item";
    else row.kind = "group"; // refined below
    rows.push(row);
  }

  classifyAndLink(ctx, rows, codeKind, layoutParents);
  const table: LedgerTable = {
    ...baseFields(ctx, columns, bottom, !anyNonZero),
    kind: "ledger",
    codeKind,
    rows,
  };
  if (noDataCell) table.noDataCell = noDataCell;
  return table;
}

/**
 * The table's unit codes: digit codes of the 单位代码 column on org-named lines (229, 229001…), and values repeated on
 * three lines or more that do not look economic (2-1 repeats the unit code on every item line).
 */
function unitCodesOf(ctx: TableContext, body: number[], unitCol: number, nameCol: number | undefined): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const r of body) {
    const t = halfWidth(ctx.grid.text(r, unitCol)).trim();
    const m = /^(\d+)(?:[\s\-—_、]+(\S.*))?$/.exec(t);
    if (!m) continue;
    const name = (nameCol !== undefined ? ctx.grid.text(r, nameCol) : "") || (m[2] ?? "");
    if (isOrgName(ctx, name)) out.add(m[1]);
    const n = (seen.get(m[1]) ?? 0) + 1;
    seen.set(m[1], n);
    if (n >= 3 && !economicClassLike(m[1])) out.add(m[1]);
  }
  return out;
}

/**
 * True when a 单位代码 value of an economic table is a code written there rather than a unit code: it is none of the
 * table's unit codes nor a sibling of one (same length and department prefix), and it starts with the row's 类 digits
 * or looks economic (3…). Without unit lines to compare, six digits (229001) pass for a unit code.
 */
function codeInUnitColumn(d: string, code: string | undefined, knownUnits: Set<string>): boolean {
  if (d.length < 3 || d.length > 9) return false;
  if (knownUnits.has(d)) return false;
  for (const u of knownUnits)
    if (u.length === d.length && u.length > 3 && u.slice(0, 3) === d.slice(0, 3)) return false;
  if (code && code.length >= 3 && d.startsWith(code.slice(0, 3))) return true;
  if (!/^3/.test(d)) return false;
  if (knownUnits.size === 0 && d.length === 6) return false;
  return true;
}

function isOrgName(ctx: TableContext, name: string): boolean {
  const n = norm(name);
  if (n === "") return false;
  if (ctx.orgNames.has(n) || ctx.orgNames.has(n.replace(/部门$/, ""))) return true;
  // "…本级（2）", "…中心(机关)": the name before a closing bracketed qualifier decides.
  const bare = n.replace(/[（(][^（）()]*[）)]$/, "");
  return ORG_NAME_RE.test(bare) && !EXPENSE_NAME_RE.test(bare);
}

/** Tells org lines from group lines and builds parent/children as the layout adds up. */
function classifyAndLink(
  ctx: TableContext,
  rows: LedgerRow[],
  codeKind: LedgerTable["codeKind"],
  layoutParents: Map<LedgerRow, string> = new Map(),
): void {
  // Kinds of the code-less lines.
  let sawItem = false;
  let prevKind: LedgerRow["kind"] | undefined;
  for (const row of rows) {
    if (row.kind === "group") {
      const hasUnit = row.unitCode !== undefined && /^\d+$/.test(row.unitCode);
      const n = norm(row.name);
      if (hasUnit && (isOrgName(ctx, row.name) || !EXPENSE_NAME_RE.test(n))) row.kind = "org";
      else if (n === "" && !sawItem && (prevKind === "total" || prevKind === undefined)) row.kind = "org";
      else if (isOrgName(ctx, row.name)) row.kind = "org";
      else if (codeKind === "none") row.kind = "org";
    }
    if (row.kind === "item") sawItem = true;
    prevKind = row.kind;
  }

  const sameCodeHeads = ctx.id === "2-1";
  let totalIdx: number | undefined;
  let deptIdx: number | undefined;
  let currentOrg: number | undefined;
  let currentGroup: number | undefined;
  const orgByUnit = new Map<string, number>();
  let codeMap = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let parent: number | undefined;
    if (row.kind === "total") {
      if (totalIdx === undefined) totalIdx = i;
    } else if (row.kind === "org") {
      const uc = row.unitCode && /^\d+$/.test(row.unitCode) ? row.unitCode : undefined;
      if (uc) {
        for (let L = uc.length - 1; L >= 1 && parent === undefined; L--) parent = orgByUnit.get(uc.slice(0, L));
      }
      if (parent === undefined && deptIdx !== undefined) parent = deptIdx;
      const prev = i > 0 ? rows[i - 1] : undefined;
      if (
        parent === undefined &&
        prev &&
        prev.kind === "org" &&
        (prev.parent === undefined || prev.parent === totalIdx)
      ) {
        const puc = prev.unitCode && /^\d+$/.test(prev.unitCode) ? prev.unitCode : undefined;
        const siblings = puc !== undefined && uc !== undefined && puc.length === uc.length;
        if (!siblings) {
          deptIdx = i - 1;
          parent = deptIdx;
        }
      }
      if (parent === undefined) parent = totalIdx;
      if (uc && !orgByUnit.has(uc)) orgByUnit.set(uc, i);
      currentOrg = i;
      currentGroup = undefined;
      codeMap = new Map();
    } else if (row.kind === "group") {
      parent = currentOrg ?? totalIdx;
      currentGroup = i;
    } else {
      const code = row.code;
      if (code) {
        if (code.length <= 3) currentGroup = undefined;
        const head = codeMap.get(code);
        if (sameCodeHeads && head !== undefined) parent = head;
        const lp = layoutParents.get(row);
        if (parent === undefined && lp !== undefined) parent = codeMap.get(lp);
        for (let L = code.length - 1; L >= 3 && parent === undefined; L--) parent = codeMap.get(code.slice(0, L));
        if (!codeMap.has(code)) codeMap.set(code, i);
      }
      if (parent === undefined) parent = currentGroup ?? currentOrg ?? totalIdx;
    }
    if (parent !== undefined && parent !== i) {
      row.parent = parent;
      rows[parent].children.push(i);
    }
  }
}
