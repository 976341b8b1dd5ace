import { sameDraftValue } from "@/lib/wizard/merge-drafts";

/**
 * A copy of the draft in the browser's localStorage, written on every change and removed once the
 * server has the same content, so a closed tab, a crash or a lost connection loses no typing.
 */
export interface LocalBackup {
  /** The server version the draft was based on. */
  version: number;
  /** When the backup was written (ISO time, browser clock). */
  savedAt: string;
  content: unknown;
  /** The content last saved successfully: the base for a three-way merge if the server moved on. */
  base: unknown;
}

export function backupKey(reportId: string): string {
  return `gov-report:draft:${reportId}`;
}

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function readBackup(storage: StorageLike | undefined, reportId: string): LocalBackup | null {
  try {
    const text = storage?.getItem(backupKey(reportId));
    if (!text) return null;
    const backup = JSON.parse(text) as LocalBackup;
    return typeof backup?.version === "number" && typeof backup.savedAt === "string" && backup.content ? backup : null;
  } catch {
    return null;
  }
}

/** False when the browser refused (private mode, quota): the caller tells the user. */
export function writeBackup(storage: StorageLike | undefined, reportId: string, backup: LocalBackup): boolean {
  try {
    storage?.setItem(backupKey(reportId), JSON.stringify(backup));
    return Boolean(storage);
  } catch {
    return false;
  }
}

export function clearBackup(storage: StorageLike | undefined, reportId: string): void {
  try {
    storage?.removeItem(backupKey(reportId));
  } catch {
    // Nothing to do: a backup that cannot be removed is offered again and can be discarded then.
  }
}

/**
 * Whether to offer 恢复本地暂存: the backup holds something the server does not, and it is newer —
 * based on the server's current version (so the changes never reached it), or written after the
 * server's last save.
 */
export function shouldOfferRestore(backup: LocalBackup | null, server: { version: number; content: unknown; updatedAt: string }): boolean {
  if (!backup || sameDraftValue(backup.content, server.content)) return false;
  return backup.version >= server.version || Date.parse(backup.savedAt) > Date.parse(server.updatedAt);
}
