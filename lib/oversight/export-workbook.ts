/**
 * The oversight export as one XLSX workbook (issue 10): the roll-up in the official layout of
 * tables 2–4 (one sheet each, merged headers taken from the document model the DOCX/HTML/PDF
 * renderers use), every agency's cells in one wide sheet, the status list of the oversight page
 * and the roll-up's coverage.
 *
 * The workbook is written with exceljs' streaming writer: rows of the large sheets are committed
 * as they are produced, so 10,000 agencies × ~200 cells stay in a few seconds and little memory
 * (see `writeOversightWorkbook`).
 *
 * This module also owns the export's column definitions (agency cells and status rows), which the
 * CSV export (export-csv.ts) and the draft 通报 (bulletin.ts) reuse. exceljs is loaded on first use
 * only, so those two do not pay for it.
 */
import { PassThrough } from "node:stream";
import type { Alignment, Borders, Cell, Font, Style, Worksheet } from "exceljs";
import { TEMPLATES } from "../../templates";
import type { DocCell, DocTable } from "../document/types";
import { effectiveValue } from "../report/values";
import type { Finding } from "../rules/types";
import { templateCells } from "../template/cells";
import type { ReportTemplate, TableId, ValueKind } from "../template/types";
import { agencyKindLabel } from "../workflow/deadline";
import { progressStatusLabel, statusLabel } from "../workflow/report-status";
import { fromStoredUnits, type CellLayout } from "./cell-vector";
import { buildRollUpDocument, coverageSummary, EXCLUSION_REASON_LABEL, prepareRollUp, ROLL_UP_BASIS_LABEL, type AgencyRef, type RollUp } from "./roll-up";
import type { AgencyStatusRow } from "./status-row";
import { chinaDateText, chinaWallClock } from "../utils/china-time";
import { lineCount } from "../utils/excel-text";

// ---------------------------------------------------------------------------------------------
// China time (lib/utils/china-time.ts; chinaDateText is re-exported for the CSV and the ZIP list)

const DAY_MS = 86_400_000;

/** The China calendar day of an instant, at midnight (an Excel date without a time part). */
function chinaDay(instant: Date): Date {
  const wall = chinaWallClock(instant).getTime();
  return new Date(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS));
}

const pad2 = (n: number) => String(n).padStart(2, "0");

export { chinaDateText };

