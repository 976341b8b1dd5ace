import type { ColumnNode, ReportTemplate, RowNode, TableDef, TableId } from "../../template/types";
import { prepareLabel, type PreparedLabel } from "./labels";

/** What a label names in its table. */
export type LabelRole =
  /** Table 2: 第二十条第（一）项. */
  | "block-heading"
  /** Table 2: 信息内容. */
  | "label-header"
  | "column"
  | "column-group"
  /** A row that carries numbers. */
  | "row"
  /** A merged row label over rows, e.g. （三）不予公开. */
  | "row-group"
  /** Table 3's top-left note. */
  | "corner";

/** One official label of a table, addressed by its ref (see ZStatedLabel in lib/report/schema.ts). */
export interface LabelEntry {
  ref: string;
  role: LabelRole;
  table: TableId;
  label: PreparedLabel;
  rowId?: string;
  colId?: string;
  /** Table 2: index of the block the label belongs to. */
  block?: number;
}

function blockLabels(table: TableDef & { layout: "blocks" }): LabelEntry[] {
  const entries: LabelEntry[] = [];
  const t = table.id;
  table.blocks.forEach((block, b) => {
    entries.push({ ref: `${t}.block.${b}`, role: "block-heading", table: t, block: b, label: prepareLabel(block.heading) });
    entries.push({ ref: `${t}.block.${b}.label`, role: "label-header", table: t, block: b, label: prepareLabel(block.labelHeader) });
    for (const col of block.columns) {
      entries.push({ ref: `${t}.block.${b}.${col.id}`, role: "column", table: t, block: b, colId: col.id, label: prepareLabel(col.label) });
    }
    for (const row of block.rows) {
      entries.push({ ref: `${t}.row.${row.id}`, role: "row", table: t, block: b, rowId: row.id, label: prepareLabel(row.label) });
    }
  });
  return entries;
}

function columnLabels(t: TableId, nodes: ColumnNode[], path: number[], out: LabelEntry[]) {
  nodes.forEach((node, i) => {
    const at = [...path, i];
    if (node.children) {
      out.push({ ref: `${t}.column.${at.join(".")}`, role: "column-group", table: t, label: prepareLabel(node.label) });
      columnLabels(t, node.children, at, out);
    } else {
      const key = node.row ? `${node.row}.${node.id}` : node.id;
      out.push({ ref: `${t}.column.${key}`, role: "column", table: t, rowId: node.row, colId: node.id, label: prepareLabel(node.label) });
    }
  });
}

function rowLabels(t: TableId, nodes: RowNode[], path: number[], out: LabelEntry[]) {
  nodes.forEach((node, i) => {
    const at = [...path, i];
    const ref = `${t}.row.${node.id ?? at.join(".")}`;
    if (node.children) {
      out.push({ ref, role: "row-group", table: t, rowId: node.id, label: prepareLabel(node.label) });
      rowLabels(t, node.children, at, out);
    } else {
      out.push({ ref, role: "row", table: t, rowId: node.id, label: prepareLabel(node.label) });
    }
  });
}

const cache = new WeakMap<ReportTemplate, Map<TableId, LabelEntry[]>>();

/** Every official label of one table of a format, in printed order. */
export function tableLabels(template: ReportTemplate, tableId: TableId): LabelEntry[] {
  let byTable = cache.get(template);
  if (!byTable) {
    byTable = new Map();
    cache.set(template, byTable);
  }
  let entries = byTable.get(tableId);
  if (!entries) {
    const table = template.tables[tableId];
    if (table.layout === "blocks") {
      entries = blockLabels(table);
    } else {
      entries = [];
      if (table.corner) entries.push({ ref: `${tableId}.corner`, role: "corner", table: tableId, label: prepareLabel(table.corner) });
      columnLabels(tableId, table.columns, [], entries);
      if (table.rows) rowLabels(tableId, table.rows, [], entries);
    }
    byTable.set(tableId, entries);
  }
  return entries;
}
