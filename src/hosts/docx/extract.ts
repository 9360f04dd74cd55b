/**
 * The paragraphs of a .docx in document order, as plain text, with the list number Word shows in front of a
 * numbered paragraph ("1." from numbering.xml) so that the narrative checker can check the numbering.
 *
 * Browser-safe like the xlsx parser (saxes over the xlsx host's bounded zip reader, no fs): the task pane and the CLI
 * both call it; a zip bomb stops at the limits of src/core/limits.ts.
 * Read: word/document.xml (w:p, w:t, w:tab, w:br, w:numPr; tables' paragraphs in order) and word/numbering.xml.
 * Not read: headers, footers, footnotes, comments, text boxes outside the body flow, fields' codes.
 */
import { SaxesParser } from "saxes";
import { sniff, containsUtf16Name } from "../xlsx/sniff";
import { InflateBudget, ZipError, listZip, readEntry } from "../xlsx/unzip";

/** The one error type of the .docx reader: a Chinese one-line reason. */
export class DocxReadError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.name = "DocxReadError";
    this.reason = reason;
    Object.setPrototypeOf(this, DocxReadError.prototype);
  }
}

function assertDocx(data: Uint8Array): void {
  switch (sniff(data)) {
    case "zip":
      return;
    case "cfb":
      if (containsUtf16Name(data, "EncryptionInfo") || containsUtf16Name(data, "EncryptedPackage")) {
        throw new DocxReadError("Word 文档已加密（设置了打开密码），请取消密码后再检查");
      }
      throw new DocxReadError("这是旧版 Word 97-2003 (.doc) 文件，请在 Word 中另存为 .docx 后再检查");
    case "empty":
      throw new DocxReadError("文件是空的（0 字节），不是有效的 .docx 文档");
    default:
      throw new DocxReadError("这不是 Word 文档（.docx），无法识别文件格式");
  }
}

interface Level {
  fmt: string;
  text: string;
  start: number;
}

/** numId -> level -> format, via the abstract numbering definitions. */
function readNumbering(xml: string | undefined): Map<string, Map<number, Level>> {
  const out = new Map<string, Map<number, Level>>();
  if (!xml) return out;
  const abstract = new Map<string, Map<number, Level>>();
  const numToAbstract = new Map<string, string>();
  const p = new SaxesParser();
  let abs: Map<number, Level> | undefined;
  let lvl: Level | undefined;
  let num: string | undefined;
  p.on("opentag", (t) => {
    const a = (k: string) => (t.attributes[`w:${k}`] as string | undefined) ?? undefined;
    switch (t.name) {
      case "w:abstractNum":
        abs = new Map();
        abstract.set(a("abstractNumId") ?? "", abs);
        break;
      case "w:lvl":
        lvl = { fmt: "decimal", text: "%1.", start: 1 };
        abs?.set(Number(a("ilvl") ?? 0), lvl);
        break;
      case "w:start":
        if (lvl) lvl.start = Number(a("val") ?? 1);
        break;
      case "w:numFmt":
        if (lvl) lvl.fmt = a("val") ?? "decimal";
        break;
      case "w:lvlText":
        if (lvl) lvl.text = a("val") ?? "";
        break;
      case "w:num":
        num = a("numId");
        break;
      case "w:abstractNumId":
        if (num !== undefined) numToAbstract.set(num, a("val") ?? "");
        break;
    }
  });
  p.on("closetag", (t) => {
    if (t.name === "w:lvl") lvl = undefined;
    if (t.name === "w:abstractNum") abs = undefined;
    if (t.name === "w:num") num = undefined;
  });
  p.write(xml).close();
  for (const [n, a] of numToAbstract) out.set(n, abstract.get(a) ?? new Map());
  return out;
}

const CN = "〇一二三四五六七八九";

