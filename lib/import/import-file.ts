import { decodeText, encodingName, TextEncodingError, type DecodedText } from "./decode-text";
import { failedImport } from "./failed-import";
import { fileExtension, IMPORT_FILE_EXTENSIONS, IMPORT_FILE_KIND_NAMES, type ImportFileKind } from "./file-kinds";
import type { ImportDocument } from "./intermediate";
import type { ImportOutcome } from "./types";

/**
 * The one door from a published report as a file (bytes and a file name) or as pasted text to
 * an ImportOutcome, shared by the CLI (lib/cli/read-source.ts) and the web app
 * (lib/server/import). The file name's extension says what the file should be; the first bytes
 * say what it is (content sniffing), and a PDF, Word or HTML file under the wrong name is read
 * as what it is. Parsers are loaded on first use, so reading text never loads cheerio, jszip or
 * pdf.js. Every file that cannot be read rejects with an ImportFileError: a stable code and a
 * Chinese message for clerks (unsupported kind, a scan without a text layer, no LibreOffice for
 * a `.doc`, a corrupt file …); nothing else is thrown. A failure inside the mapper is a problem
 * of the outcome (`import.internal-error`), never an exception.
 */

export { decodeText, TextEncodingError } from "./decode-text";
export { fileExtension, IMPORT_FILE_ACCEPT, IMPORT_FILE_EXTENSIONS, IMPORT_FILE_KIND_NAMES, IMPORT_FILE_KINDS, importKindOf, type ImportFileKind } from "./file-kinds";

/** What a file is read from: its bytes and name, or text (pasted; always the text kind). */
export type ImportFileInput =
  | {
      bytes: Uint8Array;
      filename: string;
      /** Path of LibreOffice's soffice for `.doc`; null behaves as if it were not installed. Default: found on PATH. */
      soffice?: string | null;
    }
  | { text: string };

/** A file read and mapped. */
export interface ImportedFile {
  /** The kind the file was read as (its content decides when its name says otherwise). */
  kind: ImportFileKind;
  /** The kind the file name says, when it differs from `kind`. */
  declared?: ImportFileKind;
  /** The character encoding a text or HTML file was read in. */
  encoding?: string;
  /** The intermediate the parser made: the source's blocks with their locations. */
  document: ImportDocument;
  outcome: ImportOutcome;
}

/** Stable reasons a file cannot be read (besides the parsers' own: `pdf.no-text-layer`, `docx.corrupt`, `doc.soffice-missing`, `input.too-large` …). */
export type ImportFileErrorCode = "source.unsupported" | "source.empty" | "text.binary" | "text.encoding" | `${ImportFileKind}.unavailable` | `${ImportFileKind}.failed` | (string & {});

/** A file the importer cannot read: `message` is Chinese, for clerks; `code` is stable, for callers. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    /** The kind the file was being read as, when known. */
    readonly kind?: ImportFileKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ImportFileError";
  }
}

const SUPPORTED_LIST = ".txt、.html、.htm、.docx、.doc 或 .pdf";

function unsupported(filename: string): ImportFileError {
  const ext = fileExtension(filename);
  return new ImportFileError(
    "source.unsupported",
    ext ? `不支持「${ext}」文件。请上传 ${SUPPORTED_LIST} 文件，或将报告内容复制为文本后粘贴导入。` : `无法识别该文件的类型（文件名没有扩展名）。请上传 ${SUPPORTED_LIST} 文件。`,
  );
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return magic.every((b, i) => bytes[at + i] === b);
}

/** A Rich Text Format file (`{\rtf`). */
function isRtf(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66]);
}

/**
 * What the first bytes say the file is: a PDF (`%PDF-` within the first KB, as readers accept),
 * a legacy Word file (OLE compound file), a zip (a DOCX is one), an HTML page (`<!DOCTYPE
 * html` or `<html` after a BOM and white space); undefined for anything else (text, or a file
 * too damaged to say).
 */
export function sniffImportKind(bytes: Uint8Array): ImportFileKind | undefined {
  if (startsWith(bytes, OLE_MAGIC)) return "doc";
  if (startsWith(bytes, ZIP_MAGIC)) return "docx";
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  if (head.includes("%PDF-")) return "pdf";
  const start = head.replace(/^(\u00ef\u00bb\u00bf|\u00ff\u00fe|\u00fe\u00ff)/, "").replace(/\u0000/g, "").trimStart().slice(0, 200).toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html") || (start.startsWith("<?xml") && start.includes("<html"))) return "html";
  return undefined;
}

