import type { PreparedReport } from "../report/prepare-report";
import type { SectionId } from "../template/types";

/** A piece of narrative with where it sits, for text rules. */
export interface NarrativeText {
  section?: SectionId;
  /** Where a clerk finds it, e.g. 前言, 一、总体情况（二）依申请公开. */
  place: string;
  text: string;
  /** Its path in the report input (and the wizard's form), e.g. sections.overview.0.text. */
  field: string;
}

/** Every narrative string of a report, in document order. */
export function narrativeTexts(report: PreparedReport): NarrativeText[] {
  const { input } = report;
  const sections = input.sections ?? {};
  const texts: NarrativeText[] = [];
  if (input.preface) texts.push({ place: "前言", text: input.preface, field: "preface" });
  (sections.overview ?? []).forEach((item, i) => {
    const place = `一、总体情况${item.title ? ` ${item.title}` : ""}`;
    if (item.title) texts.push({ section: "overview", place, text: item.title, field: `sections.overview.${i}.title` });
    texts.push({ section: "overview", place, text: item.text, field: `sections.overview.${i}.text` });
  });
  const notes = [
    ["proactive", "proactiveNote", "二、主动公开政府信息情况"],
    ["requests", "requestsNote", "三、收到和处理政府信息公开申请情况"],
    ["reviews", "reviewsNote", "四、政府信息公开行政复议、行政诉讼情况"],
    ["problems", "problems", "五、存在的主要问题及改进情况"],
    ["other", "other", "六、其他需要报告的事项"],
  ] as const;
  for (const [section, key, place] of notes) {
    const text = sections[key];
    if (text) texts.push({ section, place, text, field: `sections.${key}` });
  }
  return texts;
}
