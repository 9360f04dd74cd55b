/**
 * Recognises what kind of file a byte buffer holds before any parsing, so that the user gets a precise Chinese
 * reason (old .xls, password-protected, renamed CSV, web page …) instead of a parser error.
 */
import { XlsxReadError } from "./errors";

export type SniffedKind = "zip" | "cfb" | "html" | "text" | "empty" | "unknown";

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniff(data: Uint8Array): SniffedKind {
  if (data.length === 0) return "empty";
  // Local file header (PK\3\4) or end of central directory of an empty archive (PK\5\6).
  if (
    data.length >= 4 &&
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    (data[2] === 3 || data[2] === 5) &&
    data[3] === data[2] + 1
  ) {
    return "zip";
  }
  if (data.length >= 8 && CFB_MAGIC.every((b, i) => data[i] === b)) return "cfb";
  const head = data.subarray(0, Math.min(data.length, 4096));
  if (looksLikeText(head)) {
    const text = new TextDecoder("utf-8")
      .decode(head)
      .replace(/^\uFEFF/, "")
      .trimStart()
      .slice(0, 512)
      .toLowerCase();
    if (/^<(!doctype html|html|table|\?xml[^>]*>\s*<html|meta|head|body)/.test(text) || /<html[\s>]/.test(text))
      return "html";
    return "text";
  }
  return "unknown";
}

/** No NUL bytes and few control characters: plain text in UTF-8, GB18030 or any ASCII-compatible encoding. */
function looksLikeText(head: Uint8Array): boolean {
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= head.length / 100;
}

/** True when `haystack` contains `name` encoded as UTF-16LE (how CFB directory entries store stream names). */
export function containsUtf16Name(haystack: Uint8Array, name: string): boolean {
  const pat = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    pat[2 * i] = c & 0xff;
    pat[2 * i + 1] = c >> 8;
  }
  const first = pat[0];
  const last = haystack.length - pat.length;
  outer: for (let i = 0; i <= last; i++) {
    if (haystack[i] !== first) continue;
    for (let j = 1; j < pat.length; j++) if (haystack[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

/** Throws the matching XlsxReadError unless the bytes are a zip archive (the container of .xlsx). */
export function assertZip(data: Uint8Array, fileName?: string): void {
  const kind = sniff(data);
  switch (kind) {
    case "zip":
      return;
    case "cfb":
      // An .xlsx with an open password is stored as a CFB file holding EncryptionInfo + EncryptedPackage streams.
      if (containsUtf16Name(data, "EncryptionInfo") || containsUtf16Name(data, "EncryptedPackage")) {
        throw new XlsxReadError("encrypted", "文件已加密（设置了打开密码），请在 Excel 中取消密码后再校验", fileName);
      }
      if (containsUtf16Name(data, "WordDocument")) {
        throw new XlsxReadError(
          "not-xlsx",
          "这不是 Excel 工作簿：文件是旧版 Word 文档（.doc），请提供 .xlsx 文件",
          fileName,
        );
      }
      throw new XlsxReadError(
        "xls",
        "这是旧版 Excel 97-2003 (.xls) 文件，请在 Excel 中另存为 .xlsx 后再校验",
        fileName,
      );
    case "empty":
      throw new XlsxReadError("not-xlsx", "文件是空的（0 字节），不是有效的 .xlsx 工作簿", fileName);
    case "html":
      throw new XlsxReadError(
        "not-xlsx",
        "这不是真正的 Excel 工作簿：文件内容是网页（HTML）格式，请在 Excel 中打开后另存为 .xlsx 再校验",
        fileName,
      );
    case "text":
      throw new XlsxReadError(
        "not-xlsx",
        "这不是 Excel 工作簿（.xlsx）：文件内容是纯文本（可能是改了扩展名的 CSV/TXT 文件），请在 Excel 中打开后另存为 .xlsx 再校验",
        fileName,
      );
    default:
      throw new XlsxReadError("not-xlsx", "这不是 Excel 工作簿（.xlsx）文件，无法识别文件格式", fileName);
  }
}
