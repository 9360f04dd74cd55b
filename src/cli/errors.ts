/** Expected CLI failures and the one-line Chinese reason of any error (no stack trace ever reaches the user). */

/** An expected failure with a one-line Chinese reason (bad arguments, unreadable input). */
export class CliError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The reason to show. The host errors (XlsxReadError, AnnotateError) carry a Chinese `reason`; it is read by shape
 * so that this module does not load exceljs (annotate) just to test `instanceof`.
 */
export function reasonOf(err: unknown): string {
  const reason = (err as { reason?: unknown } | null | undefined)?.reason;
  if (err instanceof Error && typeof reason === "string" && reason !== "") return reason;
  const message = err instanceof Error ? err.message : String(err);
  return `处理失败：${message.split("\n")[0]}`;
}
