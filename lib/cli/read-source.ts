import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { decodeText, encodingName, TextEncodingError, type TextEncoding } from "../import/decode-text";
import { IMPORT_FILE_EXTENSIONS, ImportFileError, importFile, type ImportFileKind } from "../import/import-file";
import type { ImportOutcome } from "../import/types";
import { prepareReport, type InputIssue, type PreparedReport } from "../report/prepare-report";

/**
 * The CLI's one door to input files: a path and its bytes → a prepared interchange report
 * (`.json`) or the outcome of importing a published report (`.txt`, `.html`/`.htm`, `.docx`,
 * `.doc`, `.pdf`). Parsers are loaded on first use, so a command that reads JSON or text never
 * loads cheerio, jszip or pdf.js. Every failure is a SourceError with a one-line message for the
 * command line (English, the file named, the importer's Chinese reason quoted); nothing else is
 * thrown.
 *
 * JSON and text files are decoded by lib/import/decode-text.ts: UTF-8, UTF-16 (by its byte-order
 * mark or its NUL bytes) and GBK/GB18030 when the bytes are that with confidence, each decoding
 * other than UTF-8 announced in one line (`note`); anything else is refused, naming the first
 * byte that is not UTF-8 and what the bytes look like.
 */

export type ImportFormat = ImportFileKind;
export type SourceFormat = "json" | ImportFormat;

/** File name extensions the CLI reads, lower case: JSON and what the importer reads. */
export const SOURCE_EXTENSIONS: Readonly<Record<string, SourceFormat>> = { ".json": "json", ...IMPORT_FILE_EXTENSIONS };

export const FORMAT_NAMES: Readonly<Record<SourceFormat, string>> = {
  json: "JSON",
  text: "text",
  html: "HTML",
  docx: "DOCX",
  doc: "DOC",
  pdf: "PDF",
};

/** No input file is read beyond this (the largest parser limit, DOCX/DOC, is 30 MB). */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export function sourceFormatOf(path: string): SourceFormat | undefined {
  return SOURCE_EXTENSIONS[extname(path).toLowerCase()];
}

/** An input the CLI cannot use: `message` names the file and says why, `detail` adds lines. */
export class SourceError extends Error {
  constructor(
    message: string,
    /** Stable reason: `read.missing`, `source.unsupported`, `json.invalid`, `pdf.corrupt`, … */
    readonly code: string,
    /** Further issues (JSON schema issues beyond the first), for callers; the CLI prints `message` only. */
    readonly detail: string[] = [],
    /** The import, when the file was imported but its report cannot be checked. */
    readonly imported?: ImportedSource,
  ) {
    super(message);
    this.name = "SourceError";
  }
}

export interface ImportedSource {
  kind: "import";
  format: ImportFormat;
  outcome: ImportOutcome;
  /** The character encoding a text or HTML file was read in. */
  encoding?: string;
}

export type Source = { kind: "json"; format: "json"; report: PreparedReport; encoding: TextEncoding } | ImportedSource;

/** How a caller hears of a file decoded from an encoding other than UTF-8 (one line, no newline). */
export interface ReadOptions {
  note?: (line: string) => void;
}

/**
 * The line that says a JSON or text file was decoded from an encoding other than UTF-8, e.g.
 * `report.json: not UTF-8; read as GBK/GB18030`. HTML pages declare their charset: not noted.
 */
export function encodingNote(path: string, source: Source): string | undefined {
  if (source.format !== "json" && source.format !== "text") return undefined;
  const encoding = source.encoding as TextEncoding | undefined;
  if (!encoding || encoding === "utf-8") return undefined;
  return `note: ${path}: not UTF-8; read as ${encodingName(encoding)}`;
}

/** What a read error code means, for messages. */
function readReason(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a folder";
    default:
      return code ?? "read error";
  }
}

/** Reads a file's bytes, or throws a SourceError naming it. */
export async function readSourceBytes(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("folder"), { code: "EISDIR" });
    if (info.size > MAX_SOURCE_BYTES) {
      throw new SourceError(`${path}: the file is too large (${Math.ceil(info.size / 1024 / 1024)} MB; at most ${MAX_SOURCE_BYTES / 1024 / 1024} MB)`, "read.too-large");
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(`${path}: cannot read the file (${readReason(code)})`, code === "ENOENT" ? "read.missing" : "read.failed");
  }
}

/** Reads a file from disk: readSourceBytes, then readSource. */
export async function readSourceFile(path: string, options: ReadOptions = {}): Promise<Source> {
  const format = sourceFormatOf(path);
  if (!format) throw unsupported(path);
  return readSource(path, await readSourceBytes(path), options);
}

