import "server-only";
import { renderInPool } from "../render/render-pool";
import type { ExportFormat } from "../../render/worker/render-protocol";
import { AppError } from "../errors";
import type { DraftMarkPolicy } from "../../document/draft-mark";
import type { RenderTask } from "../../render/worker/render-protocol";

export { EXPORT_FORMATS, exportFilename, isExportFormat, type ExportFormat } from "../../render/worker/render-protocol";

/**
 * Renders stored report content to a downloadable file with the same renderers as the CLI, in
 * the render pool's worker threads (lib/server/render/render-pool.ts), never on the request
 * thread. DOCX and PDF come back as a Buffer, HTML and JSON as a string. `draftMark: "if-failing"`
 * marks the output of a report that fails the rules 「草稿（未通过检查）」; by default nothing is
 * marked (publications: lib/server/public/published-outputs.ts). That check runs with `check`:
 * the deployment's rule levels, last year's report and the agency's kind, as a submission would.
 */
export async function exportReport(
  content: unknown,
  format: ExportFormat,
  options: { draftMark?: DraftMarkPolicy; check?: Pick<RenderTask, "ruleLevels" | "previousContent" | "agencyKind"> } = {},
) {
  const rendered = await renderInPool({ content, format, draftMark: options.draftMark, ...options.check });
  if (!rendered.ok) throw new AppError("INVALID", "报告内容已损坏，无法导出。");
  return rendered.file;
}
