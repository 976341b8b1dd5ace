import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";

/**
 * What anonymous visitors may see: published revisions only, by agency slug and year. Drafts,
 * versions under review and comments are never reachable from here.
 */
export async function getPublishedReport(prisma: PrismaClient, slug: string, year: number, revision?: number) {
  const agency = await prisma.agency.findUnique({ where: { slug } });
  const report = agency && Number.isInteger(year) ? await prisma.report.findUnique({ where: { agencyId_year: { agencyId: agency.id, year } } }) : null;
  const publications = report
    ? await prisma.publication.findMany({ where: { reportId: report.id }, orderBy: { revision: "asc" }, include: { version: { select: { content: true } } } })
    : [];
  if (!agency || !report || !publications.length) throw new AppError("NOT_FOUND", "该年度报告尚未发布。");
  const shown = revision === undefined ? publications.at(-1)! : publications.find((p) => p.revision === revision);
  if (!shown) throw new AppError("NOT_FOUND", "该修订版本不存在。");
  return {
    agency: { name: agency.name, slug: agency.slug },
    year,
    revision: shown.revision,
    latestRevision: publications.at(-1)!.revision,
    publishedAt: shown.publishedAt,
    content: shown.version.content,
    revisions: publications.map((p) => ({ revision: p.revision, publishedAt: p.publishedAt, correctionNote: p.correctionNote })),
  };
}

/**
 * The publication a public download names, without any content: the revision asked for, or the
 * latest one. NOT_FOUND as getPublishedReport when nothing is published.
 */
export async function findPublication(prisma: PrismaClient, slug: string, year: number, revision?: number) {
  const agency = await prisma.agency.findUnique({ where: { slug }, select: { id: true } });
  const report = agency && Number.isInteger(year) ? await prisma.report.findUnique({ where: { agencyId_year: { agencyId: agency.id, year } }, select: { id: true } }) : null;
  const publication = report
    ? await prisma.publication.findFirst({
        where: { reportId: report.id, ...(revision === undefined ? {} : { revision }) },
        orderBy: { revision: "desc" },
        select: { id: true, versionId: true, revision: true },
      })
    : null;
  if (!publication) {
    const published = report ? await prisma.publication.count({ where: { reportId: report.id } }) : 0;
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
