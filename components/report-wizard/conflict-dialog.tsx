"use client";

import { useMemo, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describePath } from "@/lib/report/describe-input-issue";
import { formatDateTime } from "@/lib/utils/format-date-time";
import { useAutosaveState, useWizard } from "./wizard-context";

/** A value as the dialog shows it: a number, a short text, or 空白. */
function shownValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "空白";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 30 ? `「${text.slice(0, 30)}…」` : `「${text}」`;
}

/** The leaf paths under `path` where two values differ (a table changed as a whole lists its cells). */
function differingLeaves(path: string, mine: unknown, theirs: unknown, out: { path: string; mine: unknown; theirs: unknown }[] = []) {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObject(mine) || isObject(theirs)) {
    const a = isObject(mine) ? mine : {};
    const b = isObject(theirs) ? theirs : {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differingLeaves(`${path}.${key}`, a[key], b[key], out);
  } else if (JSON.stringify(mine ?? null) !== JSON.stringify(theirs ?? null)) out.push({ path, mine, theirs });
  return out;
}

function PathList({
  paths,
  format,
  values,
  theirs = "对方",
}: {
  paths: string[];
  format: "2019" | "2021";
  /** For each path, this window's value and the other version's: what differs, not only where. */
  values?: (path: string) => { mine: unknown; theirs: unknown } | null;
  theirs?: string;
}) {
  const items = paths.flatMap((path) => {
    const v = values?.(path);
    if (!v) return [{ path, mine: undefined as unknown, theirs: undefined as unknown, known: false }];
    const leaves = differingLeaves(path, v.mine, v.theirs);
    return leaves.length ? leaves.map((leaf) => ({ ...leaf, known: true })) : [{ path, ...v, known: true }];
  });
  const entries = [...new Map(items.map((item) => [describePath(item.path, format) ?? item.path, item])).entries()];
  const shown = entries.slice(0, 8);
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-6 text-base">
      {shown.map(([name, item]) => (
        <li key={name}>
          {name}
          {item.known && `：本窗口为${shownValue(item.mine)}，${theirs}为${shownValue(item.theirs)}`}
        </li>
      ))}
      {entries.length > shown.length && <li>等共 {entries.length} 处</li>}
    </ul>
  );
}

/**
 * A save was refused because someone else saved first (409). Autosave has stopped; the user
 * chooses: 重新载入 (take theirs, drop mine) or 合并 (theirs where I changed nothing since my last
 * save, mine where I did). Nothing is overwritten without this choice.
 */
export function ConflictDialog() {
  const { autosave, report } = useWizard();
  const state = useAutosaveState();
  const [dismissedFor, setDismissedFor] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const conflict = state.conflict;
  // Recomputed when a new conflict arrives; the user's typing is paused while the dialog is open.
  const preview = useMemo(() => (conflict ? autosave?.previewMerge() ?? null : null), [conflict, autosave]);
  if (!autosave) return null;

  const open = Boolean(conflict) && dismissedFor !== conflict?.currentVersion;
  const self = conflict?.bySelf === true;
  const who = self ? "您在另一个窗口" : (conflict?.updatedBy ?? "其他用户");
  const values = (path: string) => autosave?.conflictValues(path) ?? null;
  const theirs = self ? "另一个窗口" : "对方";
  const when = conflict?.updatedAt ? formatDateTime(conflict.updatedAt) : "";

  const merge = async () => {
    setBusy(true);
    try {
      await autosave.merge();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {conflict && !open && (
        <Alert variant="warning" role="alert">
          <AlertTitle variant="warning">{self ? "本报告已在您的另一个窗口中修改" : `本报告已被${who}修改`}，自动保存已暂停</AlertTitle>
          <AlertDescription className="mt-2 flex flex-wrap items-center gap-3">
            <span>您的修改已在本机暂存，请选择如何处理。</span>
            <Button size="sm" onClick={() => setDismissedFor(null)}>
              处理冲突
            </Button>
          </AlertDescription>
        </Alert>
      )}
      {state.mergedConflicts.length > 0 && state.status === "saved" && (
        <Alert variant="info" role="status">
          <AlertTitle variant="info">已合并并保存</AlertTitle>
          <AlertDescription>
            以下内容您和{who === "其他用户" ? "对方" : who}都修改过，已保留您的内容，请核对：
            <PathList paths={state.mergedConflicts} format={report.format} />
          </AlertDescription>
        </Alert>
      )}
      <Dialog open={open} onOpenChange={(next) => !next && conflict && setDismissedFor(conflict.currentVersion)}>
        <DialogContent className="max-w-xl">
          <DialogHeader>
            <DialogTitle>{self ? "本报告已在您的另一个窗口中修改" : "本报告已被他人修改"}</DialogTitle>
            <DialogDescription>
              {self
                ? `您于 ${when} 在另一个窗口（或另一台设备）保存了新的版本。为避免覆盖那次修改，自动保存已暂停；本窗口的修改已在本机暂存。`
                : `${who}于 ${when} 保存了新的版本。为避免覆盖对方的修改，自动保存已暂停；您的修改已在本机暂存。`}
            </DialogDescription>
          </DialogHeader>
          {preview && (
            <div className="space-y-3 text-base">
              {preview.localChanges.length ? (
                <div>
                  <p className="font-medium">「合并」会保留您上次保存后修改的内容，其余采用{who}的版本。您修改的内容：</p>
                  <PathList paths={preview.localChanges} format={report.format} values={values} theirs={theirs} />
                </div>
              ) : (
                <p>您上次保存后没有新的修改，「合并」等同于载入{who}的版本。</p>
              )}
              {preview.conflicts.length > 0 && (
                <Alert variant="warning">
                  <AlertTitle variant="warning">以下内容两个版本都修改过，合并时保留本窗口的内容：</AlertTitle>
                  <PathList paths={preview.conflicts} format={report.format} values={values} theirs={theirs} />
                </Alert>
              )}
            </div>
          )}
          <DialogFooter>
            <Button variant="outline" onClick={() => autosave.reload()} disabled={busy}>
              重新载入（放弃我的修改）
            </Button>
            <Button onClick={merge} disabled={busy}>
              {busy ? "正在合并…" : "合并"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
