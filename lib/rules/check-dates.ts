import type { PreparedReport } from "../report/prepare-report";
import { sentencesOf } from "./describe";
import { narrativeTexts, type NarrativeText } from "./narrative-texts";
import type { Finding } from "./types";

/*
 * Years and dates in free text (issue 12 item 2).
 *
 * - text.period (error): a sentence of the preface, 一 or 五 that states the statistics period
 *   (统计期限/统计时限/所列数据 …) with another period than 1月1日–12月31日 of the report year (C12).
 *   The importer keeps the preface's period in stated.period, which check-stated.ts reports as
 *   `stated.period`; a sentence that states exactly that period is left to it, so one wrong
 *   period gives one finding. Error, like stated.period: it is the same defect.
 * - text.wrong-year (warning): in the preface and 一、总体情况, a year that frames a statement
 *   (「2022年，我局…」 at the start of a clause, 「2022年度」 in the preface, a report named without
 *   《》) other than the report year; in the preface, 一 and 五, a plan for improvement
 *   (「2023年，我局将…」, 「将于2023年底前…」) set in the report year or earlier — plans are for the
 *   following year. History is left alone: 「自2019年以来」「较2022年」「与2022年同期相比」「2021—2023年」,
 *   a year followed by a figure (「2022年15件」), a sentence that names the report year as well
 *   (a comparison), a report named in 一 (last year's), and anything inside 《》“”「」〔〕【】
 *   (document titles, file numbers, quotations). A warning: reading the role of a year from
 *   prose is a judgement, and a clerk may have a reason.
 * - text.impossible-date (warning): a date that does not exist, in any narrative text:
 *   「2021年2月30日」「2021年13月」「2020-13-45」「2021.02.30」「4月31日」 (「2月29日」 of a leap year is a
 *   date). A warning, not an error: the spec (official-format.md) has no rule on it, the
 *   statistics are not affected, and a number written like a date (a code, a version) can look
 *   like one.
 * - stated.date-impossible (error): the report's own date (input.date, printed under the
 *   signature as 成文日期) does not exist, e.g. 2021-02-30 (the schema only checks the shape
 *   YYYY-MM-DD, and the importer accepts any day up to 31). An error, unlike a date in prose: it
 *   is the date itself, it would be printed as such, and the deadline rules (C10, C12:
 *   stated.date-early / stated.date-late in check-stated.ts) cannot judge it — they leave an
 *   impossible date to this rule, so it gets one finding.
 *
 * The publication date after the statutory deadline or before the year's end is checked by
 * stated.date-late / stated.date-early (check-stated.ts), not here.
 */

const SP = "[\\s\\u3000\\u00a0]*";

/** Full-width digits to ASCII, keeping every index (so fragments can be cut from the original). */
function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why a date does not exist, in Chinese, or undefined when it does. `year` undefined: a date
 * without a year (「4月31日」), judged as if in a leap year.
 */
export function calendarProblem(year: number | undefined, month: number, day?: number): string | undefined {
  if (month < 1 || month > 12) return `没有 ${month} 月，一年只有 12 个月`;
  if (day === undefined) return undefined;
  if (day < 1) return "没有 0 日";
  const days = daysInMonth(year, month);
  if (day <= days) return undefined;
  if (month === 2 && year !== undefined && days === 28) return `${year}年不是闰年，2月只有 28 天`;
  return `${month}月只有 ${days} 天`;
}

/** Whether YYYY-MM-DD names a day of the calendar. */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return Boolean(m) && calendarProblem(Number(m![1]), Number(m![2]), Number(m![3])) === undefined;
}

interface Span {
  start: number;
  end: number;
}

interface ImpossibleDate extends Span {
  text: string;
  reason: string;
}

