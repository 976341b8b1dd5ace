/**
 * Report statuses, once: the list (stored as the Prisma enum ReportStatus — lib/ may not import
 * Prisma, so lib/server/db/stored-enums.test.ts proves the two agree), the Chinese label, the
 * badge tone and whether the editor may change the content. Pages, the wizard, the workflow and
 * the server all read statuses from here.
 */

export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"] as const;

export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Badge colour: calm for work in progress, amber when the editor must act, green when done. */
export type StatusTone = "neutral" | "info" | "warning" | "success";

export interface ReportStatusDef {
  label: string;
  tone: StatusTone;
  /** The editor may change the content (and autosave may write it). */
  editable: boolean;
  /** A reviewer has a decision to take (return, approve, publish). */
  awaitsReviewer: boolean;
}

export const REPORT_STATUS: Record<ReportStatus, ReportStatusDef> = {
  DRAFT: { label: "草稿", tone: "neutral", editable: true, awaitsReviewer: false },
  SUBMITTED: { label: "待审核", tone: "info", editable: false, awaitsReviewer: true },
  RETURNED: { label: "退回修改", tone: "warning", editable: true, awaitsReviewer: false },
  APPROVED: { label: "审核通过", tone: "success", editable: false, awaitsReviewer: true },
  PUBLISHED: { label: "已发布", tone: "success", editable: false, awaitsReviewer: false },
};

/** Statuses in which the editor may change the content. */
export const EDITABLE_STATUSES: readonly ReportStatus[] = REPORT_STATUSES.filter((s) => REPORT_STATUS[s].editable);

export function isReportStatus(value: string): value is ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(value);
}

export function statusLabel(status: ReportStatus): string {
  return REPORT_STATUS[status].label;
}

export function statusTone(status: ReportStatus): StatusTone {
  return REPORT_STATUS[status].tone;
}

export function isEditableStatus(status: ReportStatus): boolean {
  return REPORT_STATUS[status].editable;
}

/**
 * Where an agency stands with a year's report (oversight, issue 10): its report's status, or
 * NOT_STARTED when it has none yet. NOT_STARTED is never stored; it is the absence of a report.
 */
export type ProgressStatus = ReportStatus | "NOT_STARTED";

export const PROGRESS_STATUSES: readonly ProgressStatus[] = ["NOT_STARTED", ...REPORT_STATUSES];

const NOT_STARTED: Pick<ReportStatusDef, "label" | "tone"> = { label: "未开始", tone: "warning" };

export function isProgressStatus(value: string): value is ProgressStatus {
  return value === "NOT_STARTED" || isReportStatus(value);
}

export function progressStatusLabel(status: ProgressStatus): string {
  return status === "NOT_STARTED" ? NOT_STARTED.label : statusLabel(status);
}

export function progressStatusTone(status: ProgressStatus): StatusTone {
  return status === "NOT_STARTED" ? NOT_STARTED.tone : statusTone(status);
}
