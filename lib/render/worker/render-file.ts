import { buildDocument, reportTitle } from "../../document/build-document";
import { draftMarkFor } from "../../document/draft-mark";
import { buildRollUpDocument } from "../../oversight/roll-up";
import type { ReportDocument } from "../../document/types";
import { prepareReport } from "../../report/prepare-report";
import { checkReport } from "../../rules/check-report";
import type { CheckContext } from "../../rules/types";
import { renderDocx } from "../docx/render-docx";
import { renderHtmlDocument } from "../html/render-html";
import { renderPdf } from "../pdf/render-pdf";
import { CONTENT_TYPES, exportFilename, rollUpFilename, type RenderOutcome, type RenderTask } from "./render-protocol";

async function renderDocument(document: ReportDocument, format: Exclude<RenderTask["format"], "json">) {
  return format === "docx" ? await renderDocx(document) : format === "pdf" ? await renderPdf(document) : renderHtmlDocument(document);
}

/**
 * Renders stored report content to a downloadable file with the same renderers as the CLI:
 * prepareReport → buildDocument → the format's renderer. Framework-free, so it runs in the
 * render workers (lib/server/render/render-pool.ts) and, for comparison, in tests.
 */
export async function renderReportFile({ content, format, rollUp, draftMark, ruleLevels, previousContent, agencyKind }: RenderTask): Promise<RenderOutcome> {
  if (rollUp) return renderRollUpFile(content, format, rollUp.notes);
  const prepared = prepareReport(content);
  if (!prepared.ok) return { ok: false, reason: "invalid-content" };
  const { agency, year } = prepared.report.input;
  const filename = exportFilename(agency, year, format);
  const contentType = CONTENT_TYPES[format];
  const title = reportTitle(prepared.report);
  if (format === "json") return { ok: true, file: { filename, contentType, title, body: `${JSON.stringify(prepared.report.input, null, 2)}\n` } };
  const mark = draftMark === "if-failing" ? draftMarkFor(prepared.report, checkReport(prepared.report, checkContext({ ruleLevels, previousContent, agencyKind }))) : undefined;
  return { ok: true, file: { filename, contentType, title, body: await renderDocument(buildDocument(prepared.report, { draftMark: mark }), format) } };
}

/** The check context of a draft's mark, as the server's crossYearContext gives it. */
function checkContext({ ruleLevels, previousContent, agencyKind }: Pick<RenderTask, "ruleLevels" | "previousContent" | "agencyKind">): CheckContext {
  const previous = previousContent == null ? null : prepareReport(previousContent);
  return { ...(ruleLevels && { ruleLevels }), ...(agencyKind && { agencyKind }), ...(previous?.ok && { previous: previous.report }) };
}

/** A roll-up's totals (content built by lib/oversight/roll-up.ts rollUpContent) as the 汇总表. */
async function renderRollUpFile(content: unknown, format: RenderTask["format"], notes: string[]): Promise<RenderOutcome> {
  const prepared = prepareReport(content, "strict");
  if (!prepared.ok) return { ok: false, reason: "invalid-content" };
  const { agency, year } = prepared.report.input;
  const filename = rollUpFilename(agency, year, format);
  const contentType = CONTENT_TYPES[format];
  if (format === "json") return { ok: true, file: { filename, contentType, title: filename, body: `${JSON.stringify(prepared.report.input, null, 2)}\n` } };
  const document = buildRollUpDocument(prepared.report, notes);
  return { ok: true, file: { filename, contentType, title: document.title, body: await renderDocument(document, format) } };
}
