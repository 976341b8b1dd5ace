import { splitReferences } from "./cell-ref";
import { formatValue } from "./normalize-value";
import type { PreparedReport } from "./prepare-report";
import { printable } from "./printable";
import { referenceCell, referenceValue } from "./values";

/**
 * Narrative text as the report model knows it: plain text with `{{table.row.column}}` references
 * bound to cells. The document builder, the rules and the diff all read narrative through these
 * helpers, so they agree on what a paragraph is and on what a reference prints.
 */

/** A run of narrative text; `ref` is set when the text is a bound cell's printed value. */
export interface NarrativePiece {
  text: string;
  ref?: string;
}

/** Narrative text with `{{table.row.column}}` references replaced by the cells' values. */
export function interpolate(report: PreparedReport, text: string): NarrativePiece[] {
  return splitReferences(printable(text)).map((piece) => {
    if ("text" in piece) return { text: piece.text };
    const value = referenceValue(report, piece.reference);
    if (value === undefined) return { text: `{{${piece.reference}}}` };
    const kind = referenceCell(report, piece.reference)?.kind ?? "count";
    return { text: formatValue(value ?? 0, kind), ref: piece.reference };
  });
}

/** Plain text of narrative with references resolved (for rules and previews). */
export function resolveText(report: PreparedReport, text: string): string {
  return interpolate(report, text)
    .map((i) => i.text)
    .join("");
}

/** Splits narrative into paragraphs: each non-blank line is one. */
export function paragraphsOf(text: string | undefined | null): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
