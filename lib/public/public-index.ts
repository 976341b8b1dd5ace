import { orderAgencyTree } from "../admin/agency-tree";

/** An agency as the public index lists it, with the years it has published (newest first). */
export interface IndexAgency {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  years: number[];
}

export interface IndexEntry extends IndexAgency {
  depth: number;
  /** Shown for its place in the tree only (it has published nothing that matches itself). */
  context: boolean;
}

export interface IndexQuery {
  /** Part of the agency's name; blank for all. */
  q?: string;
  /** Only agencies that published this year's report. */
  year?: number;
}

/** Name matching that ignores spaces and full-/half-width differences (「示例市 公安局」, 「ＡＢ」). */
function searchKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/**
 * The public index (/reports): agencies with published reports, in tree order, each with its
 * ancestors for context (an ancestor that published nothing itself is marked `context`); with a
 * query, only the agencies whose name contains `q` and that published `year`, with their
 * ancestors. Pure, so the page and its tests share it.
 */
export function publicIndex(agencies: IndexAgency[], query: IndexQuery = {}): IndexEntry[] {
  const q = query.q ? searchKey(query.q) : "";
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const matches = (a: IndexAgency) => a.years.length > 0 && (!q || searchKey(a.name).includes(q)) && (query.year === undefined || a.years.includes(query.year));
  const shown = new Set<string>();
  const matched = new Set<string>();
  for (const agency of agencies) {
    if (!matches(agency)) continue;
    matched.add(agency.id);
    // The agency and its ancestors (a cycle, which the server prevents, cannot loop here).
    for (let at: IndexAgency | undefined = agency; at && !shown.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) shown.add(at.id);
  }
  return orderAgencyTree(agencies.filter((a) => shown.has(a.id))).map((a) => ({ ...a, context: !matched.has(a.id) }));
}

/** The years any agency published, newest first: the year filter's options. */
export function publishedYears(agencies: IndexAgency[]): number[] {
  return [...new Set(agencies.flatMap((a) => a.years))].sort((a, b) => b - a);
}
