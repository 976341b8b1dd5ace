import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { requiredText } from "../../workflow/transitions";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { editorsOf, notify } from "../notifications/notify";
import { prerenderPublication, type PublicationRef } from "../public/published-outputs";
import { applyTransition } from "./apply-transition";
import { checkLatestVersion } from "./frozen-findings";

/** 退回修改: back to the editor, with the reason they will read. */
export async function returnReport(prisma: PrismaClient, user: CurrentUser, input: { reportId: string; reason: string }) {
  const problem = requiredText(input.reason, "退回理由");
  if (problem) throw new AppError("INVALID", problem);
  const reason = input.reason.trim();
  return applyTransition(prisma, user, "return", {
    reportId: input.reportId,
    details: { reason },
    effects: async (tx, report) => {
      await notify(tx, await editorsOf(tx, report.agencyId), {
        reportId: report.id,
        kind: "RETURNED",
        message: `${report.agency.name} ${report.year} 年度报告被退回修改：${reason}`,
      });
    },
  });
}

/** 审核通过. */
export async function approveReport(prisma: PrismaClient, user: CurrentUser, input: { reportId: string }) {
  return applyTransition(prisma, user, "approve", {
    reportId: input.reportId,
    effects: async (tx, report) => {
      await notify(tx, await editorsOf(tx, report.agencyId), {
        reportId: report.id,
        kind: "APPROVED",
        message: `${report.agency.name} ${report.year} 年度报告已审核通过。`,
      });
    },
  });
}

/**
 * 发布: makes the approved version public as the next revision. A revision after the first is a
 * correction and must carry a 更正说明. After the commit its DOCX, PDF and HTML are rendered and
 * stored (best effort: publishing never fails with them and waits for them a few seconds at most).
 */
export async function publishReport(prisma: PrismaClient, user: CurrentUser, input: { reportId: string; correctionNote?: string }) {
  let published: PublicationRef | undefined;
  // The check frozen with the publication (read before the transaction: an approved report's
  // versions cannot change, and the transaction re-checks that it is still this version).
  const frozen = await checkLatestVersion(prisma, input.reportId);
  const result = await applyTransition(prisma, user, "publish", {
    reportId: input.reportId,
    details: { correctionNote: input.correctionNote?.trim() || null },
    effects: async (tx, report) => {
      const version = await tx.reportVersion.findFirst({ where: { reportId: report.id }, orderBy: { number: "desc" } });
      if (!version) throw new AppError("CONFLICT", "报告没有已提交的版本，不能发布。");
      const last = await tx.publication.aggregate({ where: { reportId: report.id }, _max: { revision: true } });
      const revision = (last._max.revision ?? 0) + 1;
      let correctionNote: string | null = null;
      if (revision > 1) {
        const problem = requiredText(input.correctionNote, "更正说明");
        if (problem) throw new AppError("INVALID", problem);
        correctionNote = input.correctionNote!.trim();
      }
      if (frozen && frozen.versionId !== version.id) throw new AppError("CONFLICT", "报告在发布前提交了新的版本，请刷新页面后重试。");
      const publication = await tx.publication.create({
        data: {
          id: randomUUID(),
          reportId: report.id,
          versionId: version.id,
          revision,
          correctionNote,
          publishedById: user.id,
          ...(frozen && { findings: JSON.parse(JSON.stringify({ findings: frozen.findings, comparedWith: frozen.comparedWith })) }),
        },
      });
      published = { id: publication.id, versionId: version.id };
      await notify(tx, await editorsOf(tx, report.agencyId), {
        reportId: report.id,
        kind: "PUBLISHED",
        message: `${report.agency.name} ${report.year} 年度报告已发布${revision > 1 ? `（第 ${revision} 次修订）` : ""}。`,
      });
      return { versionId: version.id };
    },
  });
  if (published) await prerenderPublication(prisma, published);
  return result;
}

/** 发起更正: a published report goes back to draft; the public revision stays until the next publication. */
export async function startCorrection(prisma: PrismaClient, user: CurrentUser, input: { reportId: string }) {
  return applyTransition(prisma, user, "startCorrection", { reportId: input.reportId });
}
