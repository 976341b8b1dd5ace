import type { CellDef } from "../template/cells";
import { TABLE_NAMES } from "../template/cells";

const NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 6 → 六 (up to 99), for messages about numbers of parts. */
export function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n] ?? String(n);
  if (n < 20) return `十${NUMERALS[n % 10] === "零" ? "" : NUMERALS[n % 10]}`;
  if (n < 100) return `${NUMERALS[Math.floor(n / 10)]}十${n % 10 ? NUMERALS[n % 10] : ""}`;
  return String(n);
}

/** The row label a clerk sees, e.g. 「（三）不予公开 1.属于国家秘密」. */
export function rowName(def: CellDef): string {
  return def.rowLabels.slice(-2).join(" ");
}

/** 表三（收到和处理申请）「（三）不予公开 1.属于国家秘密」行「自然人」列. */
export function describeCell(def: CellDef): string {
  return `${TABLE_NAMES[def.table]}「${rowName(def)}」行「${def.colLabels.at(-1)}」列`;
}

export function describeCells(defs: CellDef[], limit = 3): string {
  const names = defs.slice(0, limit).map((d) => `「${rowName(d)}」行「${d.colLabels.at(-1)}」列`);
  return defs.length > limit ? `${names.join("、")}等 ${defs.length} 个单元格` : names.join("、");
}

/** Splits text into sentences for quoting. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[。；;！!？?])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Full-width digits to ASCII and whitespace removed, for matching numbers in prose. */
export function compactText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00a0]+/g, "");
}
