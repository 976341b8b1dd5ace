import type { CommentThreadView, CommentView } from "@/lib/comments/comment-views";

/** Who wrote a comment and when: 沈禾（审核人）· 2026/1/5 14:08, with an optional note after it. */
export function CommentMeta({ comment, extra }: { comment: CommentView; extra?: string }) {
  return (
    <p className="text-sm text-muted-foreground">
      <span className="font-semibold text-foreground">{comment.author}</span>（{comment.authorRole}）· <time dateTime={comment.createdAt}>{comment.createdText}</time>
      {extra && ` · ${extra}`}
    </p>
  );
}

/** A thread's replies, oldest first, and who resolved it — the same in the wizard and on the review page. */
export function ThreadReplies({ thread }: { thread: CommentThreadView }) {
  return (
    <>
      {thread.replies.length > 0 && (
        <ol aria-label="回复" className="space-y-2 border-l-4 border-border pl-3">
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentMeta comment={reply} />
              <p className="whitespace-pre-wrap">{reply.body}</p>
            </li>
          ))}
        </ol>
      )}
      {thread.resolvedAt && (
        <p className="text-sm text-muted-foreground">
          {thread.resolvedBy ?? "—"} 于 {thread.resolvedText} 标记为已处理
        </p>
      )}
    </>
  );
}
