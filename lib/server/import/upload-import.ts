import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { acceptOptions, FILE_TOO_LARGE_MESSAGE, importFoundReport, MAX_IMPORT_FILE_BYTES, NOTHING_FOUND_MESSAGE } from "../../import/accept-import";
import { ImportFileError, importFile, type ImportedFile } from "../../import/import-file";
import { recordAudit } from "../audit";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { getImportAgencyOrThrow } from "./import-access";

/** What is uploaded: a file as sent, or text pasted into the form. */
export type UploadSource = { bytes: Uint8Array; filename: string } | { text: string };

export interface UploadInput {
  agencyId: string;
  year: number;
  source: UploadSource;
}

export interface UploadOptions {
  /** LibreOffice for `.doc` (tests pass null for "not installed"); default: found on PATH. */
  soffice?: string | null;
}

/** The name pasted text is stored under. */
export const PASTED_FILENAME = "粘贴的文本.txt";

const MAX_FILENAME = 200;

/** A file name as a browser sent it, safe to show and to send back: no folders, no control characters, not too long. */
export function cleanFilename(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .trim();
  if (!base) return "未命名文件";
  if (base.length <= MAX_FILENAME) return base;
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : "";
  return base.slice(0, MAX_FILENAME - ext.length) + ext;
}

/**
 * Pasted text as the parser should see it: Word's line and page breaks (vertical tab, form feed)
 * as line breaks; other control characters and broken surrogates, which copying leaves behind
 * and no report contains, dropped.
 */
export function cleanPastedText(text: string): string {
  return text
    .replace(/[\u000b\u000c]/g, "\n")
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The importer's output as PostgreSQL's jsonb takes it: a file may carry NUL characters or
 * broken surrogates into the texts the parser read, which jsonb refuses (and which no report
 * means); they become U+FFFD.
 */
export function storableJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(
    JSON.stringify(value, (_key, entry: unknown) => (typeof entry === "string" ? entry.replace(/\u0000/g, "\uFFFD").replace(LONE_SURROGATE, "\uFFFD") : entry)),
  ) as Prisma.InputJsonValue;
}

function invalid(field: "file" | "text" | "year", message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError("INVALID", message, { fieldErrors: { [field]: message }, ...details });
}

/**
 * Uploads a published report for import: checks the user's scope for the agency and the year,
 * parses the file (or text) on the server with the one importer dispatcher, and stores the upload
 * with the outcome (PENDING), its audit row in the same transaction. A file that cannot be read
 * (unsupported, a scan without a text layer, corrupt, a `.doc` without LibreOffice), or in which
 * no report is found, is refused with the importer's Chinese message and stores nothing. The same
 * file uploaded again for the same agency and year while the first is pending returns that one.
 */
export async function uploadImport(prisma: PrismaClient, user: CurrentUser, input: UploadInput, now = new Date(), options: UploadOptions = {}) {
  const agency = await getImportAgencyOrThrow(prisma, user, input.agencyId);
  const year = acceptOptions(input.year, now.getFullYear()).DRAFT;
  if (!year.allowed) throw invalid("year", year.reason!);

  let bytes: Uint8Array;
  let filename: string;
  let imported: ImportedFile;
  try {
    if ("text" in input.source) {
      const text = cleanPastedText(input.source.text);
      if (!text.trim()) throw invalid("text", "请粘贴报告全文，或选择要上传的文件。");
      bytes = new TextEncoder().encode(text);
      if (bytes.byteLength > MAX_IMPORT_FILE_BYTES) throw new AppError("TOO_LARGE", FILE_TOO_LARGE_MESSAGE, { fieldErrors: { text: FILE_TOO_LARGE_MESSAGE } });
      filename = PASTED_FILENAME;
      imported = await importFile({ text });
    } else {
      bytes = input.source.bytes;
      if (bytes.byteLength > MAX_IMPORT_FILE_BYTES) throw new AppError("TOO_LARGE", FILE_TOO_LARGE_MESSAGE, { fieldErrors: { file: FILE_TOO_LARGE_MESSAGE } });
      filename = cleanFilename(input.source.filename);
      imported = await importFile({ bytes, filename, ...(options.soffice !== undefined && { soffice: options.soffice }) });
    }
  } catch (error) {
    // The importer's reason is for clerks already: 不支持「.odt」文件 …, 该 PDF 没有文字层 …
    if (error instanceof ImportFileError) throw invalid("text" in input.source ? "text" : "file", error.message, { reason: error.code });
    throw error;
  }
  if (!importFoundReport(imported.outcome)) throw invalid("text" in input.source ? "text" : "file", NOTHING_FOUND_MESSAGE, { reason: "import.nothing-found" });

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const pending = await prisma.importedSource.findFirst({
    where: { agencyId: agency.id, year: input.year, sha256, status: "PENDING" },
    select: { id: true },
  });
  if (pending) return { id: pending.id, existing: true };

  const id = randomUUID();
  await prisma.$transaction(async (tx) => {
    await tx.importedSource.create({
      data: {
        id,
        agencyId: agency.id,
        year: input.year,
        filename,
        sourceKind: imported.kind,
        encoding: imported.encoding ?? null,
        bytes: new Uint8Array(bytes),
        sha256,
        outcome: storableJson(imported.outcome),
        document: storableJson(imported.document),
        createdById: user.id,
      },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "import.upload",
      details: { importId: id, agencyId: agency.id, year: input.year, filename, sourceKind: imported.kind, sha256, size: bytes.byteLength },
    });
  });
  return { id, existing: false };
}
