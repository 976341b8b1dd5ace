import "server-only";
import { orderAgencyTree } from "../../admin/agency-tree";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import type { AgencyKind } from "../../workflow/deadline";
import type { ReportStatus } from "../../workflow/report-status";
import { assertPermission, canSeeAgency, visibleAgencyIdsSql, type CurrentUser } from "../authz";
import { toUtcDate, toUtcDateOrNull } from "../db/raw-dates";
import { AppError } from "../errors";
import type { ScopeAgency } from "../../oversight/status-row";
import { ensureAgencyNameKeys } from "./agency-order";

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

/** The report columns the scope reads, as a raw query returns them. */
export interface ScopeReportRecord {
  reportId: string | null;
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

/** Those columns of `Report` r, under the names of ScopeReportRecord. */
export const SCOPE_REPORT_COLUMNS = Prisma.sql`
  r."id" AS "reportId", r."status"::text AS "status", r."format", r."updatedAt", r."submittedAt",
  r."latestVersionId", r."latestVersionNumber", r."latestErrorCount", r."latestWarningCount",
  r."publishedVersionId", r."publishedVersionNumber", r."publishedRevision", r."firstPublishedAt"`;

/** A report from its record (which must have a report). */
export function toScopeReport(r: ScopeReportRecord): ScopeReport {
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
 * The agencies of a selection, resolved against the user's scope, as SQL for a query to join,
 * filter, sort and page without loading the scope: `from` names the selection's agencies `a`
 * (with `where`), `treeOrder` is text whose order (COLLATE "C") is tree order, `depth` the depth
 * below the top of the selection.
 */
export interface ResolvedSelection {
  from: Prisma.Sql;
  where: Prisma.Sql;
  treeOrder: Prisma.Sql;
  depth: Prisma.Sql;
  /** The agency the title is named after when it is in the scope: `under`, else the user's own. */
  rootId: string | null;
  /** The selected agencies when the selection lists them, in tree order. */
  listed: ScopeAgency[] | null;
}

/**
 * The agencies of the subtree whose top has the stored path `path` (itself included), as a
 * condition on `a`: the paths that start with it (Agency.treePath, kept by triggers from parentId
 * in the same transaction as every change, so exactly the agencies authz.ts's subtreeIdsSql walks
 * to, without walking). `^@` (starts with) is planned as a range of the tree order index, with
 * the planner's estimate of how much of the tree it is.
 */
function subtreeCondition(path: string): Prisma.Sql {
  return Prisma.sql`a."treePath" ^@ ${path}`;
}

/** An agency's stored path and depth (none: it does not exist, and neither does its subtree). */
async function placeOf(prisma: PrismaClient, id: string): Promise<{ treePath: string; depth: number } | null> {
  const [row] = await prisma.$queryRaw<{ treePath: string; depth: number }[]>`SELECT "treePath", "depth" FROM "Agency" WHERE "id" = ${id}`;
  return row ?? null;
}

/**
 * Resolves a selection within the user's scope (lib/server/authz.ts — reviewers their agency's
 * subtree, admins every agency); editors are refused outright. A selection naming any agency
 * outside the scope — by URL or a forged id — is refused as not found, never narrowed silently,
 * so a request can neither learn about nor sum an agency it may not see.
 *
 * Tree order and depth come from the stored tree order (Agency.treePath and depth, kept by
 * triggers; agencies without a sort key get theirs first): a subtree is in the stored order
 * itself, depth counted from its top. Listed agencies are placed as orderAgencyTree places them
 * among themselves (an agency whose parent is not listed is a top).
 */
export async function resolveSelection(prisma: PrismaClient, user: CurrentUser, selection: OversightSelection): Promise<ResolvedSelection> {
  assertPermission(user, "report.oversee");
  await ensureAgencyNameKeys(prisma);
  const conditions: Prisma.Sql[] = [];
  // Depth is counted from the top of the selection: `under`, the reviewer's agency, or the roots.
  let topDepth = 0;
  const subtree = async (id: string) => {
    const top = await placeOf(prisma, id);
    // An agency that no longer exists has no subtree (its path would match nothing either).
    conditions.push(top ? subtreeCondition(top.treePath) : Prisma.sql`FALSE`);
    topDepth = top?.depth ?? 0;
  };
  if (selection.under !== undefined) {
    if (!(await canSeeAgency(prisma, user, selection.under))) throw new AppError("NOT_FOUND", OUTSIDE_SCOPE);
    // A reviewer's scope is a subtree: the subtree of an agency in it lies inside it.
    await subtree(selection.under);
  } else if (user.role === "REVIEWER" && user.agencyId) {
    await subtree(user.agencyId);
  } else if (user.role !== "ADMIN") {
    // Without an agency a reviewer sees nothing (visibleAgencyIdsSql); editors were refused above.
    const visible = visibleAgencyIdsSql(user);
    conditions.push(visible ? Prisma.sql`a."id" IN (${visible})` : Prisma.sql`TRUE`);
  }
  const rootId = selection.under ?? user.agencyId;
  const wanted = selection.agencyIds ? [...new Set(selection.agencyIds)] : null;
  if (wanted) {
    conditions.push(Prisma.sql`a."id" = ANY(${wanted}::text[])`);
    const found = await prisma.$queryRaw<{ id: string; name: string; slug: string; kind: AgencyKind; parentId: string | null }[]>`
      SELECT a."id", a."name", a."slug", a."kind"::text AS "kind", a."parentId" FROM "Agency" a WHERE ${Prisma.join(conditions, " AND ")}`;
    if (found.length !== wanted.length) throw new AppError("NOT_FOUND", OUTSIDE_SCOPE);
    const listed = orderAgencyTree(found);
    return {
      from: Prisma.sql`unnest(${listed.map((a) => a.id)}::text[], ${listed.map((a) => a.depth)}::int[]) WITH ORDINALITY AS t("id", "depth", "ord") JOIN "Agency" a ON a."id" = t."id"`,
      where: Prisma.sql`TRUE`,
      treeOrder: Prisma.sql`(lpad(t."ord"::text, 10, '0') COLLATE "C")`,
      depth: Prisma.sql`t."depth"`,
      rootId,
      listed,
    };
  }
  return {
    from: Prisma.sql`"Agency" a`,
    where: conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`,
    treeOrder: Prisma.sql`a."treePath"`,
    depth: Prisma.sql`(a."depth" - ${topDepth}::int)`,
    rootId,
    listed: null,
  };
}

/** What the selection is called, e.g. 示例市人民政府及下属机关. */
export function selectionTitle(selection: OversightSelection, resolved: ResolvedSelection, size: number, rootName: string | null): string {
  if (selection.agencyIds) return resolved.listed!.length === 1 ? resolved.listed![0].name : "所选机关";
  if (rootName !== null) return size > 1 ? `${rootName}及下属机关` : rootName;
  return "全部机关";
}

interface ScopeRecord extends ScopeReportRecord, ScopeAgency {
  year: number | null;
}

/**
 * The agencies an oversight view (roll-up, indicator matrix, exports) covers, in tree order with
 * their depth, with their reports for the given years, in one statement (see resolveSelection
 * for who sees what).
 */
export async function oversightScope(prisma: PrismaClient, user: CurrentUser, selection: OversightSelection, years: readonly number[]): Promise<OversightScope> {
  const resolved = await resolveSelection(prisma, user, selection);
  const records = await prisma.$queryRaw<ScopeRecord[]>`
    SELECT a."id", a."name", a."slug", a."kind"::text AS "kind", a."parentId", ${resolved.depth} AS "depth", r."year", ${SCOPE_REPORT_COLUMNS}
    FROM ${resolved.from}
    LEFT JOIN "Report" r ON r."agencyId" = a."id" AND r."year" = ANY(${[...years]}::int[])
    WHERE ${resolved.where}
    ORDER BY ${resolved.treeOrder}`;
  const agencies: ScopeAgency[] = [];
  const reports = new Map<number, Map<string, ScopeReport>>(years.map((year) => [year, new Map()]));
  for (const r of records) {
    if (agencies.at(-1)?.id !== r.id) agencies.push({ id: r.id, name: r.name, slug: r.slug, kind: r.kind, parentId: r.parentId, depth: r.depth });
    if (r.reportId) reports.get(r.year!)!.set(r.id, toScopeReport(r));
  }
  const root = resolved.rootId === null ? null : (agencies.find((a) => a.id === resolved.rootId) ?? null);
  return { agencies, title: selectionTitle(selection, resolved, agencies.length, root?.name ?? null), reports };
}
