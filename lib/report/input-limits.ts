import type { ValueKind } from "../template/types";
import { normalizeValue } from "./normalize-value";

/**
 * The limits and messages of the interchange JSON, shared by its two descriptions: the zod
 * schemas (lib/report/schema.ts: JSON Schema, types, the server's composition) and the validator
 * every caller runs (lib/report/input-shape.ts, without zod's core so the browser can load it).
 */

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** The message of a malformed date (describe-input-issue.ts translates it). */
export const DATE_MESSAGE = "YYYY-MM-DD";

export const NARRATIVE_MAX = 200_000;

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
 * The largest magnitude of a cell: 10^9 items for counts and changes, 10^9 万元 for amounts.
 * Far beyond any agency's figures, and well inside the integers a double holds exactly, so an
 * unsafe integer (1e20, 9007199254740993) is refused here with its path, in the app and the CLI.
 */
export const CELL_VALUE_MAX = 1_000_000_000;

/** Messages of the bound (Chinese: shown as they are, see describe-input-issue.ts). */
export const TOO_BIG: Record<ValueKind, string> = {
  count: `数值过大：不能大于 ${CELL_VALUE_MAX}（10 亿）。`,
  signed: `数值过大：不能大于 ${CELL_VALUE_MAX}（10 亿）。`,
  money: `金额过大：不能大于 ${CELL_VALUE_MAX} 万元。`,
};
export const TOO_SMALL = `数值过小：不能小于 -${CELL_VALUE_MAX}（负 10 亿）。`;

/** The longest text a cell may hold in a draft ("3414.41 万元", "减2"). */
export const CELL_TEXT_MAX = 60;

export const MONEY_PATTERN = /^\d+(\.\d{1,4})?$/;
export const MONEY_NUMBER_MESSAGE = "at most 4 decimals (万元)";
export const MONEY_TEXT_MESSAGE = "a decimal in 万元 with at most 4 decimals";

export function moneyDecimalsOk(value: number): boolean {
  return MONEY_PATTERN.test(String(value));
}

/** A cell written as text ("1753802元", "减2") is held to the bound by the value it stands for: the message when it is not. */
export function textBeyondBound(value: string, kind: ValueKind): string | null {
  const read = normalizeValue(value, kind).value;
  if (read === null || Math.abs(read) <= CELL_VALUE_MAX) return null;
  return read > 0 ? TOO_BIG[kind] : TOO_SMALL;
}
