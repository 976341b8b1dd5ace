import type { AnchorType } from "./anchors";

import type { CommentView } from "@/lib/report/comment-places";

/** Comments as the review page hands them to the browser: the same view the wizard uses. */
export type { CommentView };

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
