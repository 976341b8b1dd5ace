import "server-only";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { DEFAULT_PAGE_SIZE, type PageOf } from "../../paging/paging";
import { daysLate, daysUntilDeadline, deadlineRule, publicationDeadline, AGENCY_KINDS, type AgencyKind } from "../../workflow/deadline";
import { PROGRESS_STATUSES, type ProgressStatus } from "../../workflow/report-status";
import type { CurrentUser } from "../authz";
import { toUtcDate } from "../db/raw-dates";
import type { AgencyStatusRow, ScopeAgency } from "../../oversight/status-row";
import {
  oversightScope,
  resolveSelection,
  SCOPE_REPORT_COLUMNS,
  selectionTitle,
  toScopeReport,
  type OversightSelection,
  type ScopeReport,
  type ScopeReportRecord,
} from "./oversight-scope";

export type { AgencyStatusRow };

export type StatusSort = "tree" | "name" | "status" | "daysLeft" | "lastChange" | "errors";

export interface StatusFilter {
  /** Only these statuses (未开始 = no report). */
  status?: readonly ProgressStatus[];
  kind?: AgencyKind;
  /** Only agencies this many levels below the top of the scope (0 = the top). */
  depth?: number;
  overdue?: boolean;
  /** Part of the agency's name. */
  search?: string;
  sort?: StatusSort;
  descending?: boolean;
}

type LastEvent = { at: Date; by: string | null; action: string };

/**
 * Who made the last change of each of these reports, and what it was: the latest audit event
 * (one index lookup each on (reportId, at)).
 */
async function lastEvents(prisma: PrismaClient, reportIds: string[]): Promise<Map<string, LastEvent>> {
  if (reportIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ reportId: string; at: Date | string; action: string; actor: string | null }[]>`
    SELECT t."reportId", e."at", e."action", u."name" AS "actor"
    FROM unnest(${reportIds}::text[]) AS t("reportId")
    JOIN LATERAL (SELECT "at", "action", "actorId" FROM "AuditEvent" WHERE "reportId" = t."reportId" ORDER BY "at" DESC LIMIT 1) e ON TRUE
    LEFT JOIN "User" u ON u."id" = e."actorId"`;
  return new Map(rows.map((r) => [r.reportId, { at: toUtcDate(r.at), by: r.actor, action: r.action }]));
}

/** An agency's row from its report (none: 未开始); `event` is its report's latest audit event. */
function toRow(agency: ScopeAgency, report: ScopeReport | undefined, year: number, now: Date, event?: LastEvent): AgencyStatusRow {
  const deadline = publicationDeadline(agency.kind, year);
  const base = { agency, deadline, deadlineRule: deadlineRule(agency.kind) };
  if (!report) {
    const daysLeft = daysUntilDeadline(agency.kind, year, now);
    return {
      ...base,
      reportId: null,
      status: "NOT_STARTED",
      lastChange: null,
      latestVersion: null,
      submittedAt: null,
      publishedAt: null,
      revision: null,
      daysLeft,
      daysLate: null,
      overdue: daysLeft < 0,
      publicPath: null,
    };
  }
  const publishedAt = report.published?.firstPublishedAt ?? null;
  const daysLeft = publishedAt ? null : daysUntilDeadline(agency.kind, year, now);
  const late = publishedAt ? daysLate(agency.kind, year, publishedAt) : null;
  const version = report.latestVersion;
  return {
    ...base,
    reportId: report.id,
    status: report.status,
    // When (the report's own timestamp); who and what from its latest audit event, when it has one.
    lastChange: event ?? { at: report.updatedAt, by: null, action: null },
    latestVersion: version && { number: version.number, errors: version.errors, warnings: version.warnings },
    submittedAt: report.submittedAt,
    publishedAt,
    revision: report.published?.revision ?? null,
    daysLeft,
    daysLate: late,
    overdue: publishedAt ? late! > 0 : daysLeft! < 0,
    publicPath: publishedAt ? `/reports/${agency.slug}/${year}` : null,
  };
}

/**
 * Every agency in scope for a year — those without a report too — in tree order, each with its
 * last change, and what the selection is called (for exports of the whole list; the page loads
 * one page at a time). One scope query for both.
 */
export async function loadAgencyStatusList(
  prisma: PrismaClient,
  user: CurrentUser,
  options: OversightSelection & { year: number; now?: Date },
): Promise<{ rows: AgencyStatusRow[]; title: string }> {
  const scope = await oversightScope(prisma, user, options, [options.year]);
  const reports = scope.reports.get(options.year)!;
  const now = options.now ?? new Date();
  const events = await lastEvents(prisma, [...reports.values()].map((r) => r.id));
  const rows = scope.agencies.map((agency) => {
    const report = reports.get(agency.id);
    return toRow(agency, report, options.year, now, report && events.get(report.id));
  });
  return { rows, title: scope.title };
}

/** The rows of loadAgencyStatusList. */
export async function listAgencyStatuses(prisma: PrismaClient, user: CurrentUser, options: OversightSelection & { year: number; now?: Date }): Promise<AgencyStatusRow[]> {
  return (await loadAgencyStatusList(prisma, user, options)).rows;
}

