/**
 * The statutory tables as an XLSX round trip (issue 13.3): `buildTablesWorkbook` writes tables
 * 2–4 of a report's format in the printed layout (the document model's merged headers and label
 * cells, the same labels character for character) with the report's values; a clerk fills it in
 * Excel or WPS; `readTablesWorkbook` reads it back (or any workbook a clerk made) into the blocks a
 * clipboard paste gives, and `placeWorkbook` turns them into the paste plans of lib/wizard/paste-grid,
 * so the wizard applies an upload exactly as a paste (autosave and undo included).
 *
 * The sheets: one per table, named 「表二 主动公开政府信息情况」 etc., the table from row 1 (no title
 * row). Totals (slots that are the target of a `sum` rule) hold `IF(COUNT(terms)=0,"",SUM(terms))`
 * — blank while all their terms are blank, as in the printed table — with the report's computed
 * value as the cached result, and are locked; the sheets are protected without a password (审阅 →
 * 撤销工作表保护 lifts it), so only the input cells take typing. Input cells carry data
 * validation by kind (件数: whole ≥ 0; 本年增/减: whole; 万元: ≥ 0, four decimals at most).
 *
 * Totals are never taken from the file: a number on a total is a `check` of the plan, compared
 * with the computed total after applying it, as after a paste.
 *
 * Framework-free; exceljs and fflate are loaded on first use (server side: the wizard only imports
 * the types).
 */
import type { Borders, Cell, CellValue, DataValidation, Font, Worksheet } from "exceljs";
import { TEMPLATES } from "../../templates";
import { buildTable } from "../document/build-table";
import type { DocCell, DocTable } from "../document/types";
import { cellKey } from "../report/cell-ref";
import type { PreparedReport } from "../report/prepare-report";
import { computedValue, givenValue } from "../report/values";
import { expandGrid } from "../render/expand-grid";
import type { FormatVersion, ReportTemplate, TableId, ValueKind } from "../template/types";
import { editGrid, emptyPreparedReport, readCellInput, type EditGrid, type GridSlot } from "./paste-grid";
import { labelBody, labelKey, planPaste, type PastePlan } from "./paste-plan";
import { lineCount } from "../utils/excel-text";

// ---------------------------------------------------------------------------------------------
// Limits

/** The largest XLSX accepted (the template is a few dozen KB). */
export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
export const XLSX_TOO_LARGE_MESSAGE = `Excel 文件超过 ${MAX_XLSX_BYTES / 1024 / 1024} MB，无法上传。统计表模板通常只有几十 KB，请确认选择的是填好的统计表。`;
/** The most the parts of an XLSX may inflate to, all together (a zip bomb is refused before exceljs reads it). */
const MAX_INFLATED_BYTES = 12 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 1000;
const MAX_SHEETS = 30;
/** Rows and columns read from each sheet; anything beyond is not part of a statutory table. */
export const MAX_SHEET_ROWS = 200;
export const MAX_SHEET_COLUMNS = 40;

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---------------------------------------------------------------------------------------------
// The printed layout of a table

interface TableLayout {
  table: TableId;
  /** The document model's table of the report written (or of an empty report, for reading). */
  doc: DocTable;
  /** Every position: the cell starting there, or null where a span covers it. */
  grid: (DocCell | null)[][];
  width: number;
  headerRows: number;
  /** Leading columns of the body that hold labels. */
  labelColumns: number;
  /** Position of each value cell by cell key. */
  positions: Map<string, { row: number; col: number }>;
}

