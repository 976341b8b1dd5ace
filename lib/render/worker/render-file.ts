import { buildDocument, reportTitle } from "../../document/build-document";
import { prepareReport } from "../../report/prepare-report";
import { renderDocx } from "../docx/render-docx";
import { renderHtmlDocument } from "../html/render-html";
import { renderPdf } from "../pdf/render-pdf";
import { CONTENT_TYPES, exportFilename, type RenderOutcome, type RenderTask } from "./render-protocol";

/**
 * Renders stored report content to a downloadable file with the same renderers as the CLI:
 * prepareReport → buildDocument → the format's renderer. Framework-free, so it runs in the
 * render workers (lib/server/render/render-pool.ts) and, for comparison, in tests.
 */
export async function renderReportFile({ content, format }: RenderTask): Promise<RenderOutcome> {
  const prepared = prepareReport(content);
  if (!prepared.ok) return { ok: false, reason: "invalid-content" };
  const { agency, year } = prepared.report.input;
  const filename = exportFilename(agency, year, format);
  const contentType = CONTENT_TYPES[format];
  const title = reportTitle(prepared.report);
  if (format === "json") return { ok: true, file: { filename, contentType, title, body: `${JSON.stringify(prepared.report.input, null, 2)}\n` } };
  const document = buildDocument(prepared.report);
  const body = format === "docx" ? await renderDocx(document) : format === "pdf" ? await renderPdf(document) : renderHtmlDocument(document);
  return { ok: true, file: { filename, contentType, title, body } };
}
