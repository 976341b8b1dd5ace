import "server-only";
import { randomBytes } from "node:crypto";
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Thrown when another live process already holds the embedded database directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`数据目录 ${dataDir} 已被另一个进程（PID ${pid}）打开。PGlite 只允许一个进程使用同一数据目录：请先停止该进程，或用 DATA_DIR 指定其他目录。`);
  }
}

/**
 * Who holds a lock: the pid, and (on Linux) the process's start time in clock ticks since boot and
 * the boot id, so that a pid reused by an unrelated process after a crash or a reboot is not
 * mistaken for the holder. Older lock files hold only the pid.
 */
interface Holder {
  pid: number;
  startTime?: string;
  bootId?: string;
}

/** PF_EXITING in /proc/<pid>/stat's flags: the task has begun to exit and runs no more user code. */
const PF_EXITING = 0x4;
/** SIGKILL's bit in /proc/<pid>/status's pending-signal masks. */
const SIGKILL_BIT = 1n << 8n;

interface ProcStat {
  state: string;
  flags: number;
  startTime: string;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** /proc/<pid>/stat, or undefined without /proc (not Linux, or the process is gone). */
function procStat(pid: number | "self"): ProcStat | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (!text) return undefined;
  // "pid (comm) state ppid … flags(9) … starttime(22) …"; comm may contain spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0], flags: Number(fields[6]), startTime: fields[19] };
}

function bootId(): string | undefined {
  return readText("/proc/sys/kernel/random/boot_id")?.trim() || undefined;
}

/** SIGKILL is pending (sent, not yet acted on): the process is doomed and runs no more user code. */
function sigkillPending(pid: number): boolean {
  const status = readText(`/proc/${pid}/status`);
  if (!status) return false;
  return [/^ShdPnd:\s*([0-9a-f]+)$/m, /^SigPnd:\s*([0-9a-f]+)$/m].some((pattern) => {
    const mask = pattern.exec(status)?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) & SIGKILL_BIT) !== 0n;
  });
}

function ownIdentity(): Holder {
  return { pid: process.pid, startTime: procStat("self")?.startTime, bootId: bootId() };
}

function parseHolder(text: string): Holder | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const parsed = JSON.parse(trimmed) as Partial<Holder>;
    if (typeof parsed.pid === "number" && Number.isInteger(parsed.pid) && parsed.pid > 0) return parsed as Holder;
  } catch {
    // unreadable: treated as stale
  }
  return undefined;
}

/**
 * Whether the process that wrote the lock still runs and may still touch the data directory.
 * Dead: no such pid; a zombie or dead task ('Z', 'X'); a task that has begun exiting
 * (PF_EXITING) or has SIGKILL pending — right after a `kill -9` the pid stays visible until the
 * kernel has torn the process down and its parent has reaped it, but it runs no user code any
 * more, so it can no longer write; or a different process that reuses the pid (start time or boot
 * id differ). Without /proc only the pid's existence is checked.
 */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holderIsAlive(holder: Holder): boolean {
  if (!pidExists(holder.pid)) return false;
  const stat = procStat(holder.pid);
  if (!stat) return pidExists(holder.pid); // no /proc (not Linux), or the process has just gone
  if (holder.bootId && holder.bootId !== bootId()) return false;
  if (holder.startTime && holder.startTime !== stat.startTime) return false;
  if (stat.state === "Z" || stat.state === "X" || stat.state === "x") return false;
  if (stat.flags & PF_EXITING) return false;
  return !sigkillPending(holder.pid);
}

/**
 * Creates the lock file with its whole content at once: written to a private file, then hard-linked
 * into place (link fails with EEXIST when the lock exists), so nobody ever reads a half-written
 * lock. Filesystems without hard links fall back to an exclusive create. False when it exists.
 */
function createLock(path: string, content: string): boolean {
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, content, { flag: "wx" });
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  try {
    const fd = openSync(path, "wx");
    writeSync(fd, content);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * Removes the stale lock whose content was `stale`. It is first renamed aside (atomic), so that
 * when a competing process has meanwhile replaced the stale lock with its own live one, that one
 * is recognised by its content and put back instead of being deleted.
 */
function removeStaleLock(path: string, stale: string) {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    if (readFileSync(aside, "utf8") !== stale) linkSync(aside, path);
  } catch {
    // a third process created a lock meanwhile: it is the holder now
  } finally {
    rmSync(aside, { force: true });
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory: a lock file naming this process (pid, start
 * time, boot id), created atomically. A lock left by a process that is gone, dying (e.g. just
 * killed with SIGKILL) or replaced by an unrelated process with the same pid is taken over; a live
 * holder is refused with DataDirLockedError. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "gov-report.lock");
  const content = JSON.stringify(ownIdentity());
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLock(path, content)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        // Only our own lock: never one another process took over after deciding we were gone.
        if (readText(path) === content) rmSync(path, { force: true });
      };
      process.on("exit", release);
      return release;
    }
    const existing = readText(path);
    if (existing === undefined) continue; // released meanwhile
    const holder = parseHolder(existing);
    if (holder && holderIsAlive(holder)) throw new DataDirLockedError(dataDir, holder.pid);
    removeStaleLock(path, existing);
  }
  throw new Error(`could not lock ${dataDir}`);
}
