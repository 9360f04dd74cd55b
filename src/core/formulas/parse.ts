/**
 * Parser of audit formula files (docs/formulas.md): one rule per line, `#` comments,
 * `<id> <错误|警告|提示> <expression> <op> <expression>`. Every refusal names its 1-based line in Chinese.
 */
import {
  type CompareOp,
  type Expr,
  type Formula,
  type FormulaError,
  type Ref,
  type RowSpec,
  SEVERITY_WORDS,
  refsOf,
} from "./ast";
import { normLabel } from "./labels";
import type { FormulaSchema } from "./schema";
import { checkRef } from "./schema";

export interface ParseResult {
  formulas: Formula[];
  errors: FormulaError[];
}

class SyntaxError_ extends Error {}

type Tok =
  | { t: "ref"; ref: Ref; pos: number }
  | { t: "num"; text: string; pos: number }
  | { t: "sum"; pos: number }
  | { t: "op"; op: CompareOp; pos: number }
  | { t: "+" | "-" | "(" | ")" | ","; pos: number };

// Full-width forms too: a Chinese input method types ＜＝ and （ unless switched.
const OPS: [string, CompareOp][] = [
  ["<=", "<="],
  [">=", ">="],
  ["<>", "<>"],
  ["＜＝", "<="],
  ["＞＝", ">="],
  ["＜＞", "<>"],
  ["≦", "<="],
  ["≧", ">="],
  ["＜", "<"],
  ["＞", ">"],
  ["≤", "<="],
  ["≥", ">="],
  ["≠", "<>"],
  ["=", "="],
  ["＝", "="],
  ["<", "<"],
  [">", ">"],
];
const PUNCT: Record<string, "+" | "-" | "(" | ")" | ","> = {
  "+": "+",
  "-": "-",
  "(": "(",
  ")": ")",
  ",": ",",
  "＋": "+",
  "－": "-",
  "，": ",",
  "（": "(",
  "）": ")",
};
/** Characters that end an unquoted column label. */
const COLUMN_END = /[\s+\-=<>(),≤≥≠＝＋，\]#）＜＞≦≧]/;
const QUOTES: Record<string, string> = { '"': '"', "“": "”", "「": "」", "'": "'" };

/** More full-width opening brackets than closing ones. */
function unclosed(label: string): boolean {
  return (label.match(/（/g) ?? []).length > (label.match(/）/g) ?? []).length;
}

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new SyntaxError_(msg);
  };
  const quoted = (): string => {
    const close = QUOTES[s[i]];
    const end = s.indexOf(close, i + 1);
    if (end < 0) fail(`引号未闭合（第${i + 1}个字符起）`);
    const text = s.slice(i + 1, end);
    i = end + 1;
    return text;
  };
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "表") {
      i++;
      const idm = /^[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*/.exec(s.slice(i));
      if (!idm) fail(`“表”后应为表号，如“表1-2”`);
      const table = idm![0];
      i += table.length;
      if (s[i] !== "[" && s[i] !== "［") fail(`表${table}后应为“[行]”，如 表${table}["合计"]`);
      i++;
      while (s[i] === " ") i++;
      let row: RowSpec;
      if (s[i] in QUOTES) {
        const label = normLabel(quoted());
        if (label === "") fail(`表${table}的行名称为空`);
        row = { kind: "label", label };
      } else if (s[i] === "*") {
        i++;
        row = { kind: "all" };
      } else {
        const m = /^\d+/.exec(s.slice(i));
        if (!m) fail(`表${table}的行应为科目编码（如 2060701）或带引号的行名称（如 "合计"）`);
        row = { kind: "code", code: m![0] };
        i += m![0].length;
      }
      while (s[i] === " ") i++;
      if (s[i] !== "]" && s[i] !== "］") fail(`表${table}的行引用缺少“]”`);
      i++;
      if (s[i] !== "." && s[i] !== "．") fail(`表${table}[…]后应为“.列名”，如 .合计`);
      i++;
      let colText: string;
      if (s[i] in QUOTES) colText = quoted();
      else {
        const from = i;
        for (;;) {
          while (i < s.length && !COLUMN_END.test(s[i])) i++;
          // "因公出国（境）费用": a full-width closing bracket whose opening one is in the label belongs to it.
          if (s[i] === "）" && unclosed(s.slice(from, i))) {
            i++;
            continue;
          }
          // "因公出国(境)费": brackets right after label characters belong to the label.
          if (s[i] === "(" && i > from) {
            const close = s.indexOf(")", i);
            if (close > i && !/[\s+=<>,]/.test(s.slice(i + 1, close))) {
              i = close + 1;
              continue;
            }
          }
          break;
        }
        colText = s.slice(from, i);
      }
      const column = colText.split("/").map((p) => normLabel(p));
      if (column.some((p) => p === "")) fail(`表${table}的列名为空，如 .合计 或 .支出/预算数`);
      out.push({ t: "ref", ref: { kind: "ref", table, row, column, text: s.slice(start, i).trim() }, pos: start });
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(s.slice(i));
    if (num) {
      out.push({ t: "num", text: num[0], pos: start });
      i += num[0].length;
      continue;
    }
    if (/^sum\s*[(（]/i.test(s.slice(i))) {
      out.push({ t: "sum", pos: start });
      i += 3;
      continue;
    }
    const op = OPS.find(([w]) => s.startsWith(w, i));
    if (op) {
      out.push({ t: "op", op: op[1], pos: start });
      i += op[0].length;
      continue;
    }
    const p = PUNCT[ch];
    if (p) {
      out.push({ t: p, pos: start });
      i++;
      continue;
    }
    fail(`无法识别的字符“${ch}”（第${i + 1}个字符）；引用应写作 表<表号>[<编码或"行名">].<列名>`);
  }
  return out;
}

function tokText(t: Tok | undefined): string {
  if (!t) return "行尾";
  switch (t.t) {
    case "ref":
      return `“${t.ref.text}”`;
    case "num":
      return `“${t.text}”`;
    case "sum":
      return "“SUM”";
    case "op":
      return `“${t.op}”`;
    default:
      return `“${t.t}”`;
  }
}

/** Recursive descent over one expression line: expr op expr. */
function parseComparison(toks: Tok[]): { left: Expr; op: CompareOp; right: Expr } {
  let k = 0;
  const fail = (msg: string): never => {
    throw new SyntaxError_(msg);
  };
  const primary = (): Expr => {
    const t = toks[k];
    if (!t) return fail("表达式不完整：行尾缺少引用或数字");
    if (t.t === "ref") {
      k++;
      return t.ref;
    }
    if (t.t === "num") {
      k++;
      return { kind: "num", text: t.text };
    }
    if (t.t === "(") {
      k++;
      const e = expr();
      if (toks[k]?.t !== ")") fail(`缺少“)”，实为${tokText(toks[k])}`);
      k++;
      return e;
    }
    if (t.t === "sum") {
      k++;
      if (toks[k]?.t !== "(") fail("SUM 后应为“(”");
      k++;
      const args: Expr[] = [expr()];
      while (toks[k]?.t === ",") {
        k++;
        args.push(expr());
      }
      if (toks[k]?.t !== ")") fail(`SUM(…) 缺少“)”，实为${tokText(toks[k])}`);
      k++;
      return { kind: "sum", args };
    }
    return fail(`此处应为引用、数字、“(”或 SUM，实为${tokText(t)}`);
  };
  const unary = (): Expr => {
    const t = toks[k];
    if (t?.t === "-") {
      k++;
      return { kind: "neg", expr: unary() };
    }
    if (t?.t === "+") {
      k++;
      return unary();
    }
    return primary();
  };
  const expr = (): Expr => {
    let e = unary();
    for (;;) {
      const t = toks[k];
      if (t?.t !== "+" && t?.t !== "-") return e;
      k++;
      e = { kind: "bin", op: t.t, left: e, right: unary() };
    }
  };
  const left = expr();
  const opTok = toks[k];
  if (opTok?.t !== "op") fail(`应为比较运算符（=、<>、<=、>=、<、>），实为${tokText(opTok)}`);
  k++;
  const right = expr();
  if (k < toks.length) {
    const extra = toks[k];
    fail(extra.t === "op" ? "一条公式只能有一个比较运算符" : `多余的内容${tokText(extra)}`);
  }
  return { left, op: (opTok as { op: CompareOp }).op, right };
}

/** Strips a `#` comment (outside quotes). */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch in QUOTES) quote = QUOTES[ch];
    else if (ch === "#" || ch === "＃") return line.slice(0, i);
  }
  return line;
}

