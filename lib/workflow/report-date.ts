import { printedDate } from "../document/build-document";
import { dateAfterDeadline, deadlineDateText, deadlineRule, type AgencyKind } from "./deadline";

/**
 * What the publish confirmation says about the report's own date (成文日期). Publishing makes the
 * submitted version public as it is: the date printed is the one the clerk set (checked by
 * stated.date-late against the same deadline), never the day of the click.
 */
export interface PublicationDateNote {
  /** The date as printed under the signature, e.g. 2025年1月20日; null when the report has none. */
  printed: string | null;
  /** The sentence the dialog shows. */
  text: string;
  /** Set when the date is after the statutory deadline: the sentence saying so. */
  late: string | null;
}

export function publicationDateNote(date: string | undefined, kind: AgencyKind, year: number): PublicationDateNote {
  if (!date) return { printed: null, text: "本报告没有填写成文日期，公开的报告署名下方将不印日期。", late: null };
  const printed = printedDate(date);
  return {
    printed,
    text: `公开的报告署名下方印有成文日期 ${printed}，发布不会改变这个日期。`,
    late: dateAfterDeadline(kind, year, date) ? `成文日期晚于法定公布期限 ${deadlineDateText(kind, year)}（${deadlineRule(kind)}）。` : null,
  };
}
