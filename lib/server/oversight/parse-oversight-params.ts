import "server-only";
import { z } from "zod";
import { isRollUpBasis, type RollUpBasis } from "../../oversight/roll-up";
import { MAX_PAGE_NUMBER } from "../../paging/paging";
import { AGENCY_KINDS } from "../../workflow/deadline";
import { PROGRESS_STATUSES } from "../../workflow/report-status";
import type { StatusFilter, StatusSort } from "./load-agency-statuses";

/** The sorts of the oversight status list, as the page offers them. */
export const OVERSIGHT_SORTS = ["tree", "daysLeft", "status", "errors", "lastChange", "name"] as const satisfies readonly StatusSort[];

/** The first report year the oversight page offers (the 2019 format's first year). */
export const FIRST_OVERSIGHT_YEAR = 2019;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blankToUndefined = (value: unknown) => {
  const v = first(value);
  return v === "" || v === null ? undefined : v;
};

/**
 * The report year a supervisor is most likely after: the year before the current one in China
 * time (reports are written in the first months of the following year), as 我的报告 proposes.
 */
export function defaultOversightYear(now: Date = new Date()): number {
  return new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear() - 1;
}

/** The years offered, newest first: this year down to the first year of the official formats. */
export function oversightYears(now: Date = new Date()): number[] {
  const last = defaultOversightYear(now) + 1;
  return Array.from({ length: last - FIRST_OVERSIGHT_YEAR + 1 }, (_, i) => last - i);
}

function zParams(now: Date) {
  const years = oversightYears(now);
  return z.object({
    year: z.preprocess(blankToUndefined, z.coerce.number().int().min(FIRST_OVERSIGHT_YEAR).max(years[0]).catch(defaultOversightYear(now))).default(defaultOversightYear(now)),
    under: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).optional().catch(undefined)),
    status: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(PROGRESS_STATUSES as [string, ...string[]])).max(PROGRESS_STATUSES.length).catch([])),
    kind: z.preprocess(blankToUndefined, z.enum(AGENCY_KINDS).optional().catch(undefined)),
    level: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(20).optional().catch(undefined)),
    overdue: z.preprocess(blankToUndefined, z.enum(["1", "0"]).optional().catch(undefined)),
    q: z.preprocess(blankToUndefined, z.string().trim().max(50).optional().catch(undefined)),
    sort: z.preprocess(blankToUndefined, z.enum(OVERSIGHT_SORTS).catch("tree")).default("tree"),
    desc: z.preprocess(blankToUndefined, z.enum(["1"]).optional().catch(undefined)),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_PAGE_NUMBER).catch(1)).default(1),
    basis: z.preprocess(blankToUndefined, z.string().refine(isRollUpBasis).optional().catch(undefined)),
  });
}

export interface OversightParams {
  year: number;
  /** Only this agency and those below it; checked against the user's scope by oversightScope. */
  under?: string;
  filter: StatusFilter;
  page: number;
  basis: RollUpBasis;
  /** The same parameters as a query string, without `page` (for links that keep the view). */
  query: URLSearchParams;
}

/**
 * The oversight views' parameters from a URL's search params (GET forms, so the page works
 * without JavaScript, and export links carry the same selection). Anything unexpected falls back
 * to the default instead of failing; `under` is only a wish that oversightScope checks against
 * the user's scope (outside it: not found).
 */
export function parseOversightParams(searchParams: Record<string, string | string[] | undefined> | URLSearchParams, now: Date = new Date()): OversightParams {
  const record = searchParams instanceof URLSearchParams ? toRecord(searchParams) : searchParams;
  const p = zParams(now).parse(record);
  const filter: StatusFilter = {
    status: p.status.length ? (p.status as StatusFilter["status"]) : undefined,
    kind: p.kind,
    depth: p.level,
    overdue: p.overdue === undefined ? undefined : p.overdue === "1",
    search: p.q || undefined,
    sort: p.sort,
    descending: p.desc === "1",
  };
  const query = new URLSearchParams();
  query.set("year", String(p.year));
  if (p.under) query.set("under", p.under);
  for (const s of p.status) query.append("status", s);
  if (p.kind) query.set("kind", p.kind);
  if (p.level !== undefined) query.set("level", String(p.level));
  if (p.overdue) query.set("overdue", p.overdue);
  if (p.q) query.set("q", p.q);
  if (p.sort !== "tree") query.set("sort", p.sort);
  if (p.desc) query.set("desc", "1");
  if (p.basis) query.set("basis", p.basis);
  return { year: p.year, under: p.under, filter, page: p.page, basis: (p.basis as RollUpBasis | undefined) ?? "published", query };
}

function toRecord(params: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    record[key] = all.length > 1 ? all : all[0];
  }
  return record;
}
