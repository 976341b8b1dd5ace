/*
 * Line breaking for Chinese body text, done here rather than by pdfmake: pdfmake makes every
 * Hanzi a separate inline (a break opportunity each), which makes layout and rendering slow
 * and the PDF large. Broken here, each line becomes one inline, justified by character spacing.
 */

/** May not start a line: closing brackets and quotes, pause and stop marks (UAX #14 CL/CP/EX/IS/NS, roughly). */
const NO_LINE_START = new Set("，。、；：！？）］｝】」』》〉”’·…‥,.;:!?)]}%‰℃°");
/** May not end a line: opening brackets and quotes (UAX #14 OP). */
const NO_LINE_END = new Set("（［｛【「『《〈“‘([{");
/** Latin letters, digits and what binds them into one word (numbers like 1,234.5, URLs, e-mail). */
const WORD_CHAR = /[A-Za-z0-9@#&*+=_~\-.,:/%'\u00C0-\u024F]/;

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
      // URLs and e-mail addresses may break after "/" and between a "." or "@" and a letter.
      const wordBreak = previous === "/" || (/[.@]/.test(previous) && /[A-Za-z]/.test(ch));
      const joinsWord = WORD_CHAR.test(ch) && WORD_CHAR.test(previous) && !wordBreak;
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
    // A Latin word that would leave more than 3 字 empty, or that is longer than a line, fills
    // lines character by character, as Chinese typesetting does; anything else moves down.
    const em = widthOf("中");
    const wide = unit.width > options.width || (/[A-Za-z0-9]/.test(unit.text) && limit() - lineWidth > 3 * em);
    if (!wide) {
      if (line.trim() !== "") finish();
      line = unit.text;
      lineWidth = unit.width;
      continue;
    }
    for (const ch of unit.text) {
      const width = widthOf(ch);
      if (line !== "" && !fits(ch, width)) finish();
      line += ch;
      lineWidth += width;
    }
  }
  if (line.trim() !== "" || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
