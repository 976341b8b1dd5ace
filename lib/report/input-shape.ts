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
import type { SchemaMode, TReportInput } from "./schema";
import * as s from "./shape";

/**
 * The interchange JSON's shape for the validator every caller runs (prepare-report.ts), built
 * from the templates as lib/report/schema.ts builds the zod schemas — node for node, check for
 * check, in the same order, so both report the same issues (input-shape.test.ts compares them).
 * Change one, change the other.
 */

const date = () => s.string(s.regex(DATE_PATTERN, { message: DATE_MESSAGE }));
const text = (max: number) => s.string(s.maxLength(max));

const contact = s.strictObject({
  address: s.optional(text(200)),
  postcode: s.optional(text(20)),
  phone: s.optional(text(100)),
  fax: s.optional(text(100)),
  email: s.optional(text(200)),
  website: s.optional(text(300)),
});

const statedLabel = s.strictObject({
  ref: text(120),
  published: text(300),
  official: text(300),
  kind: s.optional(s.oneOf(LABEL_DEVIATION_KINDS)),
});

const stated = s.strictObject({
  title: s.optional(text(300)),
  period: s.optional(s.strictObject({ from: date(), to: date() })),
  sectionCount: s.optional(s.number(s.int, s.minimum(0), s.maximum(99))),
  headings: s.optional(s.array(text(300), s.maxLength(50))),
  labels: s.optional(s.array(statedLabel, s.maxLength(1000))),
});

const overviewItem = s.strictObject({
  title: s.nullable(text(200)),
  text: text(NARRATIVE_MAX),
});

const sections = s.strictObject({
  overview: s.optional(s.array(overviewItem, s.maxLength(50))),
  proactiveNote: s.optional(text(NARRATIVE_MAX)),
  requestsNote: s.optional(text(NARRATIVE_MAX)),
  reviewsNote: s.optional(text(NARRATIVE_MAX)),
  problems: s.optional(text(NARRATIVE_MAX)),
  other: s.optional(text(NARRATIVE_MAX)),
});

function boundedNumber(kind: ValueKind, min: number, ...more: s.Check[]): s.Shape {
  return s.number(
    s.maximum(CELL_VALUE_MAX, { message: TOO_BIG[kind], abort: true }),
    s.minimum(min, min === -CELL_VALUE_MAX ? { message: TOO_SMALL, abort: true } : {}),
    ...more,
  );
}

const withinBound = (kind: ValueKind) =>
  s.superRefine<string>((value, addIssue) => {
    const message = textBeyondBound(value, kind);
    if (message) addIssue(message);
  });

function draftCell(kind: ValueKind): s.Shape {
  return s.optional(s.union([boundedNumber(kind, -CELL_VALUE_MAX), s.string(s.maxLength(CELL_TEXT_MAX, { abort: true }), withinBound(kind)), s.nullValue]));
}

function strictCell(kind: ValueKind): s.Shape {
  switch (kind) {
    case "count":
      return s.optional(s.nullable(boundedNumber(kind, 0, s.int)));
    case "signed":
      return s.optional(s.nullable(boundedNumber(kind, -CELL_VALUE_MAX, s.int)));
    case "money":
      return s.optional(
        s.nullable(
          s.union([
            boundedNumber(kind, 0, s.refine(moneyDecimalsOk, MONEY_NUMBER_MESSAGE)),
            s.string(s.regex(MONEY_PATTERN, { message: MONEY_TEXT_MESSAGE, abort: true }), withinBound(kind)),
          ]),
        ),
      );
  }
}

function tableShapeOf(template: ReportTemplate, table: TableDef, mode: SchemaMode): s.Shape {
  const cells = templateCells(template);
  const rows: Record<string, s.Shape> = {};
  for (const [row, cols] of tableShape(table)) {
    const columns: Record<string, s.Shape> = {};
    for (const col of cols) {
      const kind = cells.get(`${table.id}.${row}.${col}`)!.kind;
      columns[col] = mode === "draft" ? draftCell(kind) : strictCell(kind);
    }
    rows[row] = s.optional(s.strictObject(columns));
  }
  return s.strictObject(rows);
}

function buildReportShape(template: ReportTemplate, mode: SchemaMode): s.Shape {
  return s.strictObject({
    format: s.optional(s.oneOf(["2019", "2021"])),
    agency: s.string(s.trim, s.minLength(1), s.maxLength(100)),
    year: s.number(s.int, s.minimum(2000), s.maximum(2100)),
    date: s.optional(date()),
    contact: s.optional(contact),
    preface: s.optional(text(NARRATIVE_MAX)),
    stated: s.optional(stated),
    sections: s.optional(sections),
    tables: s.optional(
      s.strictObject({
        proactive: s.optional(tableShapeOf(template, template.tables.proactive, mode)),
        requests: s.optional(tableShapeOf(template, template.tables.requests, mode)),
        reviews: s.optional(tableShapeOf(template, template.tables.reviews, mode)),
      }),
    ),
  });
}

const cache = new Map<string, s.Shape>();

export type ValidateResult = { success: true; data: TReportInput } | { success: false; issues: s.ShapeIssue[] };

/** Validates a report against its format's shape: the output (agency trimmed) or zod's issues. */
export function validateReportInput(version: FormatVersion, mode: SchemaMode, input: unknown): ValidateResult {
  const key = `${version}:${mode}`;
  let shape = cache.get(key);
  if (!shape) {
    shape = buildReportShape(TEMPLATES[version], mode);
    cache.set(key, shape);
  }
  return s.validateShape(shape, input) as ValidateResult;
}
