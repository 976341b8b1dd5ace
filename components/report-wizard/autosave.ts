import { mergeDrafts, sameDraftValue, type MergeResult } from "@/lib/wizard/merge-drafts";
import type { TReportInput } from "@/lib/report/schema";
import { clearBackup, writeBackup } from "./local-backup";

/** Quiet time after the last change before saving. */
export const AUTOSAVE_DELAY_MS = 800;
/** Retry delays after a failed save (network, server error), growing to the last one. */
const RETRY_DELAYS_MS = [3_000, 10_000, 30_000, 60_000];
/**
 * The local backup is written at most this long after a change: serializing the whole report on
 * every keystroke would eat into the frame the live check needs.
 */
const BACKUP_DELAY_MS = 150;
/** Where the browser can say when it is idle, the backup waits for that, but never longer than this. */
const BACKUP_MAX_DELAY_MS = 1000;

/**
 * Runs `run` once the browser is idle (requestIdleCallback, at most BACKUP_MAX_DELAY_MS later),
 * else after BACKUP_DELAY_MS: writing the backup (the whole draft as JSON into localStorage)
 * then falls between keystrokes instead of holding one up. Returns the cancel function.
 */
function whenIdle(run: () => void): () => void {
  const idle = globalThis as { requestIdleCallback?: (run: () => void, options: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
  if (typeof idle.requestIdleCallback === "function") {
    const id = idle.requestIdleCallback(run, { timeout: BACKUP_MAX_DELAY_MS });
    return () => idle.cancelIdleCallback?.(id);
  }
  const id = setTimeout(run, BACKUP_DELAY_MS);
  return () => clearTimeout(id);
}
/** Browsers cap keepalive request bodies at 64 KiB. */
const KEEPALIVE_LIMIT = 60_000;

export type SaveStatus =
  /** Nothing changed since the page opened. */
  | "idle"
  /** Changes wait for the debounce. */
  | "pending"
  | "saving"
  | "saved"
  /** The save failed (network, server, session); the draft is in localStorage and will be retried. */
  | "failed"
  /** The server refused the content (400): its message is shown. */
  | "invalid"
  /** Someone else saved in between (409 with the server's version): autosave stops until the user decides. */
  | "conflict"
  /** The report can no longer be edited (submitted meanwhile). */
  | "locked";

export interface ConflictInfo {
  message: string;
  currentVersion: number;
  updatedBy: string | null;
  /** The newer version was saved by the same account (another window, another device). */
  bySelf: boolean;
  updatedAt: string;
  content: TReportInput;
}

export interface AutosaveState {
  status: SaveStatus;
  /** ISO time of the last successful save. */
  savedAt: string | null;
  /** The server's message (invalid, locked, failed). */
  message: string | null;
  conflict: ConflictInfo | null;
  /** Whether the browser kept a local copy of the latest change. */
  backedUp: boolean;
  /** Fields both sides had changed in the last merge (user's value kept). */
  mergedConflicts: string[];
}

interface Options {
  reportId: string;
  version: number;
  /** The content as loaded from the server: the base of the first merge. */
  content: TReportInput;
  savedAt: string;
  getValues: () => TReportInput;
  /** Puts content into the form (reload or merge). */
  applyValues: (content: TReportInput) => void;
  storage?: Storage;
  fetchImpl?: typeof fetch;
}

/** Plain JSON of the form values (drops undefined, detaches from the form's objects). */
export function toContent(values: TReportInput): TReportInput {
  return JSON.parse(JSON.stringify(values)) as TReportInput;
}

/**
 * Saves the draft in the background: ≈800 ms after the last change, on step change and when the
 * page is hidden. One save is in flight at a time; changes made meanwhile are saved right after,
 * so the latest content always wins. A conflict stops autosaving — nothing is ever overwritten
 * silently — until the user reloads or merges.
 */
export class AutosaveController {
  private state: AutosaveState;
  private listeners = new Set<() => void>();
  private version: number;
  /** The content the server has from us (the base for a merge). */
  private base: TReportInput;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Cancels the pending local backup (whenIdle), if one is pending. */
  private cancelBackup: (() => void) | null = null;
  private inFlight: Promise<void> | null = null;
  private dirty = false;
  private stopped = false;
  private failures = 0;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: Options) {
    this.version = options.version;
    this.base = toContent(options.content);
    this.fetchImpl = options.fetchImpl ?? ((...args) => fetch(...args));
    this.state = { status: "idle", savedAt: options.savedAt, message: null, conflict: null, backedUp: false, mergedConflicts: [] };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AutosaveState => this.state;

  /** The server's version of the content this browser last saved or loaded (submitting names it). */
  get currentVersion(): number {
    return this.version;
  }

  /** Whether there are changes the server does not have yet. */
  hasUnsavedChanges(): boolean {
    return this.dirty || this.inFlight !== null || this.state.status === "conflict" || this.state.status === "failed";
  }

  private set(patch: Partial<AutosaveState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private backup(content: TReportInput) {
    const backedUp = writeBackup(this.options.storage, this.options.reportId, {
      version: this.version,
      savedAt: new Date().toISOString(),
      content,
      base: this.base,
    });
    if (backedUp !== this.state.backedUp) this.set({ backedUp });
  }

  /** Writes the pending local backup now (before the page goes away, before a save). */
  flushBackup(): void {
    if (!this.cancelBackup) return;
    this.cancelBackup();
    this.cancelBackup = null;
    this.backup(toContent(this.options.getValues()));
  }

  /** Called on every change of the form. */
  notifyChange(): void {
    this.dirty = true;
    this.cancelBackup ??= whenIdle(() => {
      this.cancelBackup = null;
      this.backup(toContent(this.options.getValues()));
    });
    if (this.stopped) return;
    if (this.state.status !== "pending" && this.state.status !== "saving") this.set({ status: "pending", mergedConflicts: [] });
    this.schedule(AUTOSAVE_DELAY_MS);
  }

  private schedule(delay: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, delay);
  }

  /** Saves now (step change, download, page hide) and resolves when the server has the latest content. */
  async flush(options: { keepalive?: boolean } = {}): Promise<AutosaveState> {
    this.flushBackup();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // A save in flight may be followed by another for changes made meanwhile.
    while (!this.stopped && (this.inFlight || this.dirty)) {
      if (this.inFlight) await this.inFlight;
      else await this.save(options);
      if (this.state.status === "failed" || this.state.status === "invalid") break;
    }
    return this.state;
  }

  private save(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.send(options).finally(() => {
      this.inFlight = null;
      if (this.dirty && !this.stopped && this.state.status !== "invalid" && this.state.status !== "failed") this.schedule(0);
    });
    return this.inFlight;
  }

  private async send({ keepalive }: { keepalive?: boolean }): Promise<void> {
    this.flushBackup();
    const content = toContent(this.options.getValues());
    this.dirty = false;
    if (sameDraftValue(content, this.base)) {
      clearBackup(this.options.storage, this.options.reportId);
      this.set({ status: this.state.status === "idle" ? "idle" : "saved", message: null, backedUp: false });
      return;
    }
    this.set({ status: "saving", message: null });
    const body = JSON.stringify({ version: this.version, content });
    let response: Response;
    try {
      response = await this.fetchImpl(`/api/reports/${encodeURIComponent(this.options.reportId)}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body,
        keepalive: Boolean(keepalive) && body.length < KEEPALIVE_LIMIT,
      });
    } catch {
      return this.failed(null);
    }
    let data: Record<string, unknown> = {};
    try {
      data = (await response.json()) as Record<string, unknown>;
    } catch {
      // A response without JSON is handled by its status below.
    }
    const error = (data.error ?? {}) as Record<string, unknown>;
    if (response.ok && typeof data.version === "number") {
      this.version = data.version;
      this.base = content;
      this.failures = 0;
      const unchanged = sameDraftValue(toContent(this.options.getValues()), content);
      if (unchanged) clearBackup(this.options.storage, this.options.reportId);
      else this.dirty = true;
      this.set({ status: unchanged ? "saved" : "pending", savedAt: String(data.savedAt ?? new Date().toISOString()), message: null, backedUp: !unchanged });
      return;
    }
    this.dirty = true;
    if (response.status === 409 && error.code === "CONFLICT") {
      this.stopped = true;
      if (typeof error.currentVersion === "number") {
        this.set({
          status: "conflict",
          message: String(error.message ?? ""),
          conflict: {
            message: String(error.message ?? "本报告已被他人修改。"),
            currentVersion: error.currentVersion,
            updatedBy: typeof error.updatedBy === "string" ? error.updatedBy : null,
            bySelf: error.bySelf === true,
            updatedAt: String(error.updatedAt ?? ""),
            content: error.content as TReportInput,
          },
        });
      } else {
        this.set({ status: "locked", message: String(error.message ?? "报告已不能修改。") });
      }
      return;
    }
    // The content itself is refused (a field the server names, or too large): saving the same
    // content again cannot succeed, so wait for the user's next change instead of retrying.
    if (response.status === 400 || response.status === 413 || response.status === 422) {
      this.set({ status: "invalid", message: String(error.message ?? "提交的内容不正确。") });
      return;
    }
    if (response.status === 401) return this.failed("登录已过期，修改已在本机暂存。请在新窗口重新登录后回到本页。");
    if (response.status === 403 || response.status === 404) {
      this.stopped = true;
      this.set({ status: "locked", message: String(error.message ?? "您已无权修改本报告。") });
      return;
    }
    return this.failed(typeof error.message === "string" ? error.message : null);
  }

  private failed(message: string | null) {
    this.dirty = true;
    this.set({ status: "failed", message });
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)];
    this.failures++;
    this.schedule(delay);
  }

  /** After a 400 the next change retries; this retries now (the 重试 button). */
  retry(): void {
    this.dirty = true;
    void this.save();
  }

  /** 重新载入: take the server's version, discarding local changes. */
  reload(): void {
    const conflict = this.state.conflict;
    if (!conflict) return;
    this.options.applyValues(conflict.content);
    this.version = conflict.currentVersion;
    this.base = toContent(conflict.content);
    this.dirty = false;
    this.stopped = false;
    clearBackup(this.options.storage, this.options.reportId);
    this.set({ status: "saved", savedAt: conflict.updatedAt, conflict: null, message: null, backedUp: false, mergedConflicts: [] });
  }

  /** What 合并 would do, for the dialog. */
  /** The values of a path in this window's draft and in the newer saved version, for the conflict dialog. */
  conflictValues(path: string): { mine: unknown; theirs: unknown } | null {
    const conflict = this.state.conflict;
    if (!conflict) return null;
    const at = (root: unknown) => path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
    return { mine: at(toContent(this.options.getValues())), theirs: at(toContent(conflict.content)) };
  }

  previewMerge(): MergeResult<TReportInput> | null {
    const conflict = this.state.conflict;
    return conflict ? mergeDrafts(this.base, toContent(this.options.getValues()), toContent(conflict.content)) : null;
  }

  /**
   * 合并: the server's values where the user changed nothing since the last successful save, the
   * user's where they did; then save on top of the server's version.
   */
  async merge(): Promise<MergeResult<TReportInput> | null> {
    const conflict = this.state.conflict;
    const result = this.previewMerge();
    if (!conflict || !result) return null;
    this.options.applyValues(result.merged);
    this.version = conflict.currentVersion;
    this.base = toContent(conflict.content);
    this.stopped = false;
    this.dirty = true;
    this.set({ conflict: null, status: "pending", message: null, mergedConflicts: result.conflicts });
    this.backup(toContent(result.merged));
    await this.flush();
    if (this.state.status === "saved") this.set({ mergedConflicts: result.conflicts });
    return result;
  }

  /** Restoring a local backup: its content becomes the form's, saved on the current server version. */
  restore(content: TReportInput): void {
    this.options.applyValues(content);
    this.notifyChange();
  }

  dispose(): void {
    this.flushBackup();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }
}
