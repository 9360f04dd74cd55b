/**
 * The lines of a narrative file, whatever it is: a .docx (one line per paragraph) or plain text (UTF-8,
 * UTF-16 with BOM, or GB18030 as Chinese Windows writes it; one line per line, blank lines kept).
 * Browser-safe: the pane reads a chosen file through it, the CLI a file from disk.
 */
import { decodeText } from "../xlsx/catalog-bytes";
import { sniff } from "../xlsx/sniff";
import { DocxReadError, readDocxParagraphs } from "./extract";

export { DocxReadError } from "./extract";

/** Plain text into lines: CRLF, LF or CR; a BOM dropped. */
export function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  // A final line break does not start another line.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

export function narrativeLinesFromBytes(data: Uint8Array, fileName = ""): { lines: string[]; kind: "docx" | "text" } {
  const kind = sniff(data);
  if (/\.docx$/i.test(fileName) || kind === "zip" || kind === "cfb")
    return { lines: readDocxParagraphs(data), kind: "docx" };
  if (kind === "empty") throw new DocxReadError(`说明文件是空的（0 字节）：${fileName}`);
  if (kind !== "text" && kind !== "html") {
    // UTF-16 text has NUL bytes; anything else without a BOM is not text.
    const bom16 =
      data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
    if (!bom16) throw new DocxReadError(`说明文件既不是文本文件也不是 Word 文档（.docx）：${fileName}`);
  }
  let text: string;
  try {
    text = decodeText(data, fileName);
  } catch {
    throw new DocxReadError(`无法识别说明文件的文字编码，请另存为 UTF-8 文本或 .docx：${fileName}`);
  }
  return { lines: splitLines(text), kind: "text" };
}
