/**
 * The review workflow as data: 草稿 → 待审核 → 退回修改 | 审核通过 → 已发布, and a correction
 * after publication back to 草稿. Pure: used by the server (guards inside transactions) and the UI
 * (which buttons to show).
 */

export type ReportStatus = "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED" | "PUBLISHED";
export type WorkflowRole = "EDITOR" | "REVIEWER" | "ADMIN";
export type TransitionName = "submit" | "return" | "approve" | "publish" | "startCorrection";

export const STATUS_LABELS: Record<ReportStatus, string> = {
  DRAFT: "草稿",
  SUBMITTED: "待审核",
  RETURNED: "退回修改",
  APPROVED: "审核通过",
  PUBLISHED: "已发布",
};

export interface TransitionDef {
  from: ReportStatus[];
  to: ReportStatus;
  /** Who may perform it (besides being in scope of the report's agency). */
  role: WorkflowRole;
  label: string;
}

export const TRANSITIONS: Record<TransitionName, TransitionDef> = {
  submit: { from: ["DRAFT", "RETURNED"], to: "SUBMITTED", role: "EDITOR", label: "提交审核" },
  return: { from: ["SUBMITTED"], to: "RETURNED", role: "REVIEWER", label: "退回修改" },
  approve: { from: ["SUBMITTED"], to: "APPROVED", role: "REVIEWER", label: "审核通过" },
  publish: { from: ["APPROVED"], to: "PUBLISHED", role: "REVIEWER", label: "发布" },
  startCorrection: { from: ["PUBLISHED"], to: "DRAFT", role: "EDITOR", label: "发起更正" },
};

/** Statuses in which the editor may change the content. */
export const EDITABLE: ReportStatus[] = ["DRAFT", "RETURNED"];

/** Transitions a role may take from a status (for the UI; the server re-checks). */
export function availableTransitions(status: ReportStatus, role: WorkflowRole): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) => TRANSITIONS[name].role === role && TRANSITIONS[name].from.includes(status));
}

/**
 * Why a submission is refused, or null: errors block it; warnings need an explicit
 * acknowledgement with a reason, which the reviewer sees.
 */
export function submissionProblem(counts: { errors: number; warnings: number }, warningNote: string | undefined): string | null {
  if (counts.errors > 0) return `报告还有 ${counts.errors} 个错误，改正后才能提交审核。`;
  if (counts.warnings > 0 && !(warningNote ?? "").trim()) return `报告有 ${counts.warnings} 个警告：请逐项核实，并填写提交理由后再提交。`;
  return null;
}

/** A return must say why; a later publication must say what it corrects. */
export function requiredText(value: string | undefined, what: string, min = 4): string | null {
  const text = (value ?? "").trim();
  if (text.length < min) return `请填写${what}（至少 ${min} 个字）。`;
  if (text.length > 2000) return `${what}不能超过 2000 字。`;
  return null;
}

/**
 * The statutory publication deadline (条例第四十九条): departments by 1月31日, a government's own
 * report by 3月31日 of the following year.
 */
export function publicationDeadline(agencyName: string, year: number): Date {
  const isGovernment = /人民政府$/.test(agencyName.trim());
  return new Date(Date.UTC(year + 1, isGovernment ? 2 : 0, isGovernment ? 31 : 31, 15, 59, 59));
}

/** Whole days left until the deadline (negative when overdue), counted in China time. */
export function daysUntilDeadline(agencyName: string, year: number, now = new Date()): number {
  return Math.ceil((publicationDeadline(agencyName, year).getTime() - now.getTime()) / 86_400_000);
}
