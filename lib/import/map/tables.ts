import { TEMPLATES } from "../../../templates";
import { tableShape as computeShape, templateCells } from "../../template/cells";
import type { FormatVersion, ReportTemplate, TableId } from "../../template/types";
import type { Block, SourceLocation } from "../intermediate";
import type { DeviationKind } from "../types";
import { noteLabel, unplace, type MapContext } from "./context";
import { tableLabels, type LabelEntry } from "./label-catalog";
import { bestMatch, classifyLabel, MATCH_RANK, matchRank, prepareLabel, type MatchKind } from "./labels";
import type { TextPiece } from "./narrative";
import { contractValue, isBlank, isValueText, MAX_CELL_TEXT, splitTrailingValues, trimCell, valueTokens } from "./values";

/**
 * The statutory tables, from whatever the source made of them. A table section's content is
 * read as one stream of cells in reading order — grid rows from table blocks, and paragraphs
 * that are flattened rows (「规章 0 0 1」) or cells on lines of their own — and matched to the
 * format by its labels, not by position, because text extraction repeats or drops merged cells
 * and shifts columns. Within a row, the values after a row label are that row's, in column
 * order; a row label alone on its line takes the values that follow it. One handler per table
 * layout (`TABLE_HANDLERS`).
 */

const shapes = new WeakMap<object, Map<string, string[]>>();

/** Row ids → column ids of a table (computed once per table definition). */
function tableShape(table: ReportTemplate["tables"][TableId]): Map<string, string[]> {
  let shape = shapes.get(table);
  if (!shape) {
    shape = computeShape(table);
    shapes.set(table, shape);
  }
  return shape;
}

export interface TCell {
  text: string;
  at: SourceLocation;
}

export type TableValues = Record<string, Record<string, number | string | null>>;

/** A table section's content: rows of cells, and the narrative around the table. */
export interface TableRegion {
  rows: TCell[][];
  notes: TextPiece[];
}

const CAPTION = /^表\s*[一二三四五六七八九十\d]{1,3}$/;

/** A paragraph in a table section is narrative when it reads as sentences, not as a row. */
function isNarrative(text: string): boolean {
  return /[。！？!?；;]/.test(text) || /[:：]$/.test(text) || text.length > 100;
}

/**
 * A line of a note broken off its paragraph (a PDF note wrapped at the top of a page comes as
 * 「本年度共收到…」 / 「…件。」): before any table row, lines that are no table label and run on
 * into a line ending a sentence are that note, not table headers.
 */
function continuesIntoNote(blocks: Block[], i: number, rowsSoFar: number): boolean {
  if (rowsSoFar > 0) return false;
  for (let j = i; j < blocks.length; j++) {
    const block = blocks[j];
    if (block.kind === "table") return false;
    const text = block.text.trim();
    if (j > i && isNarrative(text)) return /[。！？!?；;]$/.test(text);
    if (text === "" || isTableLabel(text) || CAPTION.test(text)) return false;
  }
  return false;
}

/** Splits a table section's blocks into table rows and narrative; captions are set aside. */
export function tableRegion(blocks: Block[], ctx: MapContext, where: string): TableRegion {
  const rows: TCell[][] = [];
  const notes: TextPiece[] = [];
  for (const [i, block] of blocks.entries()) {
    if (block.kind === "table") {
      for (const row of block.rows) {
        const cells = row.filter((c) => !c.mergedFrom).map((c) => ({ text: trimCell(c.text), at: c.at }));
        const kept = cells.filter((c) => {
          if (!CAPTION.test(c.text)) return true;
          unplace(ctx, c.text, c.at, "caption", where);
          return false;
        });
        if (kept.length) rows.push(kept);
      }
    } else if (CAPTION.test(block.text.trim())) {
      unplace(ctx, block.text, block.at, "caption", where);
    } else if (isNarrative(block.text) || continuesIntoNote(blocks, i, rows.length)) {
      notes.push({ text: block.text, at: block.at, heading: block.kind === "heading" });
    } else {
      rows.push([{ text: trimCell(block.text), at: block.at }]);
    }
  }
  return { rows, notes };
}

