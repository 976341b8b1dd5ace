import { parentPort, workerData } from "node:worker_threads";
import type { RuleLevels } from "../rules/rule-levels";
import { summarizeFile } from "./check-file";

/**
 * A batch worker thread (batch.ts): checks one file per message and answers with its row.
 * summarizeFile never throws, so every message gets an answer. The rule levels (`--rules`) come
 * as the worker's data.
 */
parentPort?.on("message", (task: { index: number; file: string }) => {
  void summarizeFile(task.file, (workerData as { ruleLevels?: RuleLevels } | undefined)?.ruleLevels).then((row) => parentPort?.postMessage({ index: task.index, row }));
});