function layoutOf(report: PreparedReport, table: TableId): TableLayout {
  const doc = buildTable(report, TEMPLATES[report.format].tables[table]);
  const rows = [...doc.header, ...doc.bodyGroups.flat()];
  const width = rows[0].cells.reduce((sum, c) => sum + c.colSpan, 0);
  const grid = expandGrid(rows, width);
  const positions = new Map<string, { row: number; col: number }>();
  grid.forEach((line, row) => line.forEach((cell, col) => cell?.ref && positions.set(cellKey(cell.ref), { row, col })));
  const body = grid.slice(doc.header.length);
  const labelColumns = Math.min(...body.map((r) => r.findIndex((c) => c?.role === "value")).filter((i) => i >= 0));
  return { table, doc, grid, width, headerRows: doc.header.length, labelColumns: Number.isFinite(labelColumns) ? labelColumns : 0, positions };
}

const emptyLayouts = new Map<string, TableLayout>();

/** The layout of a format's table (labels only), memoized. */
function emptyLayout(format: FormatVersion, table: TableId): TableLayout {
  const key = `${format}:${table}`;
  let layout = emptyLayouts.get(key);
  if (!layout) {
    layout = layoutOf(emptyPreparedReport(TEMPLATES[format]), table);
    emptyLayouts.set(key, layout);
  }
  return layout;
}

