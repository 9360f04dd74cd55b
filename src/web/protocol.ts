/**
 * Messages between the web page and its checking workers (worker.ts). Everything crosses by structured clone;
 * file bytes are transferred, not copied.
 */
import type { Finding } from "../core/model/findings";
import type { CheckResult } from "../core/engine";
import type { WorkbookData } from "../core/model/workbook";
import type { JsonReport } from "../cli/report";
import type { PriorYearInput } from "../core/narrative/types";

/** What the page keeps of a checked workbook (the model and the bytes stay in the worker). */
export interface CheckedFile {
  ok: true;
  file: string;
  /** Exactly the object `budget-check validate <file> --json` prints. */
  report: JsonReport;
  /** The engine's findings (cells as CellRef), in the report's order. */
  findings: Finding[];
  tables: CheckResult["tables"];
  /** Department or unit named by the tables, "" when none. */
  department: string;
  /** Sheet names in workbook order, for the grid's tabs. */
  sheets: string[];
  /** Milliseconds spent reading and checking in the worker. */
  ms: number;
}

/** A file that could not be read: the reader's Chinese reason. */
export interface UnreadableFile {
  ok: false;
  file: string;
  error: string;
}

export type FileOutcome = CheckedFile | UnreadableFile;

/** `id` names the file; `seq` the request, echoed by its response. */
export type WorkerRequest = { seq: number } & (
  | { type: "check"; id: number; name: string; bytes: ArrayBuffer }
  | { type: "sheets"; id: number }
  | { type: "annotate"; id: number }
  | { type: "narrate"; id: number; prior: PriorYearInput }
);

export type WorkerResponse = { seq: number } & (
  | { type: "checked"; id: number; outcome: FileOutcome }
  | { type: "sheets"; id: number; workbook: WorkbookData }
  | { type: "annotated"; id: number; bytes: Uint8Array }
  | { type: "narrated"; id: number; bytes: Uint8Array; placeholders: number; problems: string[] }
  | { type: "failed"; id: number; reason: string }
);
