import type { NarrativeSubjectDef } from "../../lib/template/types";

const corrected = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"].map((g) => `reviews.${g}.corrected`);

/**
 * The figures of tables 3 and 4 a narrative states, by the words that name them (C20). The
 * phrase parser (lib/rules/narrative/number-phrases.ts) binds each count in a sentence to the
 * subject named before it in the same clause (「予以公开20件」, 「收到1件依申请公开」, 「行政复议0件、
 * 行政诉讼0件」); the longest word wins where two start at one place. A stated figure must equal
 * the sum of `cells`; a subject a format lacks (the 2021 其他处理 sub-rows in a 2019 report) is skipped.
 */
export const NARRATIVE_SUBJECTS: NarrativeSubjectDef[] = [
  {
    id: "received",
    // The official row wording first, then how people write it.
    words: ["本年新收政府信息公开申请数量", "本年新收", "新收", "收到", "受理", "接收", "接到"],
    requires: "申请",
    cells: ["requests.received.total"],
    name: "本年新收申请数",
  },
  {
    id: "carried_over",
    words: ["上年结转政府信息公开申请数量", "上年结转", "上年度结转", "上一年度结转", "上一年结转"],
    cells: ["requests.carried_over.total"],
    name: "上年结转申请数",
  },
  { id: "granted", words: ["予以公开"], cells: ["requests.granted.total"], name: "予以公开数", shareOf: "total_processed" },
  { id: "partly_granted", words: ["部分公开"], cells: ["requests.partly_granted.total"], name: "部分公开数", shareOf: "total_processed" },
  { id: "withheld", words: ["不予公开"], cells: ["requests.withheld.total"], name: "不予公开数", shareOf: "total_processed" },
  { id: "unable", words: ["无法提供"], cells: ["requests.unable.total"], name: "无法提供数", shareOf: "total_processed" },
  { id: "not_processed", words: ["不予处理"], cells: ["requests.not_processed.total"], name: "不予处理数", shareOf: "total_processed" },
  // 2019: the one （六）其他处理 row answers to the group id other_all; 2021: the group of three.
  { id: "other", words: ["其他处理"], cells: ["requests.other_all.total"], name: "其他处理数", shareOf: "total_processed" },
  {
    id: "other_no_correction",
    words: ["无正当理由逾期不补正", "逾期不补正"],
    cells: ["requests.other_no_correction.total"],
    name: "逾期不补正、不再处理数",
    shareOf: "total_processed",
  },
  {
    id: "other_no_fee",
    words: ["逾期未按收费通知要求缴纳费用", "逾期未缴纳费用", "逾期未缴费"],
    cells: ["requests.other_no_fee.total"],
    name: "逾期未缴费、不再处理数",
    shareOf: "total_processed",
  },
  {
    id: "total_processed",
    // 办结 and 答复 count the year's results, （七）总计 — of applications, not of letters or hotline calls.
    words: ["办结", "答复", "办理完毕", "处理完毕"],
    requires: "申请",
    cells: ["requests.total_processed.total"],
    name: "办理结果总计",
  },
  {
    id: "carried_forward",
    words: ["结转下年度继续办理", "结转下年度", "结转至下年度", "结转下一年度", "结转到下一年度", "转入下年度"],
    cells: ["requests.carried_forward.total"],
    name: "结转下年度继续办理数",
  },
  { id: "reconsideration", words: ["行政复议"], cells: ["reviews.reconsideration.total"], name: "行政复议总计" },
  {
    id: "litigation_direct",
    words: ["未经复议直接起诉", "未经复议直接被提起行政诉讼", "未经复议直接提起行政诉讼", "直接提起行政诉讼", "直接起诉"],
    cells: ["reviews.litigation_direct.total"],
    name: "未经复议直接起诉的行政诉讼总计",
  },
  {
    id: "litigation_after",
    words: ["复议后起诉", "复议后被提起行政诉讼", "复议后提起行政诉讼"],
    cells: ["reviews.litigation_after_reconsideration.total"],
    name: "复议后起诉的行政诉讼总计",
  },
  {
    id: "litigation",
    words: ["行政诉讼"],
    cells: ["reviews.litigation_direct.total", "reviews.litigation_after_reconsideration.total"],
    name: "行政诉讼总计",
  },
  {
    id: "corrected",
    words: ["被纠错", "纠错", "被纠正", "结果纠正"],
    cells: corrected,
    name: "行政复议、行政诉讼结果纠正数",
    // After 行政复议 in the same sentence, 被纠错 is the reconsiderations corrected, and so on.
    within: {
      reconsideration: ["reviews.reconsideration.corrected"],
      litigation_direct: ["reviews.litigation_direct.corrected"],
      litigation_after: ["reviews.litigation_after_reconsideration.corrected"],
      litigation: ["reviews.litigation_direct.corrected", "reviews.litigation_after_reconsideration.corrected"],
    },
  },
];

/** Wording of the 2008-era report format (seed 001, S20): a sign the template is outdated. */
export const OUTDATED_PHRASES = [
  "依申请公开政府信息情况",
  "因政府信息公开申请引起行政复议和提起行政诉讼情况",
  "因政府信息公开申请提起行政复议、行政诉讼的情况",
  "政府信息公开的收费及减免情况",
  "信息公开的收费及减免情况",
];

/** The five 总体情况 topics named by the 2021 notice (国办公开办函〔2021〕30号). */
export const OVERVIEW_TOPICS = [
  { title: "主动公开", recognisedBy: ["主动公开"] },
  { title: "依申请公开", recognisedBy: ["依申请", "申请公开"] },
  { title: "政府信息管理", recognisedBy: ["信息管理"] },
  { title: "政府信息公开平台建设", recognisedBy: ["平台"] },
  { title: "监督保障", recognisedBy: ["监督", "保障"] },
];
