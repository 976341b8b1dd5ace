/**
 * The production server under test: `next start` from an existing build, on a free loopback
 * port, with its own database; its memory (VmRSS of the process tree) and CPU time from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const HOST = "127.0.0.1";

/** A port the kernel says is free on the loopback address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function nextBin(appDir: string): string {
  return join(appDir, "node_modules", "next", "dist", "bin", "next");
}

/** Makes sure a production build exists in appDir (`npm run build` when allowed), and describes it. */
export function ensureBuild(appDir: string, buildIfMissing: boolean, log: (line: string) => void): string {
  const buildId = join(appDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) {
    if (!buildIfMissing) {
      throw new Error(`no production build in ${appDir} (.next/BUILD_ID is missing): run \`npm run build\` there first, or leave GOV_REPORT_BENCH_BUILD unset to build it`);
    }
    log(`no production build in ${appDir}: running \`npm run build\` (a minute or two) …`);
    const build = spawnSync("npm", ["run", "build"], { cwd: appDir, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  return `${readFileSync(buildId, "utf8").trim()} (built ${statSync(buildId).mtime.toISOString()})`;
}

/** The pid and every descendant, from /proc (next start may fork workers). */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const result: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    result.push(pid);
    stack.push(...(parents.get(pid) ?? []));
  }
  return result;
}

/** VmRSS of the server and its children, in bytes (0 when gone). */
export function serverRss(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

/** CPU seconds (user + system) used so far by the server and its children. */
export function serverCpuSeconds(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // gone
    }
  }
  return total;
}

export interface RunningServer {
  pid: number;
  origin: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
  /** The last lines the server printed. */
  tail(lines?: number): string;
}

/** Starts `next start` with the given database environment and waits until /login answers. */
export async function startServer(options: { appDir: string; env: Record<string, string>; nodeArgs: string[]; logFile: string; timeoutMs: number }): Promise<RunningServer> {
  const port = await freePort();
  const origin = `http://${HOST}:${port}`;
  const log = createWriteStream(options.logFile);
  const child: ChildProcess = spawn(process.execPath, [...options.nodeArgs, nextBin(options.appDir), "start", "-p", String(port), "-H", HOST], {
    cwd: options.appDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...options.env,
      NODE_ENV: "production",
      PORT: String(port),
      BETTER_AUTH_URL: origin,
      NEXT_TELEMETRY_DISABLED: "1",
      GOV_REPORT_HIDE_DEMO_ACCOUNTS: "1",
    },
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once("exit", (code) => ((exited = code), resolve())));
  const tail = (lines = 30) => {
    try {
      return readFileSync(options.logFile, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  };
  const stop = async () => {
    if (exited === undefined) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exit;
      clearTimeout(killer);
    }
    log.end();
  };

  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`the server exited (code ${exited}) before answering:\n${tail()}`);
    try {
      const response = await fetch(`${origin}/login`, { signal: AbortSignal.timeout(5000), redirect: "manual" });
      await response.arrayBuffer();
      if (response.status === 200) return { pid: child.pid!, origin, port, logFile: options.logFile, stop, tail };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the server did not answer at ${origin}/login within ${options.timeoutMs} ms:\n${tail()}`);
}
