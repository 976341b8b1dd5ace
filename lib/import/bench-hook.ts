import { largestSeed } from "./fixtures/seed-texts";
import { importReport } from "./import-report";
import type { ImportOutcome } from "./types";

/** Target for one warm import of the largest seed text (issue 9). */
export const IMPORT_GOAL_MS = 20;

/**
 * The benchmark hook for `npm run bench`: returns the function to time — one import of the
 * largest seed text, read once beforehand so only parsing and mapping are measured.
 */
export function importBenchmark(): { name: string; goalMs: number; run: () => ImportOutcome } {
  const { name, text } = largestSeed();
  return { name: `import ${name}.txt (${text.length} characters)`, goalMs: IMPORT_GOAL_MS, run: () => importReport({ kind: "text", text }) };
}
