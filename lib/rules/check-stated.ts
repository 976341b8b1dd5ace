import type { PreparedReport } from "../report/prepare-report";
import { sectionHeading, TABLE_NAMES } from "../template/cells";
import type { SectionDef } from "../template/types";
import { isCalendarDate } from "./check-dates";
import { chineseNumber, compactText } from "./describe";
import { dateAfterDeadline, deadlineDateText, deadlineIsoDate, deadlineRule, suggestAgencyKind, type AgencyKind } from "../workflow/deadline";
import type { CheckContext, Finding } from "./types";


function recognise(sections: SectionDef[], text: string): SectionDef | undefined {
  const compact = compactText(text);
  return sections.find((s) => s.recognisedBy.some((words) => words.every((w) => compact.includes(w))));
}

/** C12: the title names the report year and the agency, in the standard wording. */
function checkTitle(report: PreparedReport): Finding[] {
  const title = report.input.stated?.title;
  if (!title) return [];
  const { agency, year } = report.input;
  const compact = compactText(title);
  const expected = `${compactText(agency)}${year}${report.template.titleSuffix}`;
  const titleYear = /(\d{4})年/.exec(compact)?.[1];
  if (titleYear && Number(titleYear) !== year) {
    return [
      {
        ruleId: "stated.title-year",
        severity: "error",
        message: `标题「${title}」写的是 ${titleYear} 年，与报告年度 ${year} 年不符。`,
        cells: [],
        quote: title,
        expected: year,
        actual: Number(titleYear),
      },
    ];
  }
  if (compact === expected) return [];
  return [
    {
      ruleId: "stated.title-wording",
      severity: "warning",
      message: `标题「${title}」与标准写法「${expected}」不一致。`,
      cells: [],
      quote: title,
      expected,
      actual: title,
    },
  ];
}

/** C12: the statistics period is 1 January – 31 December of the report year. */
function checkPeriod(report: PreparedReport): Finding[] {
  const period = report.input.stated?.period;
  const { year } = report.input;
  if (!period || (period.from === `${year}-01-01` && period.to === `${year}-12-31`)) return [];
  const show = (d: string) => d.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日");
  return [
    {
      ruleId: "stated.period",
      severity: "error",
      message: `报告所述统计期限为 ${show(period.from)}至${show(period.to)}，应为 ${year}年1月1日至${year}年12月31日。`,
      cells: [],
      expected: `${year}-01-01/${year}-12-31`,
      actual: `${period.from}/${period.to}`,
    },
  ];
}

/** C15: six headings, in order, in the official wording; nothing missing, nothing extra. */
function checkHeadings(report: PreparedReport): Finding[] {
  const headings = report.input.stated?.headings;
  if (!headings) return [];
  const sections = report.template.sections;
  const findings: Finding[] = [];
  const matched: { heading: string; section: SectionDef }[] = [];
  const misnumbered: string[] = [];

  for (const heading of headings) {
    const compact = compactText(heading);
    const numeral = /^([一二三四五六七八九十]+)[、.．]/.exec(compact)?.[1];
    const body = compact.replace(/^[一二三四五六七八九十]+[、.．]/, "");
    const section = recognise(sections, body);
    if (!section || matched.some((m) => m.section === section)) {
      findings.push({
        ruleId: "stated.heading-extra",
        severity: "error",
        message: `标题「${heading}」不属于官方格式的六个部分，年度报告不应增设部分（“不能遗漏，也不宜泛化”）。`,
        cells: [],
        quote: heading,
      });
      continue;
    }
    matched.push({ heading, section });
    const expected = sectionHeading(section);
    if (numeral !== section.numeral) {
      misnumbered.push(`「${heading}」应为「${expected}」`);
    } else if (compact !== expected) {
      findings.push({
        ruleId: "stated.heading-wording",
        severity: "warning",
        message: `标题「${heading}」与官方格式「${expected}」不一致。`,
        cells: [],
        section: section.id,
        quote: heading,
        expected,
        actual: heading,
      });
    }
  }
  if (misnumbered.length) {
    findings.push({
      ruleId: "stated.heading-number",
      severity: "error",
      message: `标题编号与官方格式不符：${misnumbered.join("；")}。`,
      cells: [],
    });
  }
  const order = matched.map((m) => sections.indexOf(m.section));
  if (order.some((index, i) => i > 0 && index < order[i - 1])) {
    findings.push({
      ruleId: "stated.heading-order",
      severity: "error",
      message: `各部分顺序与官方格式不一致：${matched.map((m) => `「${m.heading}」`).join("、")}。`,
      cells: [],
    });
  }
  for (const section of sections) {
    if (matched.some((m) => m.section === section)) continue;
    findings.push({
      ruleId: "stated.heading-missing",
      severity: "error",
      message: `报告缺少「${sectionHeading(section)}」部分。`,
      cells: [],
      section: section.id,
      expected: sectionHeading(section),
    });
  }
  return findings;
}

