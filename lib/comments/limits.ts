/**
 * Length limits of comments and notes, once (no zod here: the forms in the browser import this
 * for `maxLength`, the schemas in ./comment-schema for validation).
 */

/** Longest comment, reply, return reason, submission note or 更正说明, in characters. */
export const NOTE_MAX_LENGTH = 2000;

/** The quoted text or value kept with a comment (what was there when it was made). */
export const QUOTE_MAX_LENGTH = 500;
