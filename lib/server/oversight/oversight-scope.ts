import "server-only";
import { orderAgencyTree } from "../../admin/agency-tree";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import type { AgencyKind } from "../../workflow/deadline";
import type { ReportStatus } from "../../workflow/report-status";
import { assertPermission, canSeeAgency, subtreeIdsSql, visibleAgencyIdsSql, type CurrentUser } from "../authz";
import { toUtcDate, toUtcDateOrNull } from "../db/raw-dates";
import { AppError } from "../errors";
import type { ScopeAgency } from "../../oversight/status-row";

export type { ScopeAgency };

/** Which agencies an oversight view covers, within the user's scope. */
export interface OversightSelection {
  /** Only this agency and those below it (must be in the user's scope). */
  under?: string;
  /** Only these agencies (each must be in the user's scope, and below `under` when given). */
  agencyIds?: readonly string[];
}

/**
 * An agency's report for a year as the oversight views need it: the report's own columns,
 * including the pointers to its latest frozen version and latest publication that triggers keep
 * (migration 20261202042000_report_pointers). No content, no version row is read.
 */
export interface ScopeReport {
  id: string;
  status: ReportStatus;
  format: string;
  /** Moved by every save and transition. */
  updatedAt: Date;
  submittedAt: Date | null;
  latestVersion: { id: string; number: number; errors: number; warnings: number } | null;
  published: { versionId: string; versionNumber: number; revision: number; firstPublishedAt: Date } | null;
}

export interface OversightScope {
  /** In tree order (each parent before its children, siblings by name). */
  agencies: ScopeAgency[];
  /** What the selection is called in a roll-up's title, e.g. 示例市人民政府及下属机关. */
  title: string;
  /** Each requested year's reports, by agency id. */
  reports: Map<number, Map<string, ScopeReport>>;
}

const OUTSIDE_SCOPE = "找不到所选的机关，或您无权查看。";

interface ScopeRecord {
  id: string;
  name: string;
  slug: string;
  kind: AgencyKind;
  parentId: string | null;
  reportId: string | null;
  year: number | null;
  status: ReportStatus | null;
  format: string | null;
  updatedAt: Date | string | null;
  submittedAt: Date | string | null;
  latestVersionId: string | null;
  latestVersionNumber: number | null;
  latestErrorCount: number | null;
  latestWarningCount: number | null;
  publishedVersionId: string | null;
  publishedVersionNumber: number | null;
  publishedRevision: number | null;
  firstPublishedAt: Date | string | null;
}

function toReport(r: ScopeRecord): ScopeReport {
  return {
    id: r.reportId!,
    status: r.status!,
    format: r.format!,
    updatedAt: toUtcDate(r.updatedAt!),
    submittedAt: toUtcDateOrNull(r.submittedAt),
    latestVersion: r.latestVersionId
      ? { id: r.latestVersionId, number: r.latestVersionNumber!, errors: r.latestErrorCount!, warnings: r.latestWarningCount! }
      : null,
    published: r.publishedVersionId
      ? { versionId: r.publishedVersionId, versionNumber: r.publishedVersionNumber!, revision: r.publishedRevision!, firstPublishedAt: toUtcDate(r.firstPublishedAt!) }
      : null,
  };
}

/**
 * The agencies an oversight view (status list, roll-up, indicator matrix) covers, with their
 * reports for the given years, in one statement: the user's scope (lib/server/authz.ts — reviewers
 * their agency's subtree, admins every agency) joined in the database, each agency with its
 * report of each year. Editors are refused outright. A selection naming any agency outside the
 * scope — by URL or a forged id — is refused as not found, never narrowed silently, so a request
 * can neither learn about nor sum an agency it may not see.
 */
export async function oversightScope(prisma: PrismaClient, user: CurrentUser, selection: OversightSelection, years: readonly number[]): Promise<OversightScope> {
  assertPermission(user, "report.oversee");
  const conditions: Prisma.Sql[] = [];
  const visible = visibleAgencyIdsSql(user);
  if (selection.under !== undefined) {
    if (!(await canSeeAgency(prisma, user, selection.under))) throw new AppError("NOT_FOUND", OUTSIDE_SCOPE);
    // A reviewer's scope is a subtree: the subtree of an agency in it lies inside it.
    conditions.push(Prisma.sql`a."id" IN (${subtreeIdsSql(selection.under)})`);
  } else if (visible) {
    conditions.push(Prisma.sql`a."id" IN (${visible})`);
  }
  const wanted = selection.agencyIds ? [...new Set(selection.agencyIds)] : null;
  if (wanted) conditions.push(Prisma.sql`a."id" = ANY(${wanted}::text[])`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const records = await prisma.$queryRaw<ScopeRecord[]>`
    SELECT a."id", a."name", a."slug", a."kind"::text AS "kind", a."parentId",
           r."id" AS "reportId", r."year", r."status"::text AS "status", r."format", r."updatedAt", r."submittedAt",
           r."latestVersionId", r."latestVersionNumber", r."latestErrorCount", r."latestWarningCount",
           r."publishedVersionId", r."publishedVersionNumber", r."publishedRevision", r."firstPublishedAt"
    FROM "Agency" a
    LEFT JOIN "Report" r ON r."agencyId" = a."id" AND r."year" = ANY(${[...years]}::int[])
    ${where}`;

  const agencies = new Map<string, Omit<ScopeAgency, "depth">>();
  const reports = new Map<number, Map<string, ScopeReport>>(years.map((year) => [year, new Map()]));
  for (const r of records) {
    if (!agencies.has(r.id)) agencies.set(r.id, { id: r.id, name: r.name, slug: r.slug, kind: r.kind, parentId: r.parentId });
    if (r.reportId) reports.get(r.year!)!.set(r.id, toReport(r));
  }
  if (wanted && agencies.size !== wanted.length) throw new AppError("NOT_FOUND", OUTSIDE_SCOPE);
  const ordered = orderAgencyTree([...agencies.values()]);
  return { agencies: ordered, title: scopeTitle(ordered, selection, user), reports };
}

function scopeTitle(agencies: ScopeAgency[], selection: OversightSelection, user: CurrentUser): string {
  if (selection.agencyIds) return agencies.length === 1 ? agencies[0].name : "所选机关";
  const rootId = selection.under ?? user.agencyId;
  const root = agencies.find((a) => a.id === rootId);
  if (root) return agencies.length > 1 ? `${root.name}及下属机关` : root.name;
  return "全部机关";
}
