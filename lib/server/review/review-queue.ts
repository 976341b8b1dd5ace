import "server-only";
import { Prisma, type PrismaClient, type ReportStatus } from "../../generated/prisma/client";
import { DEFAULT_PAGE_SIZE, pageOf } from "../../paging/paging";
import { daysUntilDeadline, publicationDeadline, type AgencyKind } from "../../workflow/deadline";

import { assertPermission, visibleAgencyIds, type CurrentUser } from "../authz";
import { toUtcDate } from "../db/raw-dates";
import { queueFiltersIn, ZH_COLLATOR } from "./list-queue-filters";

export interface QueueFilter {
  status?: ReportStatus | "ALL";
  agencyId?: string;
  year?: number;
  sort?: "submittedAt" | "daysLeft" | "agency" | "errors";
}

interface QueueRecord {
  id: string;
  agencyId: string;
  agency: string;
  /** Decides the statutory deadline. */
  agencyKind: AgencyKind;
  year: number;
  status: ReportStatus;
  submittedAt: Date | null;
  versionNumber: number | null;
  errors: number | null;
  warnings: number | null;
  warningNote: string | null;
}

/**
 * The queue's rows in one statement: each report of the scope with its agency's name and only
 * the counts of its latest frozen version (LATERAL … ORDER BY number DESC LIMIT 1 on the
 * (reportId, number) index). Neither the report's nor the version's content is read: the counts
 * were frozen at submission, so no JSON is parsed and no rule runs per row.
 */
async function queueRecords(prisma: PrismaClient, scope: Set<string> | null, filter: QueueFilter): Promise<QueueRecord[]> {
  if (scope && scope.size === 0) return [];
  const status = filter.status ?? "SUBMITTED";
  const conditions: Prisma.Sql[] = [];
  if (scope) conditions.push(Prisma.sql`r."agencyId" = ANY(${[...scope]}::text[])`);
  if (status !== "ALL") conditions.push(Prisma.sql`r."status" = ${status}::"ReportStatus"`);
  if (filter.agencyId) conditions.push(Prisma.sql`r."agencyId" = ${filter.agencyId}`);
  if (filter.year) conditions.push(Prisma.sql`r."year" = ${filter.year}::int`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await prisma.$queryRaw<(Omit<QueueRecord, "submittedAt"> & { submittedAt: Date | string | null })[]>`
    SELECT r."id", r."agencyId", a."name" AS "agency", a."kind"::text AS "agencyKind", r."year", r."status"::text AS "status", r."submittedAt",
           v."number" AS "versionNumber", v."errorCount" AS "errors", v."warningCount" AS "warnings", v."warningNote"
    FROM "Report" r
    JOIN "Agency" a ON a."id" = r."agencyId"
    LEFT JOIN LATERAL (
      SELECT "number", "errorCount", "warningCount", "warningNote"
      FROM "ReportVersion"
      WHERE "reportId" = r."id"
      ORDER BY "number" DESC
      LIMIT 1
    ) v ON TRUE
    ${where}`;
  // TIMESTAMP(3) holds UTC wall-clock time, as Prisma writes it.
  return rows.map((row) => ({ ...row, submittedAt: row.submittedAt === null ? null : toUtcDate(row.submittedAt) }));
}

function sortedRows(records: QueueRecord[], filter: QueueFilter, now: Date) {
  const rows = records.map((r) => ({ ...r, deadline: publicationDeadline(r.agencyKind, r.year), daysLeft: daysUntilDeadline(r.agencyKind, r.year, now) }));
  const sort = filter.sort ?? "daysLeft";
  const key: Record<NonNullable<QueueFilter["sort"]>, (row: (typeof rows)[number]) => number | string> = {
    submittedAt: (row) => row.submittedAt?.getTime() ?? Infinity,
    daysLeft: (row) => row.daysLeft,
    agency: (row) => row.agency,
    errors: (row) => -(row.warnings ?? 0),
  };
  return rows.sort((a, b) => {
    const [x, y] = [key[sort](a), key[sort](b)];
    return typeof x === "string" ? ZH_COLLATOR.compare(x, String(y)) : x - Number(y);
  });
}

/**
 * Reports awaiting review across the reviewer's agency subtree, with the counts frozen at
 * submission and the statutory deadline (by the agency's stored kind) and the days left to it.
 */
export async function listReviewQueue(prisma: PrismaClient, user: CurrentUser, filter: QueueFilter = {}, now = new Date()) {
  assertPermission(user, "report.review", "只有审核人可以查看审核队列。");
  const scope = await visibleAgencyIds(prisma, user);
  return sortedRows(await queueRecords(prisma, scope, filter), filter, now);
}

export type QueueRow = Awaited<ReturnType<typeof listReviewQueue>>[number];

/**
 * What one page of the queue shows: its rows (sorted over the whole scope, then one page of
 * them: the rows hold no content, so sorting thousands is cheap; rendering them is not) and the
 * filter form's choices, with the reviewer's scope computed once for both.
 */
export async function loadReviewQueuePage(
  prisma: PrismaClient,
  user: CurrentUser,
  filter: QueueFilter = {},
  now = new Date(),
  paging: { page?: number; pageSize?: number } = {},
) {
  assertPermission(user, "report.review", "只有审核人可以查看审核队列。");
  const scope = await visibleAgencyIds(prisma, user);
  const [records, options] = await Promise.all([queueRecords(prisma, scope, filter), queueFiltersIn(prisma, scope)]);
  return { ...pageOf(sortedRows(records, filter, now), paging.page ?? 1, paging.pageSize ?? DEFAULT_PAGE_SIZE), options };
}
