/**
 * Server-side paging of a sorted list: which slice one page shows and the numbers the page
 * states ("第 21–40 份，共 57 份"). Framework-free, so every list page (review queue, oversight)
 * pages the same way. A page beyond the last shows the last; a list of nothing has one empty page.
 */
export const DEFAULT_PAGE_SIZE = 20;
/** The highest page number a URL may ask for (anything larger is clamped to the last page). */
export const MAX_PAGE_NUMBER = 100_000;

export interface PageOf<T> {
  items: T[];
  /** 1-based page number actually shown. */
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  /** 1-based position of the first and last item shown (0 and 0 for an empty list). */
  from: number;
  to: number;
}

export function pageOf<T>(items: readonly T[], requestedPage: number, pageSize = DEFAULT_PAGE_SIZE): PageOf<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size must be a positive integer (is ${pageSize})`);
  const total = items.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const wanted = Number.isInteger(requestedPage) && requestedPage >= 1 ? requestedPage : 1;
  const page = Math.min(wanted, pageCount);
  const start = (page - 1) * pageSize;
  const shown = items.slice(start, start + pageSize);
  return { items: shown, page, pageCount, pageSize, total, from: shown.length ? start + 1 : 0, to: start + shown.length };
}

/**
 * The page numbers a pager links to: the first, the last and two on either side of the current
 * one, with null where numbers are left out (shown as "…").
 */
export function pagerNumbers(page: number, pageCount: number, around = 2): (number | null)[] {
  const keep = new Set<number>([1, pageCount]);
  for (let n = page - around; n <= page + around; n++) if (n >= 1 && n <= pageCount) keep.add(n);
  const sorted = [...keep].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const n of sorted) {
    const previous = result.at(-1);
    if (typeof previous === "number" && n - previous === 2) result.push(n - 1);
    else if (typeof previous === "number" && n - previous > 2) result.push(null);
    result.push(n);
  }
  return result;
}