/**
 * The kind a file is read as. The name decides, except where the content clearly is another
 * kind the importer reads: a PDF, a Word file (OLE or zip), or an HTML page under a text or
 * Word name. A file whose name has no extension is read as what its content says. A binary kind
 * whose content does not show it (a damaged PDF) stays what the name says, so its parser names
 * the damage.
 */
export function chooseImportKind(filename: string, bytes: Uint8Array): { kind: ImportFileKind; declared?: ImportFileKind } {
  const ext = fileExtension(filename);
  const declared = IMPORT_FILE_EXTENSIONS[ext];
  const sniffed = sniffImportKind(bytes);
  if (!declared) {
    if (ext || !sniffed) throw unsupported(filename);
    return { kind: sniffed };
  }
  if (!sniffed || sniffed === declared) return { kind: declared };
  // A page under a PDF name is most likely a web server's error page, not the report: the PDF
  // parser says the file is not a PDF. Under a text or Word name it is the report (content
  // management systems often serve Word's "web page" format as .doc).
  if (sniffed === "html" && declared === "pdf") return { kind: declared };
  return { kind: sniffed, declared };
}

/** Text that holds NUL or many other control characters is a binary file under a text name. */
function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 4096);
  if (!sample) return false;
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001f]/g)?.length ?? 0;
  return controls > sample.length * 0.1;
}

/** Bytes in no encoding decodeText reads: NUL or many control bytes make them a binary file. */
function bytesLookBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  const sample = bytes.subarray(0, 4096);
  let controls = 0;
  for (const b of sample) if ((b >= 0x01 && b <= 0x08) || (b >= 0x0e && b <= 0x1f)) controls++;
  return controls > sample.length * 0.1;
}

const BINARY_MESSAGE = "该文件不是文本文件（含有二进制内容），无法按文本导入。请确认文件类型，或将报告内容复制为文本后粘贴导入。";

/** The Chinese reason, for clerks, why a text file's bytes could not be decoded. */
function encodingMessage(error: TextEncodingError): string {
  const { reason } = error;
  const save = "请用记事本或 WPS 将文件另存为 UTF-8 编码后再导入，或将报告内容复制为文本后粘贴导入。";
  switch (reason.kind) {
    case "utf-16-invalid":
      return `该文件按 ${encodingName(reason.encoding)} 编码无法完整读取（第 ${reason.offset + 1} 个字节处损坏）。${save}`;
    case "utf-8-damaged":
      return `该文件是 UTF-8 编码，但第 ${reason.offset + 1} 个字节处有损坏的内容。${save}`;
    case "utf-8-bom-invalid":
      return `该文件开头标明是 UTF-8 编码，但内容不是 UTF-8（第 ${reason.offset + 1} 个字节）。${save}`;
    case "gb18030-damaged":
      return `该文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码，但第 ${reason.gbOffset + 1} 个字节处有损坏的内容。${save}`;
    case "not-chinese":
    case "unknown":
      return `无法识别该文件的字符编码（不是 UTF-8、GBK/GB18030 或 UTF-16）。${save}`;
  }
}

/** Like importReport: a failure inside the mapper is a problem, never an exception. */
function mapSafely(mapDocument: (document: ImportDocument) => ImportOutcome, document: ImportDocument): ImportOutcome {
  try {
    return mapDocument(document);
  } catch (error) {
    return failedImport(error);
  }
}

async function importText(text: string): Promise<{ document: ImportDocument; outcome: ImportOutcome }> {
  const [{ parseText, MAX_TEXT_LENGTH }, { mapDocument }, { textTooLongProblem }] = await Promise.all([
    import("./text/parse-text"),
    import("./map/map-document"),
    import("./import-report"),
  ]);
  let document: ImportDocument;
  try {
    document = parseText(text);
  } catch (error) {
    return { document: { source: "text", blocks: [] }, outcome: failedImport(error) };
  }
  const outcome = mapSafely(mapDocument, document);
  if (text.length > MAX_TEXT_LENGTH) outcome.problems.push(textTooLongProblem());
  return { document, outcome };
}

