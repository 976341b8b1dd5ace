/**
 * The kinds of published report file the importer reads, by name only: what an upload form
 * accepts and how screens name them. Kept apart from import-file.ts, which loads the parsers
 * (Node only), so browser code can use these.
 */

/** The kinds of published report the importer reads. */
export type ImportFileKind = "text" | "html" | "docx" | "doc" | "pdf";

export const IMPORT_FILE_KINDS: readonly ImportFileKind[] = ["text", "html", "docx", "doc", "pdf"];

/** File name extensions of the kinds, lower case. */
export const IMPORT_FILE_EXTENSIONS: Readonly<Record<string, ImportFileKind>> = {
  ".txt": "text",
  ".html": "html",
  ".htm": "html",
  ".docx": "docx",
  ".doc": "doc",
  ".pdf": "pdf",
};

/** What an upload field may accept (the `accept` attribute). */
export const IMPORT_FILE_ACCEPT = Object.keys(IMPORT_FILE_EXTENSIONS).join(",");

/** Chinese names of the kinds, for messages and the review screen. */
export const IMPORT_FILE_KIND_NAMES: Readonly<Record<ImportFileKind, string>> = {
  text: "文本",
  html: "网页（HTML）",
  docx: "Word（DOCX）",
  doc: "旧版 Word（DOC）",
  pdf: "PDF",
};

/** `.PDF` → `.pdf`; "" without an extension. */
export function fileExtension(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const match = /(\.[^.]+)$/.exec(base);
  return match && match.index > 0 ? match[1].toLowerCase() : "";
}

/** The kind a file name says, or undefined for an extension the importer does not read. */
export function importKindOf(filename: string): ImportFileKind | undefined {
  return IMPORT_FILE_EXTENSIONS[fileExtension(filename)];
}
