import { TEMPLATES } from "../../templates";
import { formatForYear } from "../template/cells";
import { prepareReport } from "./prepare-report";
import type { TContact, TReportInput } from "./schema";
import { effectiveValue } from "./values";

export interface NewReportOptions {
  agency: string;
  year: number;
  contact?: TContact;
  /** Last year's report of the same agency: its 结转下年度 row prefills this year's 上年结转 (C6). */
  previous?: unknown;
  /**
   * The day the report is created (YYYY-MM-DD, China's calendar): its 成文日期 until the clerk
   * changes it, when the report year has ended. Given by the caller, so this stays pure.
   */
  today?: string;
}

/**
 * The date a new report starts with: today once the report year has ended; none while the year
 * runs (any date of the year itself is stated.date-early: the figures are not complete yet).
 */
export function initialReportDate(year: number, today: string | undefined): string | undefined {
  return today && today > `${year}-12-31` ? today : undefined;
}

/**
 * The content of a fresh report: format from the year, the date (initialReportDate), the agency's
 * contact data, the 总体情况 topics as sub-headings, and 二、上年结转 carried from last year's
 * 四、结转下年度继续办理.
 */
export function newReportContent({ agency, year, contact, previous, today }: NewReportOptions): TReportInput {
  const format = formatForYear(year, TEMPLATES);
  const template = TEMPLATES[format];
  const date = initialReportDate(year, today);
  const content: TReportInput = {
    format,
    agency,
    year,
    ...(date ? { date } : {}),
    ...(contact && Object.values(contact).some(Boolean) ? { contact } : {}),
    sections: {
      overview: template.overviewTopics.map((topic, i) => ({ title: `（${"一二三四五六七八九十"[i]}）${topic.title}`, text: "" })),
      problems: "",
      other: "",
    },
    tables: {},
  };
  const last = previous ? prepareReport(previous) : null;
  if (last?.ok) {
    const carried: Record<string, number> = {};
    for (const cell of last.report.cells.values()) {
      if (cell.def.table !== "requests" || cell.def.row !== "carried_forward" || cell.def.col === "total") continue;
      const value = effectiveValue(last.report, cell.def);
      if (value !== null) carried[cell.def.col] = value;
    }
    if (Object.keys(carried).length) content.tables = { requests: { carried_over: carried } };
  }
  return content;
}
