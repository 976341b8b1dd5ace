import "server-only";
import { TEMPLATES } from "../../../templates";
import type { PrismaClient } from "../../generated/prisma/client";
import { acceptOptions, type AcceptOption, type ImportAcceptedAs, type ImportStatus } from "../../import/accept-import";
import { IMPORT_FILE_KIND_NAMES, type ImportFileKind } from "../../import/file-kinds";
import { describeLocation, type SourceLocation } from "../../import/intermediate";
import { DEVIATION_KIND_LABELS, describeWhere, UNPLACED_REASON_LABELS } from "../../import/review-labels";
import { buildSourceView, type SourceView } from "../../import/source-view";
import type { ImportedReport } from "../../import/types";
import type { TContact } from "../../report/schema";
import { formatForYear } from "../../template/cells";
import type { CurrentUser } from "../authz";
import type { RuleLevels } from "../../rules/rule-levels";
import { previousYearBasis } from "../reports/report-access";
import { loadRuleLevels } from "../rules/rule-levels";
import { agencyContact } from "../../report/agency-contact";
import { getImportOrThrow, importContent } from "./import-access";

/** A place in the source as the review screen links to it. */
export interface SourcePlace {
  /** In words: 第 54 行第 11 列, 第 3 页 (120, 300). */
  location: string;
  /** Id of the source element showing it, when shown. */
  anchor?: string;
}

export interface ImportReview {
  id: string;
  status: ImportStatus;
  acceptedAs: ImportAcceptedAs | null;
  reportId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  filename: string;
  sourceKind: ImportFileKind;
  kindName: string;
  encoding: string | null;
  createdAt: string;
  createdBy: string;
  /** The agency and year the upload is for (chosen at upload; the record's, whatever the file says). */
  agency: { id: string; name: string };
  year: number;
  agencyContact: TContact;
  /** What the importer read: the report before the record's agency and year replace the file's. */
  imported: ImportedReport;
  /** Where each imported item came from (provenance keys → places). */
  provenance: Record<string, SourcePlace>;
  deviations: (SourcePlace & { where: string; whereLabel: string; published: string; official: string | null; kind: string; kindLabel: string })[];
  unplaced: (SourcePlace & { text: string; reason: string; reasonLabel: string; whereLabel: string })[];
  problems: (Partial<SourcePlace> & { code: string; message: string })[];
  source: SourceView;
  /** Last year's report of the agency as stored, for the cross-year rules (checked in the browser). */
  previousContent: unknown | null;
  /** What previousContent is (「2020年度已发布版本」). */
  previousLabel: string | null;
  /** The deployment's rule levels (issue 12.6), so the browser's findings are the server's. */
  ruleLevels?: RuleLevels;
  /** Which ways of accepting apply now (both false once decided). */
  options: Record<ImportAcceptedAs, AcceptOption>;
  /** The agency's report for the year, when one exists (then neither way applies). */
  existingReportId: string | null;
}

function place(at: SourceLocation | undefined, anchor: string | undefined): SourcePlace {
  return { location: at ? describeLocation(at) : "", ...(anchor && { anchor }) };
}

/**
 * Everything the review screen shows, as plain data: the upload, the source's blocks with their
 * locations (highlighted where something has no place or was printed differently), what was
 * read with where it came from, the deviations, unplaced items and problems, last year's report
 * for the rules, and which ways of accepting apply. NOT_FOUND outside the user's scope.
 */
export async function loadImportReview(prisma: PrismaClient, user: CurrentUser, importId: string, now = new Date()): Promise<ImportReview> {
  const upload = await getImportOrThrow(prisma, user, importId, "report.import");
  const { outcome, document } = await importContent(prisma, upload, { document: true });
  const index = buildSourceView(document ?? { source: upload.sourceKind === "text" ? "text" : "html", blocks: [] });
  const format = outcome.report.format ?? formatForYear(upload.year, TEMPLATES);

  const unplaced = outcome.unplaced.map((item) => ({
    ...place(item.at, index.mark(item.at, "unplaced")),
    text: item.text,
    reason: item.reason,
    reasonLabel: UNPLACED_REASON_LABELS[item.reason] ?? item.reason,
    whereLabel: describeWhere(item.where, format),
  }));
  const deviations = outcome.deviations.map((d) => ({
    ...place(d.at, index.mark(d.at, "deviation")),
    where: d.where,
    whereLabel: describeWhere(d.where, format),
    published: d.published,
    official: d.official,
    kind: d.kind,
    kindLabel: DEVIATION_KIND_LABELS[d.kind] ?? d.kind,
  }));
  const problems = outcome.problems.map((p) => ({ code: p.code, message: p.message, ...(p.at && place(p.at, index.anchorOf(p.at))) }));
  const provenance = Object.fromEntries(Object.entries(outcome.provenance).map(([key, at]) => [key, place(at, index.anchorOf(at))]));

  const [existing, previous, ruleLevels] = await Promise.all([
    prisma.report.findUnique({ where: { agencyId_year: { agencyId: upload.agencyId, year: upload.year } }, select: { id: true } }),
    previousYearBasis(prisma, upload.agencyId, upload.year),
    loadRuleLevels(prisma),
  ]);
  const decided = upload.status !== "PENDING";
  const existingReason = existing ? `${upload.agency.name} ${upload.year} 年度报告已经存在，不能再导入。` : undefined;
  const options = acceptOptions(upload.year, now.getFullYear());
  const apply = (option: AcceptOption): AcceptOption =>
    decided ? { allowed: false, reason: "该文件已处理。" } : existingReason ? { allowed: false, reason: existingReason } : option;

  return {
    id: upload.id,
    status: upload.status,
    acceptedAs: upload.acceptedAs,
    reportId: upload.reportId,
    decidedBy: upload.decidedBy?.name ?? null,
    decidedAt: (upload.acceptedAt ?? upload.discardedAt)?.toISOString() ?? null,
    filename: upload.filename,
    sourceKind: upload.sourceKind as ImportFileKind,
    kindName: IMPORT_FILE_KIND_NAMES[upload.sourceKind as ImportFileKind] ?? upload.sourceKind,
    encoding: upload.encoding,
    createdAt: upload.createdAt.toISOString(),
    createdBy: upload.createdBy.name,
    agency: { id: upload.agency.id, name: upload.agency.name },
    year: upload.year,
    agencyContact: agencyContact(upload.agency),
    imported: outcome.report,
    provenance,
    deviations,
    unplaced,
    problems,
    source: index.view,
    previousContent: previous?.content ?? null,
    previousLabel: previous?.label ?? null,
    ruleLevels,
    options: { DRAFT: apply(options.DRAFT), HISTORICAL: apply(options.HISTORICAL) },
    existingReportId: existing?.id ?? null,
  };
}
