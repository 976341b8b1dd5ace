/**
 * The shape of an official report format, as data. `templates/<version>/` exports one
 * `ReportTemplate`; schemas, rule checks, form tables and all renderers are derived from it.
 */

export type FormatVersion = "2019" | "2021";

/** What a numeric cell holds. Money is in 万元. */
export type ValueKind = "count" | "signed" | "money";

export type TableId = "proactive" | "requests" | "reviews";

export type SectionId = "overview" | "proactive" | "requests" | "reviews" | "problems" | "other";

/** Narrative keys of the interchange JSON (`sections.*`). */
export type NoteKey = "proactiveNote" | "requestsNote" | "reviewsNote";

export interface SectionDef {
  id: SectionId;
  /** Chinese numeral of the heading, e.g. "三". */
  numeral: string;
  /** Heading text after the numeral, e.g. "收到和处理政府信息公开申请情况". */
  title: string;
  /** What the section holds in the interchange JSON. */
  content:
    | { kind: "topics"; key: "overview" }
    | { kind: "table"; table: TableId; noteKey: NoteKey }
    | { kind: "text"; key: "problems" | "other" };
  /**
   * Recognises this section in a published heading or a preface's list of parts even when the
   * wording deviates: every word of one of the alternatives must occur.
   */
  recognisedBy: string[][];
}

/** A column of a grid table. Leaves carry cells; inner nodes are merged headers. */
export interface ColumnNode {
  label: string;
  /** Column id of the cells under this leaf. */
  id?: string;
  /**
   * Row id the leaf's cells belong to, for tables printed as a single data row whose JSON rows
   * are column groups (table 4).
   */
  row?: string;
  children?: ColumnNode[];
  /** Relative print width of a leaf column. */
  width?: number;
}

/** A row of a grid table. Leaves with an id carry cells; inner nodes are merged row labels. */
export interface RowNode {
  label: string;
  /** Row id of the cells on this leaf, or the id of a group whose sums may be referenced. */
  id?: string;
  children?: RowNode[];
  /** A leaf that also answers to a group id (2019's single （六）其他处理 row is group other_all). */
  groupId?: string;
}

/**
 * A table with a tree of merged column headers and a tree of merged row labels
 * (tables 3 and 4). Without `rows` the table has one unlabelled data row.
 */
export interface GridTableDef {
  layout: "grid";
  id: TableId;
  caption: string;
  valueKind: ValueKind;
  /** Text of the top-left cell above the row labels. */
  corner?: string;
  columns: ColumnNode[];
  rows?: RowNode[];
  /** Relative print widths of the row-label columns, outermost first. */
  labelWidths?: number[];
}

export interface BlockColumnDef {
  id: string;
  label: string;
  kind: ValueKind;
  /** Unit printed after the value inside the cell, where the header names none. */
  unit?: string;
}

export interface BlockDef {
  /** Block heading row, e.g. 第二十条第（一）项. */
  heading: string;
  /** Header of the label column, 信息内容. */
  labelHeader: string;
  columns: BlockColumnDef[];
  rows: { id: string; label: string }[];
}

/** A table printed as stacked blocks, each with its own column headers (table 2). */
export interface BlockTableDef {
  layout: "blocks";
  id: TableId;
  caption: string;
  blocks: BlockDef[];
  /** Relative print widths: label column, then value columns. */
  widths: number[];
}

export type TableDef = GridTableDef | BlockTableDef;

/** A term list refers to row ids (rules applied per column) or column ids (per row). */
export type RuleDef =
  | {
      /** target = sum(terms); the target is computed when left blank. */
      kind: "sum";
      id: string;
      severity: "error" | "warning";
      table: TableId;
      /** "column": target and terms are rows, checked in every column of `within`. */
      along: "column" | "row";
      target: string;
      terms: string[];
      /** Columns (along column) or rows (along row) the rule is checked in; omitted = all. */
      within?: string[];
      /** Short Chinese name of the rule, used in messages. */
      name: string;
    }
  | {
      /** sum(left) = sum(right), checked per column. */
      kind: "balance";
      id: string;
      severity: "error" | "warning";
      table: TableId;
      along: "column";
      left: string[];
      right: string[];
      name: string;
    }
  | {
      /** Cross-year (C6): this year's `row` = last year's `previousRow`, in every column. */
      kind: "carry";
      id: string;
      severity: "error" | "warning";
      table: TableId;
      row: string;
      previousRow: string;
      name: string;
    }
  | {
      /**
       * Cross-year stock (C7, C8): in each of `rows`, this year's `column` = last year's `column`
       * + last year's `previousPlus` + this year's `plus` − this year's `minus`.
       */
      kind: "stock";
      id: string;
      severity: "error" | "warning";
      table: TableId;
      rows: string[];
      column: string;
      previousPlus: string[];
      plus: string[];
      minus: string[];
      name: string;
    };

/** A figure of the tables a narrative may state, by the words that name it (C20). */
export interface NarrativeSubjectDef {
  id: string;
  /** Words that name the figure before its number, e.g. 予以公开; the longest wins where two start at one place. */
  words: string[];
  /** A word the sentence must also hold for `words` to mean this figure (收到 … 申请). */
  requires?: string;
  /** Cells whose sum the figure must equal: `table.row.column`; rows may be group ids. */
  cells: string[];
  /** Chinese description of the figure, e.g. 本年新收申请数. */
  name: string;
  /** The subject a share of this figure (「占比X%」) is of. */
  shareOf?: string;
  /** Narrower cells when another subject comes before in the sentence (被纠错 after 行政复议). */
  within?: Record<string, string[]>;
}

export interface ReportTemplate {
  version: FormatVersion;
  /** Official name of the format, used in the generated preface. */
  formatName: string;
  /** Report years this format is used for (inclusive; `to` open-ended when absent). */
  years: { from: number; to?: number };
  /** Title after agency and year: 「年政府信息公开工作年度报告」. */
  titleSuffix: string;
  sections: SectionDef[];
  tables: Record<TableId, TableDef>;
  rules: RuleDef[];
  /** Sub-topics of 一、总体情况 named by the format's guidance, with words that recognise them. */
  overviewTopics: { title: string; recognisedBy: string[] }[];
  /** Whether a report must cover every overview topic (2021 guidance [O]; 2019 wording unknown). */
  overviewTopicsRequired: boolean;
  narrativeSubjects: NarrativeSubjectDef[];
  /** Phrases of the pre-2019 format that should no longer appear. */
  outdatedPhrases: string[];
}
