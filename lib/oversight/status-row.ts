/**
 * One agency's standing with a year's report, as the oversight page lists it and the exports
 * (XLSX status sheet, CSV, draft 通报) write it. Framework-free: the server fills it
 * (lib/server/oversight/load-agency-statuses.ts).
 */
import type { AgencyKind } from "../workflow/deadline";
import type { ProgressStatus } from "../workflow/report-status";

/** An agency of an oversight view's scope. */
export interface ScopeAgency {
  id: string;
  name: string;
  slug: string;
  kind: AgencyKind;
  parentId: string | null;
  /** Depth below the top of the selection (0 = the reviewer's own agency, or a root for admins). */
  depth: number;
}

export interface AgencyStatusRow {
  agency: ScopeAgency;
  reportId: string | null;
  status: ProgressStatus;
  /**
   * The report's last change: when (the report's own timestamp, which every save and transition
   * moves), and who and what (its latest audit event).
   */
  lastChange: { at: Date; by: string | null; action: string | null } | null;
  /** Counts of the latest frozen version, as checked when it was submitted. */
  latestVersion: { number: number; errors: number; warnings: number } | null;
  /** When it was last submitted for review. */
  submittedAt: Date | null;
  /** When it was first published (what the deadline is about). */
  publishedAt: Date | null;
  /** The latest public revision (1 = first publication, more after corrections). */
  revision: number | null;
  deadline: Date;
  /** The rule the deadline follows, from the agency's kind. */
  deadlineRule: string;
  /** Days left until the deadline (negative: overdue); null once published. */
  daysLeft: number | null;
  /** For a published report, how many days after the deadline it was first published (0 = on time). */
  daysLate: number | null;
  /** Not published although the deadline has passed, or published after it. */
  overdue: boolean;
  /** The public page of the report, once published. */
  publicPath: string | null;
}