/** 「2021年2月30日」「2021年13月」 (also 号 for 日, spaces between the parts). */
const CHINESE_DATE = new RegExp(`(?<![\\w.．])(\\d{4})${SP}年${SP}(\\d{1,2})${SP}月(?:${SP}(\\d{1,2})${SP}[日号])?`, "g");
/** 「2020-13-45」「2021.02.30」「2021/2/30」: not inside a longer number, a path or an address. */
const NUMERIC_DATE = /(?<![\w.\-/．－／])((?:19|20)\d{2})([-./．－／])(\d{1,2})\2(\d{1,2})(?![\w]|[.\-/．－／]\w)/g;
/** 「4月31日」 without a year (one with a year is a CHINESE_DATE). */
const BARE_DATE = new RegExp(`(?<![\\d年])(\\d{1,2})${SP}月${SP}(\\d{1,2})${SP}[日号]`, "g");

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** The dates in a text that do not exist, in order. */
export function impossibleDates(text: string): ImpossibleDate[] {
  const s = asciiDigits(text);
  const found: ImpossibleDate[] = [];
  const seen: Span[] = [];
  const add = (match: RegExpMatchArray, reason: string | undefined) => {
    const span = { start: match.index!, end: match.index! + match[0].length };
    seen.push(span);
    if (reason) found.push({ ...span, text: text.slice(span.start, span.end), reason });
  };
  for (const m of s.matchAll(CHINESE_DATE)) add(m, calendarProblem(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])));
  for (const m of s.matchAll(NUMERIC_DATE)) add(m, calendarProblem(Number(m[1]), Number(m[3]), Number(m[4])));
  for (const m of s.matchAll(BARE_DATE)) {
    const span = { start: m.index!, end: m.index! + m[0].length };
    if (seen.some((other) => overlaps(span, other))) continue;
    add(m, calendarProblem(undefined, Number(m[1]), Number(m[2])));
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A year in Chinese prose: 「2023年」「2023 年度」「2023年5月」「2023年5月24日」. */
const YEAR_MENTION = new RegExp(`(?<![\\w.．])(\\d{4})${SP}年(?:${SP}(度))?(?:${SP}\\d{1,2}${SP}月(?:${SP}\\d{1,2}${SP}[日号])?)?`, "g");

const HAS_YEAR = /\d{4}[\s\u3000\u00a0]*年/;

/** What ends a clause (、 does not: 「2021年、2022年连续两年…」 is one list). */
const BOUNDARY = /[，,；;：:。！!？?]/;

/** A clause is looked at up to this many characters either side (text pasted without punctuation). */
const CLAUSE_MAX = 300;

/** Where the clause around each position starts and ends, bounded by CLAUSE_MAX. */
function clauses(s: string): { start: (i: number) => number; end: (i: number) => number } {
  const starts = new Int32Array(s.length + 1);
  const ends = new Int32Array(s.length + 1);
  for (let i = 1; i <= s.length; i++) starts[i] = BOUNDARY.test(s[i - 1]) ? i : starts[i - 1];
  ends[s.length] = s.length;
  for (let i = s.length - 1; i >= 0; i--) ends[i] = BOUNDARY.test(s[i]) ? i : ends[i + 1];
  return { start: (i) => Math.max(starts[i], i - CLAUSE_MAX), end: (i) => Math.min(ends[i], i + CLAUSE_MAX) };
}

/** Quotations, titles, file numbers: 《…》 “…” 「…」 『…』 〔…〕 【…】 […] "…" (an unclosed one to the end). */
const QUOTED = [/《[^》]*》?/g, /“[^”]*”?/g, /「[^」]*」?/g, /『[^』]*』?/g, /〔[^〕]*〕?/g, /【[^】]*】?/g, /\[[^\]]*\]?/g, /"[^"]*"?/g];

/** Which characters of a sentence are quoted. */
function quotedMask(s: string): Uint8Array {
  const mask = new Uint8Array(s.length);
  for (const re of QUOTED) for (const m of s.matchAll(re)) mask.fill(1, m.index!, m.index! + m[0].length);
  return mask;
}

/** An enumerator before a clause's first words: 一是 （一） 1. 二、 */
const LEAD = /^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[一二三四五六七八九十]+是)?$/;
/** Words before a year that make it history, a comparison or a bound: 自2019年, 较2022年, 截至2023年底. */
const HISTORY_BEFORE = /(?:自|从|较|比|与|和|跟|同|及|截至|截止|到|至|早在|始于|于|对比|相比|相较|相对于|在)\s*$/;
/**
 * Words after a year that make it history, a range or a data point: 2019年以来, 2022年同期,
 * 2021年至2023年, 2019年修订, 「2021年12件；2022年15件」.
 */
const HISTORY_AFTER = /^\s*(?:\d|以来|来|至今|以前|之前|之后|以后|后|前|起|开始|同期|相比|相较|比较|对比|持平|底前|修订|修正|修改|版|第\s*\d+\s*[号期])/;
const RANGE_BEFORE = /(?:\d|[年月日号])\s*[-—–~～至到－]\s*$/;
const LIST_AFTER = /^\s*[-—–~～至到－、和与及或]\s*(?:\d{4}|\d{1,2}\s*月)/;
/** 「2023年，」: the year is the whole clause, so the next clause says what happens then. */
const BARE_FRAME = /^\s*(?:全年|年内|内|里|中|上半年|下半年)?\s*$/;
/** What the clause after a year says about the future: 将进一步, 将继续, 力争, 下一步 … (将 alone may be 把). */
const FUTURE =
  /将\s*(?:要\s*)?(?:进|继续|重点|着力|持续|不断|全面|切实|加大|加强|加快|强化|围绕|针对|从|以|坚持|深入|积极|认真|推|聚焦|做好|抓好|力争|努力|完善|提升|落实|按照|结合|紧扣|紧紧|严格|在|于|对|把|着重|逐步|探索|开展|建立|健全|优化|扩大|组织|大力)|力争|下一步|下一阶段|明年|来年|拟\s*(?:进一步|继续|在|于|对|开展|推进)|计划\s*(?:于|在|将|进一步|继续|开展|推进|完成)|预计\s*(?:于|在|将)|争取\s*(?:于|在|到|将)/;
