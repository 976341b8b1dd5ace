import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock";
import { openDatabase } from "./open-database";

const here = (file: string) => pathToFileURL(fileURLToPath(new URL(file, import.meta.url))).href;

/** Child scripts: take the lock (optionally by opening PGlite, as the server does), say so, idle. */
const HOLD_LOCK = `
const { lockDataDir } = await import(${JSON.stringify(here("./data-dir-lock.ts"))});
lockDataDir(process.env.LOCK_DIR);
console.log("ready " + process.pid);
setInterval(() => {}, 60_000);
`;
const OPEN_PGLITE = `
const { openDatabase } = await import(${JSON.stringify(here("./open-database.ts"))});
const db = await openDatabase({ kind: "pglite", dataDir: process.env.LOCK_DIR });
await db.prisma.agency.create({ data: { id: "a", name: "示例市人民政府", slug: "shili" } });
console.log("ready " + process.pid);
setInterval(() => {}, 60_000);
`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function nodeScript(script: string): string[] {
  // react-server: `server-only` (first import of every lib/server module) is then an empty module.
  return [process.execPath, "--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script];
}

/** Starts `command` and resolves with the pid the holder prints once it holds the lock. */
function startHolder(command: string[], dir: string): Promise<{ child: ChildProcess; holderPid: number }> {
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, LOCK_DIR: dir }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += String(chunk);
      const match = /ready (\d+)/.exec(output);
      if (match) resolve({ child, holderPid: Number(match[1]) });
    });
    child.on("exit", (code, signal) => reject(new Error(`lock holder exited early (${code ?? signal}): ${output}`)));
  });
}

function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
  } catch {
    return undefined;
  }
}

function procStartTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

const newDir = () => mkdtempSync(join(tmpdir(), "gov-report-lock-"));

describe("the data directory lock", () => {
  it("is taken over right after its PGlite holder is killed with SIGKILL, with no wait", async () => {
    const dir = newDir();
    const { child, holderPid } = await startHolder(nodeScript(OPEN_PGLITE), dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);

    child.kill("SIGKILL");
    // The killed process is still there (not yet torn down and reaped): the restart must not wait.
    expect(() => process.kill(holderPid, 0)).not.toThrow();
    const reopened = openDatabase({ kind: "pglite", dataDir: dir });
    const db = await reopened;
    expect(await db.prisma.agency.count()).toBe(1);
    await db.close();
  });

  it("is taken over from a killed holder its parent has not reaped yet (a zombie)", async () => {
    const dir = newDir();
    // The shell starts the holder, then becomes `sleep`, which never reaps it.
    const holderCommand = nodeScript(HOLD_LOCK)
      .map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`)
      .join(" ");
    const { holderPid } = await startHolder(["sh", "-c", `${holderCommand} & exec sleep 120`], dir);
    process.kill(holderPid, "SIGKILL");
    const deadline = Date.now() + 10_000;
    while (procState(holderPid) !== "Z" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(procState(holderPid)).toBe("Z");
    expect(() => process.kill(holderPid, 0)).not.toThrow();
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, "gov-report.lock"), "utf8")).pid).toBe(process.pid);
    release();
  });

  it("refuses a second process while the holder lives, and is taken over once it is gone", async () => {
    const dir = newDir();
    const { child, holderPid } = await startHolder(nodeScript(HOLD_LOCK), dir);
    let refusal: unknown;
    try {
      lockDataDir(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as DataDirLockedError).pid).toBe(holderPid);
    expect((refusal as Error).message).toBe(
      `数据目录 ${dir} 已被另一个进程（PID ${holderPid}）打开。PGlite 只允许一个进程使用同一数据目录：请先停止该进程，或用 DATA_DIR 指定其他目录。`,
    );

    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM"); // no exit handler runs: the lock file stays behind
    await exited;
    expect(JSON.parse(readFileSync(join(dir, "gov-report.lock"), "utf8")).pid).toBe(holderPid);
    lockDataDir(dir)();
  });

  it("does not mistake an unrelated process that reuses the holder's pid for the holder", async () => {
    const dir = newDir();
    const sleeper = spawn("sleep", ["120"], { stdio: "ignore" });
    children.push(sleeper);
    const pid = sleeper.pid!;
    const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const lockFile = join(dir, "gov-report.lock");

    writeFileSync(lockFile, JSON.stringify({ pid, startTime: procStartTime(pid), bootId }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);

    writeFileSync(lockFile, JSON.stringify({ pid, startTime: String(Number(procStartTime(pid)) - 1), bootId }));
    lockDataDir(dir)();

    writeFileSync(lockFile, JSON.stringify({ pid, startTime: procStartTime(pid), bootId: "an-earlier-boot" }));
    lockDataDir(dir)();
  });
});
