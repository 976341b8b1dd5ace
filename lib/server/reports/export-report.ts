import "server-only";
import { renderInPool } from "../render/render-pool";
import type { ExportFormat } from "../../render/worker/render-protocol";
import { AppError } from "../errors";
import type { DraftMarkPolicy } from "../../document/draft-mark";

export { EXPORT_FORMATS, exportFilename, isExportFormat, type ExportFormat } from "../../render/worker/render-protocol";

/**
 * Renders stored report content to a downloadable file with the same renderers as the CLI, in
 * the render pool's worker threads (lib/server/render/render-pool.ts), never on the request
 * thread. DOCX and PDF come back as a Buffer, HTML and JSON as a string. `draftMark: "if-failing"`
 * marks the output of a report that fails the rules 「草稿（未通过检查）」; by default nothing is
 * marked (publications: lib/server/public/published-outputs.ts).
 */
export async function exportReport(content: unknown, format: ExportFormat, options: { draftMark?: DraftMarkPolicy } = {}) {
  const rendered = await renderInPool({ content, format, draftMark: options.draftMark });
  if (!rendered.ok) throw new AppError("INVALID", "报告内容已损坏，无法导出。");
  return rendered.file;
}