/** What the preface says about the number of parts vs the parts published (seed 001: 六 vs 7). */
function checkSectionCount(report: PreparedReport): Finding[] {
  const claimed = report.input.stated?.sectionCount;
  if (claimed === undefined) return [];
  const actual = report.input.stated?.headings?.length ?? report.template.sections.length;
  if (claimed === actual) return [];
  return [
    {
      ruleId: "stated.section-count",
      severity: "error",
      message: `前言称全文由${chineseNumber(claimed)}个部分组成，实际有${chineseNumber(actual)}个部分。`,
      cells: [],
      expected: actual,
      actual: claimed,
    },
  ];
}

/** The preface's list of parts should name all six (seed 003 names five and says 六部分). */
function checkPrefaceParts(report: PreparedReport): Finding[] {
  const preface = report.input.preface;
  if (!preface) return [];
  const list = /(?:包括|包含|由)([^。]+?)(?:等)?(?:[一二三四五六七八九十\d]+)(?:个)?(?:部分|项内容)/.exec(compactText(preface))?.[1];
  if (!list) return [];
  const sections = report.template.sections;
  const missing = sections.filter((s) => !s.recognisedBy.some((words) => words.every((w) => list.includes(w))));
  if (!missing.length) return [];
  return [
    {
      ruleId: "stated.preface-parts",
      severity: "warning",
      message: `前言列举的组成部分未提到：${missing.map((s) => `「${s.title}」`).join("、")}。`,
      cells: [],
      quote: list,
    },
  ];
}

/** A report title cited in the preface must name this agency and year (seed 003 cites 《海东市 2020 年…》). */
function checkPrefaceTitle(report: PreparedReport): Finding[] {
  const preface = report.input.preface;
  if (!preface) return [];
  const { agency, year } = report.input;
  const findings: Finding[] = [];
  for (const match of preface.matchAll(/《([^》]*?(\d{4})\s*年[^》]*?报告)》/g)) {
    const [quoted, inner, citedYear] = match;
    const namedBody = compactText(inner.slice(0, inner.indexOf(citedYear)));
    const problems: string[] = [];
    if (Number(citedYear) !== year) problems.push(`年份写成了 ${citedYear} 年（应为 ${year} 年）`);
    if (namedBody !== compactText(agency)) problems.push(`机关名称写成了「${namedBody}」（应为「${agency}」）`);
    if (!problems.length) continue;
    findings.push({
      ruleId: "stated.preface-title",
      severity: Number(citedYear) !== year ? "error" : "warning",
      message: `前言中的报告名称${quoted}${problems.join("，")}。`,
      cells: [],
      quote: quoted,
    });
  }
  return findings;
}

