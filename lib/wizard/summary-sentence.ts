import { TEMPLATES } from "../../templates";
import type { FormatVersion } from "../template/types";
import { emptyPreparedReport } from "./paste-grid";
import { referenceValue } from "../report/values";

/**
 * 插入汇总句: the figures of table 3 (and table 4) as one paragraph for 一、总体情况, every
 * number bound to its cell with `{{table.row.column}}`, so the text can never drift from the
 * tables. The wording matches the narrative-claim patterns of the rule engine (收到…申请N件,
 * 予以公开N件, 结转下年度继续办理N件 …), so the engine reads and confirms the numbers.
 */

/** Result groups of table 3 in printed order, with the words a report uses for them. */
const RESULT_PHRASES: { reference: string; phrase: string }[] = [
  { reference: "requests.granted.total", phrase: "予以公开" },
  { reference: "requests.partly_granted.total", phrase: "部分公开" },
  { reference: "requests.withheld.total", phrase: "不予公开" },
  { reference: "requests.unable.total", phrase: "无法提供" },
  { reference: "requests.not_processed.total", phrase: "不予处理" },
  // 2019: the single （六）其他处理 row answers to other_all; 2021: the group of three rows.
  { reference: "requests.other_all.total", phrase: "其他处理" },
];

const REVIEW_PHRASES: { reference: string; phrase: string }[] = [
  { reference: "reviews.reconsideration.total", phrase: "被申请行政复议" },
  { reference: "reviews.litigation_direct.total", phrase: "未经复议直接被提起行政诉讼" },
  { reference: "reviews.litigation_after_reconsideration.total", phrase: "复议后被提起行政诉讼" },
];

const ref = (reference: string) => `{{${reference}}}`;

/** The summary paragraph for a format; only references the format defines are used. */
export function summarySentence(format: FormatVersion): string {
  const report = emptyPreparedReport(TEMPLATES[format]);
  const known = (reference: string) => referenceValue(report, reference) !== undefined;
  const results = RESULT_PHRASES.filter((p) => known(p.reference)).map((p) => `${p.phrase}${ref(p.reference)}件`);
  const reviews = REVIEW_PHRASES.filter((p) => known(p.reference)).map((p) => `${p.phrase}${ref(p.reference)}件`);
  return [
    `本年共收到政府信息公开申请${ref("requests.received.total")}件，上年结转${ref("requests.carried_over.total")}件。`,
    `本年度办理结果：${results.join("，")}；结转下年度继续办理${ref("requests.carried_forward.total")}件。`,
    reviews.length ? `本年因政府信息公开工作${reviews.join("，")}。` : "",
  ].join("");
}
