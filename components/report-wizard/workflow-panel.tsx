"use client";

import { NOTE_MAX_LENGTH } from "@/lib/comments/limits";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { startCorrectionAction, submitReportAction } from "@/lib/server/workflow/actions";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { placeOfAnchor } from "@/lib/comments/comment-places";
import { stepPath, wizardStep } from "@/lib/wizard/wizard-steps";
import { useWizard, useWizardSnapshot } from "./wizard-context";
import { useWizardWorkflow } from "./wizard-workflow";

const OFFLINE = "无法连接服务器，没有提交。请检查网络后重试。";

type Outcome = { ok: boolean; message: string } | null;

/** Why saving before a submission did not work, in the editor's words. */
function unsavedMessage(status: string, message: string | null): string {
  if (status === "conflict") return "本报告已有更新的版本（他人或您在另一个窗口保存），您的修改尚未保存。请先在弹出的窗口中处理冲突，再提交审核。";
  if (status === "locked") return `没有提交：${message ?? "报告已不能修改。"}请刷新页面查看最新状态。`;
  return `您的修改尚未保存${message ? `（${message}）` : ""}，因此没有提交。请等保存成功后再提交审核。`;
}

/**
 * 提交审核 on 检查与预览: refused while the live check reports errors (with a link to them); with
 * warnings the editor confirms each was checked and gives a reason the reviewer reads. Pending
 * changes are saved first and the submission names the saved version, so what is submitted is
 * exactly what the editor sees.
 */
