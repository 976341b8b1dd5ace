import { isEditableStatus, REPORT_STATUS, type ReportStatus } from "../workflow/report-status";
import type { Role } from "./roles";

/**
 * What each role may do, once. Pure, so the server (every page, route and action checks it) and
 * the UI (which buttons to show) read the same table; the server's scope check — which agencies'
 * reports a user may see at all — is added on top in lib/server/authz.ts.
 */
export type Permission =
  | "report.view"
  | "report.edit"
  | "report.create"
  | "report.review"
  | "report.comment"
  | "report.audit"
  /**
   * Import a published report (issue 9) for an agency in one's scope — editors their own,
   * reviewers their subtree, admins any — as this year's draft or an earlier year's publication.
   */
  | "report.import"
  /** Import many published reports at once, each matched to an agency of the subtree by name. */
  | "report.import.bulk"
  /**
   * Oversight (issue 10): the status of every agency in one's scope for a year, the roll-up of
   * their tables and the indicator matrix — reviewers over their subtree, admins over all.
   */
  | "report.oversee"
  | "admin.manage"
  /**
   * Set the deployment's rule levels (issue 12.6: any rule to error, warning or off, for the
   * browser, the server and the CLI's levels file alike) — admins only.
   */
  | "admin.rules"
  /** Anything a signed-in user may do for themselves (notifications, own session). */
  | "self";

export const PERMISSIONS: Record<Role, readonly Permission[]> = {
  EDITOR: ["self", "report.view", "report.edit", "report.create", "report.comment", "report.import"],
  REVIEWER: ["self", "report.view", "report.review", "report.comment", "report.audit", "report.import", "report.import.bulk", "report.oversee"],
  ADMIN: ["self", "report.view", "report.audit", "report.import", "report.import.bulk", "report.oversee", "admin.manage", "admin.rules"],
};

/** Who is acting, as far as permissions care. */
export interface Actor {
  role: Role;
  agencyId: string | null;
}

/** What a user is told when their role lacks a permission. */
export const PERMISSION_DENIED: Record<Permission, string> = {
  self: "请先登录。",
  "report.view": "您没有查看报告的权限。",
  "report.edit": "只有本机关的填报人可以修改报告。",
  "report.create": "只有填报人可以新建报告。",
  "report.review": "只有审核人可以审核报告。",
  "report.comment": "您没有批注报告的权限。",
  "report.audit": "您没有查看审核记录的权限。",
  "report.import": "您没有导入已发布年报的权限。",
  "report.import.bulk": "只有审核人和管理员可以批量导入年报。",
  "report.oversee": "只有审核人和管理员可以查看汇总与督办。",
  "admin.manage": "只有管理员可以管理机关和账号。",
  "admin.rules": "只有管理员可以设置规则级别。",
};

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return PERMISSIONS[actor.role].includes(permission);
}

/** The report as far as permissions care. */
export interface ReportAccessFacts {
  agencyId: string;
  status: ReportStatus;
}

/** The report's own editor: an editor of the report's agency (whatever the status). */
export function isReportEditor(actor: Actor, report: Pick<ReportAccessFacts, "agencyId">): boolean {
  return hasPermission(actor, "report.edit") && actor.agencyId !== null && report.agencyId === actor.agencyId;
}

/** May this user change the report's content now: its editor, in an editable status. */
export function canEditReport(actor: Actor, report: ReportAccessFacts): boolean {
  return isReportEditor(actor, report) && isEditableStatus(report.status);
}

/**
 * Why the report is read-only for this user, or null when they may edit: `status` when its editor
 * must wait for the workflow, `role` when editing is not theirs at all.
 */
export function readOnlyReason(actor: Actor, report: ReportAccessFacts): "status" | "role" | null {
  if (!isReportEditor(actor, report)) return "role";
  return isEditableStatus(report.status) ? null : "status";
}

/** May this user take a review decision (return, approve, publish) on the report now. */
export function canReviewReport(actor: Actor, report: Pick<ReportAccessFacts, "status">): boolean {
  return hasPermission(actor, "report.review") && REPORT_STATUS[report.status].awaitsReviewer;
}

/** The report as far as deleting it cares. */
export interface DraftDeletionFacts extends ReportAccessFacts {
  /**
   * It was ever frozen as a version (submitted, or imported as a publication): a version, its
   * review and any publication are on record and stay, so the report does too.
   */
  everSubmitted: boolean;
  /** It was created from an imported published file: the upload keeps naming it, immutably. */
  imported: boolean;
}

/**
 * Why this user may not delete the report, or null when they may: `role` when it is not their
 * agency's report to edit, `submitted` once it was ever submitted, `status` for any status but
 * 草稿, `imported` for a draft made from an imported file. Only a mistaken draft that never left
 * the agency — created for the wrong year, say — may be deleted, by its own editors.
 */
export function draftDeletionBlock(actor: Actor, report: DraftDeletionFacts): "role" | "submitted" | "status" | "imported" | null {
  if (!isReportEditor(actor, report)) return "role";
  if (report.everSubmitted) return "submitted";
  if (report.status !== "DRAFT") return "status";
  if (report.imported) return "imported";
  return null;
}

/** May this user delete the report (draftDeletionBlock gives the reason when not). */
export function canDeleteDraft(actor: Actor, report: DraftDeletionFacts): boolean {
  return draftDeletionBlock(actor, report) === null;
}
