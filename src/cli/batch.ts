/**
 * Checks many workbooks on all cores: a pool of worker threads (batch-worker.ts), each reading and checking one file
 * at a time; results come back in argument order whatever the order they finish in. Each file is checked exactly
 * as a single run checks it (same reader, engine and JSON builder: check-file.ts).
 */
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import type { BatchItem } from "../core/report/batch";
import { checkFile, checkOptionsOf, type CheckFileOptions } from "./check-file";

/** Worker threads to start: one per core (BUDGET_CHECK_THREADS overrides it, e.g. 1 for a sequential run). */
export function defaultThreads(): number {
  const env = Number(process.env.BUDGET_CHECK_THREADS);
  if (Number.isInteger(env) && env >= 1) return env;
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/** The worker script next to this file: compiled .js, or the .ts source under ts-node (tests, scripts). */
function workerScript(): { file: string; execArgv: string[] } {
  if (__filename.endsWith(".ts")) {
    return {
      file: path.join(__dirname, "batch-worker.ts"),
      execArgv: ["--require", "ts-node/register/transpile-only"],
    };
  }
  return { file: path.join(__dirname, "batch-worker.js"), execArgv: [] };
}

export async function checkFiles(
  files: string[],
  options: CheckFileOptions,
  onProgress?: (done: number, total: number) => void,
  threads = defaultThreads(),
): Promise<BatchItem[]> {
  const results: BatchItem[] = new Array(files.length);
  let done = 0;
  const finish = (index: number, item: BatchItem) => {
    results[index] = item;
    done += 1;
    onProgress?.(done, files.length);
  };
  const count = Math.min(threads, files.length);
  if (count <= 1) {
    const checkOptions = checkOptionsOf(options);
    for (let i = 0; i < files.length; i++) finish(i, await checkFile(files[i], checkOptions));
    return results;
  }

  const script = workerScript();
  let next = 0;
  await new Promise<void>((resolve) => {
    let running = 0;
    const start = () => {
      if (next >= files.length) return;
      running += 1;
      const worker = new Worker(script.file, { workerData: options, execArgv: script.execArgv });
      let current = -1;
      const feed = () => {
        if (next >= files.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, file: files[current] });
      };
      worker.on("message", (msg: { index: number; item: BatchItem }) => {
        finish(msg.index, msg.item);
        feed();
      });
      // A worker that dies (out of memory on a monstrous file) costs that file only; a fresh worker takes over.
      worker.on("error", (err) => {
        if (current >= 0) finish(current, { file: files[current], error: `处理失败：${err.message.split("\n")[0]}` });
        current = -1;
      });
      worker.on("exit", () => {
        if (current >= 0) finish(current, { file: files[current], error: "处理失败：检查进程意外退出" });
        running -= 1;
        if (next < files.length) start();
        else if (running === 0) resolve();
      });
      feed();
    };
    for (let i = 0; i < count; i++) start();
  });
  return results;
}
