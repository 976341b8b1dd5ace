/*
 * Text measures for laying out Excel sheets (the oversight exports, the wizard's XLSX template):
 * exceljs sets column widths and row heights, which Excel does not compute from the content.
 */

/** Rough width in Excel characters: CJK and full-width characters count 2. */
export function textWidth(value: string): number {
  let width = 0;
  for (const ch of value) width += ch.codePointAt(0)! >= 0x1100 ? 2 : 1;
  return width;
}

/** Lines a wrapped text takes in a column `width` characters wide (explicit line breaks included). */
export function lineCount(value: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return value.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}
