import "server-only";
import { roleLabel } from "../../auth/roles";
import type { CommentThreadView, CommentView } from "../../comments/comment-views";
import { formatDateTime } from "../../utils/format-date-time";
import type { CommentThread } from "./comments";

type StoredComment = Pick<CommentThread, "id" | "body" | "createdAt"> & { author: { name: string; role: CommentThread["author"]["role"] } };

function toCommentView(c: StoredComment): CommentView {
  return {
    id: c.id,
    body: c.body,
    author: c.author.name,
    authorRole: roleLabel(c.author.role),
    createdAt: c.createdAt.toISOString(),
    createdText: formatDateTime(c.createdAt),
  };
}

/** Threads as the browser gets them (wizard and review page): names instead of ids, times as ISO and as shown. */
export function toThreadViews(threads: CommentThread[]): CommentThreadView[] {
  return threads.map((t) => ({
    ...toCommentView(t),
    anchorType: t.anchorType,
    anchor: t.anchor,
    quote: t.quote,
    versionNumber: t.version?.number ?? null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    resolvedText: t.resolvedAt ? formatDateTime(t.resolvedAt) : null,
    resolvedBy: t.resolvedBy?.name ?? null,
    replies: t.replies.map(toCommentView),
  }));
}
