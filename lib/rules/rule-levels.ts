import { TEMPLATES } from "../../templates";
import { isKnownRule, TEXT_RULE_SEVERITY, type TextRuleId } from "./rule-severities";
import type { RuleLevel, RuleLevels, Severity } from "./types";

/*
 * The severity policy, written once (issue 12.5), and the levels a deployment sets (12.6).
 *
 * Every rule id with its default severity and why: the arithmetic rules are declared in the
 * templates (their severity and name come from there), the text rules here (their defaults in
 * rule-severities.ts, which the browser loads without the texts). A province that
 * enforces more or less sets a rule to error, warning or off; `applyRuleLevels` applies those
 * levels in `checkReport`, so the browser, the server and the CLI (a levels file) agree.
 */

export type { RuleLevel, RuleLevels };

export interface RulePolicy {
  id: string;
  /** The default: "mixed" where the rule decides per finding (stated.preface-title). */
  severity: Severity | "mixed";
  /** What the rule checks, in Chinese, for the admin page. */
  title: string;
  /** Why this severity, in English, for the README's policy table. */
  why: string;
}

/** What each text rule checks and why its default (rule-severities.ts has the defaults). */
const TEXT_RULE_TEXTS: Record<TextRuleId, { title: string; why: string }> = {
  "format.unsupported-year": { title: "报告年度早于现行格式", why: "No official format to check against (2019 trial format onwards)." },
  "format.version-mismatch": { title: "报告格式与年度不符", why: "2019–2020 use the trial format, 2021 on the revised one (official-format.md §0)." },
  "value.unreadable": { title: "数字单元格无法识别", why: "A cell that is no number breaks every balance rule through it." },
  "value.text-in-cell": { title: "数字单元格中带有文字或单位", why: "Read as a number (减2 → −2, 万元 stripped) and shown; seen in seeds 001–004 (§6)." },
  "value.blank": { title: "单元格空白", why: "Blank is not 0 (C22 is [U]: no official text says fill 0), but it leaves C1–C5 unchecked." },
  "proactive.regulations-authority": { title: "无规章制定权的机关填报了规章", why: "C21 is derived (立法法), not printed in the format." },
  "section.missing": { title: "缺少必备部分", why: "C15 「不能遗漏」: all six sections, official (2021 notice)." },
  "overview.topics-missing": { title: "总体情况未涵盖规定方面", why: "The five topics are named by the 2021 notice's guidance, not a fixed structure." },
  "stated.heading-missing": { title: "缺少部分标题", why: "A section printed without its heading; a section missing entirely is section.missing (one finding)." },
  "stated.heading-extra": { title: "多出的部分", why: "C15 「不宜泛化」 advises against extra parts; the renumbering and part count it causes are not reported again." },
  "stated.heading-number": { title: "部分标题序号不符", why: "Numbering is a presentation defect; the format's headings are [R], verified in practice, not official text." },
  "stated.heading-order": { title: "部分顺序不符", why: "The six parts in the format's order (§1): readers and evaluators find 五 and 六 by their place." },
  "stated.heading-wording": { title: "部分标题措辞不符", why: "Heading variants are common in published reports (§6) and the wording is [R]." },
  "stated.label-wording": { title: "表格标签措辞不符", why: "Label variants were seen in real reports (§6); the numbers still map to the official rows." },
  "stated.title-wording": { title: "标题措辞不符", why: "Title wording varies (「2020年度…年度报告」) without changing what is reported." },
  "stated.title-year": { title: "标题年份不是报告年度", why: "C12: the title year is the data year." },
  "stated.period": { title: "统计期限不是报告年度", why: "C12: the report covers 1月1日–12月31日 of the report year (seed 000 states 2021 in a 2019 report)." },
  "stated.preface-title": { title: "前言所述报告名称不符", why: "Error when it names another year (seed 003), warning when only the wording differs." },
  "stated.preface-parts": { title: "前言所列部分名称不符", why: "Old-format part names in the preface (seed 001); wording, not data." },
  "stated.section-count": { title: "前言所述部分数不符", why: "A count the text states; not reported when an extra section (stated.heading-extra) explains it." },
  "stated.date-early": { title: "成文日期早于年度结束", why: "A report dated before 12月31日 cannot hold the whole year's figures." },
  "stated.date-late": { title: "成文日期晚于法定期限", why: "C10 deadlines (1月31日 / 3月31日); late publication is an evaluation finding, not wrong content." },
  "stated.date-impossible": { title: "成文日期不存在", why: "A date such as 2021-02-30 would be printed under the signature, and C10/C12 cannot judge it." },
  "stated.date-missing": { title: "未填写成文日期", why: "A report written here would be printed without a date under the signature, and C10 could not be judged; a published text imported (it has stated) is not held to it, as portals often show the date outside the text." },
  "text.period": { title: "正文所述统计期限不是报告年度", why: "C12, as stated.period, for a period sentence stated.period does not hold (a report written in the app)." },
  "text.wrong-year": { title: "正文年份与报告年度不符", why: "C12 in prose: a stale year (「2022年，我局…」, a plan 「2023年将…」 in a 2023 report); the role of a year is read from the sentence, a judgement." },
  "text.impossible-date": { title: "正文中的日期不存在", why: "2021年2月30日, 2021年13月: a typo, no rule of the format; a code written like a date can look like one." },
  "text.outdated-format": { title: "使用旧版格式提法", why: "Pre-2019 wording (§6, S20); wording only." },
  "reference.unknown": { title: "引用的表格数字不存在", why: "A {{reference}} to no cell would print nothing where a number belongs." },
  "narrative.contradicts-table": { title: "正文数字与表格不符", why: "C20 is derived; the parser may misread a loose sentence, so it asks rather than blocks." },
  "narrative.parts-exceed-total": { title: "正文所列分项之和大于总数", why: "C20; the parts a sentence lists are read by the parser." },
  "narrative.share-mismatch": { title: "正文所述占比与表格不符", why: "C20; percentages are compared at the decimals given." },
  "narrative.change-mismatch": { title: "正文所述同比变化与上年报告不符", why: "C20 against last year's report; needs that report." },
  "text.half-width-punctuation": { title: "中文正文使用半角标点", why: "Typography (GB/T 9704 practice), with a one-click fix." },
  "content.perfunctory": { title: "存在的主要问题及改进情况过于简略", why: "C16/C18: evaluators flag unsubstantial content; how much is enough is a judgement." },
  "text.placeholder": { title: "留有占位内容", why: "待补充, 【请填写…】, ××, 20XX年: the report is not finished." },
  "content.copied-from-last-year": { title: "与上年报告内容雷同", why: "C16 「内容雷同」, C19 (up to 90 % overlap found); needs last year's report." },
};

