import type { ColumnNode, GridTableDef, RuleDef } from "../../lib/template/types";

const OUTCOMES = [
  { id: "upheld", label: "结果维持" },
  { id: "corrected", label: "结果纠正" },
  { id: "other", label: "其他结果" },
  { id: "pending", label: "尚未审结" },
  { id: "total", label: "总计" },
];

export const REVIEW_GROUP_IDS = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"];

function outcomesOf(row: string): ColumnNode[] {
  return OUTCOMES.map((o) => ({ ...o, row, width: 1 }));
}

/** Table 4, identical in both formats: three header rows over one data row of 15 cells. */
export const REVIEWS_TABLE: GridTableDef = {
  layout: "grid",
  id: "reviews",
  caption: "政府信息公开行政复议、行政诉讼情况",
  valueKind: "count",
  columns: [
    { label: "行政复议", children: outcomesOf("reconsideration") },
    {
      label: "行政诉讼",
      children: [
        { label: "未经复议直接起诉", children: outcomesOf("litigation_direct") },
        { label: "复议后起诉", children: outcomesOf("litigation_after_reconsideration") },
      ],
    },
  ],
};

/** C5: in each group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export const REVIEWS_RULES: RuleDef[] = [
  {
    kind: "sum",
    id: "reviews.group-total",
    severity: "error",
    table: "reviews",
    along: "row",
    target: "total",
    terms: ["upheld", "corrected", "other", "pending"],
    name: "总计等于结果维持、结果纠正、其他结果、尚未审结之和",
  },
];