/** e.g. 2025-01-20 14:08 (China time). */
export function chinaDateTimeText(instant: Date): string {
  const d = chinaWallClock(instant);
  return `${chinaDateText(instant)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

// ---------------------------------------------------------------------------------------------
// Agency cells: one row per agency, one column per cell of the format

/** One agency's cells, in a layout's order. */
export interface AgencyCellRow {
  agency: AgencyRef;
  /** The version the values come from. */
  versionNumber: number;
  /** In the report's units (money in 万元); null = blank. Same order and length as the layout's cell ids. */
  values: readonly (number | null)[];
}

/**
 * Every agency's cells of one format. `rows` may be an async iterable (e.g. batches read from the
 * database) so that the workbook never holds all of them; the CSV export takes a plain iterable.
 */
export interface AgencyCells<Rows = Iterable<AgencyCellRow> | AsyncIterable<AgencyCellRow>> {
  layout: CellLayout;
  rows: Rows;
}

/** A stored cell vector (integer units, money in 元; see cell-vector.ts) in the report's units, blanks as null. */
export function reportUnitValues(layout: CellLayout, vector: { values: readonly number[]; filled: readonly boolean[] }): (number | null)[] {
  return layout.cellIds.map((_, i) => (vector.filled[i] ? fromStoredUnits(vector.values[i], layout.kinds[i]) : null));
}

/** A cell column of the agency sheet: the cell id and what a clerk calls it. */
export interface CellColumn {
  id: string;
  /** e.g. 表三 / 一、本年新收政府信息公开申请数量 / 自然人. */
  label: string;
  kind: ValueKind;
}

/** The leading columns of the agency sheet and CSV, before the cell columns. */
export const AGENCY_CELL_LEAD_HEADERS = ["机关名称", "版本号"] as const;

/** What clerks call a statutory table: 表 and its section's numeral (表二 is section 二's table). */
function tableShortName(template: ReportTemplate, table: TableId): string {
  const section = template.sections.find((s) => s.content.kind === "table" && s.content.table === table);
  return section ? `表${section.numeral}` : table;
}

/**
 * The sheet of a statutory table: its short name and caption, e.g. 表三 收到和处理政府信息公开申请情况
 * (within Excel's 31 characters, without the characters a sheet name may not hold).
 */
function tableSheetName(template: ReportTemplate, table: TableId): string {
  return `${tableShortName(template, table)} ${template.tables[table].caption}`.replace(/[\\/?*[\]:]/g, "、").slice(0, 31);
}

const cellColumnsMemo = new Map<string, CellColumn[]>();

/**
 * The cell columns of a layout with readable labels from the template: the table's short name
 * (表二 … 表四, from its section numeral), the row labels and the column labels, outermost first.
 * A column header spanning the whole table (表三's 申请人情况) is left out: it names every column.
 */
export function cellColumns(layout: CellLayout): CellColumn[] {
  const cached = cellColumnsMemo.get(layout.id);
  if (cached) return cached;
  const template = TEMPLATES[layout.format];
  const defs = templateCells(template);
  const columns = layout.cellIds.map((id, i): CellColumn => {
    const def = defs.get(id);
    // A layout of an older template may name a cell the current one lacks: show its id.
    if (!def) return { id, label: id, kind: layout.kinds[i] };
    const table = template.tables[def.table];
    const colLabels = table.layout === "grid" && table.columns.length === 1 && def.colLabels.length > 1 ? def.colLabels.slice(1) : def.colLabels;
    const label = [tableShortName(template, def.table), ...def.rowLabels, ...colLabels].join(" / ") + (def.unit ? `（${def.unit}）` : "");
    return { id, label, kind: def.kind };
  });
  cellColumnsMemo.set(layout.id, columns);
  return columns;
}

// ---------------------------------------------------------------------------------------------
// Status rows: the oversight page's list

/**
 * Where an agency stands with the deadline, in a few words: 按时发布, 逾期发布，逾期N天,
 * 逾期未发布，逾期N天 or 未发布，距截止N天 (the same text in the sheet, the CSV and the 通报).
 */
export function timelinessText(row: AgencyStatusRow): string {
  if (row.publishedAt) return row.daysLate ? `逾期发布，逾期${row.daysLate}天` : "按时发布";
  const left = row.daysLeft ?? 0;
  return left < 0 ? `逾期未发布，逾期${-left}天` : `未发布，距截止${left}天`;
}

/** Days left before the deadline of a report not yet published; null once published or overdue. */
function daysRemaining(row: AgencyStatusRow): number | null {
  return !row.publishedAt && row.daysLeft !== null && row.daysLeft >= 0 ? row.daysLeft : null;
}

/** Days past the deadline: of the publication (0 when on time), or so far when not published. */
function daysOverdue(row: AgencyStatusRow): number | null {
  if (row.publishedAt) return row.daysLate ?? 0;
  return row.daysLeft !== null && row.daysLeft < 0 ? -row.daysLeft : null;
}

/** What a status column holds; the sheet writes dates as Excel dates, the CSV as China-time text. */
export type StatusValue =
  | { kind: "text"; value: string | null }
  | { kind: "number"; value: number | null }
  | { kind: "date" | "datetime"; value: Date | null }
  | { kind: "link"; value: string | null };

export interface StatusColumn {
  header: string;
  /** Excel width in characters. */
  width: number;
  value: (row: AgencyStatusRow, options: StatusExportOptions) => StatusValue;
}

export interface StatusExportOptions {
  /** Origin of the public site (e.g. https://gk.example.gov.cn) to make 公开链接 absolute; paths stay relative without it. */
  publicBaseUrl?: string;
}

const text = (value: string | null | undefined): StatusValue => ({ kind: "text", value: value ?? null });
const num = (value: number | null | undefined): StatusValue => ({ kind: "number", value: value ?? null });

/** The status sheet's and CSV's columns, in order. */
export const STATUS_COLUMNS: readonly StatusColumn[] = [
  { header: "机关", width: 32, value: (r) => text(r.agency.name) },
  { header: "类型", width: 13, value: (r) => text(agencyKindLabel(r.agency.kind)) },
  { header: "状态", width: 9, value: (r) => text(progressStatusLabel(r.status)) },
  { header: "版本号", width: 7, value: (r) => num(r.latestVersion?.number) },
  { header: "最后修改", width: 17, value: (r) => ({ kind: "datetime", value: r.lastChange?.at ?? null }) },
  { header: "修改人", width: 10, value: (r) => text(r.lastChange?.by) },
  { header: "错误", width: 6, value: (r) => num(r.latestVersion?.errors) },
  { header: "警告", width: 6, value: (r) => num(r.latestVersion?.warnings) },
  { header: "提交日期", width: 11, value: (r) => ({ kind: "date", value: r.submittedAt }) },
  { header: "发布日期", width: 11, value: (r) => ({ kind: "date", value: r.publishedAt }) },
  { header: "截止日期", width: 11, value: (r) => ({ kind: "date", value: chinaDay(r.deadline) }) },
  { header: "截止规则", width: 36, value: (r) => text(r.deadlineRule) },
  { header: "时限情况", width: 20, value: (r) => text(timelinessText(r)) },
  { header: "剩余天数", width: 9, value: (r) => num(daysRemaining(r)) },
  { header: "逾期天数", width: 9, value: (r) => num(daysOverdue(r)) },
  {
    header: "公开链接",
    width: 40,
    value: (r, options) => ({ kind: "link", value: r.publicPath && (options.publicBaseUrl ? new URL(r.publicPath, options.publicBaseUrl).href : r.publicPath) }),
  },
];

// ---------------------------------------------------------------------------------------------
// The workbook

export interface OversightWorkbookInput extends StatusExportOptions {
  /** What the selection is called, e.g. 示例市人民政府及下属机关. */
  title: string;
  year: number;
  rollUp: RollUp;
  /** How the versions were chosen, in words; default: the roll-up basis' label. */
  basisLabel?: string;
  /** Lines under the title of each table sheet; default: the coverage sentence and the basis. */
  notes?: readonly string[];
  statuses: readonly AgencyStatusRow[];
  agencyCells: AgencyCells;
  /** When the export was made (printed in the notes, and the file's creation date). */
  now: Date;
}

const SHEET = { agencies: "各机关数据", statuses: "填报情况", coverage: "汇总范围" } as const;

const FONT_NAME = "宋体";
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const BODY_FONT: Partial<Font> = { name: FONT_NAME, size: 10.5 };
const BOLD_FONT: Partial<Font> = { ...BODY_FONT, bold: true };
const TITLE_FONT: Partial<Font> = { name: FONT_NAME, size: 14, bold: true };
const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFF2F2F2" } };
/** Points per line of 10.5 pt text, with leading. */
const LINE_HEIGHT = 14;

const DATE_FORMAT = "yyyy-mm-dd";
const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";

/** Splits `total` Excel characters in proportion to the document model's relative widths. */
function sheetColumnWidths(relative: readonly number[]): number[] {
  const total = Math.min(160, Math.max(90, 16 * relative.length));
  const sum = relative.reduce((a, b) => a + b, 0);
  return relative.map((w) => Math.max(8, Math.round(((total * w) / sum) * 10) / 10));
}

/** A document-model table cell at its place in the sheet's grid (0-based, relative to the table). */
interface PlacedCell {
  cell: DocCell;
  row: number;
  col: number;
}

/** Places the model's rows on a grid: each cell goes to the first position not covered by a span from above or the left. */
function placeCells(rows: readonly { cells: DocCell[] }[], columnCount: number): PlacedCell[] {
  const taken = rows.map(() => new Array<boolean>(columnCount).fill(false));
  const placed: PlacedCell[] = [];
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (c < columnCount && taken[r][c]) c++;
      if (c + cell.colSpan > columnCount) throw new Error(`oversight workbook: row ${r + 1} of a table is wider than its ${columnCount} columns`);
      placed.push({ cell, row: r, col: c });
      for (let dr = 0; dr < cell.rowSpan && r + dr < rows.length; dr++) for (let dc = 0; dc < cell.colSpan; dc++) taken[r + dr][c + dc] = true;
      c += cell.colSpan;
    }
  });
  return placed;
}

const CELL_ALIGNMENT: Record<DocCell["role"], Partial<Alignment>> = {
  corner: { horizontal: "left", vertical: "middle", wrapText: true },
  "column-header": { horizontal: "center", vertical: "middle", wrapText: true },
  "group-header": { horizontal: "center", vertical: "middle", wrapText: true },
  "row-header": { horizontal: "left", vertical: "middle", wrapText: true },
  value: { horizontal: "center", vertical: "middle" },
};

/** A line of text over the whole width of a table sheet, wrapped, its row as tall as the text. */
function fullWidthLine(sheet: Worksheet, rowNumber: number, width: number, value: string, font: Partial<Font>, totalWidth: number): void {
  const cell = sheet.getCell(rowNumber, 1);
  cell.value = value;
  cell.font = font;
  cell.alignment = { horizontal: font === TITLE_FONT ? "center" : "left", vertical: "middle", wrapText: true };
  if (width > 1) sheet.mergeCells(rowNumber, 1, rowNumber, width);
  const size = font.size ?? BODY_FONT.size!;
  sheet.getRow(rowNumber).height = Math.ceil(lineCount(value, totalWidth) * size * 1.35) + 4;
}

const SEVERITY_LABEL: Record<Finding["severity"], string> = { error: "错误", warning: "警告" };

/**
 * One statutory table in the official layout: the title, the section heading and the notes above,
 * the table with its merged headers as the document model lays them out, and below it the
 * balance-rule findings about this table, if any.
 */
function writeTableSheet(
  sheet: Worksheet,
  parts: { title: string; heading: string; notes: readonly string[]; table: DocTable; value: (cell: DocCell) => number | string | null; findings: readonly Finding[] },
): void {
  const { table } = parts;
  const widths = sheetColumnWidths(table.columnWidths);
  const columnCount = widths.length;
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  sheet.columns = widths.map((width) => ({ width }));

  let rowNumber = 1;
  fullWidthLine(sheet, rowNumber++, columnCount, parts.title, TITLE_FONT, totalWidth);
  fullWidthLine(sheet, rowNumber++, columnCount, parts.heading, BOLD_FONT, totalWidth);
  for (const note of parts.notes) fullWidthLine(sheet, rowNumber++, columnCount, note, BODY_FONT, totalWidth);
  rowNumber++; // a blank row between the notes and the table

  const top = rowNumber;
  const rows = [...table.header, ...table.bodyGroups.flat()];
  const placed = placeCells(rows, columnCount);
  // Borders on every position first, covered ones included: Excel draws a merged range's edges from its cells.
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < columnCount; c++) {
      const cell = sheet.getCell(top + r, c + 1);
      cell.border = BORDER;
      cell.font = BODY_FONT;
    }
  }
  const heights = rows.map(() => LINE_HEIGHT + 4);
  for (const { cell, row, col } of placed) {
    const target = sheet.getCell(top + row, col + 1);
    const isHeader = cell.role !== "value" && cell.role !== "row-header";
    target.value = parts.value(cell);
    target.font = isHeader ? BOLD_FONT : BODY_FONT;
    target.alignment = CELL_ALIGNMENT[cell.role];
    if (isHeader) target.fill = HEADER_FILL;
    if (cell.role === "value" && cell.text.endsWith("万元") && typeof target.value === "number") target.numFmt = 'General"万元"';
    if (cell.rowSpan > 1 || cell.colSpan > 1) {
      sheet.mergeCells(top + row, col + 1, top + row + cell.rowSpan - 1, col + cell.colSpan);
    }
    // Excel does not fit the height of wrapped text on opening: give each row what its cells need,
    // a merged cell's lines shared among the rows it spans.
    const span = widths.slice(col, col + cell.colSpan).reduce((a, b) => a + b, 0);
    const perRow = (lineCount(cell.text, span) * LINE_HEIGHT) / cell.rowSpan + 4;
    for (let r = row; r < row + cell.rowSpan; r++) heights[r] = Math.max(heights[r], Math.ceil(perRow));
  }
  heights.forEach((height, r) => (sheet.getRow(top + r).height = height));
  rowNumber = top + rows.length;

  if (parts.findings.length) {
    rowNumber++;
    const errors = parts.findings.filter((f) => f.severity === "error").length;
    fullWidthLine(sheet, rowNumber++, columnCount, `汇总数的勾稽关系复核：${errors} 个错误、${parts.findings.length - errors} 个警告（纳入汇总的报告中有数据不平衡）`, BOLD_FONT, totalWidth);
    parts.findings.forEach((finding, i) => fullWidthLine(sheet, rowNumber++, columnCount, `${i + 1}. ${SEVERITY_LABEL[finding.severity]}：${finding.message}`, BODY_FONT, totalWidth));
  }
}

/** Header row styling of the list sheets. */
function styleHeaderRow(sheet: Worksheet, rowNumber: number, columnCount: number, wrap = false): void {
  const row = sheet.getRow(rowNumber);
  for (let c = 1; c <= columnCount; c++) {
    const cell = row.getCell(c);
    cell.font = BOLD_FONT;
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: wrap };
  }
}

/**
 * 各机关数据: row 1 the cell ids, row 2 their labels, then one row per agency; numbers as numbers,
 * blanks empty. Rows are committed as written (streaming).
 */
async function writeAgencySheet(sheet: Worksheet, cells: AgencyCells, closed: Promise<never>): Promise<void> {
  const columns = cellColumns(cells.layout);
  const count = columns.length;
  sheet.columns = [{ width: 30 }, { width: 7 }, ...columns.map(() => ({ width: 14 }))];
  const ids = sheet.addRow([...AGENCY_CELL_LEAD_HEADERS, ...columns.map((c) => c.id)]);
  styleHeaderRow(sheet, 1, count + 2);
  const labels = sheet.addRow(["", "", ...columns.map((c) => c.label)]);
  styleHeaderRow(sheet, 2, count + 2, true);
  for (let c = 3; c <= count + 2; c++) labels.getCell(c).font = BODY_FONT;
  labels.height = Math.ceil(Math.max(...columns.map((c) => lineCount(c.label, 14))) * LINE_HEIGHT) + 4;
  sheet.mergeCells(1, 1, 2, 1);
  sheet.mergeCells(1, 2, 2, 2);
  ids.commit();
  labels.commit();
  let written = 0;
  for await (const row of cells.rows) {
    if (row.values.length !== count) throw new Error(`oversight workbook: ${row.agency.name} has ${row.values.length} values for a layout of ${count} cells`);
    const line = sheet.addRow([row.agency.name, row.versionNumber, ...row.values]);
    for (let c = 1; c <= count + 2; c++) line.getCell(c).style = PLAIN_STYLE;
    line.commit();
    if (++written % ROWS_PER_WAIT === 0) await waitForZip(sheet, closed);
  }
}

/**
 * The style of unstyled data cells, one object for all: exceljs gives every cell a style object of
 * its own and, when writing, looks each up by serialising it unless it has seen that very object
 * (a WeakMap); sharing one took the 10,000-row workbook from 9.8 s to 3.9 s here (bench:scale).
 */
const PLAIN_STYLE: Partial<Style> = Object.freeze({}) as Partial<Style>;
/** Shared styles of the status sheet's date cells (see PLAIN_STYLE). */
const DATE_STYLE: Partial<Style> = Object.freeze({ numFmt: DATE_FORMAT }) as Partial<Style>;
const DATE_TIME_STYLE: Partial<Style> = Object.freeze({ numFmt: DATE_TIME_FORMAT }) as Partial<Style>;

const INDENT_STYLES = new Map<number, Partial<Style>>();
/** The shared style of an agency name indented by its depth (at most 10 levels). */
function indentStyle(depth: number): Partial<Style> {
  const indent = Math.min(depth, 10);
  let style = INDENT_STYLES.get(indent);
  if (!style) INDENT_STYLES.set(indent, (style = Object.freeze({ alignment: Object.freeze({ indent }) }) as Partial<Style>));
  return style;
}

/** How many agency rows (about 6 KB of XML each) are written between waits for the zip. */
const ROWS_PER_WAIT = 20;

/** A writable as Node streams and readable-stream (which exceljs and archiver bundle) implement it. */
interface DrainableStream {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
  once(event: "drain", listener: () => void): unknown;
}

/**
 * Waits until the zip has taken in what the sheet wrote. exceljs' sheet stream writes into the
 * zip's input stream without heeding backpressure, and a loop committing thousands of rows would
 * pile the uncompressed sheet up there (measured: 33 MB for 10,000 rows; 20,000 rows took 18 s
 * and 580 MB). So: give the event loop a turn, in which compressed chunks complete and move on to
 * the output, and while the zip's input asks for a drain, wait for it. The zip's input is
 * exceljs-internal (the sheet stream's `pipes`); without it only the turn remains.
 */
async function waitForZip(sheet: Worksheet, closed: Promise<never>): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return;
  for (const pipe of pipes as DrainableStream[]) {
    // A zip whose output went away never drains: stop then instead of waiting forever.
    if (pipe.writableNeedDrain ?? pipe._writableState?.needDrain) await Promise.race([new Promise<void>((resolve) => pipe.once("drain", resolve)), closed]);
  }
}

/**
 * A promise rejected when `output` fails or closes before the workbook is complete (e.g. the
 * download was cancelled), so the writer stops; it never resolves. Handled here, so it may be
 * left pending or rejected unobserved.
 */
function closedEarly(output: NodeJS.WritableStream): Promise<never> {
  let finished = false;
  const closed = new Promise<never>((_, reject) => {
    output.once("error", reject);
    // A finished output closes right after (before the commit's promise settles): that is no failure.
    output.once("finish", () => (finished = true));
    output.once("close", () => finished || reject(new Error("oversight workbook: the output closed before the workbook was complete")));
  });
  closed.catch(() => {});
  return closed;
}

/** Writes a status column's value into a cell, dates as Excel dates of China time. */
function setStatusCell(cell: Cell, value: StatusValue): void {
  if (value.value === null) return;
  switch (value.kind) {
    case "text":
    case "number":
      cell.value = value.value;
      cell.style = PLAIN_STYLE;
      return;
    case "date":
    case "datetime":
      cell.value = value.kind === "date" ? chinaDay(value.value) : chinaWallClock(value.value);
      cell.style = value.kind === "date" ? DATE_STYLE : DATE_TIME_STYLE;
      return;
    case "link":
      if (/^https?:\/\//.test(value.value)) {
        cell.value = { text: value.value, hyperlink: value.value };
        cell.font = { ...BODY_FONT, color: { argb: "FF0563C1" }, underline: true };
      } else cell.value = value.value;
      return;
  }
}

/** 填报情况: the oversight page's rows, filterable, header frozen; agencies indented by depth. */
function writeStatusSheet(sheet: Worksheet, rows: readonly AgencyStatusRow[], options: StatusExportOptions): void {
  sheet.columns = STATUS_COLUMNS.map((c) => ({ width: c.width }));
  sheet.addRow(STATUS_COLUMNS.map((c) => c.header));
  styleHeaderRow(sheet, 1, STATUS_COLUMNS.length);
  sheet.getRow(1).commit();
  for (const row of rows) {
    const line = sheet.addRow([]);
    STATUS_COLUMNS.forEach((column, i) => setStatusCell(line.getCell(i + 1), column.value(row, options)));
    if (row.agency.depth > 0) line.getCell(1).style = indentStyle(row.agency.depth);
    line.commit();
  }
}

/** 汇总范围: which agencies the roll-up includes, which have no report and which were left out, and why. */
function writeCoverageSheet(sheet: Worksheet, rollUp: RollUp, notes: readonly string[]): void {
  const headers = ["汇总情况", "机关", "报告状态", "版本号", "发布次数", "说明"];
  const widths = [12, 32, 10, 8, 9, 40];
  sheet.columns = widths.map((width) => ({ width }));
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  let rowNumber = 1;
  for (const note of notes) fullWidthLine(sheet, rowNumber++, headers.length, note, BODY_FONT, totalWidth);
  rowNumber++;
  const headerRow = rowNumber;
  headers.forEach((header, i) => (sheet.getCell(headerRow, i + 1).value = header));
  styleHeaderRow(sheet, headerRow, headers.length);
  const add = (values: (string | number | null)[]) => {
    const row = sheet.getRow(++rowNumber);
    values.forEach((value, i) => {
      if (value !== null) row.getCell(i + 1).value = value;
    });
  };
  const { included, missing, excluded } = rollUp.coverage;
  for (const i of included) add(["已纳入", i.agency.name, statusLabel(i.status), i.version.number, i.version.revision ?? null, null]);
  for (const m of missing) add(["无报告", m.name, progressStatusLabel("NOT_STARTED"), null, null, "尚未建立本年度报告"]);
  for (const e of excluded) {
    const reason = EXCLUSION_REASON_LABEL[e.reason] + (e.reason === "other-format" && e.format ? `（${e.format} 年版格式，本汇总为 ${rollUp.format} 年版格式）` : "");
    add(["未纳入", e.agency.name, statusLabel(e.status), null, null, reason]);
  }
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: headers.length } };
}

/** The findings of the roll-up's re-check that name a cell of the table. */
function findingsOf(findings: readonly Finding[], table: TableId): Finding[] {
  return findings.filter((f) => f.cells.some((c) => c.table === table));
}

/**
 * Writes the oversight workbook: 表二/表三/表四 in the official layout with the region totals,
 * 各机关数据, 填报情况 and 汇总范围. With `output` the XLSX is streamed into it (which is ended when
 * done) and the promise resolves once it has finished; without, the bytes are returned. On a
 * failure (e.g. the agency rows' iterable throws) `output` is destroyed with the error: what was
 * written is not a workbook.
 */
export function writeOversightWorkbook(input: OversightWorkbookInput): Promise<Buffer>;
export function writeOversightWorkbook(input: OversightWorkbookInput, output: NodeJS.WritableStream): Promise<void>;
export async function writeOversightWorkbook(input: OversightWorkbookInput, output?: NodeJS.WritableStream): Promise<Buffer | void> {
  if (input.year !== input.rollUp.year) throw new Error(`oversight workbook: a ${input.rollUp.year} roll-up exported as ${input.year}`);
  if (input.agencyCells.layout.format !== input.rollUp.format) {
    throw new Error(`oversight workbook: agency cells in the ${input.agencyCells.layout.format} format for a ${input.rollUp.format} roll-up`);
  }
  if (output) return writeWorkbook(input, output);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  await writeWorkbook(input, sink);
  return Buffer.concat(chunks);
}

async function writeWorkbook(input: OversightWorkbookInput, output: NodeJS.WritableStream): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output as unknown as import("node:stream").Stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "gov-report";
  workbook.created = input.now;
  workbook.title = `${input.title}${input.year}年政府信息公开工作年度报告汇总与填报情况`;
  const closed = closedEarly(output);
  try {
    const { rollUp } = input;
    const notes = input.notes ?? [
      coverageSummary(rollUp.coverage, rollUp.basis),
      `汇总口径：${input.basisLabel ?? ROLL_UP_BASIS_LABEL[rollUp.basis]}；格式：${rollUp.format} 年版。`,
    ];
    const exported = `导出时间：${chinaDateTimeText(input.now)}（北京时间）。`;
    const total = prepareRollUp(rollUp.content);
    const document = buildRollUpDocument(total, notes);
    const value = (cell: DocCell): number | string | null => {
      if (cell.role !== "value") return cell.text || null;
      const number = cell.ref ? effectiveValue(total, cell.ref) : null;
      return number ?? (cell.text || null);
    };
    // Each sheet is finished before the next starts: the zip takes its parts one after another.
    for (let i = 0; i < document.blocks.length; i++) {
      const block = document.blocks[i];
      if (block.type !== "table") continue;
      const heading = document.blocks[i - 1];
      const landscape = block.table.columnWidths.length > 6;
      const sheet = workbook.addWorksheet(tableSheetName(total.template, block.table.id), {
        pageSetup: { paperSize: 9, orientation: landscape ? "landscape" : "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      });
      writeTableSheet(sheet, {
        title: document.title,
        heading: heading?.type === "heading" ? heading.text : block.table.caption,
        notes: [...notes, exported],
        table: block.table,
        value,
        findings: findingsOf(rollUp.findings, block.table.id),
      });
      sheet.commit();
    }

    const agencies = workbook.addWorksheet(SHEET.agencies, { views: [{ state: "frozen", xSplit: 2, ySplit: 2 }] });
    await writeAgencySheet(agencies, input.agencyCells, closed);
    agencies.commit();

    const statuses = workbook.addWorksheet(SHEET.statuses, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
    statuses.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: STATUS_COLUMNS.length } };
    writeStatusSheet(statuses, input.statuses, input);
    statuses.commit();

    const coverage = workbook.addWorksheet(SHEET.coverage);
    writeCoverageSheet(coverage, rollUp, [document.title, ...notes, exported]);
    coverage.commit();

    // The commit waits for the output's `finish`, which a closed output never sends.
    await Promise.race([workbook.commit(), closed]);
  } catch (error) {
    (output as Partial<NodeJS.WritableStream & { destroy(error?: Error): void }>).destroy?.(error as Error);
    throw error;
  }
}
