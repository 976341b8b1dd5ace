import { normalizeValue } from "../../report/normalize-value";
import type { ValueKind } from "../../template/types";

/**
 * Table cell text → interchange value, as written: a plain number becomes a number; anything
 * else a clerk typed — 「+1301」, 「减2」, 「2791.3万元」, 「1753802元」, 「/」, 「—」, a name — stays
 * the string it is, for the rule engine to read with normalize-value and to report; a blank is
 * null. Reading uses lib/report/normalize-value.ts, the same reader the checks use.
 */

/** Longest text the draft schema takes in a cell; longer text is not a value. */
export const MAX_CELL_TEXT = 60;

/** Whitespace around a cell, the ideographic space, NBSP and BOM included (String.prototype.trim). */
export function trimCell(text: string): string {
  return text.trim();
}

const DASHES = /^[-—–－/／\\]+$/;

/** Whether a cell holds a value (a number as people write it, a blank or a blank mark), not a label. */
export function isValueText(text: string): boolean {
  const t = trimCell(text);
  if (t === "") return true;
  if (t.length > 40) return false;
  if (DASHES.test(t) || t === "无" || t === "空") return true;
  if (!/[0-9０-９]/.test(t)) return false;
  // Money units are wrong for a signed count but still a value: try both readings.
  return normalizeValue(t, "signed").problem !== "not-a-number" || normalizeValue(t, "money").problem !== "not-a-number";
}

export function isBlank(text: string): boolean {
  return trimCell(text) === "";
}

/** The value of a cell for the interchange JSON (see the module comment). */
export function contractValue(text: string, kind: ValueKind): number | string | null {
  const t = trimCell(text);
  if (t === "") return null;
  const read = normalizeValue(t, kind);
  if (!read.rewritten && read.value !== null) return read.value;
  return t;
}

const UNIT = /^(?:亿元|万元|元|件|项|个|条|次|宗|人次)$/;

/**
 * Whitespace-separated value tokens, a unit token joined to the number before it
 * (「3414.41 万元」 is one value); null when some token is not a value.
 */
export function valueTokens(text: string): string[] | null {
  const parts = trimCell(text).split(/[\s\u3000\u00a0]+/).filter(Boolean);
  const tokens: string[] = [];
  for (const part of parts) {
    if (UNIT.test(part) && tokens.length) {
      tokens[tokens.length - 1] += ` ${part}`;
    } else {
      tokens.push(part);
    }
  }
  return tokens.every(isValueText) ? tokens : null;
}

/**
 * Splits 「规章 0 0 1」 — a row's numbers run together after its label — into the label and the
 * values; null when the text does not end with values. 「规章0 0 1」 (no space after the label) is
 * split too.
 */
export function splitTrailingValues(text: string): { label: string; values: string[] } | null {
  const t = trimCell(text);
  // A row is a label and a few numbers; longer text is narrative.
  if (t.length > 400) return null;
  const parts = t.split(/[\s\u3000\u00a0]+/).filter(Boolean);
  const values: string[] = [];
  while (parts.length > 1) {
    const last = parts[parts.length - 1];
    if (UNIT.test(last) && parts.length > 2 && isValueText(parts[parts.length - 2])) {
      values.unshift(`${parts[parts.length - 2]} ${last}`);
      parts.splice(-2, 2);
    } else if (isValueText(last) && !/^[一二三四五六七八九十]/.test(last)) {
      values.unshift(last);
      parts.pop();
    } else {
      break;
    }
  }
  let label = parts.join(" ");
  const glued = /^(.*[^\d\s.+\-／/,，])([+\-]?\d+(?:\.\d+)?)$/.exec(label);
  if (glued && !/[.．、]$/.test(glued[1])) {
    values.unshift(glued[2]);
    label = glued[1];
  }
  if (!values.length || !label || isValueText(label)) return null;
  return { label, values };
}
