/** A worker thread of the batch pool (batch.ts): checks the files the pool sends, one at a time. */
import { parentPort, workerData } from "worker_threads";
import { checkFile, checkOptionsOf, type CheckFileOptions } from "./check-file";

const options = checkOptionsOf(workerData as CheckFileOptions);
const port = parentPort;
port?.on("message", (msg: { index: number; file: string }) => {
  void checkFile(msg.file, options).then((item) => port.postMessage({ index: msg.index, item }));
});
