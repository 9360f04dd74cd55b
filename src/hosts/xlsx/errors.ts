/** The one error type of the .xlsx host: a Chinese one-line reason plus a machine-readable code. */

export type XlsxReadErrorCode = "not-found" | "not-xlsx" | "xls" | "encrypted" | "damaged" | "empty" | "too-large";

export class XlsxReadError extends Error {
  /** Chinese, one line, suitable to show to the user as is. */
  readonly reason: string;
  readonly code: XlsxReadErrorCode;
  /** The file the error is about, when known. */
  readonly fileName?: string;

  constructor(code: XlsxReadErrorCode, reason: string, fileName?: string) {
    super(reason);
    this.name = "XlsxReadError";
    this.code = code;
    this.reason = reason;
    this.fileName = fileName;
    Object.setPrototypeOf(this, XlsxReadError.prototype);
  }
}

/** Maps an fs error (from reading `path`) to an XlsxReadError with a Chinese reason. */
export function fsError(err: unknown, path: string): XlsxReadError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return new XlsxReadError("not-found", `找不到文件：${path}`, path);
    case "EISDIR":
      return new XlsxReadError("not-found", `这是一个文件夹而不是文件：${path}`, path);
    case "EACCES":
    case "EPERM":
      return new XlsxReadError("not-found", `没有权限读取文件：${path}`, path);
    case "EBUSY":
      return new XlsxReadError("not-found", `文件被其他程序占用（可能正在 Excel 中打开），无法读取：${path}`, path);
    default:
      return new XlsxReadError("not-found", `无法读取文件：${path}${code ? `（${code}）` : ""}`, path);
  }
}
