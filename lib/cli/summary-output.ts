import { rename, writeFile } from "node:fs/promises";
import type { SummaryRow } from "./check-file";
import { escapeControls } from "./terminal-text";

/**
 * The batch summary as CSV (UTF-8 with BOM, RFC 4180), XLSX (exceljs: header row frozen, an
 * auto-filter, column widths from the content) or a compact table for a terminal. One row per
 * file, in the order the files were listed.
 */

interface Column {
  header: string;
  value: (row: SummaryRow) => string | number | undefined;
  /** Excel width bounds, in characters. */
  min: number;
  max: number;
}

export const COLUMNS: Column[] = [
  { header: "file", value: (r) => r.file, min: 12, max: 70 },
  { header: "source", value: (r) => r.source, min: 6, max: 8 },
  { header: "agency", value: (r) => r.agency, min: 10, max: 40 },
  { header: "year", value: (r) => r.year, min: 6, max: 6 },
  { header: "format", value: (r) => r.format, min: 7, max: 7 },
  { header: "errors", value: (r) => r.errors, min: 7, max: 7 },
  { header: "warnings", value: (r) => r.warnings, min: 9, max: 9 },
  { header: "finding ids", value: (r) => r.findings, min: 12, max: 80 },
  { header: "import problems", value: (r) => r.problems, min: 16, max: 60 },
  { header: "deviations", value: (r) => r.deviations, min: 10, max: 10 },
  { header: "unplaced", value: (r) => r.unplaced, min: 9, max: 9 },
  { header: "error", value: (r) => r.error, min: 10, max: 100 },
];

/** Columns a CJK terminal or spreadsheet gives a character: 2 for wide characters, else 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd)
        ? 2
        : 1;
  }
  return width;
}

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. Text
 * from published reports that a spreadsheet would run as a formula (starting with = + - @) is
 * prefixed with an apostrophe.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The summary as CSV text: BOM, header, one CRLF-terminated record per row. */
export function summaryCsv(rows: SummaryRow[]): string {
  const lines = [COLUMNS.map((c) => csvField(c.header)).join(",")];
  for (const row of rows) lines.push(COLUMNS.map((c) => csvField(c.value(row))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The summary as an XLSX workbook (one sheet, "summary"). */
export async function summaryXlsx(rows: SummaryRow[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "gov-report";
  const sheet = workbook.addWorksheet("summary", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => {
    const longest = rows.reduce((w, row) => Math.max(w, displayWidth(String(c.value(row) ?? ""))), displayWidth(c.header));
    return { header: c.header, key: c.header, width: Math.min(c.max, Math.max(c.min, longest + 2)) };
  });
  for (const row of rows) sheet.addRow(COLUMNS.map((c) => c.value(row) ?? null));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Writes next to the target, then renames: a reader never sees half a file. */
export async function writeAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * A compact table for a terminal: one line per file. Cells are escaped (terminal-text.ts) before
 * they are measured, so the columns line up as printed.
 */
export function summaryTable(rows: SummaryRow[]): string[] {
  const table = rows.map((r) => [
    r.file,
    r.source,
    r.agency ?? "",
    r.year === undefined ? "" : String(r.year),
    r.format ?? "",
    r.errors === undefined ? "" : String(r.errors),
    r.warnings === undefined ? "" : String(r.warnings),
    r.status === "failed" ? `FAILED: ${r.error ?? ""}` : [r.findings, r.problems && `import: ${r.problems}`].filter(Boolean).join("; "),
  ]);
  const header = ["file", "source", "agency", "year", "format", "E", "W", "findings / import problems"];
  const limits = [60, 6, 24, 4, 6, 4, 4, Infinity];
  const all = [header, ...table].map((cells) => cells.map((cell, i) => clip(escapeControls(cell), limits[i] === Infinity ? 200 : limits[i])));
  const widths = header.map((_, i) => Math.max(...all.map((cells) => displayWidth(cells[i]))));
  return all.map((cells) => cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]))).join("  ").trimEnd());
}
