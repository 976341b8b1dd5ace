import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ImportDocument } from "../intermediate";
import { checkSize, ImportInputError } from "./input-error";
import { isLegacyDoc, MAX_DOCX_BYTES, parseDocx } from "./parse-docx";

/**
 * Legacy Word 97–2003 `.doc` files, converted to DOCX by LibreOffice (`soffice --headless
 * --convert-to docx`) in a temporary folder with its own LibreOffice profile (so conversions
 * never wait on, or disturb, another running LibreOffice), under a time limit. Without
 * LibreOffice the conversion fails with a clear Chinese message. Node only.
 */

/** A `.doc` above this size is refused. */
export const MAX_DOC_BYTES = MAX_DOCX_BYTES;
/** Time one conversion may take, a first start of LibreOffice included. */
export const SOFFICE_TIMEOUT_MS = 60_000;

export const SOFFICE_MISSING_MESSAGE =
  "旧版 Word 文档（.doc）需要 LibreOffice 才能导入，但本机没有安装 LibreOffice（找不到 soffice 命令）。请安装 LibreOffice（例如 apt-get install libreoffice-writer-nogui），或在 Word/WPS 中将文件另存为 .docx 后再导入。";

export interface ConvertOptions {
  /** Path of soffice; null behaves as if LibreOffice were not installed. Default: found on PATH. */
  soffice?: string | null;
  timeoutMs?: number;
}

/** soffice (or libreoffice) on PATH. */
export function findSoffice(path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const name of ["soffice", "libreoffice"]) {
      // Any folder on PATH: not a project file for bundlers to trace.
      const candidate = join(/*turbopackIgnore: true*/ dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Runs a command in its own process group; on timeout the whole group is killed. */
function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let timedOut = false;
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

/** Converts a `.doc` (or anything LibreOffice Writer opens) to DOCX bytes. */
export async function convertDocToDocx(bytes: Uint8Array, options: ConvertOptions = {}): Promise<Uint8Array> {
  checkSize(bytes, MAX_DOC_BYTES, "Word ");
  const soffice = options.soffice === undefined ? findSoffice() : options.soffice;
  if (!soffice) throw new ImportInputError("doc.soffice-missing", SOFFICE_MISSING_MESSAGE);
  const timeoutMs = options.timeoutMs ?? SOFFICE_TIMEOUT_MS;
  const dir = await mkdtemp(join(tmpdir(), "gov-report-doc-"));
  try {
    const input = join(dir, "input.doc");
    const outDir = join(dir, "out");
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--invisible",
      "--norestore",
      "--nolockcheck",
      "--nodefault",
      "--nologo",
      "--convert-to",
      "docx:MS Word 2007 XML",
      "--outdir",
      outDir,
      input,
    ];
    let result: Awaited<ReturnType<typeof run>>;
    try {
      result = await run(soffice, args, timeoutMs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ImportInputError("doc.soffice-missing", SOFFICE_MISSING_MESSAGE, { cause: error });
      throw new ImportInputError("doc.convert-failed", `LibreOffice 无法启动，.doc 文件未能转换：${(error as Error).message}`, { cause: error });
    }
    if (result.timedOut) {
      throw new ImportInputError("doc.timeout", `LibreOffice 转换 .doc 文件超过 ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} 秒` : `${timeoutMs} 毫秒`}仍未完成，已停止。文件可能过大或已损坏，请在 Word/WPS 中另存为 .docx 后再导入。`);
    }
    let docx: Buffer;
    try {
      docx = await readFile(join(outDir, "input.docx"));
    } catch {
      const detail = result.stderr.trim() ? `（${result.stderr.trim().slice(0, 200)}）` : "";
      throw new ImportInputError("doc.convert-failed", `LibreOffice 未能转换该 .doc 文件，文件可能已损坏或不是 Word 文档${detail}。`);
    }
    return new Uint8Array(docx.buffer, docx.byteOffset, docx.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Word file of either kind: a legacy `.doc` is converted first. */
export async function parseWordFile(bytes: Uint8Array, options: ConvertOptions = {}): Promise<ImportDocument> {
  return parseDocx(isLegacyDoc(bytes) ? await convertDocToDocx(bytes, options) : bytes);
}
