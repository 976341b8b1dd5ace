import { TEMPLATES } from "../../templates";
import { LABEL_DEVIATION_TEXT } from "../rules/check-stated";
import { leafColumns, sectionHeading, TABLE_NAMES } from "../template/cells";
import type { FormatVersion, RowNode, TableDef, TableId } from "../template/types";
import type { DeviationKind, UnplacedReason } from "./types";

/** Chinese words for the import's findings on the review screen (deviations, unplaced content). */

/** Every deviation kind the importer reports, in the words the label rule uses. */
export const DEVIATION_KIND_LABELS: Readonly<Record<DeviationKind, string>> = LABEL_DEVIATION_TEXT;

export const UNPLACED_REASON_LABELS: Record<UnplacedReason, string> = {
  "extra-section": "官方格式没有的部分",
  "improvised-row": "自行增加的行",
  "unknown-row": "无法对应的行",
  "unknown-header": "无法对应的表头",
  "surplus-value": "多出的数值",
  "duplicate-row": "重复的行",
  "format-mismatch": "另一版格式的表格",
  "table-in-narrative": "正文中的表格",
  "cell-too-long": "单元格内容过长",
  caption: "表格标题",
  letterhead: "文头",
  signature: "落款",
  "front-matter-heading": "正文前的标题",
  "table-outside-section": "各部分之外的表格",
};

/** A row's label in a table of the format (grid rows at any depth, table 2's block rows). */
function rowLabel(table: TableDef, id: string): string | undefined {
  if (table.layout === "blocks") return table.blocks.flatMap((block) => block.rows).find((row) => row.id === id)?.label;
  const find = (nodes: RowNode[] | undefined): string | undefined => {
    for (const node of nodes ?? []) {
      if (node.id === id || node.groupId === id) return node.label;
      const inner = find(node.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(table.rows);
}

function columnLabel(table: TableDef, id: string): string | undefined {
  if (table.layout === "blocks") return table.blocks.flatMap((block) => block.columns).find((col) => col.id === id)?.label;
  return leafColumns(table.columns).find((leaf) => leaf.node.id === id)?.node.label;
}

/**
 * Where a deviation or an unplaced item sits, in words, from its `where`: a section
 * (`section.overview` → 「一、总体情况」), a table's row, column or block label
 * (`requests.row.granted` → 表三（收到和处理申请）「（一）予以公开」行), a table. `format` names the
 * rows and columns as the report's format has them.
 */
export function describeWhere(where: string | undefined, format: FormatVersion = "2021"): string {
  if (!where) return "";
  if (where === "section.extra") return "官方格式没有的部分";
  if (where === "front") return "正文之前";
  const template = TEMPLATES[format];
  const [head, part, id, sub] = where.split(".");
  if (head === "section") {
    const section = template.sections.find((s) => s.id === part);
    return section ? `「${sectionHeading(section)}」部分` : "部分标题";
  }
  if (!(head in TABLE_NAMES)) return where;
  const tableId = head as TableId;
  const name = TABLE_NAMES[tableId];
  const table = template.tables[tableId];
  switch (part) {
    case "row": {
      const label = id ? rowLabel(table, id) : undefined;
      return label ? `${name}「${label}」行` : `${name}的行`;
    }
    case "column": {
      // Table 4's columns are named by group and column: reviews.column.<row>.<col>.
      const label = (sub && columnLabel(table, sub)) || (id && columnLabel(table, id));
      return label ? `${name}「${label}」列` : `${name}的列`;
    }
    case "block": {
      const block = table.layout === "blocks" && id !== undefined ? table.blocks[Number(id)] : undefined;
      if (!block) return `${name}的分组`;
      if (sub === "label") return `${name}「${block.heading}」的「${block.labelHeader}」`;
      const column = sub ? block.columns.find((c) => c.id === sub)?.label : undefined;
      return column ? `${name}「${block.heading}」「${column}」列` : `${name}「${block.heading}」`;
    }
    case "corner":
      return `${name}的表头`;
    default:
      return name;
  }
}
