import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { DEFAULT_PAGE_SIZE, pageOf, type PageOf } from "../../paging/paging";
import { daysLate, daysUntilDeadline, deadlineRule, publicationDeadline, type AgencyKind } from "../../workflow/deadline";
import { PROGRESS_STATUSES, type ProgressStatus } from "../../workflow/report-status";
import type { CurrentUser } from "../authz";
import { toUtcDate } from "../db/raw-dates";
import { ZH_COLLATOR } from "../review/list-queue-filters";
import type { AgencyStatusRow, ScopeAgency } from "../../oversight/status-row";
import { oversightScope, type OversightSelection, type ScopeReport } from "./oversight-scope";

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

/**
 * Who made the last change of each of a page's reports, and what it was: the latest audit event
 * (one index lookup each on (reportId, at); only for the rows shown).
 */
async function lastEvents(prisma: PrismaClient, reportIds: string[]): Promise<Map<string, { at: Date; by: string | null; action: string }>> {
  if (reportIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ reportId: string; at: Date | string; action: string; actor: string | null }[]>`
    SELECT t."reportId", e."at", e."action", u."name" AS "actor"
    FROM unnest(${reportIds}::text[]) AS t("reportId")
    JOIN LATERAL (SELECT "at", "action", "actorId" FROM "AuditEvent" WHERE "reportId" = t."reportId" ORDER BY "at" DESC LIMIT 1) e ON TRUE
    LEFT JOIN "User" u ON u."id" = e."actorId"`;
  return new Map(rows.map((r) => [r.reportId, { at: toUtcDate(r.at), by: r.actor, action: r.action }]));
}

function toRow(agency: ScopeAgency, report: ScopeReport | undefined, year: number, now: Date): AgencyStatusRow {
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
    // When; who and what is added for the rows a page shows (withLastEvents).
    lastChange: { at: report.updatedAt, by: null, action: null },
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
 * Every agency of the scope with its report's standing: from the scope query alone (the report's
 * own columns, its latest version's frozen counts and first publication kept on it by triggers),
 * so the whole scope costs one statement and no content is read, no rule runs.
 */
async function scopeRows(prisma: PrismaClient, user: CurrentUser, options: OversightSelection & { year: number; now?: Date }) {
  const scope = await oversightScope(prisma, user, options, [options.year]);
  const reports = scope.reports.get(options.year)!;
  const now = options.now ?? new Date();
  return { scope, rows: scope.agencies.map((agency) => toRow(agency, reports.get(agency.id), options.year, now)) };
}

/** The rows with who made their last change and what it was. */
async function withLastEvents(prisma: PrismaClient, rows: AgencyStatusRow[]): Promise<AgencyStatusRow[]> {
  const events = await lastEvents(prisma, rows.flatMap((r) => (r.reportId ? [r.reportId] : [])));
  return rows.map((row) => {
    const event = row.reportId ? events.get(row.reportId) : undefined;
    return event ? { ...row, lastChange: event } : row;
  });
}

/**
 * Every agency in scope for a year — those without a report too — in tree order, each with its
 * last change (for exports of the whole list; the page loads one page at a time).
 */
export async function listAgencyStatuses(prisma: PrismaClient, user: CurrentUser, options: OversightSelection & { year: number; now?: Date }): Promise<AgencyStatusRow[]> {
  return withLastEvents(prisma, (await scopeRows(prisma, user, options)).rows);
}

const STATUS_ORDER = new Map(PROGRESS_STATUSES.map((s, i) => [s, i]));

/** Sort keys; ties keep tree order. */
const SORT_KEYS: Record<Exclude<StatusSort, "tree">, (row: AgencyStatusRow) => number | string> = {
  name: (row) => row.agency.name,
  status: (row) => STATUS_ORDER.get(row.status)!,
  // Published reports after every open one; among them the latest first.
  daysLeft: (row) => row.daysLeft ?? Number.MAX_SAFE_INTEGER - (row.daysLate ?? 0),
  lastChange: (row) => row.lastChange?.at.getTime() ?? -Infinity,
  errors: (row) => -(row.latestVersion ? row.latestVersion.errors * 100_000 + row.latestVersion.warnings : -1),
};

function filtered(rows: AgencyStatusRow[], filter: StatusFilter): AgencyStatusRow[] {
  const search = filter.search?.trim();
  return rows.filter(
    (row) =>
      (!filter.status?.length || filter.status.includes(row.status)) &&
      (!filter.kind || row.agency.kind === filter.kind) &&
      (filter.depth === undefined || row.agency.depth === filter.depth) &&
      (filter.overdue === undefined || row.overdue === filter.overdue) &&
      (!search || row.agency.name.includes(search)),
  );
}

function sorted(rows: AgencyStatusRow[], filter: StatusFilter): AgencyStatusRow[] {
  const sort = filter.sort ?? "tree";
  if (sort === "tree") return filter.descending ? [...rows].reverse() : rows;
  const key = SORT_KEYS[sort];
  const direction = filter.descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, value: key(row) }))
    .sort((a, b) => {
      const order = typeof a.value === "string" ? ZH_COLLATOR.compare(a.value, String(b.value)) : a.value - Number(b.value);
      return order * direction || a.index - b.index;
    })
    .map(({ row }) => row);
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

/**
 * One page of the oversight status list: every agency of the user's scope (or the selection in
 * it) for a year, filtered, sorted and paged on the server, with the counts per status over the
 * whole scope. Editors are refused; reviewers see their subtree, admins everything.
 */
export async function loadAgencyStatusPage(
  prisma: PrismaClient,
  user: CurrentUser,
  options: OversightSelection & { year: number; filter?: StatusFilter; page?: number; pageSize?: number; now?: Date },
): Promise<AgencyStatusPage> {
  const { scope, rows } = await scopeRows(prisma, user, options);
  const counts = Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
  for (const row of rows) counts[row.status]++;
  const filter = options.filter ?? {};
  const page = pageOf(sorted(filtered(rows, filter), filter), options.page ?? 1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  return {
    ...page,
    items: await withLastEvents(prisma, page.items),
    year: options.year,
    counts,
    overdue: rows.filter((r) => r.overdue).length,
    scopeSize: rows.length,
    title: scope.title,
  };
}
