import { statSync } from "node:fs";
import { buildDocument } from "../../document/build-document";
import { renderPdf } from "../../render/pdf/render-pdf";
import { loadSeed, SEED_NAMES, seedPath } from "../../test-support/seeds";
import { mapDocument } from "../map/map-document";
import type { ImportOutcome } from "../types";
import { parsePdf } from "./parse-pdf";

/** Target for one warm PDF import (parse + map) of the largest seed (issue 9). */
export const PDF_IMPORT_GOAL_MS = 200;

/**
 * A benchmark hook for `npm run bench`, like lib/import/bench-hook.ts but asynchronous: the
 * largest seed (by its JSON) rendered by our PDF renderer once beforehand, then timed from the
 * PDF's bytes to the interchange JSON.
 */
export async function pdfImportBenchmark(): Promise<{ name: string; goalMs: number; run: () => Promise<ImportOutcome> }> {
  const name = SEED_NAMES.reduce((a, b) => (statSync(seedPath(b)).size > statSync(seedPath(a)).size ? b : a));
  const bytes = new Uint8Array(await renderPdf(buildDocument(loadSeed(name))));
  await parsePdf(bytes); // loads pdf.js
  return {
    name: `import ${name}.pdf (${bytes.length} bytes)`,
    goalMs: PDF_IMPORT_GOAL_MS,
    run: async () => mapDocument(await parsePdf(bytes)),
  };
}
