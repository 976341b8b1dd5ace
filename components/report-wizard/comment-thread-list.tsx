"use client";

import { NOTE_MAX_LENGTH } from "@/lib/comments/limits";
import { useId, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { replyToThreadAction, resolveThreadAction, type CommentActionResult } from "@/lib/server/comments/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ThreadReplies } from "@/components/comments/thread-parts";
import type { CommentThreadView } from "@/lib/comments/comment-views";
import { cn } from "@/lib/utils/cn";
import { threadElementId } from "./thread-element-id";
import { useWizardWorkflow } from "./wizard-workflow";

/*
 * The review threads as the clerk reads and answers them. Loaded only where a report has
 * comments (comment-threads.tsx decides), so a wizard without any loads none of this.
 */

const OFFLINE = "无法连接服务器，没有保存。请检查网络后重试。";

/** Runs a comment action and shows the threads it answers with. */
function useCommentAction() {
  const { setThreads } = useWizardWorkflow();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<CommentActionResult>, onDone?: () => void) => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await action();
        if (result.ok) {
          setThreads(result.threads);
          onDone?.();
        } else {
          setError(result.message);
        }
      } catch {
        setError(OFFLINE);
      }
    });
  };
  return { pending, error, run };
}

function ReplyForm({ thread, onClose }: { thread: CommentThreadView; onClose: () => void }) {
  const { reportId } = useWizardWorkflow();
  const { pending, error, run } = useCommentAction();
  const [body, setBody] = useState("");
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    run(() => replyToThreadAction({ reportId, parentId: thread.id, body }), onClose);
  };

  return (
    <form onSubmit={submit} className="space-y-2">
      <Label htmlFor={id}>回复</Label>
      <Textarea id={id} rows={3} value={body} onChange={(e) => setBody(e.target.value)} maxLength={NOTE_MAX_LENGTH} autoFocus />
      {error && (
        <p role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" disabled={pending || !body.trim()}>
          {pending ? "正在发送…" : "发送回复"}
        </Button>
        <Button variant="ghost" size="sm" onClick={onClose}>
          取消
        </Button>
      </div>
    </form>
  );
}

/** One thread: state, author, what was commented, the comment, replies; reply and resolve. */
export function CommentThreadCard({ thread, place, onLocate }: { thread: CommentThreadView; place?: string | null; onLocate?: () => void }) {
  const { reportId, canComment } = useWizardWorkflow();
  const [replying, setReplying] = useState(false);
  const { pending, error, run } = useCommentAction();
  const resolved = Boolean(thread.resolvedAt);

  return (
    <article
      id={threadElementId(thread.id)}
      tabIndex={-1}
      aria-label={`批注：${thread.body.slice(0, 40)}`}
      className={cn(
        "space-y-2 rounded-md border px-4 py-3 outline-none focus-visible:outline-3 focus-visible:outline-ring",
        resolved ? "border-border bg-muted/60" : "border-l-4 border-[#c4b5fd] border-l-[#6d28d9] bg-surface",
      )}
    >
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground">
        <Badge variant={resolved ? "success" : "warning"}>{resolved ? "已处理" : "未处理"}</Badge>
        {place && <span className="font-medium text-foreground">{place}</span>}
        <span>
          {thread.author}（{thread.authorRole}）· {thread.createdText}
          {thread.versionNumber !== null && ` · 第 ${thread.versionNumber} 版`}
        </span>
      </p>
      {thread.quote && <p className="text-sm text-muted-foreground">批注时此处为：「{thread.quote}」</p>}
      <p className="whitespace-pre-wrap">{thread.body}</p>
      <ThreadReplies thread={thread} />
      {replying ? (
        <ReplyForm thread={thread} onClose={() => setReplying(false)} />
      ) : (
        <div className="flex flex-wrap gap-2">
          {onLocate && (
            <Button variant="outline" size="sm" onClick={onLocate}>
              定位到单元格
            </Button>
          )}
          {canComment && (
            <Button variant="outline" size="sm" onClick={() => setReplying(true)}>
              回复
            </Button>
          )}
          {canComment && !resolved && (
            <Button variant="outline" size="sm" disabled={pending} onClick={() => run(() => resolveThreadAction({ reportId, commentId: thread.id }))}>
              {pending ? "正在处理…" : "标记为已处理"}
            </Button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
    </article>
  );
}

/** Open threads listed, resolved ones folded away (still readable). */
export function ThreadList({
  threads,
  title,
  placeOf,
  locate,
}: {
  threads: CommentThreadView[];
  title: ReactNode;
  placeOf?: (thread: CommentThreadView) => string | null;
  locate?: (thread: CommentThreadView) => void;
}) {
  const open = threads.filter((t) => !t.resolvedAt);
  const resolved = threads.filter((t) => t.resolvedAt);
  const list = (items: CommentThreadView[], className: string) => (
    <ol className={className}>
      {items.map((thread) => (
        <li key={thread.id}>
          <CommentThreadCard thread={thread} place={placeOf?.(thread)} onLocate={locate && (() => locate(thread))} />
        </li>
      ))}
    </ol>
  );
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-2" data-testid="comment-threads">
      <h3 id={headingId} className="text-base font-semibold">
        {title}
        <span className="ml-2 font-normal text-muted-foreground">
          未处理 {open.length} 条{resolved.length > 0 && `，已处理 ${resolved.length} 条`}
        </span>
      </h3>
      {open.length > 0 && list(open, "space-y-2")}
      {resolved.length > 0 && (
        <details className="rounded-md">
          <summary className="min-h-9 cursor-pointer text-base text-primary underline underline-offset-4">显示已处理的批注（{resolved.length} 条）</summary>
          {list(resolved, "mt-2 space-y-2")}
        </details>
      )}
    </section>
  );
}

