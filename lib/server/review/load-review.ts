import "server-only";
import { buildDocument } from "../../document/build-document";
import type { PrismaClient } from "../../generated/prisma/client";
import { diffReports, type ReportDiff } from "../../review/diff-reports";
import { prepareReport } from "../../report/prepare-report";
import { checkReport } from "../../rules/check-report";
import { hasPermission } from "../../auth/permissions";
import { daysUntilDeadline, deadlineRule, publicationDeadline } from "../../workflow/deadline";
import { publicationDateNote } from "../../workflow/report-date";
import { availableTransitions, TRANSITIONS } from "../../workflow/transitions";
import type { CurrentUser } from "../authz";
import { listComments } from "../comments/comments";
import { toThreadViews } from "../comments/thread-views";
import { crossYearContext, getReportOrThrow } from "../reports/report-access";
import { frozenFindingsOf } from "../workflow/frozen-findings";
import { listAuditTrail } from "./audit-trail";

/** What the diff compares the shown version with. */
/** With the previous submission, with the revision now public (a correction), or with last year's publication. */
export type CompareMode = "version" | "published" | "lastYear";

/** In the order offered when none is asked for: a correction against what the public sees first. */
export const COMPARE_MODES: readonly CompareMode[] = ["published", "version", "lastYear"];

/** The reviewer's decisions; the editor's transitions never appear on the review page. */

export interface ReviewComparison {
  /** The comparison shown, or null when there is nothing to compare with. */
  mode: CompareMode | null;
  available: Record<CompareMode, boolean>;
  /** A comparison the URL asked for that does not exist (the page says so and shows the other). */
  unavailableRequest: CompareMode | null;
  /** What the left side is, e.g. 第 1 版（2026/1/5 提交） or 2022 年度报告（已发布第 1 次）. */
  before: { title: string; versionNumber?: number; year?: number; revision?: number } | null;
  diff: ReportDiff | null;
  /** Set when one side cannot be read (content stored by an older version of the app). */
  error: string | null;
}

/**
 * Everything the review page shows, as plain data: the latest submitted version (or the current
 * content when nothing was submitted yet) rendered and checked, a comparison with the previous
 * submission or last year's published report, the comment threads, the audit trail, the history
 * of versions and publications, and which decisions the user may take.
 *
 * Reviewers in scope and admins only (report.audit): an editor gets FORBIDDEN for their own
 * agency's report and NOT_FOUND for any other, like every scope check.
 */
