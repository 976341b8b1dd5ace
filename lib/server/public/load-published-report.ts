import "server-only";
import { buildDocument } from "../../document/build-document";
import type { PrismaClient } from "../../generated/prisma/client";
import { prepareReport } from "../../report/prepare-report";
import type { PublicFormat } from "./public-params";
import { ensurePublishedOutput } from "./published-outputs";
import { findPublication, getPublishedReport } from "./published-reports";

/**
 * What the public report page shows, as plain data: one published revision rendered from its
 * frozen content, its publication date and 更正说明, and every revision for the history list.
 * Only what getPublishedReport returns (published revisions) ever gets here.
 */
export async function loadPublishedReport(prisma: PrismaClient, slug: string, year: number, revision?: number) {
  const published = await getPublishedReport(prisma, slug, year, revision);
  const prepared = prepareReport(published.content);
  // Frozen content passed the strict schema when it was submitted; failing here is a bug.
  if (!prepared.ok) throw new Error(`published content of ${slug}/${year} r${published.revision} is unreadable`);
  const document = buildDocument(prepared.report);
  const shown = published.revisions.find((r) => r.revision === published.revision)!;
  return {
    agency: published.agency,
    year: published.year,
    title: document.title,
    document,
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