export interface AgencyStatusPage extends PageOf<AgencyStatusRow> {
  year: number;
  /** How many agencies of the whole scope are in each status (before filtering), for the summary and charts. */
  counts: Record<ProgressStatus, number>;
  /** How many agencies of the whole scope are overdue. */
  overdue: number;
  /** Agencies in scope before filtering. */
  scopeSize: number;
  title: string;
}

/** Larger than any days-left figure: published reports sort after every open one. */
const PUBLISHED_DAYS_LEFT = Number.MAX_SAFE_INTEGER;

/**
 * The sort of the list in SQL over the `f` rows of the page query; ties keep tree order. Each
 * key orders as the list's columns read: status in the order of PROGRESS_STATUSES, days left
 * with published reports after every open one (among them the latest first), last change with
 * agencies without a report first, errors with the most errors (then warnings) first and
 * agencies without a frozen version last.
 */
function orderBy(sort: StatusSort, descending: boolean, alias: "f" | "p"): Prisma.Sql {
  const f = Prisma.raw(alias);
  const dir = Prisma.raw(descending ? "DESC" : "ASC");
  const tree = Prisma.sql`${f}."treeOrder" ASC`;
  switch (sort) {
    case "tree":
      return Prisma.sql`${f}."treeOrder" ${dir}`;
    case "name":
      return Prisma.sql`(COALESCE(${f}."nameKey", ${f}."name") COLLATE "C") ${dir}, ${tree}`;
    case "status":
      return Prisma.sql`array_position(${[...PROGRESS_STATUSES]}::text[], ${f}."progress") ${dir}, ${tree}`;
    case "daysLeft":
      return Prisma.sql`(CASE WHEN ${f}."published" THEN ${PUBLISHED_DAYS_LEFT}::bigint - ${f}."daysLate" ELSE ${f}."daysLeftIfOpen" END) ${dir}, ${tree}`;
    case "lastChange":
      return Prisma.sql`${f}."updatedAt" ${dir} ${Prisma.raw(descending ? "NULLS LAST" : "NULLS FIRST")}, ${tree}`;
    case "errors":
      return Prisma.sql`(CASE WHEN ${f}."latestVersionId" IS NULL THEN 1 ELSE -(${f}."latestErrorCount"::bigint * 100000 + ${f}."latestWarningCount") END) ${dir}, ${tree}`;
  }
}

/** The filter's conditions on the `f` rows (all of them: AND). */
function conditions(filter: StatusFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.status?.length) parts.push(Prisma.sql`f."progress" = ANY(${[...filter.status]}::text[])`);
  if (filter.kind) parts.push(Prisma.sql`f."kind" = ${filter.kind}`);
  if (filter.depth !== undefined) parts.push(Prisma.sql`f."depth" = ${filter.depth}::int`);
  if (filter.overdue !== undefined) parts.push(Prisma.sql`f."overdue" = ${filter.overdue}::boolean`);
  const search = filter.search?.trim();
  // A plain substring, as String#includes: no pattern characters.
  if (search) parts.push(Prisma.sql`strpos(f."name", ${search}) > 0`);
  return Prisma.join(parts, " AND ");
}

interface SummaryRecord {
  scopeSize: number;
  overdueCount: number;
  total: number;
  rootName: string | null;
  counts: number[];
}

interface PageRecord extends ScopeReportRecord, ScopeAgency {
  eventAt: Date | string | null;
  eventAction: string | null;
  eventActor: string | null;
}

/**
 * One page of the oversight status list: every agency of the user's scope (or the selection in
 * it) for a year, filtered, sorted and paged by the database, with the counts per status and of
 * overdue agencies over the whole scope and the page rows' last changes, in one statement. The
 * scope is the stored tree order joined with the year's reports (their own columns and the
 * pointers triggers keep); the deadline facts that depend only on the agency's kind and `now` are
 * computed here (lib/workflow/deadline.ts) and passed in. Editors are refused; reviewers see
 * their subtree, admins everything (resolveSelection).
 */
