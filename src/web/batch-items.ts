/** The page's outcomes as the batch items of `validate <path>... --json` (src/core/report/batch.ts builds the object). */
import type { BatchItem } from "../core/report/batch";
import type { FileOutcome } from "./protocol";

export function batchItems(outcomes: readonly FileOutcome[]): BatchItem[] {
  return outcomes.map((o) =>
    o.ok ? { report: o.report, department: o.department || undefined } : { file: o.file, error: o.error },
  );
}
