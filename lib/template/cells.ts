import type { ColumnNode, FormatVersion, ReportTemplate, RowNode, TableDef, TableId, ValueKind } from "./types";

/** One numeric cell a table defines, addressed like the interchange JSON: tables.<table>.<row>.<col>. */
export interface CellDef {
  table: TableId;
  row: string;
  col: string;
  kind: ValueKind;
  /** Labels a clerk recognises, outermost first, e.g. ["（三）不予公开", "1.属于国家秘密"]. */
  rowLabels: string[];
  colLabels: string[];
  unit?: string;
}

export const TABLE_IDS: TableId[] = ["proactive", "requests", "reviews"];

/** Short names of the tables as clerks call them (表二 is section 二's table, and so on). */
export const TABLE_NAMES: Record<TableId, string> = {
  proactive: "表二（主动公开）",
  requests: "表三（收到和处理申请）",
  reviews: "表四（行政复议、行政诉讼）",
};

export function leafColumns(nodes: ColumnNode[], path: string[] = []): { node: ColumnNode; path: string[] }[] {
  return nodes.flatMap((node) =>
    node.children ? leafColumns(node.children, [...path, node.label]) : [{ node, path: [...path, node.label] }],
  );
}

export function leafRows(nodes: RowNode[], path: string[] = []): { node: RowNode; path: string[] }[] {
  return nodes.flatMap((node) =>
    node.children ? leafRows(node.children, [...path, node.label]) : [{ node, path: [...path, node.label] }],
  );
}

/** Every numeric cell of a table, in printed order (row by row). */
export function tableCells(table: TableDef): CellDef[] {
  if (table.layout === "blocks") {
    return table.blocks.flatMap((block) =>
      block.rows.flatMap((row) =>
        block.columns.map((col) => ({
          table: table.id,
          row: row.id,
          col: col.id,
          kind: col.kind,
          rowLabels: [row.label],
          colLabels: [col.label],
          unit: col.unit,
        })),
      ),
    );
  }
  const columns = leafColumns(table.columns);
  const rows = table.rows ? leafRows(table.rows) : [{ node: { label: "" } as RowNode, path: [] as string[] }];
  return rows.flatMap(({ node: row, path: rowPath }) =>
    columns.map(({ node: col, path: colPath }) => ({
      table: table.id,
      row: col.row ?? row.id!,
      col: col.id!,
      kind: table.valueKind,
      // Table 4's rows are column groups: name them by their group labels.
      rowLabels: col.row ? colPath.slice(0, -1) : rowPath,
      colLabels: col.row ? colPath.slice(-1) : colPath,
    })),
  );
}

/** Derived data is computed once per template: rules run on every keystroke. */
function memoized<T>(compute: (template: ReportTemplate) => T): (template: ReportTemplate) => T {
  const cache = new WeakMap<ReportTemplate, T>();
  return (template) => {
    if (!cache.has(template)) cache.set(template, compute(template));
    return cache.get(template)!;
  };
}

/** All cells of a template, keyed `table.row.col`, in printed order. */
export const templateCells = memoized((template: ReportTemplate): Map<string, CellDef> => {
  const cells = new Map<string, CellDef>();
  for (const table of Object.values(template.tables)) {
    for (const cell of tableCells(table)) cells.set(`${cell.table}.${cell.row}.${cell.col}`, cell);
  }
  return cells;
});

/** Row ids and column ids of each table, in printed order. */
export const tableAxes = memoized((template: ReportTemplate) => {
  const axes = new Map<TableId, { row: string[]; col: string[] }>();
  for (const cell of templateCells(template).values()) {
    const axis = axes.get(cell.table) ?? { row: [], col: [] };
    if (!axis.row.includes(cell.row)) axis.row.push(cell.row);
    if (!axis.col.includes(cell.col)) axis.col.push(cell.col);
    axes.set(cell.table, axis);
  }
  return axes;
});

/** Row ids of a table in printed order, each with its column ids. */
export function tableShape(table: TableDef): Map<string, string[]> {
  const shape = new Map<string, string[]>();
  for (const cell of tableCells(table)) shape.set(cell.row, [...(shape.get(cell.row) ?? []), cell.col]);
  return shape;
}

/**
 * Row groups that may be referenced as sums (`{{requests.withheld.total}}`): every row node with
 * an id and children, and leaves that also answer to a group id.
 */
export const rowGroups = memoized((template: ReportTemplate): Map<string, { table: TableId; rows: string[] }> => {
  const groups = new Map<string, { table: TableId; rows: string[] }>();
  for (const table of Object.values(template.tables)) {
    if (table.layout !== "grid" || !table.rows) continue;
    const visit = (nodes: RowNode[]) => {
      for (const node of nodes) {
        if (node.children) {
          if (node.id) groups.set(node.id, { table: table.id, rows: leafRows(node.children).map((l) => l.node.id!) });
          visit(node.children);
        } else if (node.groupId) {
          groups.set(node.groupId, { table: table.id, rows: [node.id!] });
        }
      }
    };
    visit(table.rows);
  }
  return groups;
});

/** The official heading of a section, e.g. 三、收到和处理政府信息公开申请情况. */
export function sectionHeading(section: { numeral: string; title: string }): string {
  return `${section.numeral}、${section.title}`;
}

export function formatForYear(year: number, templates: Record<FormatVersion, ReportTemplate>): FormatVersion {
  const match = Object.values(templates).find((t) => year >= t.years.from && (t.years.to === undefined || year <= t.years.to));
  if (match) return match.version;
  // Years before the earliest format fall back to it; the rule engine reports the year.
  return Object.values(templates).reduce((a, b) => (a.years.from <= b.years.from ? a : b)).version;
}
