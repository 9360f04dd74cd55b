/**
 * A checking worker of the web page: reads and checks the files it is given and keeps their bytes and results for
 * the page's later requests (grid, annotated copy, narrative) until the page is closed. exceljs and the Word
 * writer load only when first asked for.
 */
import type { CheckResult } from "../core/engine";
import type { WorkbookData } from "../core/model/workbook";
import { checkBytes, unreadableReason } from "./check";
import type { WorkerRequest, WorkerResponse } from "./protocol";

interface Held {
  name: string;
  bytes: Uint8Array;
  workbook: WorkbookData;
  result: CheckResult;
}

const held = new Map<number, Held>();
const scope = self as unknown as {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  onmessage: unknown;
};

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  void handle(event.data);
};

async function handle(req: WorkerRequest): Promise<void> {
  try {
    switch (req.type) {
      case "check": {
        const bytes = new Uint8Array(req.bytes);
        const checked = checkBytes(req.name, bytes, () => performance.now());
        if (checked.workbook && checked.result)
          held.set(req.id, { name: req.name, bytes, workbook: checked.workbook, result: checked.result });
        scope.postMessage({ seq: req.seq, type: "checked", id: req.id, outcome: checked.outcome });
        return;
      }
      case "sheets": {
        scope.postMessage({ seq: req.seq, type: "sheets", id: req.id, workbook: get(req.id).workbook });
        return;
      }
      case "annotate": {
        const h = get(req.id);
        const { annotateWorkbookBytes } = await import(
          /* webpackChunkName: "annotate" */ "../hosts/xlsx/annotate-bytes"
        );
        const bytes = await annotateWorkbookBytes(h.bytes, h.result.findings, { tables: h.result.tables }, h.name);
        scope.postMessage({ seq: req.seq, type: "annotated", id: req.id, bytes }, [bytes.buffer]);
        return;
      }
      case "narrate": {
        const h = get(req.id);
        const { generateNarrative, narrativeToDocx, priorFromJson } = await import(
          /* webpackChunkName: "narrative" */ "../core/narrative"
        );
        const { prior, problems } = priorFromJson(req.prior);
        const doc = generateNarrative(h.result.model, prior, {});
        const bytes = await narrativeToDocx(doc);
        scope.postMessage(
          { seq: req.seq, type: "narrated", id: req.id, bytes, placeholders: doc.placeholderCount, problems },
          [bytes.buffer],
        );
        return;
      }
    }
  } catch (err) {
    const reason =
      err instanceof Error && "reason" in err && typeof err.reason === "string" ? err.reason : unreadableReason(err);
    scope.postMessage({ seq: req.seq, type: "failed", id: req.id, reason });
  }
}

function get(id: number): Held {
  const h = held.get(id);
  if (!h) throw new Error("该文件未能读取");
  return h;
}