/** Every rule of every format: the templates' declared rules, then the text rules. */
export function rulePolicy(): RulePolicy[] {
  const declared = new Map<string, RulePolicy>();
  for (const template of Object.values(TEMPLATES)) {
    for (const rule of template.rules) {
      if (!declared.has(rule.id)) {
        declared.set(rule.id, { id: rule.id, severity: rule.severity, title: rule.name, why: "Declared in the template (official-format.md §5)." });
      }
    }
  }
  const text = (Object.keys(TEXT_RULE_SEVERITY) as TextRuleId[]).map((id) => ({ id, severity: TEXT_RULE_SEVERITY[id], ...TEXT_RULE_TEXTS[id] }));
  return [...declared.values(), ...text];
}

export { applyRuleLevels } from "./rule-severities";

export type ParsedRuleLevels = { ok: true; levels: RuleLevels } | { ok: false; message: string };

/**
 * Levels from a levels file or a form: `{ "rule.id": "error" | "warning" | "off" }`, or the
 * same under `ruleLevels` (the file the admin page downloads). An unknown rule id or level is
 * refused with the path, so a typo never silently leaves a rule at its default.
 */
export function parseRuleLevels(input: unknown): ParsedRuleLevels {
  const object = input && typeof input === "object" && !Array.isArray(input) && "ruleLevels" in input ? (input as { ruleLevels: unknown }).ruleLevels : input;
  if (!object || typeof object !== "object" || Array.isArray(object)) return { ok: false, message: "规则级别应为对象：{ \"规则编号\": \"error\" | \"warning\" | \"off\" }" };
  const levels: Record<string, RuleLevel> = {};
  for (const [id, level] of Object.entries(object)) {
    if (!isKnownRule(id)) return { ok: false, message: `没有编号为「${id}」的规则` };
    if (level !== "error" && level !== "warning" && level !== "off") return { ok: false, message: `规则「${id}」的级别「${String(level)}」无效，应为 error、warning 或 off` };
    levels[id] = level;
  }
  return { ok: true, levels };
}

/** The README's policy table (kept in step by rule-levels.test.ts). */
export function policyMarkdown(): string {
  const rows = rulePolicy().map((r) => `| \`${r.id}\` | ${r.severity === "mixed" ? "error / warning" : r.severity} | ${r.title} | ${r.why} |`);
  return ["| rule id | default | 检查内容 | why |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