function chinese(n: number): string {
  if (n < 10) return CN[n];
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ""}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ""}`;
  return String(n);
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "ideographTraditional":
    case "japaneseCounting":
      return chinese(n);
    case "upperLetter":
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case "lowerLetter":
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case "none":
    case "bullet":
      return "";
    default:
      return String(n);
  }
}

/** Reads the body paragraphs of .docx bytes: one string per w:p, in order (empty paragraphs kept as ""). */
export function readDocxParagraphs(data: Uint8Array): string[] {
  assertDocx(data);
  const files: Record<string, Uint8Array> = {};
  try {
    const budget = new InflateBudget();
    for (const e of listZip(data)) {
      if (e.name === "word/document.xml" || e.name === "word/numbering.xml") files[e.name] = readEntry(data, e, budget);
    }
  } catch (err) {
    if (err instanceof ZipError)
      throw new DocxReadError(
        err.kind === "too-large" ? `Word 文档过大，无法读取：${err.detail}` : `文件已损坏，无法读取：${err.detail}`,
      );
    throw new DocxReadError("文件已损坏，无法读取：压缩包结构无效或内容不完整");
  }
  const doc = files["word/document.xml"];
  if (!doc) throw new DocxReadError("这不是 Word 文档（.docx）：缺少 word/document.xml");
  const decoder = new TextDecoder("utf-8");
  const numbering = readNumbering(
    files["word/numbering.xml"] ? decoder.decode(files["word/numbering.xml"]) : undefined,
  );

  const out: string[] = [];
  const counters = new Map<string, number[]>();
  let para: string | undefined;
  let inText = false;
  let inDeleted = 0;
  let numId: string | undefined;
  let ilvl = 0;
  const p = new SaxesParser();
  p.on("opentag", (t) => {
    switch (t.name) {
      case "w:p":
        para = "";
        numId = undefined;
        ilvl = 0;
        break;
      case "w:t":
        inText = inDeleted === 0;
        break;
      case "w:tab":
        if (para !== undefined && inDeleted === 0) para += "\t";
        break;
      case "w:br":
      case "w:cr":
        // A manual line break stays inside the paragraph: the paragraph is the unit the checker quotes.
        break;
      case "w:del":
        inDeleted++;
        break;
      case "w:numId":
        numId = t.attributes["w:val"];
        break;
      case "w:ilvl":
        ilvl = Number(t.attributes["w:val"] ?? 0);
        break;
    }
  });
  p.on("text", (text) => {
    if (inText && para !== undefined) para += text;
  });
  p.on("closetag", (t) => {
    if (t.name === "w:t") inText = false;
    else if (t.name === "w:del") inDeleted--;
    else if (t.name === "w:p" && para !== undefined) {
      let prefix = "";
      const levels = numId !== undefined && numId !== "0" ? numbering.get(numId) : undefined;
      const level = levels?.get(ilvl);
      if (level && numId !== undefined) {
        const c = counters.get(numId) ?? [];
        c[ilvl] = (c[ilvl] ?? level.start - 1) + 1;
        c.length = ilvl + 1; // deeper levels restart
        counters.set(numId, c);
        prefix = level.text.replace(/%(\d)/g, (_, d: string) => {
          const k = Number(d) - 1;
          const lv = levels!.get(k);
          return formatNumber(c[k] ?? lv?.start ?? 1, lv?.fmt ?? "decimal");
        });
        if (prefix && !/\s$/.test(prefix)) prefix += " ";
      }
      out.push(prefix + para);
      para = undefined;
    }
  });
  const xml = decoder.decode(doc);
  // Like the xlsx reader: a document type declaration has no place in a Word part (entity expansion).
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096)))
    throw new DocxReadError("文件已损坏，无法读取：word/document.xml 含有不允许的文档类型声明");
  try {
    p.write(xml).close();
  } catch {
    throw new DocxReadError("文件已损坏，无法读取：word/document.xml 不是有效的 XML");
  }
  return out;
}