export async function loadReview(prisma: PrismaClient, user: CurrentUser, reportId: string, options: { compare?: CompareMode; now?: Date } = {}) {
  const report = await getReportOrThrow(prisma, user, reportId, "report.audit");
  const [versions, publications, context, threads, trail] = await Promise.all([
    prisma.reportVersion.findMany({
      where: { reportId: report.id },
      orderBy: { number: "desc" },
      include: { submittedBy: { select: { name: true } } },
    }),
    prisma.publication.findMany({
      where: { reportId: report.id },
      orderBy: { revision: "asc" },
      include: { publishedBy: { select: { name: true } }, version: { select: { number: true } } },
    }),
    // Last year's published (or approved) version and the rule levels, as submitReport used them
    // when it froze the counts the queue shows; never another year's draft.
    crossYearContext(prisma, report.agencyId, report.year),
    listComments(prisma, user, report.id),
    listAuditTrail(prisma, user, report.id),
  ]);

  const latest = versions[0] ?? null;
  const shownContent = latest ? latest.content : report.content;
  const prepared = prepareReport(shownContent);
  // The diff against last year is against its publication only (not an approved version).
  const lastYearPublished = context.lastYear?.revision ? { revision: context.lastYear.revision, content: context.lastYear.content } : null;

  // A correction: the revision now public, when the version on screen is a later one.
  const publicRevision = publications.at(-1) ?? null;
  const publicVersion = publicRevision && versions[0] && versions[0].id !== publicRevision.versionId ? versions.find((v) => v.id === publicRevision.versionId) ?? null : null;
  const available: Record<CompareMode, boolean> = { version: versions.length > 1, published: publicVersion !== null, lastYear: lastYearPublished !== null };
  const requested = options.compare ?? null;
  const mode: CompareMode | null = requested && available[requested] ? requested : (COMPARE_MODES.find((m) => available[m]) ?? null);
  const comparison: ReviewComparison = {
    mode,
    available,
    unavailableRequest: requested && !available[requested] ? requested : null,
    before: null,
    diff: null,
    error: null,
  };
  if (mode) {
    const beforeContent = mode === "version" ? versions[1].content : mode === "published" ? publicVersion!.content : lastYearPublished!.content;
    comparison.before =
      mode === "version"
        ? { title: `第 ${versions[1].number} 版`, versionNumber: versions[1].number }
        : mode === "published"
          ? { title: `已公开的第 ${publicRevision!.revision} 次发布（第 ${publicVersion!.number} 版）`, versionNumber: publicVersion!.number, revision: publicRevision!.revision }
          : { title: `${report.year - 1} 年度报告（已发布${lastYearPublished!.revision > 1 ? `第 ${lastYearPublished!.revision} 次修订` : ""}）`, year: report.year - 1, revision: lastYearPublished!.revision };
    try {
      comparison.diff = diffReports(beforeContent, shownContent);
    } catch (error) {
      console.error("[gov-report] cannot compare report versions", report.id, mode, error);
      comparison.error = "有一方的内容不符合报告格式（可能由旧版本系统保存），无法逐项对比。";
    }
  }

  const versionNumbers = new Map(versions.map((v) => [v.id, v.number]));
  // The version on screen is the one now public: its findings are those frozen at publication.
  const publicRevisionOfShown = report.status === "PUBLISHED" && latest && publicRevision?.versionId === latest.id ? publicRevision : null;
  const frozen = publicRevisionOfShown ? frozenFindingsOf(publicRevisionOfShown.findings) : null;
  const canReview = hasPermission(user, "report.review");

  return {
    report: {
      id: report.id,
      agency: report.agency.name,
      agencySlug: report.agency.slug,
      year: report.year,
      format: report.format,
      status: report.status,
      submittedAt: report.submittedAt,
      daysLeft: daysUntilDeadline(report.agency.kind, report.year, options.now),
      deadline: publicationDeadline(report.agency.kind, report.year),
      /** The rule the deadline follows (the agency's kind), e.g. 条例第四十九条：县级以上人民政府部门 1月31日前. */
      deadlineRule: deadlineRule(report.agency.kind),
    },
    /** The version on screen: null when nothing was submitted yet (the current draft is shown). */
    shown: latest && {
      id: latest.id,
      number: latest.number,
      submittedAt: latest.createdAt,
      submittedBy: latest.submittedBy.name,
      errorCount: latest.errorCount,
      warningCount: latest.warningCount,
      warningNote: latest.warningNote,
    },
    /**
     * The 成文日期 publishing would print: that of the latest submitted version, which
     * publishReport makes public unchanged (null when the content no longer validates).
     */
    reportDate: prepared.ok ? publicationDateNote(prepared.report.input.date, report.agency.kind, report.year) : null,
    /** Null when the content no longer validates (saved by an older version of the app). */
    document: prepared.ok ? buildDocument(prepared.report) : null,
    // A published report shows the check frozen with its publication (when it was kept).
    findings: frozen
      ? frozen.findings
      : prepared.ok
        ? checkReport(prepared.report, context)
        : [],
    comparedWith: frozen ? frozen.comparedWith : context.comparedWith,
    /** When the findings shown are those frozen with the publication: its date. */
    findingsFrozenAt: frozen ? publicRevisionOfShown!.publishedAt : null,
    comparison,
    versions: versions.map((v) => ({ id: v.id, number: v.number, submittedAt: v.createdAt, submittedBy: v.submittedBy.name })),
    publications: publications.map((p) => ({
      revision: p.revision,
      publishedAt: p.publishedAt,
      publishedBy: p.publishedBy.name,
      versionNumber: p.version.number,
      correctionNote: p.correctionNote,
    })),
    threads: toThreadViews(threads),
    audit: trail.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor?.name ?? null,
      actorUsername: e.actor?.username ?? null,
      action: e.action,
      versionId: e.versionId,
      versionNumber: e.versionId ? (versionNumbers.get(e.versionId) ?? null) : null,
      details: e.details,
    })),
    /** Decisions the user may take now (the server re-checks each). */
    transitions: canReview ? availableTransitions(report.status, user.role).filter((t) => TRANSITIONS[t].permission === "report.review") : [],
    canComment: canReview && hasPermission(user, "report.comment"),
  };
}

export type ReviewData = Awaited<ReturnType<typeof loadReview>>;
export type ReviewThread = ReviewData["threads"][number];
export type ReviewAuditEvent = ReviewData["audit"][number];