/** The statutory tables of a format in section order, with what clerks call them (表二 …). */
export function formatTables(format: FormatVersion): { table: TableId; short: string; sheetName: string }[] {
  const template: ReportTemplate = TEMPLATES[format];
  return template.sections.flatMap((section) => {
    if (section.content.kind !== "table") return [];
    const table = section.content.table;
    const short = `表${section.numeral}`;
    // Excel's sheet names: at most 31 characters, none of \ / ? * [ ] :
    const sheetName = `${short} ${template.tables[table].caption}`.replace(/[\\/?*[\]:]/g, "、").slice(0, 31);
    return [{ table, short, sheetName }];
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

const FONT_NAME = "宋体";
const THIN = { style: "thin" as const, color: { argb: "FF000000" } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const BODY_FONT: Partial<Font> = { name: FONT_NAME, size: 10.5 };
const BOLD_FONT: Partial<Font> = { ...BODY_FONT, bold: true };
const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFF2F2F2" } };
const TOTAL_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFEDEDED" } };
const LINE_HEIGHT = 14;
/** The schema's bound of a cell (lib/report/schema.ts): 10^9. */
const VALUE_BOUND = 1_000_000_000;

/** Column widths in Excel characters: label columns wide enough to read, value columns for numbers. */
function columnWidths(layout: TableLayout): number[] {
  const relative = layout.doc.columnWidths;
  const total = Math.min(170, Math.max(90, 16 * relative.length));
  const sum = relative.reduce((a, b) => a + b, 0);
  return relative.map((w, i) => {
    const width = Math.round(((total * w) / sum) * 10) / 10;
    return i < layout.labelColumns ? Math.max(12, width) : Math.max(10, width);
  });
}

/** A1-style column letters of a 0-based column. */
function columnLetters(col: number): string {
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function address(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/**
 * The SUM arguments of a total's terms: contiguous runs of a column or a row as ranges
 * (D7:D14), the rest as single cells, whichever way gives fewer parts.
 */
function sumArguments(positions: { row: number; col: number }[]): string {
  const runs = (sorted: { row: number; col: number }[], vertical: boolean) => {
    const parts: { from: { row: number; col: number }; to: { row: number; col: number } }[] = [];
    for (const p of sorted) {
      const last = parts.at(-1);
      if (last && (vertical ? last.to.col === p.col && last.to.row + 1 === p.row : last.to.row === p.row && last.to.col + 1 === p.col)) last.to = p;
      else parts.push({ from: p, to: p });
    }
    return parts;
  };
  const vertical = runs([...positions].sort((a, b) => a.col - b.col || a.row - b.row), true);
  const horizontal = runs([...positions].sort((a, b) => a.row - b.row || a.col - b.col), false);
  const best = vertical.length <= horizontal.length ? vertical : horizontal;
  return best.map(({ from, to }) => (from === to ? address(from.row, from.col) : `${address(from.row, from.col)}:${address(to.row, to.col)}`)).join(",");
}

/** The formula of a total: blank while every term is blank (as printed), else their sum. */
function totalFormula(args: string): string {
  return `IF(COUNT(${args})=0,"",SUM(${args}))`;
}

const VALIDATION_TITLE: Record<ValueKind, string> = { count: "请填写件数", signed: "请填写整数", money: "请填写金额（万元）" };
const VALIDATION_ERROR: Record<ValueKind, string> = {
  count: "本栏应填写 0 或正整数（件数），不能填写小数、负数或文字。没有发生的请填 0。",
  signed: "本栏应填写整数：增加填正数，减少填负数（如 -2），不能填写小数或文字。",
  money: "本栏以万元为单位，应填写 0 或正数，最多保留四位小数，不能填写文字或单位。",
};

/**
 * The validation of an input cell. `prompt` names the cell (its headers, e.g. 行政诉讼 / 复议后起诉 /
 * 结果维持) and is not shown; being different for every cell, it also keeps exceljs from merging
 * equal validations into ranges, which it does wrongly (its textual address order gives
 * overlapping ranges such as D10:I24 and D4:I24).
 */
function validationFor(kind: ValueKind, at: string, description: string): DataValidation {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: "stop" as const,
    errorTitle: VALIDATION_TITLE[kind],
    error: VALIDATION_ERROR[kind],
    showInputMessage: false,
    promptTitle: VALIDATION_TITLE[kind],
    prompt: description.slice(0, 250),
  };
  if (kind === "count") return { ...common, type: "whole", operator: "between", formulae: [0, VALUE_BOUND] };
  if (kind === "signed") return { ...common, type: "whole", operator: "between", formulae: [-VALUE_BOUND, VALUE_BOUND] };
  return { ...common, type: "custom", formulae: [`AND(ISNUMBER(${at}),${at}>=0,${at}<=${VALUE_BOUND},ROUND(${at},4)=${at})`] };
}

const ALIGNMENT: Record<DocCell["role"], Cell["alignment"]> = {
  corner: { horizontal: "left", vertical: "middle", wrapText: true },
  "column-header": { horizontal: "center", vertical: "middle", wrapText: true },
  "group-header": { horizontal: "left", vertical: "middle", wrapText: true },
  "row-header": { horizontal: "left", vertical: "middle", wrapText: true },
  value: { horizontal: "center", vertical: "middle" },
};

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

function writeTableSheet(sheet: Worksheet, report: PreparedReport, layout: TableLayout, grid: EditGrid): void {
  const widths = columnWidths(layout);
  sheet.columns = widths.map((width) => ({ width }));
  const slots = new Map<string, GridSlot>();
  for (const line of grid.lines) for (const slot of line.slots) if (slot) slots.set(slot.key, slot);

  for (let r = 0; r < layout.grid.length; r++) {
    for (let c = 0; c < layout.width; c++) {
      const target = sheet.getCell(r + 1, c + 1);
      target.border = BORDER;
      target.font = BODY_FONT;
    }
  }
  const headerText = new Map<string, string>();
  for (const line of layout.grid) for (const cell of line) if (cell?.id) headerText.set(cell.id, cell.text);
  const heights = layout.grid.map(() => LINE_HEIGHT + 6);
  layout.grid.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (!cell) return;
      const target = sheet.getCell(r + 1, c + 1);
      target.alignment = ALIGNMENT[cell.role];
      if (cell.role !== "value") {
        target.value = cell.text;
        if (cell.role !== "row-header") {
          target.font = BOLD_FONT;
          target.fill = HEADER_FILL;
        }
      } else {
        const ref = cell.ref!;
        const key = cellKey(ref);
        const slot = slots.get(key);
        const kind = slot?.kind ?? "count";
        if (kind === "money") target.numFmt = '0.####"万元"';
        if (slot?.readOnly) {
          const terms = slot.terms.map((t) => layout.positions.get(t)).filter((p): p is { row: number; col: number } => p !== undefined);
          const value = computedValue(report, ref);
          target.value = { formula: totalFormula(sumArguments(terms)), result: value === null ? "" : round4(value) } as CellValue;
          target.fill = TOTAL_FILL;
          target.protection = { locked: true };
        } else {
          const value = givenValue(report, ref);
          const state = report.cells.get(key);
          // Unreadable input is shown as stored, so the clerk sees and corrects it.
          target.value = value !== null ? value : typeof state?.raw === "string" && state.problem ? state.raw : null;
          target.protection = { locked: false };
          target.dataValidation = validationFor(kind, address(r, c), `${address(r, c)}：${(cell.headers ?? []).map((id) => headerText.get(id) ?? "").filter(Boolean).join(" / ")}`);
        }
      }
      if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(r + 1, c + 1, r + cell.rowSpan, c + cell.colSpan);
      const span = widths.slice(c, c + cell.colSpan).reduce((a, b) => a + b, 0);
      const perRow = (lineCount(cell.text, span) * LINE_HEIGHT) / cell.rowSpan + 6;
      for (let rr = r; rr < r + cell.rowSpan; rr++) heights[rr] = Math.max(heights[rr], Math.ceil(perRow));
    }),
  );
  heights.forEach((height, r) => (sheet.getRow(r + 1).height = height));
  // Headers and labels stay in view while the numbers scroll.
  if (layout.headerRows > 0 || layout.labelColumns > 0) {
    sheet.views = [{ state: "frozen", xSplit: layout.labelColumns, ySplit: layout.headerRows }];
  }
}

/**
 * The statutory tables of the report's format as an XLSX in the printed layout, with the report's
 * values (see the module comment). Sheets are protected without a password.
 */
export async function buildTablesWorkbook(report: PreparedReport): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = report.input.agency;
  workbook.title = `${report.input.agency} ${report.input.year}年度 政府信息公开工作年度报告统计表`;
  workbook.created = new Date();
  // Excel and WPS recompute the totals on opening.
  workbook.calcProperties = { fullCalcOnLoad: true };
  for (const { table, sheetName } of formatTables(report.format)) {
    const sheet = workbook.addWorksheet(sheetName, { properties: { defaultRowHeight: LINE_HEIGHT + 6 } });
    writeTableSheet(sheet, report, layoutOf(report, table), editGrid(report.format, table));
    await sheet.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Checking the file before exceljs reads it

const READ_ERRORS = {
  notXlsx: "无法读取：这不是 Excel 工作簿（.xlsx）文件。请在 Excel 或 WPS 中另存为「Excel 工作簿（*.xlsx）」后再上传。",
  legacyOrEncrypted:
    "无法读取：文件设置了打开密码，或是旧版 Excel 97-2003（.xls）格式。请在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），并另存为「Excel 工作簿（*.xlsx）」后再上传。",
  encrypted: "无法读取：文件内容已加密。请取消密码并另存为「Excel 工作簿（*.xlsx）」后再上传。",
  corrupt: "无法读取：文件已损坏或不完整。请在 Excel 或 WPS 中打开确认无误，另存为「Excel 工作簿（*.xlsx）」后再上传。",
  tooBig: "无法读取：工作簿内容过大（解压后超过 12 MB）。统计表模板很小，请只保留统计表所在的工作表后再上传。",
  empty: "无法读取：文件是空的。",
  noWorkbook: "无法读取：文件中没有 Excel 工作簿的内容（可能是 Word 文档或其他压缩包）。请上传 .xlsx 文件。",
  tooManySheets: `无法读取：工作簿中的工作表超过 ${MAX_SHEETS} 个。请只保留统计表所在的工作表后再上传。`,
} as const;

/** Reads the zip's central directory and inflates every part, counting: a message when the file must not reach exceljs. */
async function inspectZip(bytes: Uint8Array): Promise<string | null> {
  if (bytes.byteLength === 0) return READ_ERRORS.empty;
  if (bytes.byteLength > MAX_XLSX_BYTES) return XLSX_TOO_LARGE_MESSAGE;
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return READ_ERRORS.legacyOrEncrypted;
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return READ_ERRORS.notXlsx;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: the last 22 bytes, or up to 64 KB more of comment.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return READ_ERRORS.corrupt;
  const entries = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || cdOffset === 0xffffffff) return READ_ERRORS.tooBig; // zip64: never an XLSX of this size
  if (entries > MAX_ZIP_ENTRIES) return READ_ERRORS.tooBig;
  const { Inflate } = await import("fflate");
  let inflated = 0;
  let offset = cdOffset;
  let hasWorkbook = false;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.byteLength || view.getUint32(offset, true) !== 0x02014b50) return READ_ERRORS.corrupt;
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressed = view.getUint32(offset + 20, true);
    const declared = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const local = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) return READ_ERRORS.encrypted;
    if (name === "xl/workbook.xml") hasWorkbook = true;
    if (declared > MAX_INFLATED_BYTES || (inflated += declared) > MAX_INFLATED_BYTES) return READ_ERRORS.tooBig;
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== 0x04034b50) return READ_ERRORS.corrupt;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressed > bytes.byteLength) return READ_ERRORS.corrupt;
    if (method === 0) continue; // stored: its size is what it holds
    if (method !== 8) return READ_ERRORS.corrupt;
    // Inflate for real, counting: the declared size may lie.
    let actual = 0;
    let failure: string | null = null;
    const inflater = new Inflate((chunk) => {
      actual += chunk.byteLength;
      if (actual > declared + 1024 || inflated - declared + actual > MAX_INFLATED_BYTES) failure = READ_ERRORS.tooBig;
    });
    try {
      const data = bytes.subarray(start, start + compressed);
      for (let i = 0; i < data.byteLength && !failure; i += 65_536) inflater.push(data.subarray(i, i + 65_536), i + 65_536 >= data.byteLength);
      if (data.byteLength === 0) inflater.push(new Uint8Array(0), true);
    } catch {
      return READ_ERRORS.corrupt;
    }
    if (failure) return failure;
  }
  return hasWorkbook ? null : READ_ERRORS.noWorkbook;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** One sheet read as a statutory table: its cells as text, as a clipboard copy of it gives them. */
