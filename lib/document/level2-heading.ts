/**
 * Whether a whole paragraph of free text is a level-2 heading: a Chinese ordinal in brackets —
 * full-width 「（一）」 as the format writes it, or half-width 「(一)」, with or without spaces —
 * followed by a short title with no sentence punctuation (「（一）存在的主要问题」, 「(二) 改进措施」).
 * 「（一）主动公开情况。本年度……」 is a paragraph that starts with its heading, not a heading.
 */
const LEVEL2_HEADING = /^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*[^\s。；;！!？?，,：:].{0,29}$/u;
const SENTENCE_PUNCTUATION = /[。；;！!？?，,：:…]/u;

export function isLevel2HeadingText(text: string): boolean {
  const trimmed = text.trim();
  return LEVEL2_HEADING.test(trimmed) && !SENTENCE_PUNCTUATION.test(trimmed.replace(/^[（(][^）)]*[）)]/u, ""));
}