interface Token {
  text: string;
  at: SourceLocation;
  row: number;
  /** Last token of its row. */
  rowEnd: boolean;
  value: boolean;
}

/** Whether a text is a known label; `closely`: up to a different numbering (no truncation, no typo). */
type Knows = (text: string, closely?: boolean) => boolean;

/**
 * Labels printed on one line with spaces between them (「自然人 法人或其他组织 总计」,
 * 「三、本年度办理结果 （一）予以公开」), when the whole is no label but every part is one;
 * otherwise the text.
 */
function splitLabels(text: string, knows: Knows, resembles: (text: string) => boolean, depth = 0): string[] {
  if (depth > 20 || text.length > 400 || !/\s/.test(text) || knows(text, true)) return [text];
  const parts = text.split(/[\s\u3000]+/).filter(Boolean);
  // Table 4's header row, the longest run of labels on one line, has 15.
  if (parts.length > 24) return [text];
  if (depth === 0 && parts.length > 1 && parts.every(resembles)) return parts;
  for (let i = 1; i < parts.length; i++) {
    const head = parts.slice(0, i).join(" ");
    if (!knows(head)) continue;
    const rest = splitLabels(parts.slice(i).join(" "), knows, resembles, depth + 1);
    if (rest.every((part) => knows(part))) return [head, ...rest];
  }
  return [text];
}

/**
 * Cells → tokens: a cell holding a label and its numbers (「规章 0 0 1」) becomes the label and
 * the values; a cell of several numbers (「0 0 1」) becomes the numbers; a line of labels the
 * labels.
 */
function tokenize(rows: TCell[][], knows: Knows, resembles: (text: string) => boolean): Token[] {
  const tokens: Token[] = [];
  rows.forEach((row, r) => {
    const start = tokens.length;
    for (const cell of row) {
      const push = (text: string, value: boolean) => tokens.push({ text, at: cell.at, row: r, rowEnd: false, value });
      const parts = /\s/.test(cell.text) ? valueTokens(cell.text) : null;
      if (parts && parts.length > 1) {
        parts.forEach((p) => push(p, true));
        continue;
      }
      if (isValueText(cell.text)) {
        push(cell.text, true);
        continue;
      }
      const split = splitTrailingValues(cell.text);
      const labels = split ? splitLabels(split.label, knows, resembles) : [];
      if (split && labels.every((label) => knows(label))) {
        labels.forEach((l) => push(l, false));
        split.values.forEach((v) => push(v, true));
      } else {
        splitLabels(cell.text, knows, resembles).forEach((l) => push(l, false));
      }
    }
    if (tokens.length > start) tokens[tokens.length - 1].rowEnd = true;
  });
  return tokens;
}

interface Match {
  entry: LabelEntry;
  kind: MatchKind;
}

interface RowRecord {
  leaf: LabelEntry | null;
  label: Token;
  values: Token[];
  /** Values come from the label's own row. */
  closed: boolean;
}

type Item = { type: "record"; record: RowRecord } | { type: "label"; token: Token; match: Match } | { type: "unknown" | "stray"; token: Token };

/** Ranks that identify a row label even inside another row's cells. */
const STRONG = MATCH_RANK.numbering;

/**
 * Reads tokens into row records (a row label and its values), other labels (headers, groups),
 * unknown text and stray values, in order.
 */