export interface WorkbookTable {
  table: TableId;
  sheet: string;
  rows: string[][];
}

export interface SkippedSheet {
  sheet: string;
  reason: string;
}

export type WorkbookRead = { ok: true; tables: WorkbookTable[]; skipped: SkippedSheet[] } | { ok: false; message: string };

/** A cell's text as displayed: numbers as numbers, a formula as its cached result, rich text as its text. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result && typeof result === "object" && "error" in result) return String((result as { error: unknown }).error);
      return cellText((result ?? null) as CellValue);
    }
    if ("error" in value) return String(value.error);
    if ("text" in value) return String((value as { text: unknown }).text ?? "");
  }
  return "";
}

/** A cell's text; a formula's cached result read through `cell.result` (`cell.value` drops a result of 0). */
function cellTextOf(cell: Cell): string {
  const value = cell.value;
  if (value && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) return cellText({ formula: "", result: cell.result } as CellValue);
  return cellText(value);
}

/** The sheet's cells as text, merged cells' text in their first position, trimmed to the used area. */
function sheetRows(sheet: Worksheet): string[][] {
  const rowCount = Math.min(sheet.rowCount, MAX_SHEET_ROWS);
  const columnCount = Math.min(sheet.columnCount, MAX_SHEET_COLUMNS);
  const rows: string[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= columnCount; c++) {
      const cell = row.getCell(c);
      cells.push(cell.isMerged && cell.master.address !== cell.address ? "" : cellTextOf(cell).replace(/\r\n?/g, "\n"));
    }
    rows.push(cells);
  }
  const blank = (text: string) => text.trim() === "";
  while (rows.length && rows[0].every(blank)) rows.shift();
  while (rows.length && rows.at(-1)!.every(blank)) rows.pop();
  const width = Math.max(0, ...rows.map((r) => r.length));
  let first = 0;
  while (first < width && rows.every((r) => blank(r[first] ?? ""))) first++;
  let last = width;
  while (last > first && rows.every((r) => blank(r[last - 1] ?? ""))) last--;
  return rows.map((r) => r.slice(first, last));
}