/**
 * C10: departments publish by 1月31日, governments' reports by 3月31日 of the next year (the
 * agency's stored kind, lib/workflow/deadline.ts; a report file checked on its own has only the
 * name to go by); a date before the year ends cannot cover the whole year. The date checked is
 * the report's own (input.date, set by the clerk), never the day it is submitted or published.
 *
 * stated.date-missing: a report written here without a date would be printed with no 成文日期
 * under the signature, and C10 could not be judged, so it is an error (submission needs one). A
 * report imported from a published text (it carries `stated`) is not held to it: the importer
 * reads the text, and a portal page often shows its date outside the text, so "no date read"
 * says little about the report.
 */
function checkDate(report: PreparedReport, agencyKind: AgencyKind | undefined): Finding[] {
  const { date, year, agency } = report.input;
  const kind = agencyKind ?? suggestAgencyKind(agency);
  if (!date) {
    if (report.input.stated) return [];
    return [
      {
        ruleId: "stated.date-missing",
        severity: "error",
        message: `未填写成文日期：报告署名下将不印日期，也无法核对是否在法定期限 ${deadlineDateText(kind, year)}前公布（${deadlineRule(kind)}）。成文日期应晚于 ${year}年12月31日。`,
        cells: [],
        expected: deadlineIsoDate(kind, year),
      },
    ];
  }
  // A date that does not exist (2021-02-30) is stated.date-impossible (check-dates.ts) alone.
  if (!isCalendarDate(date)) return [];
  if (date <= `${year}-12-31`) {
    return [
      {
        ruleId: "stated.date-early",
        severity: "error",
        message: `报告日期 ${date} 早于统计期限结束（${year}年12月31日）。`,
        cells: [],
        actual: date,
      },
    ];
  }
  if (!dateAfterDeadline(kind, year, date)) return [];
  return [
    {
      ruleId: "stated.date-late",
      severity: "warning",
      message: `报告日期 ${date} 晚于法定公布期限 ${deadlineDateText(kind, year)}（${deadlineRule(kind)}）。`,
      cells: [],
      expected: deadlineIsoDate(kind, year),
      actual: date,
    },
  ];
}

/** Checks what a published text claims about itself (`stated`, preface) against the report. */
/**
 * What kind of difference a published label has from the official one, in words: for this
 * rule's message and for the import review screen (lib/import/review-labels.ts), one table.
 */
export const LABEL_DEVIATION_TEXT = {
  whitespace: "多了或少了空格",
  width: "全角/半角不一致",
  punctuation: "标点不一致",
  numbering: "序号不一致",
  truncated: "不完整",
  annotated: "加了注释",
  typo: "有错别字",
  "other-format": "使用了另一版格式的说法",
  reworded: "措辞不同",
  "improvised-row": "自行增加的行",
  renumbered: "序号与官方格式不同",
  unnumbered: "缺少序号",
  "extra-section": "官方格式没有的部分",
} as const;
const LABEL_KIND_TEXT: Readonly<Record<string, string>> = LABEL_DEVIATION_TEXT;

/**
 * Table labels printed differently from the official format (issue 9: kept by the importer in
 * stated.labels): one warning each, naming the table, the published and the official label.
 */
function checkLabels(report: PreparedReport): Finding[] {
  return (report.input.stated?.labels ?? []).map((label) => {
    const table = label.ref.split(".")[0];
    const where = TABLE_NAMES[table as keyof typeof TABLE_NAMES] ?? "表格";
    const kind = label.kind ? `（${LABEL_KIND_TEXT[label.kind] ?? label.kind}）` : "";
    return {
      ruleId: "stated.label-wording",
      severity: "warning" as const,
      message: `${where}的标签「${label.published}」与官方格式「${label.official}」不一致${kind}。`,
      cells: [],
      quote: label.published,
      expected: label.official,
      actual: label.published,
    };
  });
}

export function checkStated(report: PreparedReport, context: CheckContext = {}): Finding[] {
  return [
    ...checkLabels(report),
    ...checkTitle(report),
    ...checkPeriod(report),
    ...checkSectionCount(report),
    ...checkHeadings(report),
    ...checkPrefaceTitle(report),
    ...checkPrefaceParts(report),
    ...checkDate(report, context.agencyKind),
  ];
}

