import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { acceptedContent, acceptOptions, IMPORT_STATUS_LABELS, type CellCorrections, type ImportAcceptedAs } from "../../import/accept-import";
import { checkReport, countFindings } from "../../rules/check-report";
import { recordAudit } from "../audit";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { isUniqueViolation } from "../parse-input";
import { recordVersionCells } from "../oversight/version-cells";
import { crossYearContext } from "../reports/report-access";
import { agencyContact } from "../../report/agency-contact";
import { getImportOrThrow, importContent } from "./import-access";

export interface AcceptInput {
  importId: string;
  as: ImportAcceptedAs;
  /** The clerk's corrections of table cells on the review screen. */
  corrections?: CellCorrections;
}

function duplicate(agency: string, year: number, reportId?: string): AppError {
  return new AppError("DUPLICATE", `${agency} ${year} 年度报告已经存在，不能再导入。请打开已有的报告，在其中修改。`, reportId ? { reportId } : undefined);
}

/**
 * Accepts an upload, with the clerk's corrections, as a report of its agency and year:
 *
 * - `DRAFT`: the year's report in DRAFT with the imported content, to be edited and submitted
 *   like any other;
 * - `HISTORICAL` (a year before this one): the report as it was published before this system —
 *   status PUBLISHED, a frozen version 1 with the rule check's error and warning counts, and
 *   publication revision 1 — so next year's carry-over, the cross-year rules and the diff against
 *   last year have it from the first year on.
 *
 * One transaction writes the report (and version and publication), the upload's decision —
 * guarded by its status inside the UPDATE, so two clerks accepting at once cannot both succeed —
 * and the audit row; a failure anywhere leaves nothing. An agency that already has a report for
 * the year is refused (DUPLICATE, naming it).
 */
export async function acceptImport(prisma: PrismaClient, user: CurrentUser, input: AcceptInput, now = new Date()) {
  const upload = await getImportOrThrow(prisma, user, input.importId, "report.import");
  if (upload.status !== "PENDING") {
    throw new AppError("CONFLICT", `该文件${IMPORT_STATUS_LABELS[upload.status]}，不能再导入。`, { status: upload.status, ...(upload.reportId && { reportId: upload.reportId }) });
  }
  const option = acceptOptions(upload.year, now.getFullYear())[input.as];
  if (!option.allowed) throw new AppError("INVALID", option.reason);
  const existing = await prisma.report.findUnique({ where: { agencyId_year: { agencyId: upload.agencyId, year: upload.year } }, select: { id: true } });
  if (existing) throw duplicate(upload.agency.name, upload.year, existing.id);

  const { outcome } = await importContent(prisma, upload);
  const built = acceptedContent(
    outcome.report,
    { agency: upload.agency.name, year: upload.year, as: input.as, contact: agencyContact(upload.agency) },
    input.corrections ?? {},
  );
  if (!built.ok) throw new AppError("INVALID", built.message, { issues: built.issues });
  const historical = input.as === "HISTORICAL";
  const counts = historical ? countFindings(checkReport(built.report, await crossYearContext(prisma, upload.agencyId, upload.year))) : null;
  const reportId = randomUUID();

  try {
    return await prisma.$transaction(async (tx) => {
      await tx.report.create({
        data: {
          id: reportId,
          agencyId: upload.agencyId,
          year: upload.year,
          format: built.report.format,
          status: historical ? "PUBLISHED" : "DRAFT",
          content: built.content as object,
          updatedById: user.id,
          ...(historical && { submittedAt: now }),
        },
      });
      let versionId: string | null = null;
      if (historical) {
        versionId = randomUUID();
        await tx.reportVersion.create({
          data: {
            id: versionId,
            reportId,
            number: 1,
            content: built.content as object,
            errorCount: counts!.errors,
            warningCount: counts!.warnings,
            submittedById: user.id,
          },
        });
        await tx.publication.create({ data: { id: randomUUID(), reportId, versionId, revision: 1, publishedById: user.id } });
        // Its table cells, for the oversight roll-up (issue 10), in the same transaction.
        await recordVersionCells(tx, versionId, built.content);
      }
      const decided = await tx.importedSource.updateMany({
        where: { id: upload.id, status: "PENDING" },
        data: { status: "ACCEPTED", acceptedAs: input.as, acceptedAt: now, decidedById: user.id, reportId },
      });
      if (decided.count !== 1) throw new AppError("CONFLICT", "该文件刚刚已被他人导入或放弃，请刷新页面。");
      await recordAudit(tx, {
        actorId: user.id,
        action: "report.import",
        reportId,
        versionId,
        details: {
          importId: upload.id,
          acceptedAs: input.as,
          filename: upload.filename,
          sourceKind: upload.sourceKind,
          sha256: upload.sha256,
          year: upload.year,
          format: built.report.format,
          corrected: built.corrected,
          ...(counts && { errors: counts.errors, warnings: counts.warnings }),
        },
      });
      return { reportId, acceptedAs: input.as, status: historical ? ("PUBLISHED" as const) : ("DRAFT" as const), versionId };
    });
  } catch (error) {
    // A report created for the year in the meantime hits the unique index (agency, year).
    if (isUniqueViolation(error)) throw duplicate(upload.agency.name, upload.year);
    throw error;
  }
}
