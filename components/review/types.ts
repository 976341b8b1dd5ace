import type { AnchorType } from "./anchors";

/**
 * Comments as the review page hands them to the browser: plain strings, times already formatted
 * on the server (so server and browser render the same text).
 */
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

export interface ThreadView extends CommentView {
  anchorType: AnchorType;
  anchor: string;
  /** The anchored text or value when the comment was made. */
  quote: string | null;
  /** The submitted version the comment was made on. */
  versionNumber: number | null;
  resolvedAt: string | null;
  resolvedText: string | null;
  resolvedBy: string | null;
  replies: CommentView[];
}