/**
 * Parses a formula file. With a schema, every reference is checked against the tables the schema declares
 * (unknown table, row, column; ambiguous column). Errors are per line; lines with errors yield no formula. A profile
 * file may state one rule id on several lines (one rule, several equations); a user's ids are unique.
 */
export function parseFormulas(
  text: string,
  schema?: FormulaSchema,
  source = "user",
  opts: { repeatedIds?: boolean } = {},
): ParseResult {
  const formulas: Formula[] = [];
  const errors: FormulaError[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const body = stripComment(raw).trim();
    if (body === "") return;
    const err = (message: string): void => {
      errors.push({ line, message: `第${line}行：${message}` });
    };
    const m = /^(\S+)\s+(\S+)\s+(.*)$/.exec(body);
    if (!m) {
      err('格式应为“编号 级别 表达式 比较符 表达式”，如：F1 错误 表1["收入总计"].预算数 = 表1["支出总计"].预算数');
      return;
    }
    const [, id, level, rest] = m;
    const severity = SEVERITY_WORDS[level];
    if (!severity) {
      err(`级别应为“错误”、“警告”或“提示”，实为“${level}”`);
      return;
    }
    if (id.startsWith("表")) {
      err(`公式缺少编号：每行以编号开头，如“A1 错误 ${body}”`);
      return;
    }
    let parsed: { left: Expr; op: CompareOp; right: Expr };
    try {
      parsed = parseComparison(lex(rest));
    } catch (e) {
      if (e instanceof SyntaxError_) {
        err(`语法错误：${e.message}`);
        return;
      }
      throw e;
    }
    const refs = [...refsOf(parsed.left), ...refsOf(parsed.right)];
    if (refs.length === 0) {
      err("公式中没有任何表格引用");
      return;
    }
    const starTables = new Set(refs.filter((r) => r.row.kind === "all").map((r) => r.table));
    if (starTables.size > 1) {
      err("逐行公式（[*]）只能引用同一张表");
      return;
    }
    if (schema) {
      for (const r of refs) {
        const problem = checkRef(schema, r);
        if (problem) {
          err(problem);
          return;
        }
      }
    }
    const prev = seen.get(id);
    if (prev !== undefined && !opts.repeatedIds) {
      err(`公式编号“${id}”与第${prev}行重复`);
      return;
    }
    seen.set(id, line);
    formulas.push({ id, severity, ...parsed, line, text: rest.trim(), source });
  });
  return { formulas, errors };
}