/** 「将于2023年底前」「计划在2023年」: the year is the time of a plan. */
const PLAN_BEFORE = /(?:将|计划|拟|力争|争取|预计)\s*(?:要\s*)?(?:在|于)\s*$/;
/** 「…2022年政府信息公开工作年度报告」 named without 《》 in the preface. */
const REPORT_NAME_AFTER = /^\s*(?:度)?\s*(?:政府信息公开|政务公开|信息公开)[^，,；;。]*报告/;

/** A sentence stating the statistics period. */
const PERIOD_CUE = /统计\s*(?:期限|时限|期间|时间|区间|周期|范围)|所列数据/;
const PERIOD_RANGE = new RegExp(
  `(\\d{4})${SP}年${SP}(\\d{1,2})${SP}月${SP}(\\d{1,2})${SP}[日号]${SP}(?:起)?${SP}(?:至|到|—+|-|~|～|－)${SP}(?:(\\d{4})${SP}年)?${SP}(\\d{1,2})${SP}月${SP}(\\d{1,2})${SP}[日号]`,
);

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;

type Role = "plan" | "frame" | undefined;

/** A year of a sentence and what it does there. */
interface Reading extends Span {
  year: number;
  role: Role;
  /** The clause (and, for 「2023年，我局将…」, the next one) the year belongs to. */
  fragment: Span;
  history: boolean;
}

/** Every year of a sentence with what it does there. */
function readYears(s: string, inPreface: boolean): Reading[] {
  // Most sentences name no year: spare them the masks.
  if (!HAS_YEAR.test(s)) return [];
  const quoted = quotedMask(s);
  const clause = clauses(s);
  const readings: Reading[] = [];
  for (const m of s.matchAll(YEAR_MENTION)) {
    const span = { start: m.index!, end: m.index! + m[0].length };
    if (quoted[span.start]) continue;
    const cs = clause.start(span.start);
    const ce = clause.end(span.end);
    const before = s.slice(cs, span.start);
    // The words just before the year (the end-anchored patterns need no more).
    const near = before.slice(-12);
    const rest = s.slice(span.end, ce);
    // Outside the preface a report's name is another report (「2022年度政府信息公开工作年度报告按时发布」).
    const otherReport = !inPreface && REPORT_NAME_AFTER.test(rest);
    const history =
      otherReport || HISTORY_BEFORE.test(near) || HISTORY_AFTER.test(rest) || RANGE_BEFORE.test(near) || LIST_AFTER.test(rest);
    const initial = LEAD.test(before.replace(/[\s\u3000]/g, ""));
    let fragment = { start: cs, end: ce };
    let role: Role;
    if (PLAN_BEFORE.test(near)) role = "plan";
    else if (initial && !history) {
      let said = rest;
      if (BARE_FRAME.test(rest) && BOUNDARY.test(s[ce] ?? "")) {
        const next = clause.end(ce + 1);
        said = s.slice(ce + 1, next);
        fragment = { start: cs, end: next };
      }
      role = FUTURE.test(said) ? "plan" : "frame";
    } else if (inPreface && !history && (m[2] === "度" || REPORT_NAME_AFTER.test(rest))) role = "frame";
    readings.push({ ...span, year: Number(m[1]), role, fragment, history });
  }
  return readings;
}

function cut(text: string, span: Span, max = 40): string {
  const piece = text.slice(span.start, span.end).trim();
  return piece.length > max ? `${piece.slice(0, max)}…` : piece;
}

const WRONG_YEAR_PLACES = new Set<NarrativeText["section"]>([undefined, "overview", "problems"]);

