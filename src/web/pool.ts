/**
 * The page's checking workers. Each file is checked by one worker, which keeps it for later requests (grid,
 * annotated copy, narrative); files are spread over min(cores − 1, 4) workers (at least one) so that the page stays
 * responsive while they run.
 */
import type { WorkbookData } from "../core/model/workbook";
import type { PriorYearInput } from "../core/narrative/types";
import type { FileOutcome, WorkerRequest, WorkerResponse } from "./protocol";

type Pending = { worker: Worker; resolve(r: WorkerResponse): void; reject(e: Error): void };
/** A request without its sequence number (send() adds it). */
type Request = WithoutSeq<WorkerRequest>;
type WithoutSeq<T> = T extends unknown ? Omit<T, "seq"> : never;

export function workerCount(files: number, cores = navigator.hardwareConcurrency || 2): number {
  return Math.max(1, Math.min(files, cores - 1, 4));
}

export class CheckPool {
  private readonly workers: Worker[] = [];
  private readonly owner = new Map<number, Worker>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextSeq = 1;
  private rr = 0;

  constructor(private readonly spawn: () => Worker) {}

  /** Checks one file; resolves with its outcome (an unreadable file is an outcome, not a rejection). */
  async check(file: File, workers: number): Promise<{ id: number; outcome: FileOutcome }> {
    const id = this.nextId++;
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      return {
        id,
        outcome: {
          ok: false,
          file: file.name,
          error: `无法读取文件：${file.name}（浏览器未能读取：可能是文件夹，或文件已被移动、删除）`,
        },
      };
    }
    const worker = this.pick(workers);
    this.owner.set(id, worker);
    const res = await this.send(worker, { type: "check", id, name: file.name, bytes }, [bytes]);
    if (res.type !== "checked") throw new Error(res.type === "failed" ? res.reason : "校验失败");
    return { id, outcome: res.outcome };
  }

  async sheets(id: number): Promise<WorkbookData> {
    const res = await this.request({ type: "sheets", id });
    if (res.type !== "sheets") throw new Error("无法显示工作表");
    return res.workbook;
  }

  async annotate(id: number): Promise<Uint8Array> {
    const res = await this.request({ type: "annotate", id });
    if (res.type !== "annotated") throw new Error("生成标注工作簿失败");
    return res.bytes;
  }

  async narrate(
    id: number,
    prior: PriorYearInput,
  ): Promise<{ bytes: Uint8Array; placeholders: number; problems: string[] }> {
    const res = await this.request({ type: "narrate", id, prior });
    if (res.type !== "narrated") throw new Error("生成预算情况说明失败");
    return res;
  }

  /** Ends every worker: the files they hold are gone. */
  dispose(): void {
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
    this.owner.clear();
    for (const p of this.pending.values()) p.reject(new Error("已取消"));
    this.pending.clear();
  }

  private pick(count: number): Worker {
    while (this.workers.length < count) this.workers.push(this.listen(this.spawn()));
    return this.workers[this.rr++ % Math.max(1, Math.min(count, this.workers.length))];
  }

  private listen(worker: Worker): Worker {
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const res = event.data;
      const p = this.pending.get(res.seq);
      if (!p) return;
      this.pending.delete(res.seq);
      p.resolve(res);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      // A worker that crashed cannot answer: fail what it was asked.
      for (const [seq, p] of this.pending) {
        if (p.worker === worker) {
          this.pending.delete(seq);
          p.reject(new Error("校验程序意外中止，请刷新页面后重试"));
        }
      }
    };
    return worker;
  }

  private async request(req: Exclude<Request, { type: "check" }>): Promise<WorkerResponse> {
    const worker = this.owner.get(req.id);
    if (!worker) throw new Error("该文件未能读取");
    const res = await this.send(worker, req);
    if (res.type === "failed") throw new Error(res.reason);
    return res;
  }

  private send(worker: Worker, req: Request, transfer: Transferable[] = []): Promise<WorkerResponse> {
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { worker, resolve, reject });
      worker.postMessage({ ...req, seq }, transfer);
    });
  }
}
