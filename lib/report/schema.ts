import { z } from "zod";
import { TEMPLATES } from "../../templates";
import { tableShape, templateCells } from "../template/cells";
import type { FormatVersion, ReportTemplate, TableDef, ValueKind } from "../template/types";
import { normalizeValue } from "./normalize-value";

/**
 * Zod schemas of the interchange JSON (spec/report-json.md), derived from the templates.
 * `draft` accepts cells as people write them ("减2", "3414.41 万元"), to be normalized and
 * checked by the rule engine; `strict` demands canonical values, as a submitted report must.
 */
export type SchemaMode = "draft" | "strict";

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const ZContact = z.strictObject({
  address: z.string().max(200).optional(),
  postcode: z.string().max(20).optional(),
  phone: z.string().max(100).optional(),
  fax: z.string().max(100).optional(),
  email: z.string().max(200).optional(),
  website: z.string().max(300).optional(),
});

/**
 * How a table label as published differs from the official one (lib/import): `whitespace`,
 * `width` (full-/half-width forms), `punctuation`, `numbering` (（一）/1. prefix missing or
 * different), `truncated`, `annotated` (official label plus an addition), `typo`, `other-format`
 * (the other format version's label), `reworded`, `improvised-row` (a sub-row the format lacks).
 */
export const LABEL_DEVIATION_KINDS = [
  "whitespace",
  "width",
  "punctuation",
  "numbering",
  "truncated",
  "annotated",
  "typo",
  "other-format",
  "reworded",
  "improvised-row",
] as const;

/**
 * A table label printed differently from the official format, kept by the importer so checks
 * can report it. `ref` names the label: `<table>.row.<id>`, `<table>.column.<id>` (table 4:
 * `reviews.column.<row>.<col>`), `proactive.block.<n>` / `proactive.block.<n>.label` /
 * `proactive.block.<n>.<col>` (table 2 block heading, 信息内容, column header; n from 0),
 * `requests.corner`; label nodes without an id use their index path, e.g. `requests.row.2`.
 */
export const ZStatedLabel = z.strictObject({
  ref: z.string().max(120),
  published: z.string().max(300),
  official: z.string().max(300),
  kind: z.enum(LABEL_DEVIATION_KINDS).optional(),
});

export const ZStated = z.strictObject({
  title: z.string().max(300).optional(),
  period: z.strictObject({ from: ZDate, to: ZDate }).optional(),
  sectionCount: z.number().int().min(0).max(99).optional(),
  headings: z.array(z.string().max(300)).max(50).optional(),
  labels: z
    .array(ZStatedLabel)
    .max(1000)
    .optional()
    .meta({ description: "Table labels as published where they differ from the official format (imported reports)." }),
});

const NARRATIVE_MAX = 200_000;

export const ZOverviewItem = z.strictObject({
  title: z.string().max(200).nullable(),
  text: z.string().max(NARRATIVE_MAX),
});

export const ZSections = z.strictObject({
  overview: z.array(ZOverviewItem).max(50).optional(),
  proactiveNote: z.string().max(NARRATIVE_MAX).optional(),
  requestsNote: z.string().max(NARRATIVE_MAX).optional(),
  reviewsNote: z.string().max(NARRATIVE_MAX).optional(),
  problems: z.string().max(NARRATIVE_MAX).optional(),
  other: z.string().max(NARRATIVE_MAX).optional(),
});

/**
 * The largest magnitude of a cell: 10^9 items for counts and changes, 10^9 万元 for amounts.
 * Far beyond any agency's figures, and well inside the integers a double holds exactly, so an
 * unsafe integer (1e20, 9007199254740993) is refused here with its path, in the app and the CLI.
 */
export const CELL_VALUE_MAX = 1_000_000_000;

/** Messages of the bound (Chinese: shown as they are, see describe-input-issue.ts). */
const TOO_BIG: Record<ValueKind, string> = {
  count: `数值过大：不能大于 ${CELL_VALUE_MAX}（10 亿）。`,
  signed: `数值过大：不能大于 ${CELL_VALUE_MAX}（10 亿）。`,
  money: `金额过大：不能大于 ${CELL_VALUE_MAX} 万元。`,
};
const TOO_SMALL = `数值过小：不能小于 -${CELL_VALUE_MAX}（负 10 亿）。`;

