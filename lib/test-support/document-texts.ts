import type { Block, DocTable, ReportDocument } from "../document/types";

/** Every text of a table, row by row (the model's order). */
export function tableTexts(table: DocTable): string[] {
  return [...table.header, ...table.bodyGroups.flat()].flatMap((row) => row.cells.map((cell) => cell.text));
}

/**
 * Every text a document prints, in reading order: the title's lines, each heading and
 * paragraph, each table's cells row by row (after its caption, with `captions`). What a
 * renderer's output must show, in this order.
 */
export function documentTexts(doc: ReportDocument, options: { captions?: boolean } = {}): string[] {
  return doc.blocks.flatMap((block: Block): string[] => {
    switch (block.type) {
      case "title":
        return block.lines;
      case "heading":
        return [block.text];
      case "paragraph":
        return [block.inlines.map((inline) => inline.text).join("")];
      case "table":
        return [...(options.captions ? [block.table.caption] : []), ...tableTexts(block.table)];
    }
  });
}
