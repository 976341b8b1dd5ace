import { parentPort } from "node:worker_threads";
import { summarizeFile } from "./check-file";

/**
 * A batch worker thread (batch.ts): checks one file per message and answers with its row.
 * summarizeFile never throws, so every message gets an answer.
 */
parentPort?.on("message", (task: { index: number; file: string }) => {
  void summarizeFile(task.file).then((row) => parentPort?.postMessage({ index: task.index, row }));
});
