// The batch worker as started from the TypeScript sources (tsx, vitest): the bundled worker
// when it is up to date, else lib/cli/batch-worker.ts through tsx.
import { freshBundle } from "./bundle.mjs";

const bundle = freshBundle("gov-report-worker");
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./batch-worker.ts");
}
