import "server-only";
import { z } from "zod";
import { MAX_PAGE_NUMBER } from "../../paging/paging";
import type { QueueFilter } from "./review-queue";

/** The queue's status filter: one status, or every status (ALL). */
export const QUEUE_STATUSES = ["SUBMITTED", "APPROVED", "RETURNED", "PUBLISHED", "DRAFT", "ALL"] as const;
export const QUEUE_SORTS = ["daysLeft", "submittedAt", "agency"] as const;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Anything unexpected in the URL falls back to the default instead of failing the page. */
const ZQueueParams = z.object({
  status: z.preprocess(first, z.enum(QUEUE_STATUSES).catch("SUBMITTED")).default("SUBMITTED"),
  agency: z.preprocess(first, z.string().trim().max(100).optional().catch(undefined)),
  year: z.preprocess(first, z.coerce.number().int().min(1990).max(2999).optional().catch(undefined)),
  sort: z.preprocess(first, z.enum(QUEUE_SORTS).catch("daysLeft")).default("daysLeft"),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE_NUMBER).catch(1)).default(1),
});

export type TQueueParams = z.infer<typeof ZQueueParams>;

/**
 * The queue's filters from the page's searchParams (a GET form, so it works without JavaScript).
 * The agency id is only a filter: listReviewQueue intersects it with the reviewer's scope.
 */
export function parseQueueParams(searchParams: Record<string, string | string[] | undefined>): TQueueParams & { filter: QueueFilter } {
  const params = ZQueueParams.parse({
    status: searchParams.status,
    agency: searchParams.agency || undefined,
    year: searchParams.year || undefined,
    sort: searchParams.sort,
    page: searchParams.page || undefined,
  });
  return { ...params, filter: { status: params.status, agencyId: params.agency || undefined, year: params.year, sort: params.sort } };
}