function readRecords(tokens: Token[], match: (text: string) => Match | null, need: (leaf: LabelEntry) => number): Item[] {
  const items: Item[] = [];
  let record: RowRecord | null = null;
  const finish = () => {
    if (record) items.push({ type: "record", record });
    record = null;
  };
  const isLeaf = (m: Match | null) => !!m && m.entry.role === "row" && !!m.entry.rowId;
  const matches = new Map<string, Match | null>();
  const matchOf = (text: string) => {
    if (!matches.has(text)) matches.set(text, match(text));
    return matches.get(text)!;
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (record) {
      const r: RowRecord = record;
      const copy = t.text === r.label.text && r.values.length === 0;
      if (r.closed) {
        if (t.row === r.label.row) {
          if (copy) continue;
          if (t.value) {
            r.values.push(t);
            continue;
          }
          // Text in a value position is a value (seed 000's 行政检查) until the row has its
          // values; a label (a row whose blank-line grouping merged several) ends the record.
          const m = matchOf(t.text);
          const isLabel = m !== null && matchRank(m.kind, prepareLabel(t.text), m.entry.label) <= STRONG;
          if (!isLabel && r.values.length < (r.leaf ? need(r.leaf) : Infinity)) {
            r.values.push(t);
            continue;
          }
        }
        finish();
      } else {
        const limit = r.leaf ? need(r.leaf) : Infinity;
        if (copy) continue;
        if ((t.value || !matchOf(t.text)) && r.values.length < limit) {
          if (!t.value && r.leaf === null) {
            finish();
          } else {
            r.values.push(t);
            if (r.values.length >= limit) finish();
            continue;
          }
        } else {
          finish();
        }
      }
    }
    if (t.value) {
      if (!isBlank(t.text)) items.push({ type: "stray", token: t });
      continue;
    }
    const m = matchOf(t.text);
    if (m) {
      items.push({ type: "label", token: t, match: m });
      if (isLeaf(m)) record = { leaf: m.entry, label: t, values: [], closed: !t.rowEnd };
      continue;
    }
    // Unknown text followed by values is a row the format does not know.
    let next: Token | undefined;
    for (let j = k + 1; j < tokens.length; j++) {
      if (!t.rowEnd && tokens[j].row !== t.row) break;
      if (!isBlank(tokens[j].text)) {
        next = tokens[j];
        break;
      }
    }
    if (next?.value) record = { leaf: null, label: t, values: [], closed: !t.rowEnd };
    else items.push({ type: "unknown", token: t });
  }
  finish();
  return items;
}

/**
 * A row's values against its columns. Extraction pads rows with empty cells (a merged label
 * column, a trailing tab) and, when a label spans columns, with an extra cell: empty padding is
 * dropped from the end, then the start; beyond that the last value is the 总计 column and the
 * ones before it are surplus.
 */
export function fitValues<T extends { text: string }>(values: T[], need: number): { kept: (T | undefined)[]; surplus: T[] } {
  let v = values.slice();
  while (v.length > need && isBlank(v[v.length - 1].text)) v.pop();
  while (v.length > need && isBlank(v[0].text)) v.shift();
  let surplus: T[] = [];
  if (v.length > need) {
    surplus = v.slice(need - 1, v.length - 1);
    v = [...v.slice(0, need - 1), v[v.length - 1]];
  }
  return { kept: Array.from({ length: need }, (_, i) => v[i]), surplus };
}

interface TableJob {
  template: ReportTemplate;
  other: ReportTemplate;
  tableId: TableId;
  tokens: Token[];
  values: TableValues;
  /** Rows already placed: a second record for a row is listed, not merged. */
  placed: Set<string>;
  ctx: MapContext;
}

/** Notes a label, as the other format's label when it is that (规范性文件 in a 2021 table). */
function note(job: TableJob, ref: string, official: string, token: Token, forced?: DeviationKind) {
  let kind = forced;
  if (!kind) {
    const published = prepareLabel(token.text);
    const own = classifyLabel(published, prepareLabel(official));
    const theirs = tableLabels(job.other, job.tableId).find((e) => e.ref === ref && e.label.text !== official);
    const otherKind = theirs ? classifyLabel(published, theirs.label) : null;
    if (otherKind && MATCH_RANK[otherKind] <= MATCH_RANK.punctuation && (!own || MATCH_RANK[own] > MATCH_RANK.punctuation)) {
      kind = "other-format";
    }
  }
  noteLabel(job.ctx, ref, official, token.text, token.at, kind);
}

