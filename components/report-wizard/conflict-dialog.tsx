"use client";

import { useMemo, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describePath } from "@/lib/report/describe-input-issue";
import { formatDateTime } from "@/lib/utils/format-date-time";
import { useAutosaveState, useWizard } from "./wizard-context";

function PathList({ paths, format }: { paths: string[]; format: "2019" | "2021" }) {
  const names = [...new Set(paths.map((p) => describePath(p, format) ?? p))];
  const shown = names.slice(0, 8);
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-6 text-base">
      {shown.map((name) => (
        <li key={name}>{name}</li>
      ))}
      {names.length > shown.length && <li>等共 {names.length} 处</li>}
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
  const who = conflict?.updatedBy ?? "其他用户";
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
          <AlertTitle variant="warning">本报告已被{who}修改，自动保存已暂停</AlertTitle>
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
            <DialogTitle>本报告已被他人修改</DialogTitle>
            <DialogDescription>
              {who}于 {when} 保存了新的版本。为避免覆盖对方的修改，自动保存已暂停；您的修改已在本机暂存。
            </DialogDescription>
          </DialogHeader>
          {preview && (
            <div className="space-y-3 text-base">
              {preview.localChanges.length ? (
                <div>
                  <p className="font-medium">「合并」会保留您上次保存后修改的内容，其余采用{who}的版本。您修改的内容：</p>
                  <PathList paths={preview.localChanges} format={report.format} />
                </div>
              ) : (
                <p>您上次保存后没有新的修改，「合并」等同于载入{who}的版本。</p>
              )}
              {preview.conflicts.length > 0 && (
                <Alert variant="warning">
                  <AlertTitle variant="warning">以下内容双方都修改过，合并时保留您的内容：</AlertTitle>
                  <PathList paths={preview.conflicts} format={report.format} />
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