let signatures: Map<TableId, Set<string>> | undefined;

/**
 * The label texts that name one statutory table only, over both formats (their keys and their
 * bodies without numbering): 「第二十条第（一）项」 and 「行政许可」 for table 2, 「自然人」 and the row
 * labels for table 3, 「行政复议」 and 「未经复议直接起诉」 for table 4.
 */
function tableSignatures(): Map<TableId, Set<string>> {
  if (signatures) return signatures;
  const byTable = new Map<TableId, Set<string>>();
  for (const format of Object.keys(TEMPLATES) as FormatVersion[]) {
    for (const { table } of formatTables(format)) {
      const set = byTable.get(table) ?? new Set<string>();
      for (const line of emptyLayout(format, table).grid) {
        for (const cell of line) {
          if (!cell || cell.role === "value" || cell.role === "corner") continue;
          const key = labelKey(cell.text);
          if (key.length < 2) continue;
          set.add(key);
          if (labelBody(key).length >= 2) set.add(labelBody(key));
        }
      }
      byTable.set(table, set);
    }
  }
  const count = new Map<string, number>();
  for (const set of byTable.values()) for (const key of set) count.set(key, (count.get(key) ?? 0) + 1);
  for (const set of byTable.values()) for (const key of [...set]) if (count.get(key)! > 1) set.delete(key);
  signatures = byTable;
  return byTable;
}