function place(job: TableJob, rowId: string, values: (Token | undefined)[]) {
  const cells = templateCells(job.template);
  const cols = tableShape(job.template.tables[job.tableId]).get(rowId) ?? [];
  const row = (job.values[rowId] ??= {});
  cols.forEach((col, i) => {
    const token = values[i];
    if (!token) return;
    const key = `${job.tableId}.${rowId}.${col}`;
    job.ctx.provenance[key] = token.at;
    if (token.text.length > MAX_CELL_TEXT) {
      unplace(job.ctx, token.text, token.at, "cell-too-long", key);
      return;
    }
    row[col] = contractValue(token.text, cells.get(key)!.kind);
  });
}

/** Places a record's values; a second record for the same row is listed, not merged. */
function placeRecord(job: TableJob, record: RowRecord, need: number) {
  const rowId = record.leaf!.rowId!;
  const where = `${job.tableId}.row.${rowId}`;
  if (job.placed.has(rowId)) {
    for (const t of record.values) unplace(job.ctx, t.text, t.at, "duplicate-row", where);
    return;
  }
  job.placed.add(rowId);
  const { kept, surplus } = fitValues(record.values, need);
  place(job, rowId, kept);
  for (const t of surplus) unplace(job.ctx, t.text, t.at, "surplus-value", where);
}

const CJK_TEXT = /^[\u4e00-\u9fff（）()、]{2,}$/;

/**
 * Why a value with no row label is unplaced: right after a row (and its other extra values) it
 * is beyond that row's columns; elsewhere it belongs to a row without a label.
 */
function strayReasons(items: Item[]): Map<Item, "surplus-value" | "unknown-row"> {
  const reasons = new Map<Item, "surplus-value" | "unknown-row">();
  let afterRecord = false;
  for (const item of items) {
    if (item.type === "stray" || item.type === "unknown") reasons.set(item, afterRecord && item.type === "stray" ? "surplus-value" : "unknown-row");
    if (item.type !== "stray") afterRecord = item.type === "record";
  }
  return reasons;
}

/** Table 2: blocks, each with its heading, 信息内容 and column headers, then its rows. */
function mapBlocksTable(job: TableJob) {
  const table = job.template.tables[job.tableId];
  if (table.layout !== "blocks") return;
  const entries = tableLabels(job.template, job.tableId);
  const need = (leaf: LabelEntry) => table.blocks[leaf.block!].columns.length;
  const items = readRecords(job.tokens, (text) => bestMatch(prepareLabel(text), entries), need);
  const reasons = strayReasons(items);
  let header: Token[] = [];
  let labelHeader: Token | undefined;
  let improvisedUnder: LabelEntry | undefined;
  const flushHeader = (block: number | undefined) => {
    if (block === undefined) {
      for (const t of header) unplace(job.ctx, t.text, t.at, "unknown-header", job.tableId);
      if (labelHeader) unplace(job.ctx, labelHeader.text, labelHeader.at, "unknown-header", job.tableId);
    } else {
      const def = table.blocks[block];
      if (labelHeader) note(job, `${job.tableId}.block.${block}.label`, def.labelHeader, labelHeader);
      header.forEach((t, i) => {
        const col = def.columns[i];
        if (!col) {
          unplace(job.ctx, t.text, t.at, "unknown-header", `${job.tableId}.block.${block}`);
          return;
        }
        note(job, `${job.tableId}.block.${block}.${col.id}`, col.label, t);
      });
    }
    header = [];
    labelHeader = undefined;
  };
  for (const item of items) {
    if (item.type === "label") {
      const { entry } = item.match;
      if (entry.role === "block-heading") {
        if (header.length || labelHeader) flushHeader(undefined);
        note(job, entry.ref, entry.label.text, item.token);
        improvisedUnder = undefined;
      } else if (entry.role === "label-header") {
        labelHeader = item.token;
      } else if (entry.role === "column") {
        header.push(item.token);
      } else if (entry.role === "row") {
        note(job, entry.ref, entry.label.text, item.token);
      }
      continue;
    }
    if (item.type === "unknown") {
      header.push(item.token);
      continue;
    }
    if (item.type !== "record") {
      unplace(job.ctx, item.token.text, item.token.at, reasons.get(item) ?? "unknown-row", job.tableId);
      continue;
    }
    const { record } = item;
    if (record.leaf) {
      flushHeader(record.leaf.block);
      placeRecord(job, record, need(record.leaf));
      // Seed 000: 「其他对外管理服务事项 | 行政检查 | +1 | 5」 — a sub-row's name in a number column.
      const named = record.values.find((v) => !v.value && CJK_TEXT.test(v.text));
      if (named) noteLabel(job.ctx, record.leaf.ref, record.leaf.label.text, named.text, named.at, "improvised-row");
      improvisedUnder = named ? record.leaf : undefined;
      continue;
    }
    // A row the format does not have. Under an official row whose cells already name a sub-row
    // it is the next improvised sub-row (seed 000: 行政确认); otherwise an unknown row.
    if (improvisedUnder) {
      noteLabel(job.ctx, improvisedUnder.ref, improvisedUnder.label.text, record.label.text, record.label.at, "improvised-row");
    }
    const reason = improvisedUnder ? "improvised-row" : "unknown-row";
    for (const t of [record.label, ...record.values]) unplace(job.ctx, t.text, t.at, reason, improvisedUnder?.ref ?? job.tableId);
  }
  if (header.length || labelHeader) flushHeader(undefined);
}

