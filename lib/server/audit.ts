import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** Every audited action: state changes, saves, comments, publications, sign-ins. */
export type AuditAction =
  | "report.create"
  | "report.save"
  | "report.submit"
  | "report.return"
  | "report.approve"
  | "report.publish"
  | "report.startCorrection"
  /**
   * An editor deleted a draft that was never submitted (lib/server/reports/delete-draft.ts;
   * details: reportId, agencyId, agency, year, format, comments deleted). The report is gone; its
   * earlier audit rows keep its id.
   */
  | "report.delete"
  /** A report created from an uploaded published file (issue 9): as a draft or as a historical publication. */
  | "report.import"
  /** A published file uploaded and parsed for import (no report yet). */
  | "import.upload"
  /** An upload discarded without importing it. */
  | "import.discard"
  | "comment.create"
  | "comment.resolve"
  /** An admin created an agency (its kind decides the statutory deadline). */
  | "agency.create"
  /** An admin changed an agency's name, slug, parent, kind or contact data (details: each change). */
  | "agency.update"
  /**
   * A reviewer or admin reminded the editors of the agencies that have not submitted a year's
   * report (催报, lib/server/oversight/remind.ts; details: year, selection, agencies, users).
   */
  | "oversight.remind"
  /**
   * An admin changed the deployment's rule levels (issue 12.6, lib/server/rules/rule-levels.ts;
   * details: `changes`, each `{ ruleId, from, to }`, null meaning the policy's default).
   */
  | "rule-levels.update"
  /** An admin created an account (details: userId, username, role, agencyId). */
  | "user.create"
  /** An admin changed an account's name, role or agency (details: userId, username, each change). */
  | "user.update"
  /** An admin set a new password for an account, which signed it out everywhere (details: userId, username). */
  | "user.resetPassword"
  /** An admin disabled an account (signed out everywhere, cannot sign in) or enabled it again. */
  | "user.disable"
  | "user.enable"
  /** An admin lifted an account's sign-in lock (after 5 failed attempts). */
  | "user.unlock"
  | "auth.signIn"
  | "auth.signInFailed";

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  reportId?: string | null;
  versionId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one row to the audit trail; call it inside the transaction of the change it records. */
export async function recordAudit(db: Db, event: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      id: randomUUID(),
      actorId: event.actorId,
      action: event.action,
      reportId: event.reportId ?? null,
      versionId: event.versionId ?? null,
      details: (event.details ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
