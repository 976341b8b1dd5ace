import type { PreparedReport } from "../report/prepare-report";
import { sentencesOf } from "./describe";
import { narrativeTexts } from "./narrative-texts";
import type { Finding } from "./types";

/*
 * Half-width punctuation in Chinese text (issue 11): 公文 sets Chinese in full-width punctuation,
 * and text pasted from elsewhere often has 「工作,市公安局」 or 「(一)」. Half-width , ; : ? ! ( )
 * in Chinese text are flagged (halfWidthPunctuation); inside numbers (1,234), times (9:30), addresses and
 * Latin phrases (「Hello, world (draft)」) it is left alone. The finding carries the corrected text for the wizard's
 * one-click fix.
 */

const FULL_WIDTH: Record<string, string> = { ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）" };

/** A Chinese character or Chinese (full-width, CJK) punctuation. */
const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019]/;

/** The nearest character before `i` (or after, with step 1) that is not a space. */
function neighbour(text: string, i: number, step: -1 | 1): string {
  for (let j = i + step; j >= 0 && j < text.length; j += step) if (text[j] !== " ") return text[j];
  return "";
}

/**
 * Positions of half-width punctuation in Chinese text: , ; : ? ! after a Chinese character (the
 * mark belongs to what precedes it), ( next to one, and ) closing a flagged ( or after a Chinese
 * character.
 */
export function halfWidthPunctuation(text: string): number[] {
  const at: number[] = [];
  if (!HALF_WIDTH.test(text)) return at;
  const open: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!Object.hasOwn(FULL_WIDTH, ch)) continue;
    const before = CHINESE.test(neighbour(text, i, -1));
    if (ch === "(") {
      const flagged = before || CHINESE.test(neighbour(text, i, 1));
      open.push(flagged);
      if (flagged) at.push(i);
    } else if (ch === ")") {
      if (open.pop() || before) at.push(i);
    } else if (before) at.push(i);
  }
  return at;
}

const HALF_WIDTH = /[,;:?!()]/;

/**
 * The text with that punctuation full-width, and the spaces around it (which full-width forms
 * include) dropped; `at` are the positions halfWidthPunctuation gives, when already known.
 */
export function withFullWidthPunctuation(text: string, at: readonly number[] = halfWidthPunctuation(text)): string {
  let out = "";
  let from = 0;
  for (const i of at) {
    // The spaces before the mark go (the piece before it is trimmed; an empty piece follows a mark).
    out += text.slice(from, i).replace(/ +$/, "") + FULL_WIDTH[text[i]];
    from = i + 1;
    while (text[from] === " ") from++;
  }
  return out + text.slice(from);
}

/** C21: half-width punctuation in the narrative (warning, with the corrected text as a fix). */
export function checkPunctuation(report: PreparedReport): Finding[] {
  const findings: Finding[] = [];
  for (const { section, place, text, field } of narrativeTexts(report)) {
    const at = halfWidthPunctuation(text);
    if (at.length === 0) continue;
    const marks = [...new Set(at.map((i) => text[i]))];
    // The sentence of the first mark (a sentence holds no mark its own check would not flag: the
    // marks depend only on their neighbours).
    let offset = 0;
    const quote = sentencesOf(text).find((sentence) => (offset = text.indexOf(sentence, offset)) + sentence.length > at[0]) ?? text.slice(0, 80);
    findings.push({
      ruleId: "text.half-width-punctuation",
      severity: "warning",
      message: `${place}中有 ${at.length} 处半角标点（${marks.map((m) => `「${m}」`).join("")}），中文正文应使用全角标点（${marks.map((m) => FULL_WIDTH[m]).join("")}）。`,
      cells: [],
      section,
      quote,
      fix: { field, from: text, text: withFullWidthPunctuation(text, at), label: "改为全角标点" },
    });
  }
  return findings;
}