/** Table 3: merged column headers over labelled rows (groups such as （三）不予公开). */
function mapRowsGrid(job: TableJob) {
  const entries = tableLabels(job.template, job.tableId);
  const shape = tableShape(job.template.tables[job.tableId]);
  const need = (leaf: LabelEntry) => shape.get(leaf.rowId!)?.length ?? 0;
  const items = readRecords(job.tokens, (text) => bestMatch(prepareLabel(text), entries), need);
  const reasons = strayReasons(items);
  let body = false;
  for (const item of items) {
    if (item.type === "label") {
      note(job, item.match.entry.ref, item.match.entry.label.text, item.token);
      continue;
    }
    if (item.type === "unknown") {
      unplace(job.ctx, item.token.text, item.token.at, body ? "unknown-row" : "unknown-header", job.tableId);
      continue;
    }
    if (item.type !== "record") {
      unplace(job.ctx, item.token.text, item.token.at, reasons.get(item) ?? "unknown-row", job.tableId);
      continue;
    }
    body = true;
    const { record } = item;
    if (record.leaf) placeRecord(job, record, need(record.leaf));
    else for (const t of [record.label, ...record.values]) unplace(job.ctx, t.text, t.at, "unknown-row", job.tableId);
  }
}

/**
 * Table 4: three header rows over one data row of 15 values. The outcome headers repeat per
 * group; each run of them (结果维持 … 总计) is the next group.
 */
function mapSingleRowGrid(job: TableJob) {
  const table = job.template.tables[job.tableId];
  if (table.layout !== "grid") return;
  const entries = tableLabels(job.template, job.tableId);
  const leaves = entries.filter((e) => e.role === "column");
  const groupRows = [...new Set(leaves.map((e) => e.rowId!))];
  const outcomes = leaves.filter((e) => e.rowId === groupRows[0]);
  const groups = entries.filter((e) => e.role === "column-group");
  const dataRows = new Set(job.tokens.filter((t) => t.value && !isBlank(t.text)).map((t) => t.row));
  const values: Token[] = [];
  let group = 0;
  let lastOutcome = -1;
  for (const t of job.tokens) {
    if (t.value) {
      if (dataRows.has(t.row)) values.push(t);
      continue;
    }
    const published = prepareLabel(t.text);
    const outcome = bestMatch(published, outcomes);
    if (outcome) {
      const index = outcomes.indexOf(outcome.entry);
      if (index <= lastOutcome) group++;
      lastOutcome = index;
      const entry = leaves.find((e) => e.rowId === groupRows[group] && e.colId === outcome.entry.colId);
      if (entry) note(job, entry.ref, entry.label.text, t);
      else unplace(job.ctx, t.text, t.at, "unknown-header", job.tableId);
      continue;
    }
    const groupMatch = bestMatch(published, groups);
    if (groupMatch) note(job, groupMatch.entry.ref, groupMatch.entry.label.text, t);
    else unplace(job.ctx, t.text, t.at, dataRows.has(t.row) ? "unknown-row" : "unknown-header", job.tableId);
  }
  const need = leaves.length;
  const { kept, surplus } = fitValues(values, need);
  for (const t of surplus) unplace(job.ctx, t.text, t.at, "surplus-value", job.tableId);
  const cells = templateCells(job.template);
  leaves.forEach((leaf, i) => {
    const token = kept[i];
    const row = (job.values[leaf.rowId!] ??= {});
    if (!token) return;
    const key = `${job.tableId}.${leaf.rowId}.${leaf.colId}`;
    job.ctx.provenance[key] = token.at;
    row[leaf.colId!] = token.text.length > MAX_CELL_TEXT ? null : contractValue(token.text, cells.get(key)!.kind);
  });
  if (!values.length) job.ctx.problems.push({ code: "table.no-data", message: "表四（行政复议、行政诉讼）只有表头，没有数据行。", at: job.tokens[0]?.at });
}

