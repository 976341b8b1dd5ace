import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";

/**
 * What anonymous visitors may see: published revisions only, by agency slug and year. Drafts,
 * versions under review and comments are never reachable from here. Two statements: the
 * report with every revision's date and note (no content), then the shown revision's content.
 */
export async function getPublishedReport(prisma: PrismaClient, slug: string, year: number, revision?: number) {
  const report = Number.isInteger(year)
    ? await prisma.report.findFirst({
        where: { year, agency: { slug } },
        select: {
          agency: { select: { name: true, slug: true } },
          publications: {
            orderBy: { revision: "asc" },
            select: { id: true, versionId: true, revision: true, publishedAt: true, correctionNote: true, agencyName: true },
          },
        },
      })
    : null;
  const publications = report?.publications ?? [];
  if (!report || !publications.length) throw new AppError("NOT_FOUND", "该年度报告尚未发布。");
  const shown = revision === undefined ? publications.at(-1)! : publications.find((p) => p.revision === revision);
  if (!shown) throw new AppError("NOT_FOUND", "该修订版本不存在。");
  const version = await prisma.reportVersion.findUniqueOrThrow({ where: { id: shown.versionId }, select: { content: true } });
  return {
    // 发布机关 as it was when this revision was published (a later rename does not change it);
    // the slug is today's, for links (an old one redirects to it).
    agency: { name: shown.agencyName ?? report.agency.name, slug: report.agency.slug },
    year,
    /** The shown publication's id: what never changes for this revision (a cache key). */
    publicationId: shown.id,
    revision: shown.revision,
    latestRevision: publications.at(-1)!.revision,
    publishedAt: shown.publishedAt,
    content: version.content,
    revisions: publications.map((p) => ({ revision: p.revision, publishedAt: p.publishedAt, correctionNote: p.correctionNote })),
  };
}

/**
 * The publication a public download names, without any content: the revision asked for, or the
 * latest one, in one statement. NOT_FOUND as getPublishedReport when nothing is published.
 */
export async function findPublication(prisma: PrismaClient, slug: string, year: number, revision?: number) {
  const where = { report: { year, agency: { slug } } };
  const publication = Number.isInteger(year)
    ? await prisma.publication.findFirst({
        where: { ...where, ...(revision === undefined ? {} : { revision }) },
        orderBy: { revision: "desc" },
        select: { id: true, versionId: true, revision: true },
      })
    : null;
  if (!publication) {
    // Only on the way to a 404: which message fits.
    const published = revision !== undefined && Number.isInteger(year) ? await prisma.publication.count({ where }) : 0;
    throw new AppError("NOT_FOUND", published ? "该修订版本不存在。" : "该年度报告尚未发布。");
  }
  return publication;
}

/** An agency's public index: the years it has published. */
export async function listPublishedYears(prisma: PrismaClient, slug: string) {
  const agency = await prisma.agency.findUnique({ where: { slug } });
  if (!agency) throw new AppError("NOT_FOUND", "找不到该机关。");
  const reports = await prisma.report.findMany({
    where: { agencyId: agency.id, publications: { some: {} } },
    orderBy: { year: "desc" },
    include: { publications: { orderBy: { revision: "desc" }, take: 1 } },
  });
  return {
    agency: { name: agency.name, slug: agency.slug },
    years: reports.map((r) => ({ year: r.year, revision: r.publications[0].revision, publishedAt: r.publications[0].publishedAt })),
  };
}
