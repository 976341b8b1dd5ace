import "server-only";
import { LRUCache } from "lru-cache";
import { buildDocument } from "../../document/build-document";
import type { PrismaClient } from "../../generated/prisma/client";
import { renderHtmlFragment } from "../../render/html/render-html";
import { prepareReport } from "../../report/prepare-report";
import type { PublicFormat } from "./public-params";
import { ensurePublishedOutput } from "./published-outputs";
import { findPublication, getPublishedReport } from "./published-reports";

/** A published revision as the page shows it: its title and the report's HTML fragment. */
interface RenderedRevision {
  title: string;
  html: string;
}

/**
 * Rendered revisions by publication id. A publication never changes (append-only), so a cached
 * entry is never stale and needs no invalidation or sharing between instances: each instance
 * renders a revision once and keeps it while it is read. Bounded by size (~50 kB a report).
 */
const rendered = new LRUCache<string, RenderedRevision>({
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (entry) => 2 * (entry.html.length + entry.title.length) || 1,
});

function renderRevision(publicationId: string, content: unknown, where: string): RenderedRevision {
  const hit = rendered.get(publicationId);
  if (hit) return hit;
  const prepared = prepareReport(content);
  // Frozen content passed the strict schema when it was submitted; failing here is a bug.
  if (!prepared.ok) throw new Error(`published content of ${where} is unreadable`);
  const document = buildDocument(prepared.report);
  const entry = { title: document.title, html: renderHtmlFragment(document) };
  rendered.set(publicationId, entry);
  return entry;
}

/**
 * What the public report page shows, as plain data: one published revision rendered from its
 * frozen content (the report's HTML fragment, by the same renderer as the HTML download), its
 * publication date and 更正说明, and every revision for the history list. Only what
 * getPublishedReport returns (published revisions) ever gets here.
 */
export async function loadPublishedReport(prisma: PrismaClient, slug: string, year: number, revision?: number) {
  const published = await getPublishedReport(prisma, slug, year, revision);
  const { title, html } = renderRevision(published.publicationId, published.content, `${slug}/${year} r${published.revision}`);
  const shown = published.revisions.find((r) => r.revision === published.revision)!;
  return {
    agency: published.agency,
    year: published.year,
    title,
    html,
    revision: published.revision,
    latestRevision: published.latestRevision,
    publishedAt: published.publishedAt.toISOString(),
    /** The 更正说明 of the shown revision (null for the first publication). */
    correctionNote: shown.correctionNote,
    revisions: published.revisions.map((r) => ({ revision: r.revision, publishedAt: r.publishedAt.toISOString(), correctionNote: r.correctionNote })),
  };
}

export type PublishedReportView = Awaited<ReturnType<typeof loadPublishedReport>>;

/**
 * A published revision as a file (the latest when no revision is given), served from storage
 * and rendered once on the first request (published-outputs.ts); NOT_FOUND otherwise.
 */
export async function exportPublishedReport(prisma: PrismaClient, slug: string, year: number, format: PublicFormat, revision?: number) {
  const publication = await findPublication(prisma, slug, year, revision);
  const file = await ensurePublishedOutput(prisma, publication, format);
  return { ...file, revision: publication.revision };
}
