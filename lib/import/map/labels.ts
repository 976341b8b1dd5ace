import type { LabelDeviationKind } from "../../report/schema";

/**
 * Label matching: how a label as published relates to an official one, tolerant of what real
 * reports do to labels — whitespace inside (「结果 维持」), half-width forms (「(一) 予以公开」),
 * other punctuation (「，」 for 「、」), numbering dropped or split off (「(四)」 + 「无法提供」),
 * truncation (「本年新」), annotations (「采购总金额（万元，保留四位小数）」) and typos
 * (「本年发件」, 「过程性性」).
 */

/** A match kind: `exact`, or how the published label deviates. */
export type MatchKind = "exact" | Exclude<LabelDeviationKind, "other-format" | "reworded" | "improvised-row">;

/** Lower is closer. Truncated and annotated labels are equally weak; typos are the weakest. */
export const MATCH_RANK: Record<MatchKind, number> = {
  exact: 0,
  whitespace: 1,
  width: 2,
  punctuation: 3,
  numbering: 4,
  truncated: 5,
  annotated: 5,
  typo: 6,
};

/** A label with its comparison forms computed once. */
export interface PreparedLabel {
  text: string;
  /** Whitespace removed. */
  compact: string;
  /** … and full-width forms folded to ASCII. */
  folded: string;
  /** … and punctuation and symbols removed. */
  bare: string;
  /** The bare form without its leading numbering (一、 （一） 1.). */
  body: string;
  /** The leading numbering, folded, e.g. "(四)" or "1."; "" when there is none. */
  numbering: string;
}

const WHITESPACE = /[\s\u3000\u00a0\ufeff]+/g;
const PUNCTUATION = /[\p{P}\p{S}]/gu;
const NUMBERING = /^(?:[一二三四五六七八九十]{1,3}[、.,]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、,](?!\d))/;

/** Full-width ASCII forms (（ ） ， ： ０–９ Ａ–Ｚ …) and the ideographic space to ASCII. */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

export function prepareLabel(text: string): PreparedLabel {
  const compact = text.replace(WHITESPACE, "");
  const folded = foldWidth(compact);
  let rest = folded;
  let numbering = "";
  for (let i = 0; i < 2; i++) {
    const m = NUMBERING.exec(rest);
    if (!m) break;
    numbering += m[0];
    rest = rest.slice(m[0].length);
  }
  return {
    text,
    compact,
    folded,
    bare: folded.replace(PUNCTUATION, ""),
    body: rest.replace(PUNCTUATION, ""),
    numbering: numbering.replace(/[、,]/g, "."),
  };
}

/** Edit distance, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * Typo comparisons left for the current import. Matching is cheap for real reports (a few
 * hundred comparisons); a hostile text of thousands of label-like cells would make it the
 * bulk of the work, so beyond the budget labels match without typos. `resetTypoBudget` starts
 * each import afresh.
 */
let typoBudget = 0;
const TYPO_BUDGET = 200_000;

export function resetTypoBudget() {
  typoBudget = TYPO_BUDGET;
}

/** Whether the current import ran out of typo comparisons. */
export function typoBudgetExhausted(): boolean {
  return typoBudget <= 0;
}

resetTypoBudget();

/** Characters of `b` that also occur in `a` (with multiplicity): an upper bound on what survives edits. */
function sharedCharacters(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const c of a) counts.set(c, (counts.get(c) ?? 0) + 1);
  let shared = 0;
  for (const c of b) {
    const n = counts.get(c);
    if (n) {
      shared++;
      counts.set(c, n - 1);
    }
  }
  return shared;
}

/** Edits a label of this many characters may carry and still be the same label. */
function typoLimit(length: number): number {
  return length < 3 ? 0 : Math.max(1, Math.floor(length / 3));
}

/** How `published` relates to `official`, or null when it is not that label. */
export function classifyLabel(published: PreparedLabel, official: PreparedLabel, typos = true): MatchKind | null {
  if (published.text === official.text) return "exact";
  if (published.compact === official.compact) return "whitespace";
  if (published.folded === official.folded) return "width";
  if (published.bare === official.bare) return published.bare ? "punctuation" : null;
  const p = published.body;
  const o = official.body;
  if (p && p === o) return "numbering";
  // Only the numbering, its words in another cell: 「(四)」 … 「无法提供」 (seed 003).
  if (!p && published.numbering && published.numbering === official.numbering) return "truncated";
  if (!p || !o) return null;
  if (p.length >= 2 && p.length < o.length && (o.startsWith(p) || o.endsWith(p))) return "truncated";
  if (o.length >= 2 && p.length > o.length && p.startsWith(o)) return "annotated";
  if (!typos || typoBudget <= 0) return null;
  const limit = typoLimit(o.length);
  if (limit === 0 || Math.abs(p.length - o.length) > limit) return null;
  typoBudget--;
  if (sharedCharacters(p, o) < o.length - limit) return null;
  if (editDistance(p, o, limit) <= limit) return "typo";
  return null;
}

export function matchRank(kind: MatchKind, published: PreparedLabel, official: PreparedLabel): number {
  if (kind !== "typo") return MATCH_RANK[kind];
  return MATCH_RANK.typo + editDistance(published.body, official.body, 9) / 10;
}

/**
 * The candidate `published` names, by closeness; null when none matches or when two candidates
 * with different wording match equally well (「本年新」 is a prefix of two headers).
 */
export function bestMatch<T extends { label: PreparedLabel }>(
  published: PreparedLabel,
  candidates: readonly T[],
): { entry: T; kind: MatchKind } | null {
  // A typo never beats a closer match: look for typos only when nothing else matches.
  for (const typos of [false, true]) {
    let best: { entry: T; kind: MatchKind; rank: number } | null = null;
    let tied = false;
    for (const entry of candidates) {
      const kind = classifyLabel(published, entry.label, typos);
      if (!kind) continue;
      const rank = matchRank(kind, published, entry.label);
      if (!best || rank < best.rank) {
        best = { entry, kind, rank };
        tied = false;
      } else if (rank === best.rank && entry.label.text !== best.entry.label.text) {
        tied = true;
      }
    }
    if (best) return tied ? null : { entry: best.entry, kind: best.kind };
  }
  return null;
}
