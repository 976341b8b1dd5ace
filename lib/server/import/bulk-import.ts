import "server-only";
import { hasPermission, PERMISSION_DENIED } from "../../auth/permissions";
import type { PrismaClient } from "../../generated/prisma/client";
import { acceptedContent, acceptOptions, FILE_TOO_LARGE_MESSAGE, importFoundReport, MAX_IMPORT_FILE_BYTES, NOTHING_FOUND_MESSAGE } from "../../import/accept-import";
import { ImportFileError, importFile } from "../../import/import-file";
import type { ImportOutcome } from "../../import/types";
import { agencyContact } from "../../report/agency-contact";
import { prepareReport } from "../../report/prepare-report";
import { checkReport, countFindings } from "../../rules/check-report";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { previousYearContent } from "../reports/report-access";
import { loadRuleLevels } from "../rules/rule-levels";
import { getImportOrThrow, importContent, listImportAgencies } from "./import-access";
import { cleanFilename } from "./upload-import";

/**
 * 批量导入: reviewers and admins upload many published reports at once for the agencies in their
 * scope. Each file is first matched (parsed, nothing stored): the agency is proposed from the name
 * the file gives, among the agencies the user may import for, and the year from the parse; the
 * user confirms or corrects each row, and each confirmed file is then uploaded as a single import.
 */

export const BULK_IMPORT_FORBIDDEN = PERMISSION_DENIED["report.import.bulk"];

/** Whether the user may bulk import (reviewers and admins; editors import one file for their agency). */
export function mayBulkImport(user: Pick<CurrentUser, "role" | "agencyId">): boolean {
  return hasPermission(user, "report.import.bulk");
}

export function assertBulkImport(user: CurrentUser): void {
  assertPermission(user, "report.import.bulk");
}

/** A name as compared: full-width forms as half-width (NFKC), no whitespace of any width. */
export function normalizeAgencyName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

/**
 * The agency a file is for, among `agencies`: the one whose name equals the file's agency name
 * (after normalizing); else the one whose name is contained in the file's title or agency name
 * (the longest, so 示例市公安局 wins over 示例市 …); else none.
 */
export function matchAgency<A extends { id: string; name: string }>(report: Pick<ImportOutcome["report"], "agency" | "stated">, agencies: readonly A[]): A | null {
  const stated = report.agency ? normalizeAgencyName(report.agency) : "";
  if (stated) {
    const exact = agencies.find((a) => normalizeAgencyName(a.name) === stated);
    if (exact) return exact;
  }
  const texts = [report.stated?.title, report.agency].filter((t): t is string => Boolean(t)).map(normalizeAgencyName);
  if (!texts.length) return null;
  let best: A | null = null;
  let bestLength = 0;
  for (const agency of agencies) {
    const name = normalizeAgencyName(agency.name);
    if (name && name.length > bestLength && texts.some((t) => t.includes(name))) {
      best = agency;
      bestLength = name.length;
    }
  }
  return best;
}

export interface BulkMatch {
  filename: string;
  agency: { id: string; name: string } | null;
  year: number | null;
  /** The import problems of the parse (messages for clerks), or why the file cannot be imported. */
  problems: { code: string; message: string }[];
}

/**
 * Parses one file of a bulk import and proposes its agency (within the user's scope) and year.
 * Stores nothing. A file that cannot be read answers with its reason as a problem (no agency, no
 * year), so that a batch goes on; only a missing permission or role fails.
 */
export async function matchImportFile(
  prisma: PrismaClient,
  user: CurrentUser,
  file: { bytes: Uint8Array; filename: string },
  now = new Date(),
  options: { soffice?: string | null } = {},
): Promise<BulkMatch> {
  assertBulkImport(user);
  const filename = cleanFilename(file.filename);
  if (file.bytes.byteLength > MAX_IMPORT_FILE_BYTES) throw new AppError("TOO_LARGE", FILE_TOO_LARGE_MESSAGE, { fieldErrors: { file: FILE_TOO_LARGE_MESSAGE } });
  let outcome: ImportOutcome;
  try {
    outcome = (await importFile({ bytes: file.bytes, filename, ...(options.soffice !== undefined && { soffice: options.soffice }) })).outcome;
  } catch (error) {
    if (error instanceof ImportFileError) return { filename, agency: null, year: null, problems: [{ code: error.code, message: error.message }] };
    throw error;
  }
  if (!importFoundReport(outcome)) return { filename, agency: null, year: null, problems: [{ code: "import.nothing-found", message: NOTHING_FOUND_MESSAGE }] };
  const agencies = await listImportAgencies(prisma, user);
  const agency = matchAgency(outcome.report, agencies);
  const parsedYear = outcome.report.year;
  const year = typeof parsedYear === "number" && acceptOptions(parsedYear, now.getFullYear()).DRAFT.allowed ? parsedYear : null;
  return {
    filename,
    agency: agency ? { id: agency.id, name: agency.name } : null,
    year,
    problems: outcome.problems.map((p) => ({ code: p.code, message: p.message })),
  };
}

export interface ImportSummary {
  /** Rule findings of the report as it would be imported (as the review screen counts them before corrections). */
  findings: { errors: number; warnings: number };
  /** How many import problems the parse had. */
  problems: number;
}

/** The findings counts of a stored upload, computed as loadImportReview and the review screen do. */
export async function summarizeImport(prisma: PrismaClient, user: CurrentUser, importId: string): Promise<ImportSummary> {
  const upload = await getImportOrThrow(prisma, user, importId, "report.import");
  const [{ outcome }, previousContent, ruleLevels] = await Promise.all([
    importContent(prisma, upload),
    previousYearContent(prisma, upload.agencyId, upload.year),
    loadRuleLevels(prisma),
  ]);
  const base = acceptedContent(outcome.report, { agency: upload.agency.name, year: upload.year, contact: agencyContact(upload.agency), as: "HISTORICAL" });
  const previous = previousContent ? prepareReport(previousContent) : null;
  const findings = base.ok ? checkReport(base.report, { ruleLevels, ...(previous?.ok && { previous: previous.report }) }) : [];
  return { findings: countFindings(findings), problems: outcome.problems.length };
}
