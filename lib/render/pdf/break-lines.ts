/*
 * Line breaking for Chinese body text (the PDF renderer sets every line itself): each line
 * becomes one or a few runs of text, justified by character spacing.
 */

import { urlBreaks, urlIn, WORD_CHAR } from "../latin-tokens";

/** May not start a line: closing brackets and quotes, pause and stop marks (UAX #14 CL/CP/EX/IS/NS, roughly). */
const NO_LINE_START = new Set("，。、；：！？）］｝】」』》〉”’·…‥,.;:!?)]}%‰℃°");
/** May not end a line: opening brackets and quotes (UAX #14 OP). */
const NO_LINE_END = new Set("（［｛【「『《〈“‘([{");

/*
 * A Latin token (../latin-tokens.ts) is never split at a line end — except a URL, after a "/" —
 * nor one longer than a whole line (split by character, as nothing else fits).
 */

export interface LineOptions {
  /** Width of the first line in pt (narrower by the first-line indent). */
  firstWidth: number;
  /** Width of the other lines in pt. */
  width: number;
  /**
   * Most negative character spacing in pt that may squeeze one more character onto a line
   * (GB/T 9704's 28 字 per line needs about −0.2 pt at 16 pt).
   */
  minSpacing: number;
}

interface Unit {
  text: string;
  width: number;
  /** A space: a break opportunity that disappears at a line's ends. */
  space: boolean;
}

/** Groups text into units that must stay on one line. */
function unitsOf(text: string, widthOf: (ch: string) => number): Unit[] {
  const units: Unit[] = [];
  let glueNext = false;
  let previous = "";
  for (const ch of text.replace(/\s+/g, " ")) {
    const width = widthOf(ch);
    const last = units[units.length - 1];
    if (ch === " ") {
      units.push({ text: ch, width, space: true });
      glueNext = false;
    } else {
      const joinsWord = WORD_CHAR.test(ch) && WORD_CHAR.test(previous);
      const joinsDash = ch === "—" && previous === "—";
      if (last && !last.space && (glueNext || NO_LINE_START.has(ch) || joinsWord || joinsDash)) {
        last.text += ch;
        last.width += width;
      } else {
        units.push({ text: ch, width, space: false });
      }
      glueNext = NO_LINE_END.has(ch);
    }
    previous = ch;
  }
  return units;
}

const length = (text: string) => [...text].length;

/**
 * The pieces a unit may be broken into at a line end: a URL's segments, each ending after a "/"
 * (never between the slashes of "//"), with the Hanzi or punctuation glued to its end kept on the last; any other
 * unit whole.
 */
function breakableParts(text: string, widthOf: (ch: string) => number): { text: string; width: number }[] {
  const url = urlIn(text);
  if (!url) return [{ text, width: widthOfText(text, widthOf) }];
  const cuts = urlBreaks(text);
  // Before the URL too, unless that would end a line with an opening bracket.
  if (url.start > 0 && !NO_LINE_END.has(text[url.start - 1])) cuts.unshift(url.start);
  const pieces = [...cuts, text.length].map((cut, i) => text.slice(i === 0 ? 0 : cuts[i - 1], cut));
  return pieces.map((p) => ({ text: p, width: widthOfText(p, widthOf) }));
}

function widthOfText(text: string, widthOf: (ch: string) => number): number {
  let width = 0;
  for (const ch of text) width += widthOf(ch);
  return width;
}

/**
 * Breaks `text` into lines no wider than the given widths, allowing each character to be
 * narrowed by up to `minSpacing`. A unit wider than a whole line is split by character.
 */
export function breakLines(text: string, widthOf: (ch: string) => number, options: LineOptions): string[] {
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  const limit = () => (lines.length === 0 ? options.firstWidth : options.width);
  const fits = (extra: string, extraWidth: number) =>
    lineWidth + extraWidth + (length(line + extra) - 1) * Math.min(0, options.minSpacing) <= limit() + 1e-6;
  const finish = () => {
    lines.push(line.trimEnd());
    line = "";
    lineWidth = 0;
  };
  for (const unit of unitsOf(text, widthOf)) {
    if (unit.space && line === "") continue;
    if (fits(unit.text, unit.width)) {
      line += unit.text;
      lineWidth += unit.width;
      continue;
    }
    if (unit.space) {
      finish();
      continue;
    }
    // A URL fills the line up to a "/" where the rest moves down; any other token moves down
    // whole. Only a token (or a URL segment) wider than a whole line is split by character.
    for (const part of breakableParts(unit.text, widthOf)) {
      if (fits(part.text, part.width)) {
        line += part.text;
        lineWidth += part.width;
        continue;
      }
      if (line.trim() !== "") finish();
      if (fits(part.text, part.width)) {
        line = part.text;
        lineWidth = part.width;
        continue;
      }
      for (const ch of part.text) {
        const width = widthOf(ch);
        if (line !== "" && !fits(ch, width)) finish();
        line += ch;
        lineWidth += width;
      }
    }
  }
  if (line.trim() !== "" || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
