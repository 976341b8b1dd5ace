import type { GridTableDef, RowNode, RuleDef } from "../../lib/template/types";

/** Table 3 header note, printed in the top-left cell in both formats. */
const CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const APPLICANT_COLUMNS = [
  // One unit wider than the others: 「自然人」 is three Hanzi on one line in the PDF's 五号 (not 自然/人).
  { id: "natural_person", label: "自然人", width: 6 },
  {
    label: "法人或其他组织",
    children: [
      { id: "commercial", label: "商业企业", width: 5 },
      { id: "research", label: "科研机构", width: 5 },
      { id: "public_interest", label: "社会公益组织", width: 5 },
      { id: "legal_services", label: "法律服务机构", width: 5 },
      { id: "other_org", label: "其他", width: 5 },
    ],
  },
  { id: "total", label: "总计", width: 5 },
];

export const APPLICANT_COLUMN_IDS = [
  "natural_person",
  "commercial",
  "research",
  "public_interest",
  "legal_services",
  "other_org",
];

const WITHHELD: RowNode = {
  id: "withheld",
  label: "（三）不予公开",
  children: [
    { id: "withheld_state_secret", label: "1.属于国家秘密" },
    { id: "withheld_prohibited_by_law", label: "2.其他法律行政法规禁止公开" },
    { id: "withheld_three_safeties", label: "3.危及“三安全一稳定”" },
    { id: "withheld_third_party", label: "4.保护第三方合法权益" },
    { id: "withheld_internal_affairs", label: "5.属于三类内部事务信息" },
    { id: "withheld_process_info", label: "6.属于四类过程性信息" },
    { id: "withheld_enforcement_file", label: "7.属于行政执法案卷" },
    { id: "withheld_inquiry", label: "8.属于行政查询事项" },
  ],
};

const UNABLE: RowNode = {
  id: "unable",
  label: "（四）无法提供",
  children: [
    { id: "unable_not_held", label: "1.本机关不掌握相关政府信息" },
    { id: "unable_needs_creation", label: "2.没有现成信息需要另行制作" },
    { id: "unable_unclear", label: "3.补正后申请内容仍不明确" },
  ],
};

const NOT_PROCESSED: RowNode = {
  id: "not_processed",
  label: "（五）不予处理",
  children: [
    { id: "not_processed_petition", label: "1.信访举报投诉类申请" },
    { id: "not_processed_repeat", label: "2.重复申请" },
    { id: "not_processed_publication", label: "3.要求提供公开出版物" },
    { id: "not_processed_mass", label: "4.无正当理由大量反复申请" },
    { id: "not_processed_confirmation", label: "5.要求行政机关确认或重新出具已获取信息" },
  ],
};

/**
 * Builds table 3 around the （六）其他处理 rows, the only part that differs between formats
 * (2019: one row; 2021: a group of three).
 */
export function requestsTable(otherProcessing: RowNode): GridTableDef {
  return {
    layout: "grid",
    id: "requests",
    caption: "收到和处理政府信息公开申请情况",
    valueKind: "count",
    corner: CORNER,
    labelWidths: [5, 6, 20],
    columns: [{ label: "申请人情况", children: APPLICANT_COLUMNS }],
    rows: [
      { id: "received", label: "一、本年新收政府信息公开申请数量" },
      { id: "carried_over", label: "二、上年结转政府信息公开申请数量" },
      {
        label: "三、本年度办理结果",
        children: [
          { id: "granted", label: "（一）予以公开" },
          { id: "partly_granted", label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" },
          WITHHELD,
          UNABLE,
          NOT_PROCESSED,
          otherProcessing,
          { id: "total_processed", label: "（七）总计" },
        ],
      },
      { id: "carried_forward", label: "四、结转下年度继续办理" },
    ],
  };
}

/** Ids of the result rows that （七）总计 adds up (C2). */
export function resultRowIds(otherRowIds: string[]): string[] {
  return [
    "granted",
    "partly_granted",
    ...(WITHHELD.children ?? []).map((r) => r.id!),
    ...(UNABLE.children ?? []).map((r) => r.id!),
    ...(NOT_PROCESSED.children ?? []).map((r) => r.id!),
    ...otherRowIds,
  ];
}

/** Balance rules of table 3 (official-format.md §5, C1, C2, C4). */
export function requestsRules(otherRowIds: string[]): RuleDef[] {
  return [
    {
      kind: "sum",
      id: "requests.row-total",
      severity: "error",
      table: "requests",
      along: "row",
      target: "total",
      terms: APPLICANT_COLUMN_IDS,
      name: "总计列等于自然人与五类法人或其他组织之和",
    },
    {
      kind: "sum",
      id: "requests.total-processed",
      severity: "error",
      table: "requests",
      along: "column",
      target: "total_processed",
      terms: resultRowIds(otherRowIds),
      name: "（七）总计等于（一）至（六）各项之和",
    },
    {
      kind: "balance",
      id: "requests.balance",
      severity: "error",
      table: "requests",
      along: "column",
      left: ["received", "carried_over"],
      right: ["total_processed", "carried_forward"],
      name: "第一项加第二项之和等于第三项加第四项之和",
    },
  ];
}
