import type { CellDef } from "@/lib/template/cells";
import type { RangeMove } from "@/lib/wizard/grid-range";
import type { GridMove, GridPosition } from "@/lib/wizard/paste-grid";

/** What a cell asks of its table; TableGrid gives every cell the same (stable) handlers. */
export interface CellHandlers {
  move: (from: GridPosition, move: GridMove) => boolean;
  paste: (at: GridPosition, text: string) => void;
  setActive: (key: string | null) => void;
  /** An entry the cell refused (shown in the cell note), or null when it is cleared. */
  setRejected: (key: string, message: string | null) => void;
  /** What the cell made of the entry when it read it differently (减2 → −2, 元 → 万元), or null. */
  setNote: (key: string, message: string | null) => void;
  /** A cell's edit is done (it was left): its value from when it was focused to now, for undo. */
  commit: (key: string, before: unknown, after: unknown) => void;
  /** Ctrl+Z / Ctrl+Y with no edit in progress: the table's last edit undone or redone. */
  undo: () => void;
  redo: () => void;
  /** Shift+arrow: the selected range grows or shrinks from the cell at `from` (the anchor). */
  extendRange: (from: GridPosition, move: RangeMove) => void;
  /** Ctrl+C with several cells selected: the range as tab-separated text; null when one cell is (the input copies its text). */
  copyRange: () => string | null;
  /** Delete with several cells selected: clears them as one edit; false when one cell is (the input handles the key). */
  clearRange: () => boolean;
  /** Ctrl+D: fills the range down from its top row (or the one cell from the cell above). */
  fillDown: () => void;
  /** Escape with several cells selected: back to the focused cell; false when there was no range. */
  collapseRange: () => boolean;
}

/** A cell's accessible name before its suffix: row labels, then column labels. */
export function cellLabel(def: CellDef): string {
  return `${def.rowLabels.join(" ")} ${def.colLabels.join(" ")}`;
}

/** The form path of a cell's value (built from template ids, which the draft schema accepts). */
export function cellPath(def: CellDef): string {
  return `tables.${def.table}.${def.row}.${def.col}`;
}

/** Ids of the screen-reader descriptions of the cell element `id` (see CellDescriptions). */
export function descriptionIds(id: string): { messages: string; comment: string } {
  return { messages: `${id}-message`, comment: `${id}-comment` };
}

/** aria-describedby of a cell: the descriptions CellDescriptions renders, or undefined when there are none. */
export function cellDescribedBy(id: string, messages: string[], comment: string | undefined): string | undefined {
  const ids = descriptionIds(id);
  return [messages.length > 0 && ids.messages, comment && ids.comment].filter(Boolean).join(" ") || undefined;
}
