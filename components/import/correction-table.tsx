"use client";

import type { DocCell, DocTable } from "@/lib/document/types";
import { cellKey } from "@/lib/report/cell-ref";
import { describeCell } from "@/lib/rules/describe";
import type { CellDef } from "@/lib/template/cells";
import { cn } from "@/lib/utils/cn";

export interface CorrectionTableProps {
  table: DocTable;
  cells: Map<string, CellDef>;
  /** What the file says in each cell, as written. */
  original: (key: string) => string;
  corrections: Record<string, string>;
  onChange: (key: string, value: string) => void;
  /** Cells a rule finding names (highlighted). */
  flagged: ReadonlySet<string>;
  disabled?: boolean;
}

const HEADER = "border border-border bg-muted px-2 py-1.5 text-left align-middle text-sm font-semibold";

function HeaderCell({ cell }: { cell: DocCell }) {
  const scope = cell.role === "column-header" ? (cell.group ? "colgroup" : "col") : cell.role === "row-header" ? (cell.group ? "rowgroup" : "row") : undefined;
  return (
    <th
      id={cell.id}
      scope={scope}
      colSpan={cell.colSpan}
      rowSpan={cell.rowSpan}
      // Labels keep a readable width; on a narrow screen the table scrolls sideways instead.
      className={cn(HEADER, cell.role === "row-header" && (cell.group ? "min-w-[4.5em] font-normal" : "min-w-[8em] font-normal"), cell.role === "corner" && "min-w-[8em]")}
    >
      {cell.text}
    </th>
  );
}

/**
 * A statutory table as imported, in the official layout (buildTable: merged headers and row
 * labels), with an input for every value cell showing what the file says. A changed cell is
 * marked and kept as a correction, sent when the upload is accepted; totals left out of the file
 * show the computed value as a placeholder.
 */
export function CorrectionTable({ table, cells, original, corrections, onChange, flagged, disabled }: CorrectionTableProps) {
  const renderRow = (row: DocTable["header"][number], r: number) => (
    <tr key={r}>
      {row.cells.map((cell, c) => {
        if (cell.role !== "value" || !cell.ref) return <HeaderCell key={c} cell={cell} />;
        const key = cellKey(cell.ref);
        const def = cells.get(key);
        const value = corrections[key] ?? original(key);
        const corrected = key in corrections;
        return (
          <td key={c} colSpan={cell.colSpan} headers={cell.headers?.join(" ")} className={cn("border border-border p-0.5", flagged.has(key) && "bg-danger-soft")}>
            <input
              type="text"
              inputMode="decimal"
              maxLength={60}
              value={value}
              placeholder={cell.computed ? cell.text : undefined}
              disabled={disabled}
              onChange={(event) => onChange(key, event.target.value)}
              aria-label={def ? describeCell(def) : key}
              data-testid={`import-cell-${key}`}
              data-corrected={corrected ? "true" : undefined}
              className={cn(
                "block w-[4.5rem] min-w-full rounded-sm border border-transparent bg-transparent px-1.5 py-1 text-right tabular-nums focus:border-input focus:bg-white",
                corrected && "border-primary bg-primary-soft font-semibold",
              )}
            />
          </td>
        );
      })}
    </tr>
  );
  return (
    <div className="overflow-x-auto">
      <table className="min-w-[36rem] border-collapse text-sm" data-testid={`import-table-${table.id}`}>
        <caption className="sr-only">{table.caption}</caption>
        {table.header.length > 0 && <thead>{table.header.map(renderRow)}</thead>}
        {table.bodyGroups.map((group, g) => (
          <tbody key={g}>{group.map(renderRow)}</tbody>
        ))}
      </table>
    </div>
  );
}
