"use client";

import { NOTE_MAX_LENGTH } from "@/lib/comments/limits";
import { useId, useMemo, useState, useTransition, type FormEvent } from "react";
import { addCommentAction, resolveCommentAction } from "@/lib/server/comments/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { Anchor } from "@/lib/comments/anchors";
import { groupThreadsByAnchor } from "./anchors";
import { CommentMeta, ThreadReplies } from "@/components/comments/thread-parts";
import type { CommentThreadView } from "@/lib/comments/comment-views";

export interface CommentPanelProps {
  reportId: string;
  threads: CommentThreadView[];
  /** Anchor keys in reading order of the report. */
  order: string[];
  labelOf: (anchor: Anchor) => string;
  /** The text at an anchor now, to show when it changed since the comment. */
  currentText: (anchor: Anchor) => string | undefined;
  onLocate: (anchor: Anchor) => void;
  canComment: boolean;
}

const OFFLINE = "无法连接服务器，没有保存。请检查网络后重试。";

/** The comment threads beside the report, grouped by the place they are anchored to. */
export function CommentPanel({ reportId, threads, order, labelOf, currentText, onLocate, canComment }: CommentPanelProps) {
  const [showResolved, setShowResolved] = useState(false);
  const groups = useMemo(() => groupThreadsByAnchor(threads, order), [threads, order]);
  const open = threads.filter((t) => !t.resolvedAt).length;
  const resolved = threads.length - open;
  const visible = groups
    .map((g) => ({ ...g, threads: showResolved ? g.threads : g.threads.filter((t) => !t.resolvedAt) }))
    .filter((g) => g.threads.length > 0);

  return (
    // Sticky beside the report with its own scroll, so 定位到原文 keeps the list in view; focusable
    // so keyboard users can scroll it (WCAG 2.1.1).
    <aside
      aria-labelledby="comment-panel-title"
      tabIndex={0}
      className="min-w-0 space-y-4 rounded-md border border-border bg-surface p-4 shadow-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto"
    >
      <div className="space-y-1">
        <h2 id="comment-panel-title" className="text-xl font-semibold">
          批注
        </h2>
        <p className="text-base text-muted-foreground">
          未处理 {open} 条{resolved > 0 && `，已处理 ${resolved} 条`}
        </p>
      </div>
      {resolved > 0 && (
        <label className="flex min-h-10 items-center gap-2 text-base">
          <input type="checkbox" className="size-5" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} />
          显示已处理的批注
        </label>
      )}
      {threads.length === 0 ? (
        <p className="text-base text-muted-foreground">{canComment ? "还没有批注。点击「添加批注」，再点击报告中要批注的地方。" : "这份报告还没有批注。"}</p>
      ) : visible.length === 0 ? (
        <p className="text-base text-muted-foreground">没有未处理的批注。</p>
      ) : (
        <ol className="space-y-5">
          {visible.map((group) => {
            const label = labelOf(group);
            return (
              <li key={group.key} className="space-y-2">
                <div className="flex flex-wrap items-start justify-between gap-2 border-b border-border pb-1">
                  <h3 className="min-w-0 flex-1 text-base font-semibold">{label}</h3>
                  <Button variant="link" size="sm" className="min-h-9" onClick={() => onLocate(group)}>
                    定位到原文<span className="sr-only">：{label}</span>
                  </Button>
                </div>
                <ol className="space-y-3">
                  {group.threads.map((thread) => (
                    <li key={thread.id}>
                      <Thread reportId={reportId} thread={thread} current={currentText(group)} canComment={canComment} />
                    </li>
                  ))}
                </ol>
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}

function Thread({ reportId, thread, current, canComment }: { reportId: string; thread: CommentThreadView; current: string | undefined; canComment: boolean }) {
  const id = useId();
  const [replying, setReplying] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const resolved = thread.resolvedAt !== null;
  const changed = thread.quote !== null && current !== undefined && current.trim() !== thread.quote.trim();

  function run(action: () => Promise<{ ok: boolean; message: string }>, after?: () => void) {
    startTransition(async () => {
      try {
        const result = await action();
        setMessage({ ok: result.ok, text: result.message });
        if (result.ok) after?.();
      } catch {
        setMessage({ ok: false, text: OFFLINE });
      }
    });
  }

  function onReply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = String(new FormData(form).get("body") ?? "").trim();
    if (!body) {
      setMessage({ ok: false, text: "请填写回复内容。" });
      return;
    }
    run(
      () => addCommentAction({ reportId, anchorType: thread.anchorType, anchor: thread.anchor, body, parentId: thread.id }),
      () => {
        form.reset();
        setReplying(false);
      },
    );
  }

  return (
    <article aria-labelledby={`${id}-meta`} className={`space-y-2 rounded-md border px-3 py-2 ${resolved ? "border-border bg-muted" : "border-[#f3d19c] bg-warning-soft"}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div id={`${id}-meta`}>
          <CommentMeta comment={thread} extra={thread.versionNumber ? `针对第 ${thread.versionNumber} 版` : undefined} />
        </div>
        <Badge variant={resolved ? "success" : "warning"}>{resolved ? "已处理" : "未处理"}</Badge>
      </div>
      {thread.quote && (
        <p className="text-sm text-muted-foreground">
          批注时原文：「{thread.quote}」
          {changed && <span className="block">现为：「{current || "（空白）"}」</span>}
        </p>
      )}
      <p className="text-base whitespace-pre-wrap">{thread.body}</p>
      <ThreadReplies thread={thread} />
      <div aria-live="polite">
        {message && (
          <Alert variant={message.ok ? "success" : "danger"} role={message.ok ? "status" : "alert"}>
            {message.text}
          </Alert>
        )}
      </div>
      {canComment && !resolved && (
        <>
          {replying ? (
            <form onSubmit={onReply} className="space-y-2" noValidate>
              <Label htmlFor={`${id}-reply`}>回复</Label>
              <Textarea id={`${id}-reply`} name="body" rows={3} maxLength={NOTE_MAX_LENGTH} required autoFocus />
              <div className="flex flex-wrap gap-2">
                <Button type="submit" size="sm" disabled={pending}>
                  {pending ? "正在发送…" : "发送回复"}
                </Button>
                <Button size="sm" variant="outline" onClick={() => setReplying(false)}>
                  取消
                </Button>
              </div>
            </form>
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="outline" onClick={() => setReplying(true)}>
                回复
              </Button>
              <Button size="sm" variant="outline" disabled={pending} onClick={() => run(() => resolveCommentAction({ reportId, commentId: thread.id }))}>
                {pending ? "正在处理…" : "标记为已处理"}
              </Button>
            </div>
          )}
        </>
      )}
    </article>
  );
}