const SHEET_NAME_PATTERNS: [TableId, RegExp][] = [
  ["proactive", /表二|表2|主动公开/],
  ["requests", /表三|表3|收到和处理|依申请/],
  ["reviews", /表四|表4|复议|诉讼/],
];

/** Which statutory table a sheet is: by its labels (at least two that name one table only), else by its name. */
function identifyTable(name: string, rows: string[][]): TableId | null {
  const found = new Map<TableId, number>();
  const seen = new Set<string>();
  for (const row of rows) {
    for (const text of row) {
      const key = labelKey(text);
      if (key.length < 2 || seen.has(key)) continue;
      seen.add(key);
      for (const [table, set] of tableSignatures()) if (set.has(key) || set.has(labelBody(key))) found.set(table, (found.get(table) ?? 0) + 1);
    }
  }
  const ranked = [...found].sort((a, b) => b[1] - a[1]);
  if (ranked.length && ranked[0][1] >= 2 && (ranked.length === 1 || ranked[0][1] > ranked[1][1])) return ranked[0][0];
  const byName = SHEET_NAME_PATTERNS.filter(([, pattern]) => pattern.test(name));
  return byName.length === 1 ? byName[0][0] : null;
}

const TABLE_SHORT: Record<TableId, string> = { proactive: "表二", requests: "表三", reviews: "表四" };

/**
 * Reads an XLSX — the template, or a workbook a clerk made — into one block of cell texts per
 * statutory table, as a clipboard copy of the sheet would give them; sheets that are none of the
 * tables, or a second sheet of a table, are skipped with a reason. A file that cannot be read is
 * `{ ok: false, message }` in Chinese, never a throw.
 */
