#!/usr/bin/env node
// The CLI is written in TypeScript; tsx compiles it on the fly so `npx gov-report` works after `npm ci`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
