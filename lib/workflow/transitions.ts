/**
 * The review workflow as data: 草稿 → 待审核 → 退回修改 | 审核通过 → 已发布, and a correction
 * after publication back to 草稿. Pure: used by the server (guards inside transactions) and the UI
 * (which buttons to show). Statuses themselves are defined in ./report-status.
 */
import { hasPermission, isReportEditor, type Actor, type Permission, type ReportAccessFacts } from "../auth/permissions";
import type { Role } from "../auth/roles";
import { NOTE_MAX_LENGTH } from "../comments/limits";
import type { ReportStatus } from "./report-status";

export type TransitionName = "submit" | "return" | "approve" | "publish" | "startCorrection";

export interface TransitionDef {
  from: ReportStatus[];
  to: ReportStatus;
  /** What the actor needs (besides being in scope of the report's agency). */
  permission: Extract<Permission, "report.edit" | "report.review">;
  label: string;
}

export const TRANSITIONS: Record<TransitionName, TransitionDef> = {
  submit: { from: ["DRAFT", "RETURNED"], to: "SUBMITTED", permission: "report.edit", label: "提交审核" },
  return: { from: ["SUBMITTED"], to: "RETURNED", permission: "report.review", label: "退回修改" },
  approve: { from: ["SUBMITTED"], to: "APPROVED", permission: "report.review", label: "审核通过" },
  publish: { from: ["APPROVED"], to: "PUBLISHED", permission: "report.review", label: "发布" },
  startCorrection: { from: ["PUBLISHED"], to: "DRAFT", permission: "report.edit", label: "发起更正" },
};

/** Transitions a role may take from a status (for the UI; the server re-checks). */
export function availableTransitions(status: ReportStatus, role: Role): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter(
    (name) => hasPermission({ role, agencyId: null }, TRANSITIONS[name].permission) && TRANSITIONS[name].from.includes(status),
  );
}

/**
 * May this user start 发起更正 on the report now: its own editor, on a published report (the
 * server's transition checks the same inside its update; this decides where the UI offers it).
 */
export function canStartCorrection(actor: Actor, report: ReportAccessFacts): boolean {
  return isReportEditor(actor, report) && TRANSITIONS.startCorrection.from.includes(report.status);
}

/** Where 发起更正 is done: the wizard's 检查与预览, at its panel. */
export function correctionPath(reportId: string): string {
  return `/workspace/reports/${encodeURIComponent(reportId)}/edit/check#correction-title`;
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
  if (text.length > NOTE_MAX_LENGTH) return `${what}不能超过 ${NOTE_MAX_LENGTH} 字。`;
  return null;
}