/** text.period, text.wrong-year and text.impossible-date in one narrative text. */
function checkText(report: PreparedReport, { section, place, text, field }: NarrativeText): Finding[] {
  const { year } = report.input;
  const statedPeriod = report.input.stated?.period;
  const inPreface = field === "preface";
  const yearsChecked = WRONG_YEAR_PLACES.has(section);
  const findings: Finding[] = [];
  for (const quote of sentencesOf(text)) {
    const s = asciiDigits(quote);
    // Every period, year and date is written in digits.
    if (!/\d/.test(s)) continue;
    /** Spans another finding of this sentence (or stated.period) already covers. */
    const covered: Span[] = [];

    if (yearsChecked && PERIOD_CUE.test(s)) {
      const range = PERIOD_RANGE.exec(s);
      if (range) {
        const span = { start: range.index, end: range.index + range[0].length };
        covered.push(span);
        const from = iso(range[1], range[2], range[3]);
        const to = iso(range[4] ?? range[1], range[5], range[6]);
        const owned = statedPeriod?.from === from && statedPeriod.to === to;
        if (!owned && (from !== `${year}-01-01` || to !== `${year}-12-31`)) {
          findings.push({
            ruleId: "text.period",
            severity: "error",
            message: `${place}所述统计期限「${cut(quote, span, 60)}」不是报告年度全年，应为 ${year}年1月1日至${year}年12月31日。`,
            cells: [],
            section,
            quote,
            expected: `${year}-01-01/${year}-12-31`,
            actual: `${from}/${to}`,
          });
        }
      } else {
        // 「统计期限为2022年度」: the period as a year.
        const stated = readYears(s, inPreface).filter((r) => !r.history);
        covered.push(...stated);
        const wrong = stated.find((r) => r.year !== year);
        if (wrong) {
          findings.push({
            ruleId: "text.period",
            severity: "error",
            message: `${place}所述统计期限「${cut(quote, wrong.fragment)}」写的是 ${wrong.year} 年，应为 ${year}年1月1日至${year}年12月31日。`,
            cells: [],
            section,
            quote,
            expected: year,
            actual: wrong.year,
          });
        }
      }
    }

    const impossible = impossibleDates(quote).filter((d) => !covered.some((c) => overlaps(c, d)));
    covered.push(...impossible);

    if (yearsChecked) {
      const readings = readYears(s, inPreface).filter((r) => !covered.some((c) => overlaps(c, r)));
      // A sentence that also names the report year compares it with others (「2023年共受理20件，2022年共15件」).
      const comparing = readings.some((r) => r.year === year);
      const lateStats = section !== "problems" && !comparing ? readings.filter((r) => r.role === "frame" && r.year !== year) : [];
      const stalePlans = readings.filter((r) => r.role === "plan" && r.year <= year);
      if (lateStats.length) {
        const years = [...new Set(lateStats.map((r) => r.year))];
        findings.push({
          ruleId: "text.wrong-year",
          severity: "warning",
          message: `${place}中「${cut(quote, lateStats[0].fragment)}」写的是 ${years.join(" 年、")} 年，而报告年度为 ${year} 年：${inPreface ? "前言" : "总体情况"}应写统计年度（${year}年）的情况，请核对年份。`,
          cells: [],
          section,
          quote,
          expected: year,
          actual: years[0],
        });
      }
      if (stalePlans.length) {
        const years = [...new Set(stalePlans.map((r) => r.year))];
        findings.push({
          ruleId: "text.wrong-year",
          severity: "warning",
          message: `${place}中「${cut(quote, stalePlans[0].fragment)}」把工作计划写在 ${years.join(" 年、")} 年，而报告年度为 ${year} 年：改进措施和工作打算应是下一年度（${year + 1}年）的工作，请核对年份。`,
          cells: [],
          section,
          quote,
          expected: year + 1,
          actual: years[0],
        });
      }
    }

    for (const date of impossible) {
      findings.push({
        ruleId: "text.impossible-date",
        severity: "warning",
        message: `${place}中的日期「${date.text}」不存在（${date.reason}），请核对。`,
        cells: [],
        section,
        quote,
        actual: date.text,
      });
    }
  }
  return findings;
}

/** The report's own date (成文日期) must exist; whether it is in time is check-stated.ts's. */
function checkDateField(report: PreparedReport): Finding[] {
  const { date } = report.input;
  if (!date || isCalendarDate(date)) return [];
  const [y, m, d] = date.split("-").map(Number);
  return [
    {
      ruleId: "stated.date-impossible",
      severity: "error",
      message: `报告日期 ${date} 不存在（${calendarProblem(y, m, d)}），无法判断是否按期公布，请填写正确的成文日期。`,
      cells: [],
      actual: date,
    },
  ];
}

/** Years and dates: the report's date, the statistics period and years in the narrative. */
export function checkDates(report: PreparedReport): Finding[] {
  return [...checkDateField(report), ...narrativeTexts(report).flatMap((text) => checkText(report, text))];
}