function unsupported(path: string): SourceError {
  const ext = extname(path);
  return new SourceError(
    `${path}: ${ext ? `"${ext}" files are not supported` : "a file without an extension is not supported"} (use .json, .txt, .html, .htm, .docx, .doc or .pdf)`,
    "source.unsupported",
  );
}

/** From a file's path (its extension decides the kind) and bytes to a report or an import. */
export async function readSource(path: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<Source> {
  const format = sourceFormatOf(path);
  if (!format) throw unsupported(path);
  const source: Source = format === "json" ? { kind: "json", format, ...(await prepareJson(path, bytes)) } : await importBytes(path, format, bytes);
  const note = encodingNote(path, source);
  if (note) options.note?.(note);
  return source;
}

/** Bytes that are not text in an encoding read with confidence: one line naming the problem. */
function encodingError(path: string, error: TextEncodingError): SourceError {
  return new SourceError(`${path}: ${error.message}`, "source.encoding");
}

async function prepareJson(path: string, bytes: Uint8Array): Promise<{ report: PreparedReport; encoding: TextEncoding }> {
  let text: string;
  let encoding: TextEncoding;
  try {
    ({ text, encoding } = await decodeText(bytes));
  } catch (error) {
    if (error instanceof TextEncodingError) throw encodingError(path, error);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SourceError(`${path}: not valid JSON (${(error as Error).message})`, "json.invalid");
  }
  const result = prepareReport(json);
  if (!result.ok) throw invalidReport(path, result.issues);
  return { report: result.report, encoding };
}

/**
 * A report the schema rejects: one line with the first issue (its JSON path and message; the
 * schema's own messages, such as a cell's bound, are Chinese) and the paths of a few more; all
 * but the first are also detail lines.
 */
export function invalidReport(path: string, issues: InputIssue[], what = "not a valid report"): SourceError {
  const [first] = issues;
  const others = issues.slice(1);
  const more = others.length
    ? ` (and ${others.length} more, at ${others.slice(0, 3).map((issue) => issue.path).join(", ")}${others.length > 3 ? ", …" : ""})`
    : "";
  const lines = issues.slice(1, 20).map((issue) => `  at ${issue.path}: ${issue.message}`);
  if (issues.length > 20) lines.push(`  … and ${issues.length - 20} more`);
  return new SourceError(`${path}: ${what}: at ${first?.path ?? "(root)"}: ${first?.message ?? "invalid"}${more}`, "report.invalid", lines);
}

/** One line from a parser's (often multi-line) failure. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Imports a published file through the importer's one dispatcher (lib/import/import-file.ts,
 * shared with the web app; it loads each parser on first use); its Chinese reason for an
 * unreadable file is quoted in the CLI's message.
 */
async function importBytes(path: string, format: ImportFormat, bytes: Uint8Array): Promise<ImportedSource> {
  try {
    const imported = await importFile({ bytes, filename: path });
    return { kind: "import", format: imported.kind, outcome: imported.outcome, encoding: imported.encoding };
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    if (error.cause instanceof TextEncodingError) throw encodingError(path, error.cause);
    const kind = error.kind ?? format;
    if (error.code === `${kind}.unavailable`) {
      const cause = error.cause instanceof Error ? ` (${error.cause.message.split("\n")[0]})` : "";
      throw new SourceError(`${path}: ${FORMAT_NAMES[kind]} import is not available in this build${cause}`, error.code);
    }
    throw new SourceError(`${path}: cannot import the ${FORMAT_NAMES[kind]} file (${error.code}): ${oneLine(error.message)}`, error.code);
  }
}

/** The imported report prepared for the rule engine, or a SourceError saying why it cannot be. */
export function prepareImported(path: string, source: ImportedSource): PreparedReport {
  const result = prepareReport(source.outcome.report);
  if (result.ok) return result.report;
  const missing = source.outcome.problems.filter((p) => p.code === "agency.missing" || p.code === "year.missing");
  if (missing.length) {
    const what = missing.map((p) => (p.code === "agency.missing" ? "the agency" : "the report year")).join(" and ");
    throw new SourceError(
      `${path}: cannot check the imported report: ${what} could not be read from its title (${missing.map((p) => p.code).join(", ")})`,
      missing[0].code,
      [],
      source,
    );
  }
  const error = invalidReport(path, result.issues, "the imported report is not valid");
  throw new SourceError(error.message, error.code, error.detail, source);
}
