import { TEMPLATES } from "../../templates";
import { formatForYear } from "../template/cells";
import type { FormatVersion } from "../template/types";
import { describeInputIssue, type DescribedIssue } from "./describe-input-issue";
import { prepareReport, type PreparedReport } from "./prepare-report";

/** Larger files are refused before parsing; a real report is well under 1 MB. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The report a file is imported into. */
export interface ImportTarget {
  agency: string;
  year: number;
  format: string;
}

export type ImportResult =
  | { ok: true; content: unknown; report: PreparedReport; notes: string[] }
  | { ok: false; issues: DescribedIssue[] };

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function syntaxIssue(text: string, error: unknown): DescribedIssue {
  const message = error instanceof Error ? error.message : "";
  const position = message.match(/position (\d+)/);
  const where = message.match(/line (\d+) column (\d+)/);
  const at = where
    ? { line: Number(where[1]), column: Number(where[2]) }
    : position
      ? lineAndColumn(text, Number(position[1]))
      : null;
  return {
    path: "(root)",
    location: "整个文件",
    message: at ? `文件不是有效的 JSON：第 ${at.line} 行第 ${at.column} 列附近有语法错误。` : "文件不是有效的 JSON，请确认导入的是本系统导出的 JSON 文件。",
  };
}

/**
 * Checks an interchange JSON file before it replaces a report's content: valid JSON, the draft
 * schema (the same as autosave), and the same year and format as the target report. Nothing is
 * saved here; the server validates again.
 */
export function validateImport(text: string, target: ImportTarget): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) {
    return { ok: false, issues: [{ path: "(root)", location: "整个文件", message: "文件过大（超过 5 MB），不像是一份年度报告的 JSON。" }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, issues: [syntaxIssue(text, error)] };
  }
  const prepared = prepareReport(value, "draft");
  if (!prepared.ok) {
    const format = (["2019", "2021"] as const).find((f) => f === (value as { format?: unknown }).format);
    const year = (value as { year?: unknown }).year;
    const shown: FormatVersion = format ?? (typeof year === "number" ? formatForYear(year, TEMPLATES) : "2021");
    return { ok: false, issues: prepared.issues.map((issue) => describeInputIssue(issue, shown)) };
  }
  const { input, format } = prepared.report;
  const issues: DescribedIssue[] = [];
  if (input.year !== target.year) {
    issues.push({ path: "year", location: "报告年度", message: `文件是 ${input.year} 年度的报告，本报告是 ${target.year} 年度，不能导入。` });
  } else if (format !== target.format) {
    issues.push({ path: "format", location: "格式版本", message: `文件使用 ${format} 年版格式，本报告使用 ${target.format} 年版格式，不能导入。` });
  }
  if (issues.length) return { ok: false, issues };
  const notes = input.agency.trim() !== target.agency ? [`文件中的机关名称是「${input.agency}」，导入后仍按「${target.agency}」保存。`] : [];
  return { ok: true, content: value, report: prepared.report, notes };
}
