import type { TableId } from "../template/types";

/** Address of a table cell, as in the interchange JSON: tables.<table>.<row>.<col>. */
export interface CellRef {
  table: TableId;
  row: string;
  col: string;
}

export function cellKey(ref: CellRef): string {
  return `${ref.table}.${ref.row}.${ref.col}`;
}

export function parseCellKey(key: string): CellRef | null {
  const parts = key.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[a-z][a-z0-9_]*$/.test(p))) return null;
  const [table, row, col] = parts;
  if (table !== "proactive" && table !== "requests" && table !== "reviews") return null;
  return { table, row, col };
}

/** `{{table.row.column}}` references inside narrative text. */
export const REFERENCE_PATTERN = /\{\{\s*([^{}\s]+?)\s*\}\}/g;

export type TextPiece = { text: string } | { reference: string };

/** Splits narrative text into literal pieces and `{{…}}` references, in order. */
export function splitReferences(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE_PATTERN)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    pieces.push({ reference: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