/** One handler per table layout; a grid without row labels is a single data row (table 4). */
const TABLE_HANDLERS: Record<"blocks" | "rows" | "single-row", (job: TableJob) => void> = {
  blocks: mapBlocksTable,
  rows: mapRowsGrid,
  "single-row": mapSingleRowGrid,
};

function layoutOf(template: ReportTemplate, tableId: TableId): keyof typeof TABLE_HANDLERS {
  const table = template.tables[tableId];
  return table.layout === "blocks" ? "blocks" : table.rows ? "rows" : "single-row";
}

const everyFormat = new Map<TableId, LabelEntry[]>();

/** Labels of a table in every format. */
function allLabels(tableId: TableId): LabelEntry[] {
  let entries = everyFormat.get(tableId);
  if (!entries) {
    entries = (Object.values(TEMPLATES) as ReportTemplate[]).flatMap((t) => tableLabels(t, tableId));
    everyFormat.set(tableId, entries);
  }
  return entries;
}

let bareLabels: Set<string> | undefined;

/** Tokens of a table region; labels known to either format are split off their numbers. */
export function regionTokens(region: TableRegion, tableId: TableId): Token[] {
  const all = allLabels(tableId);
  const matched = new Map<string, Match | null>();
  const knows: Knows = (text, closely) => {
    if (!matched.has(text)) matched.set(text, bestMatch(prepareLabel(text), all));
    const m = matched.get(text)!;
    return m !== null && (!closely || MATCH_RANK[m.kind] <= MATCH_RANK.numbering);
  };
  const fragments = labelFragments(tableId);
  const resembles = (text: string) => {
    const published = prepareLabel(text);
    return fragments.has(published.bare) || fragments.has(published.body);
  };
  return tokenize(region.rows, knows, resembles);
}

const fragmentSets = new Map<TableId, Set<string>>();

/**
 * Every label's bare form and body, their beginnings and ends (two characters or more), and
 * numberings: what a piece of a line of labels may be.
 */
function labelFragments(tableId: TableId): Set<string> {
  let set = fragmentSets.get(tableId);
  if (!set) {
    set = new Set();
    for (const { label } of allLabels(tableId)) {
      set.add(label.bare);
      if (label.numbering) set.add(label.numbering.replace(/[\p{P}\p{S}]/gu, ""));
      for (let i = 2; i <= label.body.length; i++) {
        set.add(label.body.slice(0, i));
        set.add(label.body.slice(-i));
      }
    }
    set.delete("");
    fragmentSets.set(tableId, set);
  }
  return set;
}

/** Whether a line is a label of some table (「四、结转下年度继续办理」 is no section heading). */
export function isTableLabel(text: string): boolean {
  // Up to punctuation, labels match exactly when their bare forms are equal.
  bareLabels ??= new Set((["proactive", "requests", "reviews"] as TableId[]).flatMap((id) => allLabels(id).map((e) => e.label.bare)));
  const bare = prepareLabel(text).bare;
  return bare !== "" && bareLabels.has(bare);
}

