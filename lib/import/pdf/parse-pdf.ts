import type { Block, ImportDocument } from "../intermediate";
import { PdfImportError } from "./errors";
import { buildLines, dropRunningLines, lineTop, type Line } from "./lines";
import type { PageContent } from "./page-content";
import { round } from "./page-content";
import { bodyMetrics, continues, paragraphBlock } from "./paragraphs";
import { readPdf, type ReadOptions } from "./read-pdf";
import { findRuledTables, type TablePart } from "./ruled-tables";
import { findClusteredTables } from "./clustered-tables";
import { sameWidth, tableGrid } from "./table-grid";

/**
 * The PDF parser: a PDF with a text layer → the import intermediate (headings, paragraphs and
 * table grids, each located by page and position). pdf.js reads the text and the rules
 * (read-pdf.ts); the layout is ours:
 *
 * - tables drawn with rules are cut into cells by their rules, merged cells included
 *   (ruled-tables.ts); tables without rules are found by their text columns
 *   (clustered-tables.ts); a table that runs over a page break is one table, its repeated
 *   header rows dropped (table-grid.ts);
 * - the remaining text is set in lines (lines.ts), page numbers and running heads dropped,
 *   and the lines joined into paragraphs and headings by indentation, line length, face and
 *   spacing (paragraphs.ts).
 *
 * A PDF without any text (a scan) is rejected with `pdf.no-text-layer`; a damaged one with
 * `pdf.corrupt` (PdfImportError). Like every parser it does not interpret the report.
 */

export type ParsePdfOptions = Partial<ReadOptions>;

/** Something on a page, in reading order: a table part or a line of text. */
type Element = { kind: "table"; top: number; part: TablePart } | { kind: "line"; top: number; line: Line };

/** Lays out pages already read: the parser without pdf.js (tests give it pages directly). */
export function layoutDocument(pages: PageContent[]): ImportDocument {
  const ruled = pages.map((page) => {
    const found = findRuledTables(page.page, page.segments, page.runs);
    return { page: page.page, height: page.height, tables: found.tables, lines: buildLines(found.rest, page.page) };
  });
  const bodySize = bodyMetrics(ruled.flatMap((p) => p.lines)).size;
  const laid = ruled.map((page) => {
    const clustered = findClusteredTables(page.lines, page.page, bodySize);
    return { ...page, tables: [...page.tables, ...clustered.tables], lines: clustered.rest };
  });
  dropRunningLines(laid);
  const elements: Element[][] = laid.map((page) =>
    [
      ...page.tables.map((part): Element => ({ kind: "table", top: part.y0, part })),
      ...page.lines.map((line): Element => ({ kind: "line", top: lineTop(line), line })),
    ].sort((a, b) => a.top - b.top),
  );
  const metrics = bodyMetrics(laid.flatMap((p) => p.lines));
  const blocks: Block[] = [];
  let paragraph: Line[] = [];
  let table: TablePart[] = [];
  const flushParagraph = () => {
    if (paragraph.length) blocks.push(paragraphBlock(paragraph, metrics));
    paragraph = [];
  };
  const flushTable = () => {
    if (table.length) {
      const first = table[0];
      blocks.push({ kind: "table", rows: tableGrid(table), at: { kind: "pdf", page: first.page, x: round(first.x0), y: round(first.y0) } });
    }
    table = [];
  };
  elements.forEach((page, p) => {
    page.forEach((element, i) => {
      if (element.kind === "table") {
        flushParagraph();
        // A table that ended its page goes on when the next page starts with a table as wide.
        const last = table[table.length - 1];
        const continued = last && i === 0 && last.page === element.part.page - 1 && endsPage(elements[p - 1], last) && sameWidth(last, element.part);
        if (!continued) flushTable();
        table.push(element.part);
        return;
      }
      flushTable();
      const prev = paragraph[paragraph.length - 1];
      if (prev && !continues(prev, element.line, metrics)) flushParagraph();
      paragraph.push(element.line);
    });
    // A paragraph goes on over a page break only into the next page's first element.
    if (paragraph.length && elements[p + 1]?.[0]?.kind !== "line") flushParagraph();
  });
  flushParagraph();
  flushTable();
  return { source: "pdf", blocks };
}

function endsPage(page: Element[] | undefined, part: TablePart): boolean {
  const last = page?.[page.length - 1];
  return last?.kind === "table" && last.part === part;
}

/**
 * Parses a PDF into the import intermediate. Rejects with PdfImportError: `pdf.no-text-layer`
 * for a PDF whose pages have no text at all (scanned), `pdf.corrupt` for a damaged or truncated
 * file, `pdf.encrypted`, `pdf.too-large`, `pdf.timeout`.
 */
export async function parsePdf(bytes: Uint8Array, options: ParsePdfOptions = {}): Promise<ImportDocument> {
  const pages = await readPdf(bytes, options);
  if (!pages.some((page) => page.runs.length > 0)) throw new PdfImportError("pdf.no-text-layer");
  return layoutDocument(pages);
}
