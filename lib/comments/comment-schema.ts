import { z } from "zod";
import { ANCHOR_TYPES } from "./anchors";
import { NOTE_MAX_LENGTH } from "./limits";

/**
 * Comments as input, once: the zod schemas the server actions parse with (limits: ./limits).
 */

const ZId = z.string().trim().min(1).max(100);

export const ZReportId = z.string().trim().min(1, "缺少报告编号。").max(100);

/** A required note: 「请填写退回理由。」 when missing, a clear message when too long. */
export const ZNoteText = (what: string) => z.string({ error: `请填写${what}。` }).max(NOTE_MAX_LENGTH, `${what}不能超过 ${NOTE_MAX_LENGTH} 字。`);

export const ZAnchorType = z.enum(ANCHOR_TYPES, { error: "批注位置无效。" });

export const ZAddComment = z.object({
  reportId: ZReportId,
  anchorType: ZAnchorType,
  anchor: z.string().trim().min(1, "批注位置无效。").max(200, "批注位置无效。"),
  body: ZNoteText("批注内容"),
  quote: z.string().max(NOTE_MAX_LENGTH).optional(),
  parentId: ZId.optional(),
});

export const ZReplyToComment = z.object({
  reportId: ZReportId,
  parentId: ZId,
  body: z.string({ error: "请填写回复内容。" }).max(NOTE_MAX_LENGTH, `回复不能超过 ${NOTE_MAX_LENGTH} 字。`),
});

export const ZResolveComment = z.object({ reportId: ZReportId, commentId: ZId });

