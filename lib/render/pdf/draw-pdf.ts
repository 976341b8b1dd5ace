import PDFDocument from "pdfkit";
import { baselineShift, glyphExtent, pdfkitFonts, roleFontName, textWidthEm, type FontRole } from "./fonts";
import type { PdfLayout, PdfOutline, PdfText } from "./page-layout";

/*
 * Writes a laid-out report (page-layout.ts) as PDF with pdfkit: A4 pages, the fonts embedded
 * as subsets, bookmarks and named destinations for the headings, the document's title shown
 * by viewers, and the draft mark across every page. Nothing is fetched or read but the font
 * files (fonts.ts): a layout holds text and rules only.
 */

/** A4 in pt. */
export const A4: [number, number] = [595.28, 841.89];

/** The draft mark: 黑体 role, 60 pt, dark red and light enough to read through. */
const MARK = { role: "heiti" as FontRole, size: 60, color: "#c00000", opacity: 0.28, angle: -40 };

type Doc = InstanceType<typeof PDFDocument>;

/** The options of one text run: named destination only; never wrapped. */
function textOptions(item: PdfText): PDFKit.Mixins.TextOptions {
  const options: PDFKit.Mixins.TextOptions & { destination?: string } = { lineBreak: false };
  if (item.spacing) options.characterSpacing = item.spacing;
  if (item.destination) options.destination = item.destination;
  return options;
}

function drawMark(doc: Doc, text: string): void {
  const [width, height] = A4;
  const textWidth = textWidthEm(MARK.role, text) * MARK.size;
  doc.save();
  doc.fillColor(MARK.color).fillOpacity(MARK.opacity);
  doc.rotate(MARK.angle, { origin: [width / 2, height / 2] });
  doc.font(roleFontName(MARK.role)).fontSize(MARK.size);
  doc.text(text, width / 2 - textWidth / 2, height / 2 - glyphExtent(MARK.role, MARK.size) / 2, { lineBreak: false });
  doc.restore();
}

/** Renders a layout to PDF bytes. */
export function drawPdf(layout: PdfLayout): Promise<Buffer> {
  const doc = new PDFDocument({
    size: A4,
    autoFirstPage: false,
    compress: true,
    lang: "zh-CN",
    displayTitle: true,
    info: { Title: layout.info.title, Author: layout.info.author, Creator: "gov-report", Producer: "gov-report (pdfkit)" },
    // No standard font is loaded (pdfkit would read Helvetica's metrics from disk).
    font: null as unknown as string,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  for (const font of pdfkitFonts()) doc.registerFont(font.name, font.buffer, font.family as string);
  const outlines = new Map<string, PDFKit.PDFOutline>();
  const addOutline = (item: PdfOutline) => {
    const parent = (item.parent && outlines.get(item.parent)) || doc.outline;
    outlines.set(item.id, parent.addItem(item.text));
  };
  for (const page of layout.pages) {
    doc.addPage({ size: A4, margin: 0 });
    doc.fillColor("black");
    let font = "";
    let size = 0;
    for (const item of page.items) {
      if (item.kind === "outline") addOutline(item);
      else if (item.kind === "rules") {
        doc.lineWidth(item.width).lineCap("square");
        for (const [x1, y1, x2, y2] of item.segments) doc.moveTo(x1, y1).lineTo(x2, y2);
        doc.stroke("black");
      } else {
        const name = roleFontName(item.role);
        if (name !== font) doc.font((font = name));
        if (item.size !== size) doc.fontSize((size = item.size));
        // The layout gives the line's top; every face's baseline goes where the body face's does.
        doc.text(item.text, item.x, item.y + baselineShift(item.role, item.size), textOptions(item));
      }
    }
    if (layout.draftMark) drawMark(doc, layout.draftMark);
  }
  doc.end();
  return done;
}
