import "server-only";
import { buildDocument, reportTitle } from "../../document/build-document";
import { prepareReport } from "../../report/prepare-report";
import { renderDocx } from "../../render/docx/render-docx";
import { renderHtmlDocument } from "../../render/html/render-html";
import { renderPdf } from "../../render/pdf/render-pdf";
import { AppError } from "../errors";

export const EXPORT_FORMATS = ["docx", "pdf", "html", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** `<机关>-<年>年政府信息公开工作年度报告.<ext>`, safe as a file name. */
export function exportFilename(agency: string, year: number, format: ExportFormat): string {
  const safeAgency = agency.replace(/[\\/:*?"<>|\s]+/g, "");
  return `${safeAgency}-${year}年政府信息公开工作年度报告.${format}`;
}

/** Renders stored report content to a downloadable file with the same renderers as the CLI. */
export async function exportReport(content: unknown, format: ExportFormat) {
  const prepared = prepareReport(content);
  if (!prepared.ok) throw new AppError("INVALID", "报告内容已损坏，无法导出。");
  const { agency, year } = prepared.report.input;
  const filename = exportFilename(agency, year, format);
  const contentType = CONTENT_TYPES[format];
  if (format === "json") return { filename, contentType, body: `${JSON.stringify(prepared.report.input, null, 2)}\n` };
  const document = buildDocument(prepared.report);
  const body = format === "docx" ? await renderDocx(document) : format === "pdf" ? await renderPdf(document) : renderHtmlDocument(document);
  return { filename, contentType, body, title: reportTitle(prepared.report) };
}
