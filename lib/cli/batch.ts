import { readdir, realpath, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { RuleLevels } from "../rules/rule-levels";
import { failedRow, summarizeFile, type SummaryRow } from "./check-file";
import { SOURCE_EXTENSIONS, sourceFormatOf } from "./read-source";

/**
 * `check <files or folders…> --summary`: many reports in one process. Folders are expanded
 * recursively to the files the CLI reads; the files are checked in parallel by a pool of worker
 * threads (one file at a time each, every file's row coming back as it is done); a file that
 * fails — unreadable, not a report, a parser that throws, a worker that crashes, runs out of
 * memory or takes too long — is a row with its error, and the batch goes on.
 */

/** A file that takes longer than this is given up (a .doc conversion may take a minute). */
export const FILE_TIMEOUT_MS = 120_000;
/** Heap of one worker: a runaway file ends its worker, not the process. */
const WORKER_HEAP_MB = 1536;

/** The default --jobs: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Supported files under a folder, sorted by path; hidden entries and node_modules are skipped. */
async function walk(dir: string, seen: Set<string>, out: string[]): Promise<void> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => byCodePoint(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const info = await stat(path).catch(() => undefined);
      isDir = Boolean(info?.isDirectory());
      isFile = Boolean(info?.isFile());
    }
    if (isDir) await walk(path, seen, out);
    else if (isFile && sourceFormatOf(path)) out.push(path);
  }
}

/**
 * The files to check, in the order given: a folder becomes its supported files (recursively,
 * sorted); a file is kept whatever it is (an unsupported or missing one becomes a failed row).
 * A file reached twice is listed once.
 */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    const found: string[] = [];
    if (info?.isDirectory()) await walk(input, seenDirs, found);
    else found.push(input);
    for (const file of found) {
      const key = resolve(file);
      if (seenFiles.has(key)) continue;
      seenFiles.add(key);
      files.push(file);
    }
  }
  return files;
}

export const SUPPORTED = Object.keys(SOURCE_EXTENSIONS).join(", ");

/**
 * The worker script. From the bundle (dist/gov-report.mjs and its chunks, all in dist/) it is
 * the bundled worker beside it; from the TypeScript sources (tsx, vitest) it is the loader that
 * takes that bundle when it is up to date and the sources through tsx otherwise.
 */
function workerScript(): URL {
  return import.meta.url.endsWith(".mjs") ? new URL("./gov-report-worker.mjs", import.meta.url) : new URL("./batch-worker.mjs", import.meta.url);
}

interface Slot {
  worker: Worker;
  task?: { index: number; file: string; timer: NodeJS.Timeout };
}

/**
 * Checks the files, `jobs` at a time, and returns one row per file in the order given.
 * `onRow` is called as each file is done (in completion order). One job runs in this thread.
 */
export async function checkFiles(
  files: string[],
  options: {
    jobs: number;
    onRow?: (row: SummaryRow, done: number) => void;
    /** The deployment's rule levels (`--rules`). */
    ruleLevels?: RuleLevels;
    /** For tests: another worker script, another time limit. */
    workerScript?: URL;
    timeoutMs?: number;
  },
): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = new Array(files.length);
  let done = 0;
  const finish = (index: number, row: SummaryRow) => {
    rows[index] = row;
    done++;
    options.onRow?.(row, done);
  };
  const jobs = Math.max(1, Math.min(options.jobs, files.length));
  if (jobs === 1) {
    for (let i = 0; i < files.length; i++) finish(i, await summarizeFile(files[i], options.ruleLevels));
    return rows;
  }

  let next = 0;
  const script = options.workerScript ?? workerScript();
  const timeoutMs = options.timeoutMs ?? FILE_TIMEOUT_MS;
  return new Promise<SummaryRow[]>((resolvePool) => {
    const slots = new Set<Slot>();
    const settleIfDone = () => {
      if (done < files.length) return;
      for (const slot of slots) void slot.worker.terminate();
      slots.clear();
      resolvePool(rows);
    };
    const assign = (slot: Slot) => {
      if (next >= files.length) {
        slots.delete(slot);
        void slot.worker.terminate();
        settleIfDone();
        return;
      }
      const index = next++;
      const file = files[index];
      const timer = setTimeout(() => fail(slot, `timed out after ${timeoutMs / 1000} s`), timeoutMs);
      slot.task = { index, file, timer };
      slot.worker.postMessage({ index, file });
    };
    /** The slot's worker is unusable: its file fails, a fresh worker takes the rest. */
    const fail = (slot: Slot, reason: string) => {
      if (!slots.has(slot)) return;
      slots.delete(slot);
      void slot.worker.terminate();
      const task = slot.task;
      slot.task = undefined;
      if (task) {
        clearTimeout(task.timer);
        finish(task.index, failedRow(task.file, sourceFormatOf(task.file) ?? "", reason));
      }
      if (next < files.length) spawn();
      settleIfDone();
    };
    const spawn = () => {
      const worker = new Worker(script, {
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
        stdout: false,
        stderr: false,
        workerData: { ruleLevels: options.ruleLevels },
      });
      const slot: Slot = { worker };
      slots.add(slot);
      worker.on("message", (message: { index: number; row: SummaryRow }) => {
        const task = slot.task;
        if (!task || task.index !== message.index) return;
        clearTimeout(task.timer);
        slot.task = undefined;
        finish(task.index, message.row);
        assign(slot);
      });
      worker.on("error", (error) => fail(slot, `internal error: the worker failed (${error.message.split("\n")[0]})`));
      worker.on("exit", (code) => fail(slot, `internal error: the worker stopped (exit ${code})`));
      assign(slot);
    };
    for (let i = 0; i < jobs; i++) spawn();
  });
}

/** The progress bar: `\r[#####     ] 123/1000` on a terminal, redrawn at most every 100 ms. */
export function progressBar(write: (text: string) => void, total: number, width = 30): { update: (done: number) => void; end: () => void } {
  let last = -Infinity;
  let shown = -1;
  const draw = (done: number) => {
    const filled = total ? Math.round((done / total) * width) : width;
    write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total}`);
    shown = done;
  };
  return {
    update(done) {
      const now = performance.now();
      if (done === total || now - last >= 100) {
        last = now;
        draw(done);
      }
    },
    end() {
      if (shown !== total) draw(total);
      write("\n");
    },
  };
}

/** The final line: how many files, how fast, how they fared. */
export function batchLine(rows: SummaryRow[], seconds: number): string {
  const failed = rows.filter((r) => r.status === "failed").length;
  const withErrors = rows.filter((r) => r.status === "errors").length;
  const rate = seconds > 0 ? rows.length / seconds : 0;
  return `checked ${rows.length} files in ${seconds.toFixed(1)} s (${rate.toFixed(1)} files/s): ${rows.length - failed - withErrors} without errors, ${withErrors} with errors, ${failed} could not be checked`;
}

/** Exit status of a batch: 2 when some file could not be checked, else 1 when some has errors. */
export function batchExitCode(rows: SummaryRow[]): number {
  if (rows.some((r) => r.status === "failed")) return 2;
  return rows.some((r) => r.status === "errors") ? 1 : 0;
}
