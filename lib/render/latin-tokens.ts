/*
 * Runs of Latin letters and digits in Chinese text, which every renderer keeps whole at a line
 * end: numbers (1,234.5), phone numbers (0952-2216049), e-mail addresses — and URLs, which may
 * break after a "/". The PDF sets its lines itself (pdf/break-lines.ts); the DOCX marks the same
 * tokens for Word and LibreOffice (docx/render-docx.ts).
 */

/** A character of a Latin token: letters, digits and what binds them into one. */
export const WORD_CHAR = /[A-Za-z0-9@#&*+=_~\-.,:/%'?\u00C0-\u024F]/;
const WORD_RUN = /[A-Za-z0-9@#&*+=_~\-.,:/%'?\u00C0-\u024F]{2,}/g;
/** A token that is a web address: it may break after a "/" (not between the two of "//"). */
export const URL_LIKE = /^(?:https?:\/\/|www\.)|^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\//i;
const SCHEME = /https?:\/\/|www\./i;

/**
 * The URL in `text`, a run of Latin characters possibly with other characters glued before the
 * URL (「网址:http://…」, 「（www.…」): its start and end offsets, or undefined if it holds none.
 */
export function urlIn(text: string): { start: number; end: number } | undefined {
  const scheme = text.search(SCHEME);
  const match = /[A-Za-z0-9@#&*+=_~\-.,:/%'?]+/.exec(scheme >= 0 ? text.slice(scheme) : text);
  if (!match || (scheme < 0 && !URL_LIKE.test(match[0]))) return undefined;
  const start = (scheme >= 0 ? scheme : 0) + match.index;
  return { start, end: start + match[0].length };
}

/** Where the URL in `text` may break: just after each of its "/" but the first of "//" and its last character. */
export function urlBreaks(text: string): number[] {
  const url = urlIn(text);
  const breaks: number[] = [];
  if (url) for (let i = url.start; i < url.end - 1; i++) if (text[i] === "/" && text[i + 1] !== "/") breaks.push(i + 1);
  return breaks;
}

/** The Latin tokens of `text` (two characters or more), with their offsets. */
export function latinTokens(text: string): { text: string; index: number }[] {
  return [...text.matchAll(WORD_RUN)].map((m) => ({ text: m[0], index: m.index }));
}
