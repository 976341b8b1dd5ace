import type { ReportTemplate, RuleDef } from "../../lib/template/types";
import { NARRATIVE_SUBJECTS, OUTDATED_PHRASES, OVERVIEW_TOPICS } from "../shared/narrative";
import { requestsRules, requestsTable } from "../shared/requests-table";
import { CARRY_OVER_RULE } from "../shared/cross-year";
import { REVIEWS_RULES, REVIEWS_TABLE } from "../shared/reviews-table";
import { SIX_SECTIONS } from "../shared/sections";

const ITEM_COLUMNS = [
  { id: "prev_items", label: "上一年项目数量", kind: "count" },
  { id: "change", label: "本年增/减", kind: "signed" },
  { id: "decisions", label: "处理决定数量", kind: "count" },
] as const;

const DOCUMENT_COLUMNS = [
  { id: "new_made", label: "本年新制作数量", kind: "count" },
  { id: "new_published", label: "本年新公开数量", kind: "count" },
  { id: "total_published", label: "对外公开总数量", kind: "count" },
] as const;

/** Cross-year checks, run when last year's report is available. */
const CROSS_YEAR_RULES: RuleDef[] = [
  CARRY_OVER_RULE,
  {
    kind: "stock",
    id: "crossyear.prev-items",
    severity: "warning",
    table: "proactive",
    rows: ["licensing", "other_services", "penalties", "enforcement", "fees"],
    column: "prev_items",
    previousPlus: ["change"],
    plus: [],
    minus: [],
    name: "上一年项目数量等于上年报告的上一年项目数量加本年增/减",
  },
];

/**
 * 2019 trial format (国办公开办函〔2019〕60号), used for report years 2019–2020.
 * Labels as in official-format.md §2–4.
 */
export const TEMPLATE_2019: ReportTemplate = {
  version: "2019",
  formatName: "《中华人民共和国政府信息公开工作年度报告格式（试行）》",
  years: { from: 2019, to: 2020 },
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
            { id: "normative_documents", label: "规范性文件" },
          ],
        },
        {
          heading: "第二十条第（五）项",
          labelHeader: "信息内容",
          columns: [...ITEM_COLUMNS],
          rows: [
            { id: "licensing", label: "行政许可" },
            { id: "other_services", label: "其他对外管理服务事项" },
          ],
        },
        {
          heading: "第二十条第（六）项",
          labelHeader: "信息内容",
          columns: [...ITEM_COLUMNS],
          rows: [
            { id: "penalties", label: "行政处罚" },
            { id: "enforcement", label: "行政强制" },
          ],
        },
        {
          heading: "第二十条第（八）项",
          labelHeader: "信息内容",
          columns: [ITEM_COLUMNS[0], ITEM_COLUMNS[1]],
          rows: [{ id: "fees", label: "行政事业性收费" }],
        },
        {
          heading: "第二十条第（九）项",
          labelHeader: "信息内容",
          columns: [
            { id: "projects", label: "采购项目数量", kind: "count" },
            // The national header names no unit; amounts are kept in 万元 and printed with it.
            { id: "amount", label: "采购总金额", kind: "money", unit: "万元" },
          ],
          rows: [{ id: "procurement", label: "政府集中采购" }],
        },
      ],
    },
    requests: requestsTable({ id: "other", label: "（六）其他处理", groupId: "other_all" }),
    reviews: REVIEWS_TABLE,
  },
  rules: [...requestsRules(["other"]), ...REVIEWS_RULES, ...CROSS_YEAR_RULES],
  overviewTopics: OVERVIEW_TOPICS,
  overviewTopicsRequired: false,
  narrativeSubjects: NARRATIVE_SUBJECTS,
  outdatedPhrases: OUTDATED_PHRASES,
};
