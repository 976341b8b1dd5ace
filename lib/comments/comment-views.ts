import type { AnchorType } from "./anchors";

/**
 * Comments as the browser gets them — the wizard and the review page alike: plain strings, times
 * formatted on the server (lib/server/comments/thread-views.ts maps stored comments to these).
 */

/** One comment. */
export interface CommentView {
  id: string;
  body: string;
  author: string;
  /** 审核人, 填报人 … */
  authorRole: string;
  /** ISO time, for ordering. */
  createdAt: string;
  /** The time as shown, e.g. 2026/1/5 14:08. */
  createdText: string;
}

/** A thread: the root comment with its anchor and state, and its replies oldest first. */
export interface CommentThreadView extends CommentView {
  anchorType: AnchorType;
  anchor: string;
  /** The anchored text or value when the comment was made. */
  quote: string | null;
  /** The submitted version the comment was made on (第 N 版). */
  versionNumber: number | null;
  resolvedAt: string | null;
  resolvedText: string | null;
  resolvedBy: string | null;
  replies: CommentView[];
}
