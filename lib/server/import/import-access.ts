import "server-only";
import type { Permission } from "../../auth/permissions";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import type { ImportDocument } from "../../import/intermediate";
import type { ImportOutcome } from "../../import/types";
import { assertPermission, visibleAgencyIds, type CurrentUser } from "../authz";
import { AppError } from "../errors";

/**
 * Who may import for which agency, and who may see an upload: the role's `report.import`
 * permission (editors, reviewers, admins) on top of the agency scope of lib/server/authz.ts —
 * editors their own agency, reviewers their subtree, admins every agency. Checked on the server
 * for every upload, view, decision and download; outside the scope an upload is "not found".
 */

export const IMPORT_NOT_FOUND = "找不到该导入记录，或您无权访问。";
export const AGENCY_NOT_IN_SCOPE = "找不到该机关，或您无权为其导入报告。";

/** The agencies a user may import for, by name (the start page's choice). */
export async function listImportAgencies(prisma: PrismaClient, user: CurrentUser) {
  assertPermission(user, "report.import");
  const visible = await visibleAgencyIds(prisma, user);
  return prisma.agency.findMany({
    where: visible ? { id: { in: [...visible] } } : {},
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** An agency the user may import for, or NOT_FOUND (an agency outside the scope is not named). */
export async function getImportAgencyOrThrow(prisma: PrismaClient, user: CurrentUser, agencyId: string) {
  assertPermission(user, "report.import");
  const visible = await visibleAgencyIds(prisma, user);
  if (visible && !visible.has(agencyId)) throw new AppError("NOT_FOUND", AGENCY_NOT_IN_SCOPE, { fieldErrors: { agencyId: AGENCY_NOT_IN_SCOPE } });
  const agency = await prisma.agency.findUnique({ where: { id: agencyId } });
  if (!agency) throw new AppError("NOT_FOUND", AGENCY_NOT_IN_SCOPE, { fieldErrors: { agencyId: AGENCY_NOT_IN_SCOPE } });
  return agency;
}

/** What a loaded upload carries: everything but its bytes (up to 20 MB) and what was read from them (importContent). */
const UPLOAD_FIELDS = {
  id: true,
  agencyId: true,
  year: true,
  filename: true,
  sourceKind: true,
  encoding: true,
  sha256: true,
  createdAt: true,
  status: true,
  acceptedAt: true,
  acceptedAs: true,
  discardedAt: true,
  reportId: true,
  agency: true,
  createdBy: { select: { name: true } },
  decidedBy: { select: { name: true } },
} satisfies Prisma.ImportedSourceSelect;

/**
 * Loads an upload the user may act on with this permission, or fails: NOT_FOUND outside the
 * user's scope (no hint that it exists), FORBIDDEN when the role lacks the permission.
 */
export async function getImportOrThrow(prisma: PrismaClient, user: CurrentUser, importId: string, permission: Permission = "report.import") {
  assertPermission(user, permission);
  const row = await prisma.importedSource.findUnique({ where: { id: importId }, select: UPLOAD_FIELDS });
  if (!row) throw new AppError("NOT_FOUND", IMPORT_NOT_FOUND);
  const visible = await visibleAgencyIds(prisma, user);
  if (visible && !visible.has(row.agencyId)) throw new AppError("NOT_FOUND", IMPORT_NOT_FOUND);
  return row;
}

export type LoadedImport = Awaited<ReturnType<typeof getImportOrThrow>>;

/**
 * What the importer read from an upload (its outcome, and the parser's blocks when asked): a few
 * hundred KB for a large file, read only by those who need it. Call after getImportOrThrow.
 */
export async function importContent(prisma: PrismaClient, upload: Pick<LoadedImport, "id">, options: { document?: boolean } = {}) {
  const row = await prisma.importedSource.findUniqueOrThrow({
    where: { id: upload.id },
    select: { outcome: true, document: options.document === true },
  });
  return {
    outcome: row.outcome as unknown as ImportOutcome,
    document: (row.document ?? null) as unknown as ImportDocument | null,
  };
}