export async function loadAgencyStatusPage(
  prisma: PrismaClient,
  user: CurrentUser,
  options: OversightSelection & { year: number; filter?: StatusFilter; page?: number; pageSize?: number; now?: Date },
): Promise<AgencyStatusPage> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size must be a positive integer (is ${pageSize})`);
  const requested = options.page !== undefined && Number.isInteger(options.page) && options.page >= 1 ? options.page : 1;
  const { year } = options;
  const now = options.now ?? new Date();
  const filter = options.filter ?? {};
  const resolved = await resolveSelection(prisma, user, options);

  // Per kind: the deadline instant (ms) and, for a report not published, the days left.
  const byKind = (pick: (kind: AgencyKind) => number) =>
    Prisma.sql`CASE a."kind"::text ${Prisma.join(AGENCY_KINDS.map((kind) => Prisma.sql`WHEN ${kind} THEN ${pick(kind)}::bigint`), " ")} END`;
  const counts = Prisma.join(PROGRESS_STATUSES.map((s) => Prisma.sql`count(*) FILTER (WHERE "progress" = ${s})::int`), ", ");

  const sort = filter.sort ?? "tree";
  const descending = filter.descending ?? false;
  // The scope's rows with the deadline facts, inlined where used. The summary over the whole
  // scope and the page run as two statements at once (on two pooled connections): at 10,000
  // agencies each is a scan of the scope, and side by side they take the time of one.
  const scopeFacts = Prisma.sql`
    "scope" AS NOT MATERIALIZED (
      SELECT a."id", a."name", a."slug", a."kind"::text AS "kind", a."parentId", a."nameKey",
             ${resolved.treeOrder} AS "treeOrder", ${resolved.depth} AS "depth", ${SCOPE_REPORT_COLUMNS},
             COALESCE(r."status"::text, 'NOT_STARTED') AS "progress",
             (r."publishedVersionId" IS NOT NULL) AS "published",
             ${byKind((kind) => publicationDeadline(kind, year).getTime())} AS "deadlineMs",
             ${byKind((kind) => daysUntilDeadline(kind, year, now))} AS "daysLeftIfOpen",
             (extract(epoch FROM r."firstPublishedAt") * 1000)::bigint AS "publishedMs"
      FROM ${resolved.from}
      LEFT JOIN "Report" r ON r."agencyId" = a."id" AND r."year" = ${year}::int
      WHERE ${resolved.where}
    ),
    "facts" AS NOT MATERIALIZED (
      SELECT x.*,
             CASE WHEN x."published" THEN x."publishedMs" > x."deadlineMs" ELSE x."daysLeftIfOpen" < 0 END AS "overdue",
             CASE WHEN NOT x."published" THEN NULL
                  WHEN x."publishedMs" > x."deadlineMs" THEN ceil((x."publishedMs" - x."deadlineMs") / 86400000.0)::bigint
                  ELSE 0 END AS "daysLate"
      FROM "scope" x
    )`;
  const pageAt = (page: number) => prisma.$queryRaw<PageRecord[]>`
    WITH ${scopeFacts},
    "page" AS (
      SELECT f.* FROM "facts" f
      WHERE ${conditions(filter)}
      ORDER BY ${orderBy(sort, descending, "f")}
      LIMIT ${pageSize}::int OFFSET ${(page - 1) * pageSize}::int
    )
    SELECT p."id", p."name", p."slug", p."kind", p."parentId", p."depth",
           p."reportId", p."status", p."format", p."updatedAt", p."submittedAt",
           p."latestVersionId", p."latestVersionNumber", p."latestErrorCount", p."latestWarningCount",
           p."publishedVersionId", p."publishedVersionNumber", p."publishedRevision", p."firstPublishedAt",
           e."at" AS "eventAt", e."action" AS "eventAction", u."name" AS "eventActor"
    FROM "page" p
    LEFT JOIN LATERAL (SELECT "at", "action", "actorId" FROM "AuditEvent" WHERE "reportId" = p."reportId" ORDER BY "at" DESC LIMIT 1) e ON p."reportId" IS NOT NULL
    LEFT JOIN "User" u ON u."id" = e."actorId"
    ORDER BY ${orderBy(sort, descending, "p")}`;
  const summaryQuery = prisma.$queryRaw<SummaryRecord[]>`
    WITH ${scopeFacts}
    SELECT count(*)::int AS "scopeSize", count(*) FILTER (WHERE f."overdue")::int AS "overdueCount", ARRAY[${counts}] AS "counts",
           count(*) FILTER (WHERE ${conditions(filter)})::int AS "total",
           max(f."name") FILTER (WHERE f."id" = ${resolved.rootId}) AS "rootName"
    FROM "facts" f`;
  const [[head], requestedRows] = await Promise.all([summaryQuery, pageAt(requested)]);
  // A page past the end shows the last one (fetched again: rare, only from a stale link).
  const page = Math.min(requested, Math.max(1, Math.ceil(head.total / pageSize)));
  const records = page === requested ? requestedRows : await pageAt(page);

  const items = records.map((r) => {
      const agency: ScopeAgency = { id: r.id, name: r.name, slug: r.slug, kind: r.kind, parentId: r.parentId, depth: r.depth };
      const event = r.eventAt === null ? undefined : { at: toUtcDate(r.eventAt), by: r.eventActor, action: r.eventAction! };
      return toRow(agency, r.reportId ? toScopeReport(r) : undefined, year, now, event);
    });
  const total = head.total;
  const start = (page - 1) * pageSize;
  return {
    items,
    page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    pageSize,
    total,
    from: items.length ? start + 1 : 0,
    to: start + items.length,
    year,
    counts: Object.fromEntries(PROGRESS_STATUSES.map((s, i) => [s, Number(head.counts[i])])) as Record<ProgressStatus, number>,
    overdue: head.overdueCount,
    scopeSize: head.scopeSize,
    title: selectionTitle(options, resolved, head.scopeSize, head.rootName),
  };
}
