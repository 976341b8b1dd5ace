"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteDraftAction } from "@/lib/server/reports/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

export interface DeleteDraftDialogProps {
  reportId: string;
  agency: string;
  year: number;
}

const OFFLINE = "无法连接服务器，没有删除。请检查网络后重试。";

/**
 * 删除草稿 for a draft never submitted (the list shows it only then; the server re-checks): a
 * dialog names the agency and year and says it cannot be undone. Success goes back to the list
 * with a message (the action redirects); a refusal stays in the dialog and refreshes the list,
 * so a report submitted meanwhile shows its new status.
 */
export function DeleteDraftDialog({ reportId, agency, year }: DeleteDraftDialogProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const name = `${agency} ${year} 年度报告`;

  function confirm() {
    setError(null);
    startTransition(async () => {
      try {
        const result = await deleteDraftAction({ reportId });
        if (result && !result.ok) {
          setError(result.message);
          router.refresh();
        }
      } catch {
        setError(OFFLINE);
      }
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        if (!next) setError(null);
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="delete-draft">
          删除草稿<span className="sr-only">{name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>删除草稿</DialogTitle>
          <DialogDescription>
            确定删除「{name}」的草稿吗？草稿的内容和批注将被删除，<strong className="font-semibold text-foreground">删除后无法恢复</strong>。
          </DialogDescription>
        </DialogHeader>
        <p className="text-muted-foreground">删除会记入审计记录。删除后，本机关可以重新新建 {year} 年度的报告。</p>
        <div aria-live="polite">
          {error && (
            <Alert variant="danger" role="alert" className="mt-4">
              {error}
            </Alert>
          )}
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" disabled={pending}>
              取消
            </Button>
          </DialogClose>
          <Button variant="danger" onClick={confirm} disabled={pending} data-testid="delete-draft-confirm">
            {pending ? "正在删除…" : "确认删除"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
