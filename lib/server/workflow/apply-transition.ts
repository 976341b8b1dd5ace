import "server-only";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { TRANSITIONS, type TransitionName } from "../../workflow/transitions";
import { statusLabel } from "../../workflow/report-status";
import { recordAudit, type AuditAction } from "../audit";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { getReportOrThrow, type LoadedReport } from "../reports/report-access";

export interface TransitionOptions {
  reportId: string;
  /** For the editor's submit: the version they looked at, so they never submit unseen changes. */
  expectedVersion?: number;
  /** Audit details (reason, note…). */
  details?: Record<string, unknown>;
  /** Extra writes inside the same transaction (freeze a version, publish, notify). */
  effects?: (tx: Prisma.TransactionClient, report: LoadedReport) => Promise<{ versionId?: string } | void>;
  /** Extra fields set on the report. */
  data?: Prisma.ReportUpdateManyMutationInput;
}

/**
 * Moves a report along the workflow. The status guard is part of the update (`where: { status }`)
 * and the audit row and side effects are written in the same transaction, so two reviewers
 * acting at once cannot both succeed and no change goes unrecorded.
 */
export async function applyTransition(prisma: PrismaClient, user: CurrentUser, name: TransitionName, options: TransitionOptions) {
  const transition = TRANSITIONS[name];
  const report = await getReportOrThrow(prisma, user, options.reportId, transition.permission);
  if (!transition.from.includes(report.status)) {
    throw new AppError("CONFLICT", `报告当前状态为「${statusLabel(report.status)}」，不能${transition.label}。`, { status: report.status });
  }
  return prisma.$transaction(async (tx) => {
    const updated = await tx.report.updateMany({
      where: {
        id: report.id,
        status: { in: transition.from },
        ...(options.expectedVersion !== undefined ? { version: options.expectedVersion } : {}),
      },
      data: { status: transition.to, ...options.data },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", `报告刚刚被他人修改或处理，请刷新后再${transition.label}。`);
    const effect = (await options.effects?.(tx, report)) ?? {};
    await recordAudit(tx, {
      actorId: user.id,
      action: `report.${name}` as AuditAction,
      reportId: report.id,
      versionId: effect.versionId ?? null,
      details: { from: report.status, to: transition.to, ...options.details },
    });
    return { status: transition.to, ...effect };
  });
}
