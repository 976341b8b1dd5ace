import "server-only";
import { randomUUID } from "node:crypto";
import { TEMPLATES } from "../../../templates";
import type { PrismaClient } from "../../generated/prisma/client";
import { agencyContact } from "../../report/agency-contact";
import { newReportContent } from "../../report/new-report";
import { formatForYear } from "../../template/cells";
import { chinaDateText } from "../../utils/china-time";
import { PERMISSION_DENIED } from "../../auth/permissions";
import { assertPermission, type CurrentUser } from "../authz";
import { recordAudit } from "../audit";
import { previousYearStoredContent } from "./report-access";
import { AppError } from "../errors";

export const FIRST_YEAR = 2019;

/** Creates the user's agency's report for a year (at most one per agency and year). */
export async function createReport(prisma: PrismaClient, user: CurrentUser, year: number, now = new Date()) {
  assertPermission(user, "report.create");
  if (!user.agencyId) throw new AppError("FORBIDDEN", PERMISSION_DENIED["report.create"]);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > now.getFullYear()) {
    throw new AppError("INVALID", `报告年度须在 ${FIRST_YEAR} 年至 ${now.getFullYear()} 年之间。`);
  }
  const agency = await prisma.agency.findUniqueOrThrow({ where: { id: user.agencyId } });
  const existing = await prisma.report.findUnique({ where: { agencyId_year: { agencyId: agency.id, year } } });
  if (existing) throw new AppError("DUPLICATE", `${agency.name} ${year} 年度报告已经存在。`, { reportId: existing.id });
  const previous = await previousYearStoredContent(prisma, agency.id, year);
  const content = newReportContent({
    agency: agency.name,
    year,
    contact: agencyContact(agency),
    previous: previous ?? undefined,
    today: chinaDateText(now),
  });
  try {
    return await prisma.$transaction(async (tx) => {
      const report = await tx.report.create({
        data: {
          id: randomUUID(),
          agencyId: agency.id,
          year,
          format: TEMPLATES[formatForYear(year, TEMPLATES)].version,
          content: content as object,
          updatedById: user.id,
        },
      });
      await recordAudit(tx, { actorId: user.id, action: "report.create", reportId: report.id, details: { year, format: report.format } });
      return report;
    });
  } catch (error) {
    // A concurrent create of the same year hits the unique index.
    if ((error as { code?: string }).code === "P2002") throw new AppError("DUPLICATE", `${agency.name} ${year} 年度报告已经存在。`);
    throw error;
  }
}
