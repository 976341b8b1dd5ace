import "server-only";
import type { RollUpCandidate } from "../../oversight/roll-up";
import type { OversightScope } from "./oversight-scope";

/**
 * What each agency's report for a year offers a roll-up — its latest frozen version and the
 * version of its latest publication — from the report pointers the scope query read. A version's
 * format is its report's (saves and imports keep the content in the report's format).
 */
export function reportCandidates(scope: OversightScope, year: number): RollUpCandidate[] {
  const reports = scope.reports.get(year);
  if (!reports) throw new Error(`the scope was loaded without the year ${year}`);
  return scope.agencies.map((agency): RollUpCandidate => {
    const report = reports.get(agency.id);
    const ref = { id: agency.id, name: agency.name };
    if (!report) return { agency: ref, report: null };
    const { latestVersion: latest, published } = report;
    return {
      agency: ref,
      report: {
        id: report.id,
        status: report.status,
        latest: latest ? { id: latest.id, number: latest.number, format: report.format } : null,
        published: published ? { id: published.versionId, number: published.versionNumber, revision: published.revision, format: report.format } : null,
      },
    };
  });
}
