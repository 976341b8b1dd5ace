/*
 * What the request thread and the render workers agree on: the downloadable formats, their
 * content types and file names, and the messages of one render task. No renderer is imported
 * here, so the server bundle can use these without loading pdfkit or docx.
 */
import type { DraftMarkPolicy } from "../../document/draft-mark";
import type { RuleLevels } from "../../rules/rule-levels";
import type { AgencyKind } from "../../workflow/deadline";

/** Every format a report can be downloaded in (the interchange JSON is for staff only). */
export const EXPORT_FORMATS = ["docx", "pdf", "html", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** Formats whose body is text (sent as a string); the others are bytes. */
export const TEXT_FORMATS: ReadonlySet<ExportFormat> = new Set(["html", "json"]);

/** `<机关>-<年>年政府信息公开工作年度报告.<ext>`, safe as a file name. */
export function exportFilename(agency: string, year: number, format: ExportFormat): string {
  const safeAgency = agency.replace(/[\\/:*?"<>|\s]+/g, "");
  return `${safeAgency}-${year}年政府信息公开工作年度报告.${format}`;
}

/** One render: stored report content (interchange JSON) to one format. */
export interface RenderTask {
  content: unknown;
  format: ExportFormat;
  /**
   * Render the content as a region roll-up (汇总表: the three statutory tables of totals, the
   * coverage notes after the title; lib/oversight/roll-up.ts buildRollUpDocument) instead of a
   * report.
   */
  rollUp?: { notes: string[] };
  /**
   * 「草稿（未通过检查）」 on the output when the report fails the rules ("if-failing": a draft's
   * download), or never (the default: approved and published versions, which are the record).
   */
  draftMark?: DraftMarkPolicy;
  /**
   * The deployment's rule levels (issue 12.6) for the "if-failing" check, so a rule an admin set
   * to error marks the download and one set to off does not.
   */
  ruleLevels?: RuleLevels;
  /**
   * The rest of the server's check context for "if-failing", so the mark follows the verdict a
   * submission would get: last year's report as stored (cross-year rules) and the agency's kind.
   */
  previousContent?: unknown;
  agencyKind?: AgencyKind;
}

/** `<汇总范围>-<年>年政府信息公开工作年度报告数据汇总.<ext>`, safe as a file name. */
export function rollUpFilename(title: string, year: number, format: ExportFormat): string {
  return exportFilename(title, year, format).replace(/年度报告\.(\w+)$/, "年度报告数据汇总.$1");
}

/** A rendered file; `body` is a string for the text formats, bytes otherwise. */
export interface RenderedFile {
  filename: string;
  contentType: string;
  title: string;
  body: string | Uint8Array;
}

/**
 * What a render answers. Content that no longer passes the draft schema is an expected outcome
 * (the caller turns it into a 400), not a thrown error: errors cross the thread boundary as
 * plain clones and would lose their type.
 */
export type RenderOutcome = { ok: true; file: RenderedFile } | { ok: false; reason: "invalid-content" };

/**
 * A render outcome as it arrives from a worker: binary bodies come as a transferred
 * ArrayBuffer (moved, not copied), plus the worker's thread id and its render time.
 */
export type RenderReply =
  | { ok: true; file: Omit<RenderedFile, "body"> & { body: string | ArrayBuffer }; threadId: number; renderMs: number }
  | { ok: false; reason: "invalid-content"; threadId: number; renderMs: number };
