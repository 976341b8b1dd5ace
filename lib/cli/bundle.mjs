// Whether the CLI bundle (scripts/build-cli.mjs → dist/gov-report.mjs, dist/gov-report-worker.mjs
// and their chunks) is up to date: it exists and is newer than every source it was built from,
// as listed in dist/gov-report.inputs.json. Plain JavaScript, so that the bin and the worker
// loader can ask before anything is compiled; a few milliseconds of stat calls.
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The file URL of dist/<name>.mjs when it is at least as new as every source it lists, else
 * null. GOV_REPORT_CLI_BUNDLE=0 always says null (run the sources through tsx).
 */
export function freshBundle(name) {
  if (process.env.GOV_REPORT_CLI_BUNDLE === "0") return null;
  try {
    const bundle = join(ROOT, "dist", `${name}.mjs`);
    const built = statSync(bundle).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(join(ROOT, "dist", "gov-report.inputs.json"), "utf8"));
    for (const input of inputs) if (statSync(join(ROOT, input)).mtimeMs > built) return null;
    return pathToFileURL(bundle).href;
  } catch {
    return null;
  }
}