export async function readTablesWorkbook(input: Uint8Array | ArrayBuffer): Promise<WorkbookRead> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  let problem: string | null;
  try {
    problem = await inspectZip(bytes);
  } catch {
    problem = READ_ERRORS.corrupt;
  }
  if (problem) return { ok: false, message: problem };
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never, {
      ignoreNodes: ["dataValidations", "hyperlinks", "conditionalFormatting", "extLst", "drawing", "picture", "tableParts"],
    } as never);
  } catch {
    return { ok: false, message: READ_ERRORS.corrupt };
  }
  if (workbook.worksheets.length > MAX_SHEETS) return { ok: false, message: READ_ERRORS.tooManySheets };
  const tables: WorkbookTable[] = [];
  const skipped: SkippedSheet[] = [];
  for (const sheet of workbook.worksheets) {
    let rows: string[][];
    try {
      rows = sheetRows(sheet);
    } catch {
      skipped.push({ sheet: sheet.name, reason: "工作表内容无法读取，已跳过。" });
      continue;
    }
    if (!rows.length) {
      skipped.push({ sheet: sheet.name, reason: "工作表是空的，已跳过。" });
      continue;
    }
    const table = identifyTable(sheet.name, rows);
    if (!table) {
      skipped.push({ sheet: sheet.name, reason: "工作表名称和表中的标签都对不上表二、表三或表四，已跳过。请使用下载的模板，或让行标签与统计表一致。" });
      continue;
    }
    const earlier = tables.find((t) => t.table === table);
    if (earlier) {
      skipped.push({ sheet: sheet.name, reason: `与工作表「${earlier.sheet}」同为${TABLE_SHORT[table]}，只读取了第一个，本表已跳过。` });
      continue;
    }
    tables.push({ table, sheet: sheet.name, rows });
  }
  return { ok: true, tables, skipped };
}

// ---------------------------------------------------------------------------------------------
// Placing

/** The placement of one sheet: the paste plan the wizard applies as after a paste. */
export interface TablePlacement {
  table: TableId;
  /** 表二 / 表三 / 表四. */
  short: string;
  sheet: string;
  /**
   * "official": the sheet is in the printed layout (the template, or the printed table copied
   * into Excel) and every cell is read from its place; "paste": the block was placed as a paste
   * (by row labels, column headers or position).
   */
  layout: "official" | "paste";
  plan: PastePlan;
}

/** What the upload answers: the plans, and the sheets left out. */
export interface XlsxUploadResult {
  tables: TablePlacement[];
  skipped: SkippedSheet[];
}

/** Whether a sheet's text names a label of the printed table: the same, or the same without numbering. */
function sameLabel(sheetText: string, label: string): boolean {
  const a = labelKey(sheetText);
  const b = labelKey(label);
  return a === b || (labelBody(a).length >= 2 && labelBody(a) === labelBody(b));
}

/**
 * Where the printed table sits in the sheet: the offset at which every label, header and group
 * heading (the corner aside) is found at its printed place, or null. Tried within a few rows and
 * columns, so a caption row or column above or left of the table is skipped.
 */
function officialOffset(layout: TableLayout, rows: string[][]): { row: number; col: number } | null {
  const labels: { row: number; col: number; text: string }[] = [];
  layout.grid.forEach((line, row) =>
    line.forEach((cell, col) => cell && cell.role !== "value" && cell.role !== "corner" && cell.text.trim() && labels.push({ row, col, text: cell.text })),
  );
  if (!labels.length) return null;
  for (let dr = 0; dr <= 5; dr++) {
    for (let dc = 0; dc <= 3; dc++) {
      if (labels.every((l) => sameLabel(rows[l.row + dr]?.[l.col + dc] ?? "", l.text))) return { row: dr, col: dc };
    }
  }
  return null;
}

/** A readable number, as a cell would store it (unlike the paste planner's isNumberText, not one with a problem such as 1.123456 万元). */
function isNumberLike(text: string): boolean {
  const read = readCellInput(text, "signed");
  const money = readCellInput(text, "money");
  return (read.ok && read.value !== null) || (money.ok && money.value !== null);
}

