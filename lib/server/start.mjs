// `npm start`: builds the app when no production build exists yet, then serves it on PORT
// (default 3000). The server applies migrations and seeds demo data when it starts
// (instrumentation.ts), so one command gives a working app on the embedded database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
const port = process.env.PORT ?? "3000";

// The render workers' bundle (dist/render-worker.mjs) is cheap to rebuild and must match the code.
const worker = spawnSync(process.execPath, ["scripts/build-render-worker.mjs"], { stdio: "inherit" });
if (worker.status !== 0) process.exit(worker.status ?? 1);

if (!existsSync(".next/BUILD_ID")) {
  console.log("[gov-report] 首次启动：正在构建生产版本（约需一两分钟）…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [nextBin, "start", "-p", port, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
console.log(`[gov-report] http://localhost:${port}`);
