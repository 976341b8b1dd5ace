import type { CellRef } from "../report/cell-ref";
import type { SectionId, TableId } from "../template/types";

/**
 * The one document model every renderer (DOCX, PDF, HTML) consumes. It is plain data: all
 * numbers are already formatted, all references resolved, all merged cells laid out.
 */
export interface ReportDocument {
  /** Window/document title, e.g. 宿迁市公安局2020年政府信息公开工作年度报告. */
  title: string;
  /** Metadata for file properties. */
  meta: { agency: string; year: number; format: string; date?: string };
  blocks: Block[];
  /**
   * Printed on every page (PDF watermark, DOCX header) or at the top (HTML) when set:
   * 「草稿（未通过检查）」 on a report that fails the rules (lib/document/draft-mark.ts). The
   * caller decides; approved and published versions never get it.
   */
  draftMark?: string;
}

export type Block = TitleBlock | HeadingBlock | ParagraphBlock | TableBlock;

export interface TitleBlock {
  type: "title";
  /** Lines of the title, broken where the layout wants (agency on its own line when long). */
  lines: string[];
}

export interface HeadingBlock {
  type: "heading";
  /** 1 = 一、 (黑体), 2 = （一） (楷体). */
  level: 1 | 2;
  text: string;
  /** Section the heading opens (level 1 only); used for anchors. */
  section?: SectionId;
  anchor: string;
}

export interface ParagraphBlock {
  type: "paragraph";
  inlines: Inline[];
  /** "body" is indented 2 字; "signature" and "date" sit right-aligned at the end. */
  role: "body" | "signature" | "date";
  anchor: string;
  /**
   * A body paragraph that is a level-2 heading as people type it in free text — 「（一）存在的主要
   * 问题」, 「(一) 存在的主要问题」, 「（二）改进措施」 — printed as one (楷体, kept with what follows)
   * while it stays a paragraph for anchors and comments (lib/document/level2-heading.ts).
   */
  heading?: 2;
}

/** A run of text; a bound number carries the cell it came from. */
export interface Inline {
  text: string;
  ref?: string;
}

export interface TableBlock {
  type: "table";
  table: DocTable;
}

export interface DocTable {
  id: TableId;
  /** Caption naming the table for screen readers, e.g. 主动公开政府信息情况. */
  caption: string;
  /** Relative widths of the grid columns (sum is arbitrary). */
  columnWidths: number[];
  /** Header rows, repeated on every page the table spans. */
  header: DocRow[];
  /** Body row groups (table 2 has one per 第二十条 block; others have one). */
  bodyGroups: DocRow[][];
}

export interface DocRow {
  /** Only cells that start at this row; positions covered by a row/column span are omitted. */
  cells: DocCell[];
}

export type CellRole =
  /** Top-left note of table 3. */
  | "corner"
  /** A column header (scope col or colgroup). */
  | "column-header"
  /** A row label (scope row or rowgroup). */
  | "row-header"
  /** A heading spanning a block of rows (table 2's 第二十条第（x）项). */
  | "group-header"
  | "value";

export interface DocCell {
  role: CellRole;
  text: string;
  colSpan: number;
  rowSpan: number;
  /** Unique id for header cells, so value cells can name their headers (HTML `headers`). */
  id?: string;
  /** Ids of the header cells that describe a value cell, outermost first. */
  headers?: string[];
  /** Value cells: the interchange address, `table.row.col`. */
  ref?: CellRef;
  /** Value cells: whether the value was computed by the project rather than given. */
  computed?: boolean;
  /** Header cells spanning several columns or rows: true (for scope=colgroup/rowgroup). */
  group?: boolean;
}
