import type { SectionDef } from "../../lib/template/types";

/** A section both formats share, with the short name the report wizard lists it by. */
export interface SharedSectionDef extends SectionDef {
  /** Short form of `title` for the wizard's step list, e.g. "收到和处理申请" (三、收到和处理申请). */
  shortTitle: string;
}

/** The six section headings, identical in the 2019 trial and 2021 formats (official-format.md §1). */
export const SIX_SECTIONS: SharedSectionDef[] = [
  {
    id: "overview",
    numeral: "一",
    title: "总体情况",
    shortTitle: "总体情况",
    content: { kind: "topics", key: "overview" },
    recognisedBy: [["总体情况"]],
  },
  {
    id: "proactive",
    numeral: "二",
    title: "主动公开政府信息情况",
    shortTitle: "主动公开",
    content: { kind: "table", table: "proactive", noteKey: "proactiveNote" },
    recognisedBy: [["主动公开"]],
  },
  {
    id: "requests",
    numeral: "三",
    title: "收到和处理政府信息公开申请情况",
    shortTitle: "收到和处理申请",
    content: { kind: "table", table: "requests", noteKey: "requestsNote" },
    recognisedBy: [["收到和处理"], ["依申请公开"], ["申请", "处理"]],
  },
  {
    id: "reviews",
    numeral: "四",
    title: "政府信息公开行政复议、行政诉讼情况",
    shortTitle: "复议诉讼",
    content: { kind: "table", table: "reviews", noteKey: "reviewsNote" },
    recognisedBy: [["行政复议"], ["行政诉讼"]],
  },
  {
    id: "problems",
    numeral: "五",
    title: "存在的主要问题及改进情况",
    shortTitle: "问题及改进",
    content: { kind: "text", key: "problems" },
    recognisedBy: [["问题", "改进"]],
  },
  {
    id: "other",
    numeral: "六",
    title: "其他需要报告的事项",
    shortTitle: "其他事项",
    content: { kind: "text", key: "other" },
    recognisedBy: [["其他需要报告"], ["其它需要报告"]],
  },
];