/** The review comments still open, each with the step it is about, for the editor before resubmitting. */
function OpenComments() {
  const { report, template } = useWizard();
  const { threads } = useWizardWorkflow();
  const open = threads.filter((t) => !t.resolvedAt);
  if (!open.length) return null;
  return (
    <Alert variant="warning" data-testid="open-comments">
      <AlertTitle variant="warning">还有 {open.length} 条审核批注未处理</AlertTitle>
      <AlertDescription>
        <p>请逐条修改或回复后标为已处理；未处理的批注审核人会看到。</p>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {open.map((thread) => {
            const step = placeOfAnchor(template, thread.anchorType, thread.anchor).step;
            return (
              <li key={thread.id}>
                <Link href={stepPath(report.id, step)} className="underline underline-offset-4">
                  {wizardStep(step).label}
                </Link>
                ：{thread.body.length > 60 ? `${thread.body.slice(0, 60)}…` : thread.body}
              </li>
            );
          })}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

function SubmitPanel() {
  const router = useRouter();
  const { report, autosave } = useWizard();
  const { status, published, lastWarningNote } = useWizardWorkflow();
  const counts = useWizardSnapshot((s) => s.statuses.check);
  const issues = useWizardSnapshot((s) => s.issues.length);
  const [acknowledged, setAcknowledged] = useState(false);
  // A resubmission starts from the reason given last time (the editor checks it against this round's changes).
  const [note, setNote] = useState(lastWarningNote ?? "");
  const [problems, setProblems] = useState<{ acknowledge?: string; note?: string }>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const ids = { blocked: useId(), note: useId(), noteHint: useId(), noteError: useId(), ackError: useId() };
  const blocked = counts.errors > 0 || issues > 0;
  const ackRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked || !autosave) return;
    const found: typeof problems = {};
    if (counts.warnings > 0 && !acknowledged) found.acknowledge = "请确认已逐项核实检查结果中的警告。";
    if (counts.warnings > 0 && !note.trim()) found.note = "请填写提交理由，说明警告所指情况属实的原因。";
    setProblems(found);
    if (found.acknowledge || found.note) {
      // Take the user to the first thing to fix (WCAG 3.3.1).
      (found.acknowledge ? ackRef : noteRef).current?.focus();
      return;
    }
    setOutcome(null);
    startTransition(async () => {
      const saved = await autosave.flush();
      if (saved.status !== "saved" && saved.status !== "idle") {
        setOutcome({ ok: false, message: unsavedMessage(saved.status, saved.message) });
        return;
      }
      try {
        const result = await submitReportAction({
          reportId: report.id,
          version: autosave.currentVersion,
          warningNote: counts.warnings > 0 ? note : undefined,
        });
        setOutcome({ ok: result.ok, message: result.message });
        // The new status comes from the server: the wizard re-opens read-only.
        if (result.ok) router.refresh();
      } catch {
        setOutcome({ ok: false, message: OFFLINE });
      }
    });
  };

  return (
    <section aria-labelledby="submit-title" className="space-y-4 rounded-md border border-border bg-surface px-5 py-4" data-testid="submit-panel">
      <h3 id="submit-title" className="text-lg font-semibold">
        {status === "RETURNED" ? "修改完成后重新提交审核" : "提交审核"}
      </h3>
      {published && (
        <p className="text-muted-foreground">
          这是对已发布报告的更正。更正版发布之前，公开页面上仍是第 {published.revision} 版。
        </p>
      )}
      <p className="text-muted-foreground">提交前会先保存您的修改。提交后报告交给审核人，审核期间不能修改；审核人可能通过、退回或留下批注。</p>
      <OpenComments />

      <form onSubmit={submit} noValidate className="space-y-4">
        {blocked ? (
          <Alert variant="danger" id={ids.blocked}>
            <AlertTitle variant="danger">暂时不能提交</AlertTitle>
            <AlertDescription>
              {issues > 0 ? "报告内容格式有误，改正后才能提交审核。" : `报告还有 ${counts.errors} 个错误，改正后才能提交审核。`}
              <a href="#findings-all" className="ml-1 underline underline-offset-4">
                查看检查结果
              </a>
            </AlertDescription>
          </Alert>
        ) : counts.warnings > 0 ? (
          <fieldset className="space-y-3">
            <legend className="font-medium">
              报告有 {counts.warnings} 个警告。
              <a href="#findings-all" className="ml-1 font-normal underline underline-offset-4">
                查看检查结果
              </a>
            </legend>
            <div className="space-y-1">
              <label className="flex min-h-10 items-start gap-3">
                <input
                  type="checkbox"
                  className="mt-1 size-5 shrink-0"
                  checked={acknowledged}
                  onChange={(e) => setAcknowledged(e.target.checked)}
                  aria-invalid={problems.acknowledge ? true : undefined}
                  aria-describedby={problems.acknowledge ? ids.ackError : undefined}
                />
                <span>我已逐项核实检查结果中的 {counts.warnings} 个警告，确认报告内容属实。</span>
              </label>
              {problems.acknowledge && (
                <p id={ids.ackError} className="text-sm font-medium text-danger">
                  {problems.acknowledge}
                </p>
              )}
            </div>
            <div className="space-y-1.5">
              <Label htmlFor={ids.note}>
                提交理由<span className="ml-1 text-danger" aria-hidden="true">*</span>
              </Label>
              <p id={ids.noteHint} className="text-sm text-muted-foreground">
                说明警告所指的情况为什么属实，例如“该项本年未发生，已核对台账”。审核人会看到这段说明。
                {lastWarningNote && " 已填入上次提交时的理由，请按本次修改核对。"}
              </p>
              <Textarea
                id={ids.note}
                rows={3}
                maxLength={NOTE_MAX_LENGTH}
                required
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-invalid={problems.note ? true : undefined}
                aria-describedby={problems.note ? `${ids.noteHint} ${ids.noteError}` : ids.noteHint}
              />
              {problems.note && (
                <p id={ids.noteError} className="text-sm font-medium text-danger">
                  {problems.note}
                </p>
              )}
            </div>
          </fieldset>
        ) : (
          <p className="text-success">检查未发现错误或警告，可以提交审核。</p>
        )}

        <Button type="submit" size="lg" disabled={blocked || pending} aria-describedby={blocked ? ids.blocked : undefined}>
          {pending ? "正在提交…" : "提交审核"}
        </Button>
      </form>
      {outcome && (
        <Alert variant={outcome.ok ? "success" : "danger"} role={outcome.ok ? "status" : "alert"}>
          <p>{outcome.message}</p>
          {!outcome.ok && outcome.message.includes("刷新") && (
            <Button variant="outline" size="sm" className="mt-2" onClick={() => window.location.reload()}>
              刷新页面
            </Button>
          )}
        </Alert>
      )}
    </section>
  );
}