/** A number within the bound; the bound is checked first and alone (an unsafe integer gets one issue). */
function boundedNumber(kind: ValueKind, min = -CELL_VALUE_MAX) {
  return z
    .number()
    .max(CELL_VALUE_MAX, { message: TOO_BIG[kind], abort: true })
    .min(min, min === -CELL_VALUE_MAX ? { message: TOO_SMALL, abort: true } : undefined);
}

/** A cell written as text ("1753802元", "减2") is held to the bound by the value it stands for. */
function textWithinBound(kind: ValueKind) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    const read = normalizeValue(value, kind).value;
    if (read === null || Math.abs(read) <= CELL_VALUE_MAX) return;
    ctx.addIssue({ code: "custom", message: read > 0 ? TOO_BIG[kind] : TOO_SMALL, input: value });
  };
}

function draftCell(kind: ValueKind) {
  return z.union([boundedNumber(kind), z.string().max(60, { abort: true }).superRefine(textWithinBound(kind)), z.null()]).optional();
}

function moneyDecimalsOk(value: number): boolean {
  return /^\d+(\.\d{1,4})?$/.test(String(value));
}

function strictCell(kind: ValueKind) {
  switch (kind) {
    case "count":
      return boundedNumber(kind, 0).int().nullable().optional();
    case "signed":
      return boundedNumber(kind).int().nullable().optional();
    case "money":
      return z
        .union([
          boundedNumber(kind, 0).refine(moneyDecimalsOk, "at most 4 decimals (万元)"),
          z
            .string()
            .regex(/^\d+(\.\d{1,4})?$/, { message: "a decimal in 万元 with at most 4 decimals", abort: true })
            .superRefine(textWithinBound(kind)),
        ])
        .nullable()
        .optional();
  }
}

function tableSchema(template: ReportTemplate, table: TableDef, mode: SchemaMode) {
  const cells = templateCells(template);
  const rows: Record<string, z.ZodType> = {};
  for (const [row, cols] of tableShape(table)) {
    const columns: Record<string, z.ZodType> = {};
    for (const col of cols) {
      const kind = cells.get(`${table.id}.${row}.${col}`)!.kind;
      columns[col] = mode === "draft" ? draftCell(kind) : strictCell(kind);
    }
    rows[row] = z.strictObject(columns).optional();
  }
  return z.strictObject(rows);
}

function buildReportSchema(template: ReportTemplate, mode: SchemaMode) {
  return z.strictObject({
    format: z.enum(["2019", "2021"]).optional(),
    agency: z.string().trim().min(1).max(100),
    year: z.number().int().min(2000).max(2100),
    date: ZDate.optional(),
    contact: ZContact.optional(),
    preface: z.string().max(NARRATIVE_MAX).optional(),
    stated: ZStated.optional(),
    sections: ZSections.optional(),
    tables: z
      .strictObject({
        proactive: tableSchema(template, template.tables.proactive, mode).optional(),
        requests: tableSchema(template, template.tables.requests, mode).optional(),
        reviews: tableSchema(template, template.tables.reviews, mode).optional(),
      })
      .optional(),
  });
}

const cache = new Map<string, ReturnType<typeof buildReportSchema>>();

/** The report schema for one format version. */
export function reportSchema(version: FormatVersion, mode: SchemaMode) {
  const key = `${version}:${mode}`;
  let schema = cache.get(key);
  if (!schema) {
    schema = buildReportSchema(TEMPLATES[version], mode);
    cache.set(key, schema);
  }
  return schema;
}

export type TReportInput = z.infer<ReturnType<typeof buildReportSchema>>;
export type TSections = z.infer<typeof ZSections>;
export type TOverviewItem = z.infer<typeof ZOverviewItem>;
export type TContact = z.infer<typeof ZContact>;
export type TStated = z.infer<typeof ZStated>;
export type TStatedLabel = z.infer<typeof ZStatedLabel>;
export type LabelDeviationKind = (typeof LABEL_DEVIATION_KINDS)[number];
