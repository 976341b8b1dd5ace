import type { ValueKind } from "../template/types";

/** Why a cell's input is not a clean value of its kind. */
export type ValueProblem =
  | "not-a-number"
  | "negative"
  | "not-integer"
  | "money-precision"
  | "wrong-unit";

export interface NormalizedValue {
  /** The number the cell stands for, or null for a blank. */
  value: number | null;
  /** Input that was not written as a plain number but could be read (units, 减2, full-width digits…). */
  rewritten: boolean;
  problem?: ValueProblem;
}

const MONEY_DECIMALS = 4;

/** Full-width digits and signs as typed with Chinese input methods. */
function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[＋]/g, "+")
    .replace(/[－−—–]/g, "-")
    .replace(/[，,](?=\d{3}(\D|$))/g, "");
}

const BLANK_MARKS = new Set(["", "-", "--", "/", "／", "无", "空"]);

/** Shifts a decimal string by `places` digits (positive = multiply by 10^places) without floating error. */
function shiftDecimal(digits: string, places: number): string {
  const [int, frac = ""] = digits.split(".");
  const all = int + frac;
  const point = int.length + places;
  const padded = point < 0 ? "0".repeat(-point) + all : all.padEnd(point, "0");
  const at = Math.max(point, 0);
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, "") || "0";
  const rest = padded.slice(at).replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : whole;
}

/**
 * Reads a cell as people write it — "+1301", "-832", "减2", "2791.3万元", "1753802元",
 * full-width digits, stray spaces — into a number of the cell's kind. Money ends up in 万元.
 */
export function normalizeValue(input: unknown, kind: ValueKind): NormalizedValue {
  if (input === null || input === undefined) return { value: null, rewritten: false };
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return { value: null, rewritten: false, problem: "not-a-number" };
    return checkKind(input, String(input), kind, false);
  }
  if (typeof input !== "string") return { value: null, rewritten: false, problem: "not-a-number" };

  const compact = toHalfWidth(input).replace(/[\s\u3000\u00a0]+/g, "");
  if (BLANK_MARKS.has(compact)) return { value: null, rewritten: compact !== "" };

  const match = /^(增加|增|加|减少|减|\+|-)?(\d+(?:\.\d+)?)(亿元|万元|元|件|项|个|条|次|宗|人次)?$/.exec(compact);
  if (!match) return { value: null, rewritten: true, problem: "not-a-number" };
  const [, sign, digits, unit] = match;
  const negative = sign === "-" || sign === "减" || sign === "减少";
  const isMoneyUnit = unit === "元" || unit === "万元" || unit === "亿元";
  if (isMoneyUnit !== (kind === "money") && unit) return { value: null, rewritten: true, problem: "wrong-unit" };

  const inWan = unit === "元" ? shiftDecimal(digits, -4) : unit === "亿元" ? shiftDecimal(digits, 4) : digits;
  const value = Number(inWan) * (negative ? -1 : 1);
  const plain = String(value) === input.trim();
  return checkKind(value, inWan, kind, !plain);
}

function checkKind(value: number, digits: string, kind: ValueKind, rewritten: boolean): NormalizedValue {
  const result = { value, rewritten };
  if (kind === "money") {
    if (value < 0) return { ...result, problem: "negative" };
    const decimals = digits.includes(".") ? digits.split(".")[1].replace(/0+$/, "").length : 0;
    if (decimals > MONEY_DECIMALS) return { ...result, problem: "money-precision" };
    return result;
  }
  if (!Number.isInteger(value)) return { ...result, problem: "not-integer" };
  if (kind === "count" && value < 0) return { ...result, problem: "negative" };
  return result;
}

/** Prints a value as the report shows it: integers plainly, money with up to 4 decimals. */
export function formatValue(value: number | null, kind: ValueKind): string {
  if (value === null) return "";
  if (kind !== "money") return String(value);
  return value.toFixed(MONEY_DECIMALS).replace(/\.?0+$/, "");
}