/** The plan of a sheet in the printed layout: each slot's value from its printed place, read as a pasted cell is. */
function planOfficial(grid: EditGrid, layout: TableLayout, rows: string[][], offset: { row: number; col: number }): PastePlan {
  const plan: PastePlan = {
    writes: [],
    rejected: [],
    checks: [],
    clipped: 0,
    unmatched: [],
    droppedLabelColumns: layout.labelColumns,
    droppedHeaderRows: layout.headerRows,
    rowMode: "labels",
    colMode: "labels",
  };
  const used = new Set<string>();
  for (const line of grid.lines) {
    for (const slot of line.slots) {
      if (!slot) continue;
      const at = layout.positions.get(slot.key);
      if (!at) continue;
      used.add(`${at.row + offset.row}:${at.col + offset.col}`);
      const text = rows[at.row + offset.row]?.[at.col + offset.col] ?? "";
      const read = readCellInput(text, slot.kind);
      if (slot.readOnly) {
        if (!read.ok) plan.rejected.push({ key: slot.key, raw: text.trim(), message: read.message });
        else if (read.value !== null) plan.checks.push({ key: slot.key, raw: text.trim(), value: read.value });
      } else if (read.ok) plan.writes.push({ key: slot.key, value: read.value, raw: text.trim() });
      else plan.rejected.push({ key: slot.key, raw: text.trim(), message: read.message });
    }
  }
  // Numbers outside the table's value cells (beside or below it) are not placed: say so.
  rows.forEach((line, r) =>
    line.forEach((text, c) => {
      const inside = r >= offset.row && r < offset.row + layout.grid.length && c >= offset.col && c < offset.col + layout.width;
      if (!inside && !used.has(`${r}:${c}`) && isNumberLike(text)) plan.clipped++;
    }),
  );
  return plan;
}

/**
 * The paste plan of each table read from a workbook, for the report's format: a sheet in the
 * printed layout is read cell by cell from its printed places (blank cells clear, totals are
 * checks); any other sheet is placed as a paste of the whole sheet at the table's first cell —
 * `planPaste(editGrid(format, table), { row: 0, col: 0 }, rows)`, by row labels, column headers
 * or position. The plan is the paste's own type: the wizard shows and applies it as after a paste.
 */
export function placeWorkbook(format: FormatVersion, tables: readonly WorkbookTable[]): TablePlacement[] {
  const shorts = new Map(formatTables(format).map((t) => [t.table, t.short]));
  return tables.flatMap(({ table, sheet, rows }): TablePlacement[] => {
    const short = shorts.get(table);
    if (!short) return [];
    const grid = editGrid(format, table);
    const layout = emptyLayout(format, table);
    const offset = officialOffset(layout, rows);
    if (offset) return [{ table, short, sheet, layout: "official", plan: planOfficial(grid, layout, rows, offset) }];
    return [{ table, short, sheet, layout: "paste", plan: planPaste(grid, { row: 0, col: 0 }, rows) }];
  });
}

/** Reads and places an uploaded workbook in one step (the upload route's work). */
export async function placeUploadedWorkbook(format: FormatVersion, bytes: Uint8Array): Promise<{ ok: true; result: XlsxUploadResult } | { ok: false; message: string }> {
  const read = await readTablesWorkbook(bytes);
  if (!read.ok) return read;
  const tables = placeWorkbook(format, read.tables);
  if (!tables.length) {
    const why = read.skipped.map((s) => `「${s.sheet}」：${s.reason}`).join("；");
    return { ok: false, message: `工作簿中没有找到表二、表三或表四。${why}` };
  }
  return { ok: true, result: { tables, skipped: read.skipped } };
}

/** The download's file name, e.g. 示例市公安局 2021年度 统计表.xlsx. */
export function tablesWorkbookFilename(agency: string, year: number): string {
  return `${agency.replace(/[\\/:*?"<>|\s]+/g, "")} ${year}年度 统计表.xlsx`;
}
