/**
 * Agency kinds and the statutory publication deadline, once (条例第四十九条, official-format.md
 * C10): 县级以上人民政府部门 publish their report by 1月31日, and the 人民政府's own report is
 * published by 3月31日 of the following year. The kind is stored on the agency (Prisma enum
 * AgencyKind; lib/server/db/stored-enums.test.ts proves the lists agree) and edited by admins;
 * everything that shows or checks a deadline — review queue, review page, wizard, rule engine,
 * oversight — reads it from here.
 */

export const AGENCY_KINDS = ["GOVERNMENT", "DEPARTMENT"] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface AgencyKindDef {
  /** What the admin picks, e.g. 人民政府. */
  label: string;
  /** The deadline in the year after the report year (month 1–12, day). */
  deadline: { month: number; day: number };
  /** The rule as shown next to a deadline. */
  rule: string;
}

export const AGENCY_KIND: Record<AgencyKind, AgencyKindDef> = {
  GOVERNMENT: { label: "人民政府", deadline: { month: 3, day: 31 }, rule: "条例第四十九条：人民政府 3月31日前" },
  DEPARTMENT: { label: "人民政府部门", deadline: { month: 1, day: 31 }, rule: "条例第四十九条：县级以上人民政府部门 1月31日前" },
};

export function isAgencyKind(value: unknown): value is AgencyKind {
  return typeof value === "string" && (AGENCY_KINDS as readonly string[]).includes(value);
}

export function agencyKindLabel(kind: AgencyKind): string {
  return AGENCY_KIND[kind].label;
}

/** The rule a deadline follows, e.g. 条例第四十九条：县级以上人民政府部门 1月31日前. */
export function deadlineRule(kind: AgencyKind): string {
  return AGENCY_KIND[kind].rule;
}

/**
 * A guess from the name (…人民政府 is a government, anything else a department) — only the
 * default an admin is offered when creating an agency, and what the command line uses for a
 * report file, which has no stored agency. The migration that introduced the stored kind
 * backfilled it with the same rule.
 */
export function suggestAgencyKind(name: string): AgencyKind {
  return /人民政府$/.test(name.trim()) ? "GOVERNMENT" : "DEPARTMENT";
}

/** The end of the deadline day in China time (UTC+8), as an instant. */
export function publicationDeadline(kind: AgencyKind, year: number): Date {
  const { month, day } = AGENCY_KIND[kind].deadline;
  return new Date(Date.UTC(year + 1, month - 1, day, 15, 59, 59));
}

/** The deadline day as YYYY-MM-DD (what report dates are compared with). */
export function deadlineIsoDate(kind: AgencyKind, year: number): string {
  const { month, day } = AGENCY_KIND[kind].deadline;
  return `${year + 1}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Whether a report dated `isoDate` (YYYY-MM-DD, its 成文日期) is dated after the deadline: the
 * comparison stated.date-late makes and the publish confirmation repeats.
 */
export function dateAfterDeadline(kind: AgencyKind, year: number, isoDate: string): boolean {
  return isoDate > deadlineIsoDate(kind, year);
}

/** The deadline's day of the year, e.g. 1月31日. */
export function deadlineDay(kind: AgencyKind): string {
  const { month, day } = AGENCY_KIND[kind].deadline;
  return `${month}月${day}日`;
}

/** The deadline day as printed, e.g. 2026年1月31日. */
export function deadlineDateText(kind: AgencyKind, year: number): string {
  return `${year + 1}年${deadlineDay(kind)}`;
}

const DAY_MS = 86_400_000;

/**
 * Whole days left until the deadline, today included (1 on the deadline day itself); once it has
 * passed, minus the days overdue (−1 on the day after). Counted in China time.
 */
export function daysUntilDeadline(kind: AgencyKind, year: number, now = new Date()): number {
  const left = publicationDeadline(kind, year).getTime() - now.getTime();
  // Not Math.ceil throughout: that makes the first day overdue −0, which reads as "due today".
  return left >= 0 ? Math.ceil(left / DAY_MS) : -Math.ceil(-left / DAY_MS);
}

/** Whole days a publication came after the deadline (0 when on time). */
export function daysLate(kind: AgencyKind, year: number, publishedAt: Date): number {
  return Math.max(0, -daysUntilDeadline(kind, year, publishedAt));
}
