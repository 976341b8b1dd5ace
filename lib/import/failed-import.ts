import type { ImportOutcome } from "./types";

/** The outcome of an import that failed inside the importer: nothing read, one problem saying why. */
export function failedImport(error: unknown): ImportOutcome {
  return {
    report: {},
    provenance: {},
    deviations: [],
    unplaced: [],
    problems: [{ code: "import.internal-error", message: `导入失败：${error instanceof Error ? error.message : String(error)}` }],
    detected: {},
  };
}
