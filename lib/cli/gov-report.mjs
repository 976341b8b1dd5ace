#!/usr/bin/env node
// The `gov-report` command. It runs the bundle of the CLI (dist/gov-report.mjs, built by
// scripts/build-cli.mjs on `npm ci` and `npm run build`) while that is newer than its sources,
// and otherwise compiles the TypeScript sources on the fly with tsx, so edits work without a
// rebuild (at the cost of a slower start). GOV_REPORT_CLI_BUNDLE=0 forces the sources.
import { freshBundle } from "./bundle.mjs";

// `gov-report … | head` closes stdout early: stop quietly instead of with an EPIPE stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const bundle = freshBundle("gov-report");
let main;
if (bundle) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("./main.ts"));
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});
