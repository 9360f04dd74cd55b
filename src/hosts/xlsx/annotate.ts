/**
 * Writes the annotated copy of a workbook file next to it (the CLI's --annotate): reads the file, annotates it in
 * memory (annotate-bytes.ts, browser-safe) and writes the copy to another path; the user's own file is never written.
 */
import { promises as fs } from "fs";
import { resolve } from "path";
import type { Finding } from "../../core/model/findings";
import { AnnotateError, annotateWorkbookBytes, type AnnotateOptions } from "./annotate-bytes";
import { fsError } from "./errors";

export { HIGHLIGHT_COLORS, HIGHLIGHT_ARGB, SEVERITY_RANK } from "./colors";
export { AnnotateError, RESULT_COLUMNS, RESULT_SHEET_NAME, annotateWorkbookBytes } from "./annotate-bytes";
export type { AnnotateOptions } from "./annotate-bytes";

export async function writeAnnotatedCopy(
  inputPath: string,
  findings: Finding[],
  outputPath: string,
  opts: AnnotateOptions = {},
): Promise<void> {
  if (await samePath(inputPath, outputPath)) {
    throw new AnnotateError(`标注副本不能覆盖原文件，请另选输出路径：${outputPath}`);
  }

  let bytes: Buffer;
  try {
    bytes = await fs.readFile(inputPath);
  } catch (err) {
    throw fsError(err, inputPath);
  }
  const out = await annotateWorkbookBytes(bytes, findings, opts, inputPath);
  try {
    await fs.writeFile(outputPath, out);
  } catch (err) {
    throw writeError(err, outputPath);
  }
}

/** Same file by name (after resolving), or by identity when both exist (symbolic or hard links). */
async function samePath(a: string, b: string): Promise<boolean> {
  const caseInsensitive = process.platform === "win32" || process.platform === "darwin";
  const norm = (p: string) => (caseInsensitive ? resolve(p).toLowerCase() : resolve(p));
  if (norm(a) === norm(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

function writeError(err: unknown, path: string): AnnotateError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return new AnnotateError(`无法写出标注副本：输出目录不存在：${path}`);
    case "EISDIR":
      return new AnnotateError(`无法写出标注副本：输出路径是一个文件夹：${path}`);
    case "EACCES":
    case "EPERM":
    case "EBUSY":
      return new AnnotateError(`无法写出标注副本：没有写入权限或文件正被占用（可能正在 Excel 中打开）：${path}`);
    default:
      return new AnnotateError(`无法写出标注副本：${path}${code ? `（${code}）` : ""}`);
  }
}
