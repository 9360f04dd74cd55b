/**
 * Size limits on everything a user (or an attacker) hands the program: workbooks, official catalogs, rules files.
 * One place, so that the CLI, the task pane and every loader refuse the same inputs with the same Chinese reason.
 *
 * The limits sit far above any real budget workbook (the 100-unit 汇总 workbook of `npm run bench` has 30,469 rows,
 * ~0.5 M cells, a 3 MB file and a ~25 MB largest part) and far below what would exhaust memory or hang the reader.
 */

/** Every limit, in bytes, counts or characters. Tests pass smaller ones to the readers to reach them cheaply. */
export interface Limits {
  readonly workbookFileBytes: number;
  readonly zipEntries: number;
  readonly partBytes: number;
  readonly inflatedBytes: number;
  readonly cells: number;
  readonly cellTextChars: number;
  readonly totalTextChars: number;
  readonly catalogFileBytes: number;
  readonly catalogRows: number;
  readonly rulesFileBytes: number;
}

export const LIMITS: Limits = {
  /** An .xlsx file as stored (compressed). */
  workbookFileBytes: 100 * 1024 * 1024,
  /** Entries in the .xlsx zip archive (a workbook has a few dozen; zip bombs use millions). */
  zipEntries: 10_000,
  /** One part of the archive after decompression (one worksheet's XML). */
  partBytes: 100 * 1024 * 1024,
  /** All parts read from one archive, after decompression. */
  inflatedBytes: 300 * 1024 * 1024,
  /** Cells with a value plus merged ranges, over all sheets. */
  cells: 5_000_000,
  /** Characters of one cell's text: Excel's own limit. */
  cellTextChars: 32_767,
  /**
   * Characters of text over all cells (a shared string counts once per cell that uses it): recognition reads every
   * text cell, so a few long strings repeated in a million cells would otherwise cost minutes.
   */
  totalTextChars: 200_000_000,
  /** An official catalog (.xlsx or .csv) loaded by the user: a full catalog is well under 1 MB. */
  catalogFileBytes: 20 * 1024 * 1024,
  /** Rows of an official catalog. */
  catalogRows: 200_000,
  /** A rules (or other settings) file loaded by the user. */
  rulesFileBytes: 2 * 1024 * 1024,
};

const MB = 1024 * 1024;

/** "100 MB" / "2 MB" / "512 KB" for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** "1,000,000" for messages. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * The Chinese reason for a user-loaded file over its size limit, or undefined when it fits.
 * `what` names the file kind, e.g. "科目表文件", "规则文件".
 */
export function fileTooLarge(what: string, bytes: number, limit: number): string | undefined {
  if (bytes <= limit) return undefined;
  return `${what}过大（${formatBytes(bytes)}），超过上限 ${formatBytes(limit)}，请检查是否选错了文件`;
}
