import type { PreparedReport } from "../report/prepare-report";
import { sectionHeading } from "../template/cells";
import type { SectionId } from "../template/types";
import { compactText, sentencesOf } from "./describe";
import { narrativeTexts } from "./narrative-texts";
import type { CheckContext, Finding } from "./types";

/*
 * Content quality (issue 12.3): what evaluators and provincial 通报 name besides wrong figures —
 * a section 五 that says nothing, placeholders left in, and sections copied from last year
 * (C16 「内容雷同」, C19: up to 90 % overlap found).
 */

/** Fewer Chinese characters than this in 五 is no account of problems and improvements. */
export const MIN_PROBLEMS_LENGTH = 30;

/** What a section reads as when it only says there is nothing: 无, 暂无, 无。 */
const NOTHING = /^(?:暂?无|没有|本年度无|无相关情况)[。.]?$/;

/** Placeholders of a template or a draft left in the text. */
const PLACEHOLDERS: { pattern: RegExp; label: string }[] = [
  { pattern: /待(?:补充|填写|完善|核实|确认|更新)/, label: "待补充" },
  // Empty, or asking for something: 「【】」, 「【请填写单位名称】」 (real text uses 【…】 for titles).
  { pattern: /【\s*】|【(?:请|填写|此处|在此|单位名称|日期|数字|数据)[^】]{0,12}】/, label: "【】" },
  { pattern: /[×╳]{2,}/, label: "××" },
  // XX as a slot: 「20XX年」, 「XX局」, 「XX件」 — two or more X next to a digit or Chinese.
  { pattern: /(?<=[\d\u4e00-\u9fff])[Xx]{2,}(?![A-Za-z])|(?<![A-Za-z])[Xx]{2,}(?=[\d\u4e00-\u9fff])/, label: "XX" },
  // …… as a slot of its own: 「一是……；」, 「：……。」 (not an ellipsis ending a list: 「等……」 is rare in 公文, but a slot is unambiguous).
  { pattern: /(?:^|[，。；：、（(是为])(?:……|\.{6})(?=[，。；：、）)]|$)/, label: "……" },
];

/** Character 8-grams of a text with its digits as #, so a copy with new years and figures is still a copy. */
function shingles(text: string): Set<string> {
  const compact = compactText(text).replace(/\d+/g, "#").replace(/[，。；：、,.;:“”"（）()]/g, "");
  const grams = new Set<string>();
  for (let i = 0; i + 8 <= compact.length; i++) grams.add(compact.slice(i, i + 8));
  return grams;
}

/** A section's narrative, overview items joined, for comparing years. */
function sectionTexts(report: PreparedReport): Map<SectionId | "preface", string> {
  const texts = new Map<SectionId | "preface", string>();
  for (const { section, text } of narrativeTexts(report)) {
    const key = section ?? "preface";
    texts.set(key, `${texts.get(key) ?? ""}${text}\n`);
  }
  return texts;
}

/** Share of this year's text found word for word (8 characters at a time) in last year's: 0–1. */
export function overlap(current: string, previous: string): number {
  const now = shingles(current);
  if (now.size === 0) return 0;
  const before = shingles(previous);
  let shared = 0;
  for (const gram of now) if (before.has(gram)) shared++;
  return shared / now.size;
}

/** Sections this long (in characters) or longer are compared with last year's. */
const MIN_COMPARED_LENGTH = 80;
/** This share or more of a section found in last year's report is a copy. */
export const COPY_THRESHOLD = 0.6;


/** Where a clerk finds a section: 前言, or its heading (「五、存在的主要问题及改进情况」). */
function placeOf(report: PreparedReport, id: SectionId | "preface"): string {
  const section = report.template.sections.find((s) => s.id === id);
  return section ? sectionHeading(section) : "前言";
}

/**
 * content.perfunctory: 五 only 「无」 or shorter than a useful account (six may say 无);
 * text.placeholder: placeholders left in (error: the report is not finished);
 * content.copied-from-last-year: a section mostly the same as last year's (when known).
 */
export function checkContent(report: PreparedReport, context: CheckContext = {}): Finding[] {
  const findings: Finding[] = [];
  const problems = report.input.sections?.problems?.trim() ?? "";
  const section = report.template.sections.find((s) => s.id === "problems");
  // An empty 五 is section.missing's.
  if (problems && section) {
    const length = [...compactText(problems).replace(/[^\u4e00-\u9fff]/g, "")].length;
    if (NOTHING.test(compactText(problems)) || length < MIN_PROBLEMS_LENGTH) {
      findings.push({
        ruleId: "content.perfunctory",
        severity: "warning",
        message: NOTHING.test(compactText(problems))
          ? `「${sectionHeading(section)}」只写了「${problems}」。本部分应写明工作中存在的主要问题和下一步的改进措施。`
          : `「${sectionHeading(section)}」只有 ${length} 个字，过于简略。本部分应写明工作中存在的主要问题和下一步的改进措施。`,
        cells: [],
        section: "problems",
        quote: problems,
      });
    }
  }

  for (const { section: id, place, text } of narrativeTexts(report)) {
    const found = PLACEHOLDERS.filter((p) => p.pattern.test(text));
    if (!found.length) continue;
    const quote = sentencesOf(text).find((s) => found.some((p) => p.pattern.test(s))) ?? text.slice(0, 80);
    findings.push({
      ruleId: "text.placeholder",
      severity: "error",
      message: `${place}中留有待填写的占位内容（${found.map((p) => `「${p.label}」`).join("、")}），请补全后再提交。`,
      cells: [],
      section: id,
      quote,
    });
  }

  if (context.previous) {
    const before = sectionTexts(context.previous);
    for (const [id, text] of sectionTexts(report)) {
      const last = before.get(id);
      if (!last || compactText(text).length < MIN_COMPARED_LENGTH) continue;
      const share = overlap(text, last);
      if (share < COPY_THRESHOLD) continue;
      findings.push({
        ruleId: "content.copied-from-last-year",
        severity: "warning",
        message: `${placeOf(report, id)}与上年报告相同内容约 ${Math.round(share * 100)}%，请按本年度实际情况撰写。`,
        cells: [],
        ...(id === "preface" ? {} : { section: id }),
        expected: `< ${Math.round(COPY_THRESHOLD * 100)}%`,
        actual: `${Math.round(share * 100)}%`,
      });
    }
  }
  return findings;
}
