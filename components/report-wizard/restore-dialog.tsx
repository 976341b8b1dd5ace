"use client";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { mergeDrafts } from "@/lib/wizard/merge-drafts";
import type { TReportInput } from "@/lib/report/schema";
import { formatDateTime } from "@/lib/utils/format-date-time";
import { clearBackup, type LocalBackup } from "./local-backup";
import type { ServerDraft } from "./server-draft";
import { useWizard } from "./wizard-context";

/** 恢复本地暂存 or 丢弃 a copy this browser kept from an earlier visit (see WizardDialogs). */
export function RestoreDialog({ server, backup, onDone }: { server: ServerDraft; backup: LocalBackup; onDone: () => void }) {
  const { autosave, report } = useWizard();
  if (!autosave) return null;

  const discard = () => {
    clearBackup(window.localStorage, report.id);
    onDone();
  };
  const restore = () => {
    // Based on an older version: merge, so the other person's later changes survive.
    const content =
      backup.version === server.version
        ? (backup.content as TReportInput)
        : mergeDrafts(backup.base as TReportInput, backup.content as TReportInput, server.content).merged;
    autosave.restore(content);
    onDone();
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onDone()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>发现本机暂存的修改</DialogTitle>
          <DialogDescription>
            本机在 {formatDateTime(backup.savedAt)} 暂存了尚未保存到服务器的修改（服务器上的版本保存于 {formatDateTime(server.updatedAt)}
            {server.updatedBy ? `，保存人：${server.updatedBy}` : ""}）。
          </DialogDescription>
        </DialogHeader>
        <p className="text-base">
          {backup.version === server.version
            ? "恢复后将用暂存的内容继续填报，并自动保存。"
            : "服务器上的版本在暂存之后又被修改过。恢复时会合并：保留您暂存的修改，其余采用服务器上的版本。"}
        </p>
        <DialogFooter>
          <Button variant="outline" onClick={discard}>
            丢弃
          </Button>
          <Button onClick={restore}>恢复本地暂存</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