export type { Token };

function bestRank(text: string, entries: LabelEntry[]): number {
  const published = prepareLabel(text);
  let best = 99;
  for (const e of entries) {
    const kind = classifyLabel(published, e.label);
    if (kind) best = Math.min(best, matchRank(kind, published, e.label));
  }
  return best;
}

const strength = (rank: number) => (rank <= MATCH_RANK.punctuation ? 3 : rank < 99 ? 1 : 0);

/**
 * The format a table's labels show: table 2 by its headers and rows (2019 新制作/新公开/上一年项目
 * 数量/采购; 2021 制发/废止/现行有效/本年处理决定数量/收费金额), table 3 by its （六）其他处理 rows.
 */
export function detectTableFormat(tableId: TableId, tokens: Token[]): FormatVersion | undefined {
  const labels = tokens.filter((t) => !t.value);
  if (tableId === "proactive") {
    const e19 = tableLabels(TEMPLATES["2019"], tableId);
    const e21 = tableLabels(TEMPLATES["2021"], tableId);
    let score = 0;
    for (const t of labels) score += strength(bestRank(t.text, e19)) - strength(bestRank(t.text, e21));
    return score > 0 ? "2019" : score < 0 ? "2021" : undefined;
  }
  if (tableId === "requests") {
    const split = ["other_no_correction", "other_no_fee", "other_misc"];
    const e21 = tableLabels(TEMPLATES["2021"], tableId);
    const e19 = tableLabels(TEMPLATES["2019"], tableId);
    const isSplit = labels.some((t) => {
      const p = prepareLabel(t.text);
      const m = bestMatch(p, e21);
      if (!m || !split.includes(m.entry.rowId ?? "")) return false;
      return MATCH_RANK[m.kind] <= MATCH_RANK.punctuation || (MATCH_RANK[m.kind] <= MATCH_RANK.typo && p.body.length >= 6);
    });
    if (isSplit) return "2021";
    const single = tokens.some((t, i) => {
      if (t.value) return false;
      const m = bestMatch(prepareLabel(t.text), e19);
      return m !== null && m.entry.rowId === "other" && MATCH_RANK[m.kind] <= MATCH_RANK.numbering && tokens[i + 1]?.value === true;
    });
    return single ? "2019" : undefined;
  }
  return undefined;
}

/** Maps one table's tokens in the given format; every cell of the table is present, blank = null. */
export function mapTable(template: ReportTemplate, tableId: TableId, tokens: Token[], ctx: MapContext): TableValues {
  const other = (Object.values(TEMPLATES) as ReportTemplate[]).find((t) => t !== template) ?? template;
  const values: TableValues = {};
  TABLE_HANDLERS[layoutOf(template, tableId)]({ template, other, tableId, tokens, values, placed: new Set(), ctx });
  const out: TableValues = {};
  for (const [row, cols] of tableShape(template.tables[tableId])) {
    out[row] = {};
    for (const col of cols) out[row][col] = values[row]?.[col] ?? null;
  }
  return out;
}

/** Lists a table's content as unplaced (a table in the other format, an extra section's table). */
export function unplaceTokens(tokens: Token[], ctx: MapContext, reason: "format-mismatch" | "extra-section", where: string) {
  for (const t of tokens) unplace(ctx, t.text, t.at, reason, where);
}

/** Labels of the rows of a table that the text never names (table 4 has no row labels). */
export function missingRows(tableId: TableId, template: ReportTemplate, ctx: MapContext): string[] {
  const table = template.tables[tableId];
  if (table.layout === "grid" && !table.rows) return [];
  const found = new Set<string>();
  for (const key of Object.keys(ctx.provenance)) if (key.startsWith(`${tableId}.`)) found.add(key.split(".")[1]);
  return tableLabels(template, tableId)
    .filter((e) => e.role === "row" && e.rowId && !found.has(e.rowId))
    .map((e) => e.label.text);
}
