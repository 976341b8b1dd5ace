import { z } from "zod/mini";
import type { $RefinementCtx } from "zod/v4/core";
import { en } from "zod/v4/locales";
import { TEMPLATES } from "../../templates";
import { tableShape, templateCells } from "../template/cells";
import type { FormatVersion, ReportTemplate, TableDef, ValueKind } from "../template/types";
import {
  CELL_TEXT_MAX,
  CELL_VALUE_MAX,
  DATE_MESSAGE,
  DATE_PATTERN,
  LABEL_DEVIATION_KINDS,
  MONEY_NUMBER_MESSAGE,
  MONEY_PATTERN,
  MONEY_TEXT_MESSAGE,
  moneyDecimalsOk,
  NARRATIVE_MAX,
  textBeyondBound,
  TOO_BIG,
  TOO_SMALL,
} from "./input-limits";

export { CELL_VALUE_MAX, LABEL_DEVIATION_KINDS } from "./input-limits";

/**
 * Zod schemas of the interchange JSON (spec/report-json.md), derived from the templates.
 * `draft` accepts cells as people write them ("减2", "3414.41 万元"), to be normalized and
 * checked by the rule engine; `strict` demands canonical values, as a submitted report must.
 *
 * These are the contract's description (the JSON Schema, json-schema.ts, and the types); the
 * validation every caller runs is lib/report/input-shape.ts, built node for node like these and
 * held to them by input-shape.test.ts, so the browser loads no zod. Change one, change the other.
 * Written with zod/mini; server code composes them with zod classic (the two share zod's core).
 */

// zod/mini carries no messages ("Invalid input" for everything): the English ones, as
// input-shape.ts words them and describe-input-issue.ts reads them.
z.config(en());
export type SchemaMode = "draft" | "strict";

const ZDate = z.string().check(z.regex(DATE_PATTERN, DATE_MESSAGE));

export const ZContact = z.strictObject({
  address: z.optional(z.string().check(z.maxLength(200))),
  postcode: z.optional(z.string().check(z.maxLength(20))),
  phone: z.optional(z.string().check(z.maxLength(100))),
  fax: z.optional(z.string().check(z.maxLength(100))),
  email: z.optional(z.string().check(z.maxLength(200))),
  website: z.optional(z.string().check(z.maxLength(300))),
});

/**
 * A table label printed differently from the official format, kept by the importer so checks
 * can report it. `ref` names the label: `<table>.row.<id>`, `<table>.column.<id>` (table 4:
 * `reviews.column.<row>.<col>`), `proactive.block.<n>` / `proactive.block.<n>.label` /
 * `proactive.block.<n>.<col>` (table 2 block heading, 信息内容, column header; n from 0),
 * `requests.corner`; label nodes without an id use their index path, e.g. `requests.row.2`.
 */
export const ZStatedLabel = z.strictObject({
  ref: z.string().check(z.maxLength(120)),
  published: z.string().check(z.maxLength(300)),
  official: z.string().check(z.maxLength(300)),
  kind: z.optional(z.enum(LABEL_DEVIATION_KINDS)),
});

export const ZStated = z.strictObject({
  title: z.optional(z.string().check(z.maxLength(300))),
  period: z.optional(z.strictObject({ from: ZDate, to: ZDate })),
  sectionCount: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(99))),
  headings: z.optional(z.array(z.string().check(z.maxLength(300))).check(z.maxLength(50))),
  labels: z
    .optional(z.array(ZStatedLabel).check(z.maxLength(1000)))
    .register(z.globalRegistry, { description: "Table labels as published where they differ from the official format (imported reports)." }),
});

export const ZOverviewItem = z.strictObject({
  title: z.nullable(z.string().check(z.maxLength(200))),
  text: z.string().check(z.maxLength(NARRATIVE_MAX)),
});

export const ZSections = z.strictObject({
  overview: z.optional(z.array(ZOverviewItem).check(z.maxLength(50))),
  proactiveNote: z.optional(z.string().check(z.maxLength(NARRATIVE_MAX))),
  requestsNote: z.optional(z.string().check(z.maxLength(NARRATIVE_MAX))),
  reviewsNote: z.optional(z.string().check(z.maxLength(NARRATIVE_MAX))),
  problems: z.optional(z.string().check(z.maxLength(NARRATIVE_MAX))),
  other: z.optional(z.string().check(z.maxLength(NARRATIVE_MAX))),
});

/** A number within the bound; the bound is checked first and alone (an unsafe integer gets one issue). */
function boundedNumber(kind: ValueKind, min = -CELL_VALUE_MAX, ...more: Parameters<ReturnType<typeof z.number>["check"]>) {
  return z.number().check(z.maximum(CELL_VALUE_MAX, { message: TOO_BIG[kind], abort: true }), z.minimum(min, min === -CELL_VALUE_MAX ? { message: TOO_SMALL, abort: true } : undefined), ...more);
}

/** A cell written as text ("1753802元", "减2") is held to the bound by the value it stands for. */
function textWithinBound(kind: ValueKind) {
  return (value: string, ctx: $RefinementCtx<string>) => {
    const message = textBeyondBound(value, kind);
    if (message) ctx.addIssue({ code: "custom", message, input: value });
  };
}

function draftCell(kind: ValueKind) {
  return z.optional(z.union([boundedNumber(kind), z.string().check(z.maxLength(CELL_TEXT_MAX, { abort: true }), z.superRefine(textWithinBound(kind))), z.null()]));
}

function strictCell(kind: ValueKind) {
  switch (kind) {
    case "count":
      return z.optional(z.nullable(boundedNumber(kind, 0, z.int())));
    case "signed":
      return z.optional(z.nullable(boundedNumber(kind, -CELL_VALUE_MAX, z.int())));
    case "money":
      return z.optional(
        z.nullable(
          z.union([
            boundedNumber(kind, 0, z.refine(moneyDecimalsOk, MONEY_NUMBER_MESSAGE)),
            z.string().check(z.regex(MONEY_PATTERN, { message: MONEY_TEXT_MESSAGE, abort: true }), z.superRefine(textWithinBound(kind))),
          ]),
        ),
      );
  }
}

function tableSchema(template: ReportTemplate, table: TableDef, mode: SchemaMode) {
  const cells = templateCells(template);
  const rows: Record<string, z.ZodMiniType> = {};
  for (const [row, cols] of tableShape(table)) {
    const columns: Record<string, z.ZodMiniType> = {};
    for (const col of cols) {
      const kind = cells.get(`${table.id}.${row}.${col}`)!.kind;
      columns[col] = mode === "draft" ? draftCell(kind) : strictCell(kind);
    }
    rows[row] = z.optional(z.strictObject(columns));
  }
  return z.strictObject(rows);
}

function buildReportSchema(template: ReportTemplate, mode: SchemaMode) {
  return z.strictObject({
    format: z.optional(z.enum(["2019", "2021"])),
    agency: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    year: z.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
    date: z.optional(ZDate),
    contact: z.optional(ZContact),
    preface: z.optional(z.string().check(z.maxLength(NARRATIVE_MAX))),
    stated: z.optional(ZStated),
    sections: z.optional(ZSections),
    tables: z.optional(
      z.strictObject({
        proactive: z.optional(tableSchema(template, template.tables.proactive, mode)),
        requests: z.optional(tableSchema(template, template.tables.requests, mode)),
        reviews: z.optional(tableSchema(template, template.tables.reviews, mode)),
      }),
    ),
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
