import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { fileExtension, importKindOf, type ImportFileKind } from "../../import/file-kinds";
import { visibleAgencyIds, type CurrentUser } from "../authz";
import { getImportOrThrow } from "./import-access";

/**
 * The published file a report was imported from (issue 9): what the report page and the public
 * page say about it (「由已发布文件导入」), and the file itself for signed-in users in scope.
 */

/** The accepted upload a report came from, or null. The caller has checked access to the report. */
export async function findImportOfReport(prisma: PrismaClient, reportId: string) {
  return prisma.importedSource.findUnique({
    where: { reportId },
    select: { id: true, filename: true, sourceKind: true, acceptedAs: true, acceptedAt: true, agencyId: true, decidedBy: { select: { name: true } } },
  });
}

export type ReportImport = NonNullable<Awaited<ReturnType<typeof findImportOfReport>>>;

/** The accepted upload behind a published report, by the public address (agency slug and year), or null. */
export async function findImportOfPublishedReport(prisma: PrismaClient, slug: string, year: number) {
  if (!Number.isInteger(year)) return null;
  return prisma.importedSource.findFirst({
    where: { status: "ACCEPTED", report: { year, agency: { slug } } },
    select: { id: true, filename: true, agencyId: true },
  });
}

const CONTENT_TYPES: Record<ImportFileKind, string> = {
  text: "text/plain; charset=utf-8",
  // Served for download only: never as a page of this site.
  html: "application/octet-stream",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
  pdf: "application/pdf",
};

/**
 * An upload's file as uploaded, for a signed-in user whose scope covers its agency (else
 * NOT_FOUND). Served as an attachment; the content type follows the file name (so a page saved
 * as .doc is downloaded as the .doc it was), or the kind it was read as.
 */
export async function readImportedFile(prisma: PrismaClient, user: CurrentUser, importId: string) {
  const upload = await getImportOrThrow(prisma, user, importId, "report.view");
  const { bytes } = await prisma.importedSource.findUniqueOrThrow({ where: { id: upload.id }, select: { bytes: true } });
  const kind = importKindOf(upload.filename) ?? (upload.sourceKind as ImportFileKind);
  // Text is stored as read; its encoding is the one it came in (a pasted text is UTF-8).
  const contentType = kind === "text" && upload.encoding && upload.encoding !== "utf-8" ? `text/plain; charset=${upload.encoding}` : CONTENT_TYPES[kind];
  return { filename: fileExtension(upload.filename) ? upload.filename : `${upload.filename}.${kind === "text" ? "txt" : kind}`, contentType, bytes };
}

/**
 * What the public page says about an imported report: that it was imported from a published
 * file (null when it was not), and the file's download address for a signed-in viewer whose
 * scope covers the agency (the download route checks again). Anonymous visitors get no address.
 */
export async function publicImportNote(
  prisma: PrismaClient,
  slug: string,
  year: number,
  /** The signed-in viewer, asked only for an imported report (most public pages need no session lookup). */
  currentViewer: () => Promise<CurrentUser | null>,
): Promise<{ sourceUrl?: string } | null> {
  const imported = await findImportOfPublishedReport(prisma, slug, year);
  if (!imported) return null;
  const viewer = await currentViewer();
  if (!viewer) return {};
  const visible = await visibleAgencyIds(prisma, viewer);
  return !visible || visible.has(imported.agencyId) ? { sourceUrl: `/api/imports/${encodeURIComponent(imported.id)}/source` } : {};
}
