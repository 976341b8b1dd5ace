/**
 * A file the importer cannot read at all: too large, not the format it claims, corrupt, or a
 * legacy `.doc` without LibreOffice to convert it. The message is Chinese, for clerks; `code` is
 * stable, for callers (the same style as ImportProblem codes).
 */
export type ImportInputErrorCode =
  | "input.too-large"
  | "docx.corrupt"
  | "docx.no-document"
  | "docx.legacy-doc"
  | "doc.not-doc"
  | "doc.soffice-missing"
  | "doc.convert-failed"
  | "doc.timeout";

export class ImportInputError extends Error {
  readonly code: ImportInputErrorCode;

  constructor(code: ImportInputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImportInputError";
    this.code = code;
  }
}

/** 12.3 MB: sizes in messages. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Rejects a file over the limit with a message naming both sizes. */
export function checkSize(bytes: Uint8Array, limit: number, what: string) {
  if (bytes.byteLength > limit) {
    throw new ImportInputError("input.too-large", `${what}文件过大（${formatSize(bytes.byteLength)}），不能超过 ${formatSize(limit)}。`);
  }
}
