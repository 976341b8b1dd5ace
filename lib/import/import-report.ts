import type { ImportDocument } from "./intermediate";
import { mapDocument } from "./map/map-document";
import { parseText, MAX_TEXT_LENGTH } from "./text/parse-text";
import { failedImport } from "./failed-import";
import type { ImportOutcome, ImportProblem, ImportSource } from "./types";

/** One parser per source kind, each producing the same intermediate. */
const PARSERS: { [K in ImportSource["kind"]]: (source: Extract<ImportSource, { kind: K }>) => ImportDocument } = {
  text: (source) => parseText(source.text),
};

/**
 * Imports a published report (issue 9): deterministic and offline. Returns the interchange JSON
 * with the optional `stated.labels` extension, where every item came from, how labels and
 * headings deviate from the official format, what could not be placed, and what went wrong.
 * Never throws: a failure inside the importer is a problem `import.internal-error`.
 */
export function importReport(source: ImportSource): ImportOutcome {
  try {
    const outcome = mapDocument(PARSERS[source.kind](source));
    if (source.kind === "text" && source.text.length > MAX_TEXT_LENGTH) outcome.problems.push(textTooLongProblem());
    return outcome;
  } catch (error) {
    return failedImport(error);
  }
}

/** The problem of a text longer than the parser reads (it reads the first MAX_TEXT_LENGTH characters). */
export function textTooLongProblem(): ImportProblem {
  return { code: "input.too-long", message: `文本超过 ${MAX_TEXT_LENGTH} 个字符，只导入了前 ${MAX_TEXT_LENGTH} 个字符。` };
}
