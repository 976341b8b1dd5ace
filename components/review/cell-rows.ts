import type { CellChange } from "@/lib/review/diff-reports";
import { TABLE_NAMES } from "@/lib/template/cells";
import type { TableId } from "@/lib/template/types";

/** How a cell changed, in words a clerk uses. */
export type CellChangeKind = "changed" | "filled" | "cleared";

export const CELL_CHANGE_LABELS: Record<CellChangeKind, string> = {
  changed: "修改",
  filled: "新填",
  cleared: "清空",
};

export interface CellChangeRow {
  /** table.row.col */
  key: string;
  row: string;
  col: string;
  before: string;
  after: string;
  kind: CellChangeKind;
  /** after − before with its sign (+12, −3, +0.5), when both are numbers. */
  delta: string | null;
}

export interface CellChangeTable {
  table: TableId;
  name: string;
  rows: CellChangeRow[];
}

/** The difference of two printed values, signed; money keeps up to 4 decimals. */
export function signedDelta(before: string, after: string): string | null {
  if (before === "" || after === "") return null;
  const [a, b] = [Number(before), Number(after)];
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const delta = Math.round((b - a) * 10_000) / 10_000;
  if (delta === 0) return "0";
  // U+2212 MINUS SIGN: a hyphen is easily missed in a table of numbers.
  return `${delta > 0 ? "+" : "−"}${String(Math.abs(delta))}`;
}

/**
 * Changed cells grouped by table in printed order, each labelled with its row and column headings
 * (outermost first) so the reviewer never has to decode `requests.withheld_secret.natural_person`.
 */
export function labelCellChanges(changes: CellChange[]): CellChangeTable[] {
  const tables = new Map<TableId, CellChangeTable>();
  for (const change of changes) {
    const { def } = change;
    const table = tables.get(def.table) ?? { table: def.table, name: TABLE_NAMES[def.table], rows: [] };
    table.rows.push({
      key: change.key,
      row: def.rowLabels.filter(Boolean).join(" › ") || "—",
      col: def.colLabels.filter(Boolean).join(" › ") || "—",
      before: change.before,
      after: change.after,
      kind: change.before === "" ? "filled" : change.after === "" ? "cleared" : "changed",
      delta: signedDelta(change.before, change.after),
    });
    tables.set(def.table, table);
  }
  const order: TableId[] = ["proactive", "requests", "reviews"];
  return order.flatMap((id) => (tables.has(id) ? [tables.get(id)!] : []));
}
