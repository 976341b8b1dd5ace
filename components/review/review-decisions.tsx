"use client";

import { NOTE_MAX_LENGTH } from "@/lib/comments/limits";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { approveReportAction, publishReportAction, returnReportAction, type WorkflowActionResult } from "@/lib/server/workflow/actions";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { PublicationDateNote } from "@/lib/workflow/report-date";
import { requiredText, type TransitionName } from "@/lib/workflow/transitions";
import { PublicationDateSummary } from "./publication-date-summary";

export interface ReviewDecisionsProps {
  reportId: string;
  /** Decisions the user may take now (availableTransitions; the server re-checks). */
  transitions: TransitionName[];
  /** Open comment threads; they go back to the editor with a return. */
  openComments: number;
  /** The latest publication, when the report was published before (the next one is a correction). */
  lastPublication: { revision: number; publishedText: string } | null;
  /** Where the public will read the report. */
  publicPath: string;
  /** The 成文日期 the publication will print (of the version it publishes); null when unreadable. */
  reportDate: PublicationDateNote | null;
}

type Decision = "return" | "approve" | "publish";

const OFFLINE = "无法连接服务器，操作没有完成。请检查网络后重试。";

/**
 * 退回修改 / 审核通过 / 发布. Each opens a dialog that says what will happen; a return needs a
 * reason and a correction needs a 更正说明 (checked here for a quick answer, and on the server).
 */
export function ReviewDecisions({ reportId, transitions, openComments, lastPublication, publicPath, reportDate }: ReviewDecisionsProps) {
  const router = useRouter();
  const [dialog, setDialog] = useState<Decision | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; published: boolean } | null>(null);
  const outcomeId = useId();
  const [focusOutcome, setFocusOutcome] = useState(false);
  // A decision taken here ends the decisions shown until the page has the new status: no stale
  // buttons while the refresh is on its way (or if it fails), whatever the router caches.
  const [decidedFor, setDecidedFor] = useState<string | null>(null);
  const current = transitions.join();
  const decisions = decidedFor === current ? [] : transitions.filter((t): t is Decision => t === "return" || t === "approve" || t === "publish");

  const done = (decision: Decision) => (result: WorkflowActionResult) => {
    setFocusOutcome(true);
    setDialog(null);
    if (result.ok) setDecidedFor(current);
    setOutcome({ ok: result.ok, text: result.message, published: result.ok && decision === "publish" });
    // The action revalidated the page; a refresh also covers a conflict (show who won).
    router.refresh();
  };

  // After a decision its button may be gone (the status moved on): focus the outcome instead.
  const closeFocus = (event: Event) => {
    if (!focusOutcome) return;
    setFocusOutcome(false);
    event.preventDefault();
    document.getElementById(outcomeId)?.focus();
  };

  const dialogProps = (decision: Decision) => ({
    open: dialog === decision,
    onOpenChange: (open: boolean) => setDialog(open ? decision : null),
    onCloseAutoFocus: closeFocus,
    onDone: done(decision),
  });

  return (
    <div className="space-y-3">
      {decisions.length > 0 && (
        <div className="flex flex-wrap gap-3">
          {decisions.includes("approve") && (
            <DecisionDialog
              {...dialogProps("approve")}
              trigger="审核通过"
              title="审核通过"
              description={`审核通过后，报告内容锁定，填报人不能再修改，等待发布。${openComments > 0 ? `注意：还有 ${openComments} 条批注未处理。` : ""}`}
              confirm="确认审核通过"
              run={() => approveReportAction({ reportId })}
            />
          )}
          {decisions.includes("return") && (
            <DecisionDialog
              {...dialogProps("return")}
              trigger="退回修改"
              triggerVariant="outline"
              title="退回修改"
              description={`填报人会收到通知，看到退回理由${openComments > 0 ? `和 ${openComments} 条未处理的批注` : ""}，修改后重新提交审核。`}
              confirm="确认退回"
              danger
              text={{ name: "reason", label: "退回理由", hint: "请写明需要修改的内容，至少 4 个字。具体位置的意见可以用批注标出。" }}
              run={(reason) => returnReportAction({ reportId, reason: reason ?? "" })}
            />
          )}
          {decisions.includes("publish") && (
            <DecisionDialog
              {...dialogProps("publish")}
              trigger={lastPublication ? "发布更正" : "发布"}
              title={lastPublication ? "发布更正" : "发布"}
              description={
                lastPublication
                  ? `本报告已于 ${lastPublication.publishedText} 发布（第 ${lastPublication.revision} 次）。这次发布是更正：公开页面将显示更正后的报告和更正说明，此前发布的版本仍可查阅。`
                  : "发布后，报告将在公开页面向社会公开，任何人都可以查看和下载。发布人和发布时间会记入审核记录。"
              }
              details={reportDate ? <PublicationDateSummary note={reportDate} /> : undefined}
              confirm={lastPublication ? "确认发布更正" : "确认发布"}
              text={lastPublication ? { name: "correctionNote", label: "更正说明", hint: "向公众说明更正了什么、为什么更正，至少 4 个字。将与报告一起公开。" } : undefined}
              run={(correctionNote) => publishReportAction({ reportId, correctionNote })}
            />
          )}
        </div>
      )}
      <div aria-live="polite">
        {outcome && (
          <Alert id={outcomeId} tabIndex={-1} variant={outcome.ok ? "success" : "danger"} role={outcome.ok ? "status" : "alert"}>
            {outcome.text}
            {outcome.published && (
              <>
                {" "}
                <a href={publicPath} className="underline underline-offset-4">
                  查看公开页面
                </a>
              </>
            )}
          </Alert>
        )}
      </div>
    </div>
  );
}

interface DecisionDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus: (event: Event) => void;
  trigger: string;
  triggerVariant?: ButtonVariant;
  title: string;
  description: string;
  /** More to read before confirming, below the description. */
  details?: ReactNode;
  confirm: string;
  danger?: boolean;
  /** A required text field (reason, 更正说明). */
  text?: { name: string; label: string; hint: string };
  run: (text: string | undefined) => Promise<WorkflowActionResult>;
  onDone: (result: WorkflowActionResult) => void;
}

function DecisionDialog({ open, onOpenChange, onCloseAutoFocus, trigger, triggerVariant, title, description, details, confirm, danger, text, run, onDone }: DecisionDialogProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = text ? String(new FormData(event.currentTarget).get(text.name) ?? "") : undefined;
    if (text) {
      const problem = requiredText(value, text.label);
      if (problem) {
        setError(problem);
        return;
      }
    }
    startTransition(async () => {
      try {
        const result = await run(value?.trim());
        // Field problems stay in the dialog; everything else (done, or someone acted first) closes it.
        if (!result.ok && result.code === "INVALID") setError(result.message);
        else onDone(result);
      } catch {
        setError(OFFLINE);
      }
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setError(null);
        onOpenChange(next);
      }}
    >
      <DialogTrigger asChild>
        <Button size="lg" variant={triggerVariant}>
          {trigger}
        </Button>
      </DialogTrigger>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {details}
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {text ? (
            <Field id={`${id}-text`} label={text.label} hint={text.hint} error={error ?? undefined} required>
              <Textarea
                id={`${id}-text`}
                name={text.name}
                rows={4}
                maxLength={NOTE_MAX_LENGTH}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-text-hint ${id}-text-error` : `${id}-text-hint`}
              />
            </Field>
          ) : (
            error && (
              <Alert variant="danger" role="alert">
                {error}
              </Alert>
            )
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">取消</Button>
            </DialogClose>
            <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
              {pending ? "正在处理…" : confirm}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
