import type { ReportTemplate, RuleDef } from "../../lib/template/types";
import { NARRATIVE_SUBJECTS, OUTDATED_PHRASES, OVERVIEW_TOPICS } from "../shared/narrative";
import { requestsRules, requestsTable } from "../shared/requests-table";
import { CARRY_OVER_RULE } from "../shared/cross-year";
import { REVIEWS_RULES, REVIEWS_TABLE } from "../shared/reviews-table";
import { SIX_SECTIONS } from "../shared/sections";

const DOCUMENT_COLUMNS = [
  { id: "issued", label: "本年制发件数", kind: "count" },
  { id: "repealed", label: "本年废止件数", kind: "count" },
  { id: "in_force", label: "现行有效件数", kind: "count" },
] as const;

const DECISIONS = { id: "decisions", label: "本年处理决定数量", kind: "count" } as const;

const OTHER_PROCESSING_ROWS = ["other_no_correction", "other_no_fee", "other_misc"];

/** Cross-year checks, run when last year's report is available. */
const CROSS_YEAR_RULES: RuleDef[] = [
  CARRY_OVER_RULE,
  {
    kind: "stock",
    id: "crossyear.in-force",
    severity: "warning",
    table: "proactive",
    rows: ["regulations", "normative_documents"],
    column: "in_force",
    previousPlus: [],
    plus: ["issued"],
    minus: ["repealed"],
    name: "现行有效件数等于上年现行有效件数加本年制发件数减本年废止件数",
  },
];

/**
 * 2021 format (国办公开办函〔2021〕30号), used from report year 2021.
 * Labels as in official-format.md §2–4; （六） separators use 、 (the majority reading).
 */
export const TEMPLATE_2021: ReportTemplate = {
  version: "2021",
  formatName: "《中华人民共和国政府信息公开工作年度报告格式》",
  years: { from: 2021 },
  titleSuffix: "年政府信息公开工作年度报告",
  sections: SIX_SECTIONS,
  tables: {
    proactive: {
      layout: "blocks",
      id: "proactive",
      caption: "主动公开政府信息情况",
      widths: [14, 10, 10, 10],
      blocks: [
        {
          heading: "第二十条第（一）项",
          labelHeader: "信息内容",
          columns: [...DOCUMENT_COLUMNS],
          rows: [
            { id: "regulations", label: "规章" },
            { id: "normative_documents", label: "行政规范性文件" },
          ],
        },
        {
          heading: "第二十条第（五）项",
          labelHeader: "信息内容",
          columns: [DECISIONS],
          rows: [{ id: "licensing", label: "行政许可" }],
        },
        {
          heading: "第二十条第（六）项",
          labelHeader: "信息内容",
          columns: [DECISIONS],
          rows: [
            { id: "penalties", label: "行政处罚" },
            { id: "enforcement", label: "行政强制" },
          ],
        },
        {
          heading: "第二十条第（八）项",
          labelHeader: "信息内容",
          columns: [{ id: "amount", label: "本年收费金额（单位：万元）", kind: "money" }],
          rows: [{ id: "fees", label: "行政事业性收费" }],
        },
      ],
    },
    requests: requestsTable({
      id: "other_all",
      label: "（六）其他处理",
      children: [
        { id: "other_no_correction", label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" },
        { id: "other_no_fee", label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" },
        { id: "other_misc", label: "3.其他" },
      ],
    }),
    reviews: REVIEWS_TABLE,
  },
  rules: [...requestsRules(OTHER_PROCESSING_ROWS), ...REVIEWS_RULES, ...CROSS_YEAR_RULES],
  overviewTopics: OVERVIEW_TOPICS,
  overviewTopicsRequired: true,
  narrativeSubjects: NARRATIVE_SUBJECTS,
  outdatedPhrases: OUTDATED_PHRASES,
};
