import { leafColumns } from "../template/cells";
import type { BlockTableDef, ColumnNode, GridTableDef, RowNode, TableDef, ValueKind } from "../template/types";
import { cellKey, type CellRef } from "../report/cell-ref";
import { formatValue } from "../report/normalize-value";
import type { PreparedReport } from "../report/prepare-report";
import { computedValue, givenValue } from "../report/values";
import { printable } from "../report/printable";
import type { DocCell, DocRow, DocTable } from "./types";

function depth(nodes: { children?: unknown[] }[]): number {
  return Math.max(0, ...nodes.map((n) => 1 + (n.children ? depth(n.children as { children?: unknown[] }[]) : 0)));
}

function leafCount(node: { children?: unknown[] }): number {
  return node.children ? (node.children as { children?: unknown[] }[]).reduce((s, c) => s + leafCount(c), 0) : 1;
}

/** The printed text and provenance of one value cell. */
function valueCell(report: PreparedReport, ref: CellRef, kind: ValueKind, unit: string | undefined, headers: string[], colSpan = 1): DocCell {
  const given = givenValue(report, ref);
  const state = report.cells.get(cellKey(ref));
  const value = given ?? computedValue(report, ref);
  let text = value === null ? "" : formatValue(value, kind) + (unit ?? "");
  // Unreadable input (e.g. a label typed into a number column) is printed as published.
  if (value === null && typeof state?.raw === "string" && state.problem) text = printable(state.raw).trim();
  return { role: "value", text, colSpan, rowSpan: 1, headers, ref, computed: given === null && value !== null };
}

function buildGrid(report: PreparedReport, table: GridTableDef): DocTable {
  const columnDepth = depth(table.columns);
  const labelDepth = table.rows ? depth(table.rows) : 0;
  let nextId = 0;
  const newId = () => `${table.id}-h${++nextId}`;

  const header: DocRow[] = Array.from({ length: columnDepth }, () => ({ cells: [] }));
  if (labelDepth > 0) {
    header[0].cells.push({ role: "corner", text: table.corner ?? "", colSpan: labelDepth, rowSpan: columnDepth, id: newId() });
  }
  const columnHeaders = new Map<ColumnNode, string[]>();
  const placeColumns = (nodes: ColumnNode[], level: number, path: string[]) => {
    for (const node of nodes) {
      const id = newId();
      const span = leafCount(node);
      header[level].cells.push({
        role: "column-header",
        text: node.label,
        colSpan: span,
        rowSpan: node.children ? 1 : columnDepth - level,
        id,
        group: span > 1,
      });
      if (node.children) placeColumns(node.children, level + 1, [...path, id]);
      else columnHeaders.set(node, [...path, id]);
    }
  };
  placeColumns(table.columns, 0, []);
  const columns = leafColumns(table.columns).map((l) => l.node);

  const body: DocRow[] = [];
  if (!table.rows) {
    body.push({
      cells: columns.map((col) =>
        valueCell(report, { table: table.id, row: col.row!, col: col.id! }, table.valueKind, undefined, columnHeaders.get(col)!),
      ),
    });
  } else {
    const placeRows = (nodes: RowNode[], level: number, path: string[]) => {
      for (const node of nodes) {
        const id = newId();
        const labelCell: DocCell = {
          role: "row-header",
          text: node.label,
          colSpan: node.children ? 1 : labelDepth - level,
          rowSpan: node.children ? leafCount(node) : 1,
          id,
          group: Boolean(node.children),
        };
        if (node.children) {
          const start = body.length;
          placeRows(node.children, level + 1, [...path, id]);
          body[start].cells.unshift(labelCell);
          continue;
        }
        const headers = [...path, id];
        body.push({
          cells: [
            labelCell,
            ...columns.map((col) =>
              valueCell(report, { table: table.id, row: node.id!, col: col.id! }, table.valueKind, undefined, [
                ...columnHeaders.get(col)!,
                ...headers,
              ]),
            ),
          ],
        });
      }
    };
    placeRows(table.rows, 0, []);
  }

  return {
    id: table.id,
    caption: table.caption,
    columnWidths: [...(table.labelWidths ?? []).slice(0, labelDepth), ...columns.map((c) => c.width ?? 1)],
    header,
    bodyGroups: [body],
  };
}

function buildBlocks(report: PreparedReport, table: BlockTableDef): DocTable {
  const width = table.widths.length;
  let nextId = 0;
  const newId = () => `${table.id}-h${++nextId}`;
  const bodyGroups = table.blocks.map((block) => {
    const headingId = newId();
    const labelHeaderId = newId();
    // A block with fewer columns than the table lets its last column span the rest.
    const spanOf = (i: number) => (i === block.columns.length - 1 ? width - block.columns.length : 1);
    const columnIds = block.columns.map(() => newId());
    const rows: DocRow[] = [
      { cells: [{ role: "group-header", text: block.heading, colSpan: width, rowSpan: 1, id: headingId, group: true }] },
      {
        cells: [
          { role: "column-header", text: block.labelHeader, colSpan: 1, rowSpan: 1, id: labelHeaderId },
          ...block.columns.map((col, i) => ({
            role: "column-header" as const,
            text: col.label,
            colSpan: spanOf(i),
            rowSpan: 1,
            id: columnIds[i],
          })),
        ],
      },
    ];
    for (const row of block.rows) {
      const rowId = newId();
      rows.push({
        cells: [
          { role: "row-header", text: row.label, colSpan: 1, rowSpan: 1, id: rowId },
          ...block.columns.map((col, i) =>
            valueCell(report, { table: table.id, row: row.id, col: col.id }, col.kind, col.unit, [headingId, columnIds[i], rowId], spanOf(i)),
          ),
        ],
      });
    }
    return rows;
  });
  return { id: table.id, caption: table.caption, columnWidths: table.widths, header: [], bodyGroups };
}

/** Lays out a statutory table with the official merged headers, filled from the report. */
export function buildTable(report: PreparedReport, table: TableDef): DocTable {
  return table.layout === "grid" ? buildGrid(report, table) : buildBlocks(report, table);
}
