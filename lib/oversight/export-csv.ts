/**
 * The oversight export's lists as CSV (issue 10): every agency's cells and the status list, with
 * the same columns as the workbook's 各机关数据 and 填报情况 sheets (export-workbook.ts owns them).
 *
 * UTF-8 with a BOM so Excel opens the Chinese correctly, CRLF line ends, RFC 4180 quoting, and text
 * a spreadsheet would run as a formula neutralised.
 */
import { AGENCY_CELL_LEAD_HEADERS, cellColumns, chinaDateText, chinaDateTimeText, STATUS_COLUMNS, type AgencyCells, type AgencyCellRow, type StatusExportOptions, type StatusValue } from "./export-workbook";
import type { AgencyStatusRow } from "./status-row";

const BOM = "\uFEFF";
const CRLF = "\r\n";

/** A plain negative number (-3, -0.25) is data, not a formula. */
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;
/** What spreadsheets treat as the start of a formula (or a DDE payload) when a CSV is opened. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. Text starting with = + - @ a tab or a CR gets a leading apostrophe, so Excel,
 * WPS and LibreOffice show it instead of evaluating it (agency names and finding messages are
 * typed by people); plain negative numbers are left alone. Quoted (RFC 4180) when it holds a
 * comma, a quote, a CR or an LF, quotes doubled. Numbers are written as they are; null is empty.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record (without its line end). */
export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(",");
}

/** A CSV document: BOM, then each record ended by CRLF. */
function csvDocument(records: Iterable<string>): string {
  let out = BOM;
  for (const record of records) out += record + CRLF;
  return out;
}

/**
 * Every agency's cells: record 1 the cell ids, record 2 their labels (表三 / 一、本年新收… / 自然人),
 * then one record per agency (机关名称, 版本号, the values in the layout's order; blanks empty).
 */
export function agencyCellsCsv(cells: AgencyCells<Iterable<AgencyCellRow>>): string {
  const columns = cellColumns(cells.layout);
  function* records(): Generator<string> {
    yield csvRecord([...AGENCY_CELL_LEAD_HEADERS, ...columns.map((c) => c.id)]);
    yield csvRecord(["", "", ...columns.map((c) => c.label)]);
    for (const row of cells.rows) {
      if (row.values.length !== columns.length) throw new Error(`agency cells CSV: ${row.agency.name} has ${row.values.length} values for a layout of ${columns.length} cells`);
      yield csvRecord([row.agency.name, row.versionNumber, ...row.values]);
    }
  }
  return csvDocument(records());
}

/** A status value as CSV text: dates in China time (2025-01-31, 2025-01-20 14:08). */
function statusText(value: StatusValue): string | number | null {
  if (value.value === null) return null;
  switch (value.kind) {
    case "date":
      return chinaDateText(value.value);
    case "datetime":
      return chinaDateTimeText(value.value);
    default:
      return value.value;
  }
}

/** The status list: a header record, then one record per agency, columns as the 填报情况 sheet. */
export function statusCsv(rows: readonly AgencyStatusRow[], options: StatusExportOptions = {}): string {
  function* records(): Generator<string> {
    yield csvRecord(STATUS_COLUMNS.map((c) => c.header));
    for (const row of rows) yield csvRecord(STATUS_COLUMNS.map((c) => statusText(c.value(row, options))));
  }
  return csvDocument(records());
}
