import { leafColumns, TABLE_NAMES } from "@/lib/template/cells";
import type { ReportTemplate, RowNode, TableId } from "@/lib/template/types";

/** A row (or a row group's sum) that narrative may reference, with the columns it has. */
export interface ReferenceRow {
  id: string;
  label: string;
  cols: { id: string; label: string }[];
  /** A group sum such as （三）不予公开（合计）. */
  group?: boolean;
}

export interface ReferenceTable {
  id: TableId;
  name: string;
  rows: ReferenceRow[];
}

/** The figures narrative most often states, as quick picks: table 3's totals. */
export const COMMON_REFERENCES: { reference: string; label: string }[] = [
  { reference: "requests.received.total", label: "本年新收申请" },
  { reference: "requests.carried_over.total", label: "上年结转" },
  { reference: "requests.granted.total", label: "予以公开" },
  { reference: "requests.partly_granted.total", label: "部分公开" },
  { reference: "requests.withheld.total", label: "不予公开（合计）" },
  { reference: "requests.unable.total", label: "无法提供（合计）" },
  { reference: "requests.not_processed.total", label: "不予处理（合计）" },
  { reference: "requests.other_all.total", label: "其他处理（合计）" },
  { reference: "requests.total_processed.total", label: "办理结果总计" },
  { reference: "requests.carried_forward.total", label: "结转下年度" },
];

/**
 * Everything `{{table.row.column}}` can name in a format, grouped by table, with the labels a
 * clerk knows — including the group sums withheld / unable / not_processed / other_all.
 */
export function referenceTables(template: ReportTemplate): ReferenceTable[] {
  return (Object.values(template.tables) as ReportTemplate["tables"][TableId][]).map((table) => {
    const rows: ReferenceRow[] = [];
    if (table.layout === "blocks") {
      for (const block of table.blocks) {
        for (const row of block.rows) rows.push({ id: row.id, label: row.label, cols: block.columns.map((c) => ({ id: c.id, label: c.label })) });
      }
    } else if (!table.rows) {
      // Table 4: one printed row whose column groups are the JSON rows.
      for (const { node, path } of leafColumns(table.columns)) {
        const rowLabel = path.slice(0, -1).join(" ");
        let row = rows.find((r) => r.id === node.row);
        if (!row) rows.push((row = { id: node.row!, label: rowLabel, cols: [] }));
        row.cols.push({ id: node.id!, label: node.label });
      }
    } else {
      const cols = leafColumns(table.columns).map(({ node }) => ({ id: node.id!, label: node.label }));
      const visit = (nodes: RowNode[], parent: string[]) => {
        for (const node of nodes) {
          if (node.children) {
            if (node.id) rows.push({ id: node.id, label: `${node.label}（合计）`, cols, group: true });
            visit(node.children, node.id ? [node.label] : []);
          } else {
            rows.push({ id: node.id!, label: [...parent, node.label].join(" "), cols });
          }
        }
      };
      visit(table.rows, []);
    }
    return { id: table.id, name: TABLE_NAMES[table.id], rows };
  });
}
