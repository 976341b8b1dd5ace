import type { Role } from "../auth/roles";
import { statusLabel, type ReportStatus } from "./report-status";

/**
 * What the wizard says when the report cannot be changed, per status: the editor of the report
 * learns why and what comes next; anyone else only that editing is not theirs.
 */
export function readOnlyMessage(status: ReportStatus, isEditor: boolean): string {
  if (!isEditor) return "您可以查看本报告、检查结果和批注；只有本机关的填报人可以修改。";
  switch (status) {
    case "SUBMITTED":
      return "本报告已提交审核，审核期间不能修改。审核人退回后可以继续修改。";
    case "APPROVED":
      return "本报告已审核通过，正在等待发布，不能修改。";
    case "PUBLISHED":
      return "本报告已发布，不能直接修改。如需更正，请在「检查与预览」中发起更正。";
    default:
      return `本报告当前状态为「${statusLabel(status)}」，不能修改。`;
  }
}

/** Kinds of in-app notifications (lib/server/notifications.ts) with their Chinese names. */
export const NOTIFICATION_KIND_LABELS: Record<string, string> = {
  SUBMITTED: "提交审核",
  RETURNED: "退回修改",
  APPROVED: "审核通过",
  PUBLISHED: "已发布",
  REMINDER: "催报提醒",
};

/**
 * Where a notification takes its reader: reviewers to the review page, editors to the wizard's
 * 检查与预览 (where they see the return reason, submit or start a correction), others to the
 * preview.
 */
export function notificationHref(role: Role, reportId: string): string {
  const base = `/workspace/reports/${encodeURIComponent(reportId)}`;
  if (role === "REVIEWER") return `${base}/review`;
  if (role === "EDITOR") return `${base}/edit/check`;
  return `${base}/preview`;
}

/** 「3 条未读」 for the bell's accessible name; over 99 shows 99+ on the badge. */
export function unreadBadgeText(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? "99+" : String(unread);
}