/** A parser of one binary kind, loaded on first use. */
type Parser = (bytes: Uint8Array, options: { soffice?: string | null }) => Promise<{ document: ImportDocument; encoding?: string }>;

const PARSERS: Record<Exclude<ImportFileKind, "text">, () => Promise<Parser>> = {
  html: async () => {
    const { parseHtmlFile } = await import("./html/parse-html");
    return async (bytes) => {
      const { document, encoding } = parseHtmlFile(bytes);
      return { document, encoding };
    };
  },
  // A .docx that is really a Word 97–2003 file is converted like a .doc, and the other way round.
  docx: async () => {
    const { parseWordFile } = await import("./docx/convert-doc");
    return async (bytes, options) => ({ document: await parseWordFile(bytes, options) });
  },
  // RTF under a .doc name (Word and WPS save it so) is converted by LibreOffice like a .doc.
  doc: async () => {
    const [{ convertDocToDocx, parseWordFile }, { parseDocx }] = await Promise.all([import("./docx/convert-doc"), import("./docx/parse-docx")]);
    return async (bytes, options) => ({
      document: isRtf(bytes) ? await parseDocx(await convertDocToDocx(bytes, options)) : await parseWordFile(bytes, options),
    });
  },
  pdf: async () => {
    const { parsePdf } = await import("./pdf/parse-pdf");
    return async (bytes) => ({ document: await parsePdf(bytes) });
  },
};

/** The parsers reject unreadable files with a coded error whose message is Chinese, for clerks. */
function parserFailure(kind: ImportFileKind, error: unknown): ImportFileError {
  const code = typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : undefined;
  // Only the importer's own errors carry a message meant for clerks (ImportInputError, PdfImportError).
  const known = code !== undefined && /^(input|docx|doc|pdf|html|text)\./.test(code) && error instanceof Error;
  if (known) return new ImportFileError(code, (error as Error).message, kind, { cause: error });
  return new ImportFileError(
    `${kind}.failed`,
    `无法读取该${IMPORT_FILE_KIND_NAMES[kind]}文件，文件可能已损坏或不完整。请重新获取原文件后再导入，或将报告内容复制为文本后粘贴导入。`,
    kind,
    { cause: error },
  );
}

/**
 * Reads a published report and maps it (see the module comment). Rejects with an
 * ImportFileError when the file cannot be read; resolves with the outcome otherwise, however
 * little it found.
 */
export async function importFile(input: ImportFileInput): Promise<ImportedFile> {
  if ("text" in input) {
    const { document, outcome } = await importText(input.text);
    return { kind: "text", document, outcome };
  }
  const { bytes, filename } = input;
  const { kind, declared } = chooseImportKind(filename, bytes);
  if (bytes.byteLength === 0) throw new ImportFileError("source.empty", "文件是空的（0 字节），没有可以导入的内容。", kind);
  if (kind === "text") {
    let decoded: DecodedText;
    try {
      decoded = await decodeText(bytes);
    } catch (error) {
      if (!(error instanceof TextEncodingError)) throw error;
      if (bytesLookBinary(bytes)) throw new ImportFileError("text.binary", BINARY_MESSAGE, kind);
      throw new ImportFileError("text.encoding", encodingMessage(error), kind, { cause: error });
    }
    const { text, encoding } = decoded;
    if (looksBinary(text)) throw new ImportFileError("text.binary", BINARY_MESSAGE, kind);
    return { kind, declared, encoding, ...(await importText(text)) };
  }
  let parse: Parser;
  let mapDocument: (document: ImportDocument) => ImportOutcome;
  try {
    parse = await PARSERS[kind]();
    ({ mapDocument } = await import("./map/map-document"));
  } catch (error) {
    throw new ImportFileError(`${kind}.unavailable`, `本系统的这个版本不能导入${IMPORT_FILE_KIND_NAMES[kind]}文件。`, kind, { cause: error });
  }
  let parsed: { document: ImportDocument; encoding?: string };
  try {
    parsed = await parse(bytes, { soffice: input.soffice });
  } catch (error) {
    throw parserFailure(kind, error);
  }
  return { kind, declared, encoding: parsed.encoding, document: parsed.document, outcome: mapSafely(mapDocument, parsed.document) };
}