/** 发起更正 for a published report: says what happens to the public revision before acting. */
function CorrectionPanel() {
  const router = useRouter();
  const { reportId, published } = useWizardWorkflow();
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();

  const start = () => {
    setOutcome(null);
    startTransition(async () => {
      try {
        const result = await startCorrectionAction({ reportId });
        setOutcome({ ok: result.ok, message: result.message });
        if (result.ok) router.refresh();
      } catch {
        setOutcome({ ok: false, message: OFFLINE });
      }
    });
  };

  return (
    <section aria-labelledby="correction-title" className="space-y-3 rounded-md border border-border bg-surface px-5 py-4" data-testid="correction-panel">
      <h3 id="correction-title" className="text-lg font-semibold">
        发起更正
      </h3>
      <p>
        发现已发布的报告有误时，可以发起更正：报告回到草稿状态，修改后重新提交审核，审核通过后由审核人发布为新的版本，并附更正说明。
      </p>
      <p className="font-medium">
        在更正版发布之前，公开页面上仍是已发布的第 {published?.revision ?? 1} 版；更正版发布后，原版本仍可在公开页面的修订记录中查阅。
      </p>
      {confirming ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={start} disabled={pending}>
            {pending ? "正在处理…" : "确认发起更正"}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
            取消
          </Button>
        </div>
      ) : (
        <Button variant="outline" onClick={() => setConfirming(true)}>
          发起更正
        </Button>
      )}
      {outcome && (
        <Alert variant={outcome.ok ? "success" : "danger"} role={outcome.ok ? "status" : "alert"}>
          {outcome.message}
        </Alert>
      )}
    </section>
  );
}

/** Where the report stands in the workflow, and what the editor can do next, on 检查与预览. */
export function WorkflowPanel() {
  const { canEdit } = useWizard();
  const { reportId, status, isEditor, canReview, published } = useWizardWorkflow();

  const publicLink = published && (
    <p>
      公开页面：
      <Link href={published.path} className="underline underline-offset-4" target="_blank" rel="noopener">
        {published.path}
        <span className="sr-only">（在新窗口打开）</span>
      </Link>
      <span className="ml-2 text-muted-foreground">
        第 {published.revision} 版，发布于 {published.publishedText}
      </span>
    </p>
  );

  if (canEdit) return <SubmitPanel />;
  if (canReview) {
    return (
      <Alert variant="info">
        <AlertTitle variant="info">{status === "SUBMITTED" ? "本报告等待审核" : "本报告已审核通过，等待发布"}</AlertTitle>
        <AlertDescription>
          退回、通过和发布在审核页面进行。
          <Link href={`/workspace/reports/${encodeURIComponent(reportId)}/review`} className="ml-1 underline underline-offset-4">
            打开审核页面
          </Link>
        </AlertDescription>
      </Alert>
    );
  }
  if (status === "PUBLISHED") {
    return (
      <div className="space-y-4">
        <Alert variant="success">
          <AlertTitle variant="success">本报告已发布</AlertTitle>
          <AlertDescription>{publicLink}</AlertDescription>
        </Alert>
        {isEditor && <CorrectionPanel />}
      </div>
    );
  }
  if (isEditor && (status === "SUBMITTED" || status === "APPROVED")) {
    return (
      <Alert variant="info">
        <AlertTitle variant="info">{status === "SUBMITTED" ? "已提交审核" : "审核通过，等待发布"}</AlertTitle>
        <AlertDescription className="space-y-1">
          <p>
            {status === "SUBMITTED"
              ? "报告正在审核，审核期间不能修改。审核人作出决定后，您会在「通知」中收到消息。"
              : "报告已审核通过，内容已锁定，由审核人发布。"}
          </p>
          {published && <p>在新版本发布之前，公开页面上仍是第 {published.revision} 版。</p>}
        </AlertDescription>
      </Alert>
    );
  }
  return null;
}
