import "server-only";
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { exportReport } from "../reports/export-report";
import { PUBLIC_FORMATS, type PublicFormat } from "./public-params";

/*
 * A published revision is immutable (Publication and ReportVersion are append-only), so its
 * DOCX, PDF and HTML are rendered once, through the render pool, and kept in PublishedOutput;
 * every later download is served from there with the stored strong ETag.
 */

/** A stored download without its bytes: enough to answer If-None-Match. */
export interface PublishedOutputHead {
  publicationId: string;
  format: PublicFormat;
  contentType: string;
  filename: string;
  /** `"<sha256 hex of body>"`. */
  etag: string;
}

export interface PublishedOutput extends PublishedOutputHead {
  body: Buffer;
}

/** The publication whose file is wanted: its id and the frozen version it shows. */
export interface PublicationRef {
  id: string;
  versionId: string;
}

/** A strong entity tag of the bytes: the quoted hex sha256. */
export function strongEtag(body: Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("hex")}"`;
}

const HEAD_SELECT = { publicationId: true, format: true, contentType: true, filename: true, etag: true } as const;

/** The stored file's head, or null when the file has not been rendered yet. */
export async function readPublishedOutputHead(prisma: PrismaClient, publicationId: string, format: PublicFormat): Promise<PublishedOutputHead | null> {
  const row = await prisma.publishedOutput.findUnique({ where: { publicationId_format: { publicationId, format } }, select: HEAD_SELECT });
  return row && { ...row, format };
}

/** The stored file, or null when it has not been rendered yet. */
export async function readPublishedOutput(prisma: PrismaClient, publicationId: string, format: PublicFormat): Promise<PublishedOutput | null> {
  const row = await prisma.publishedOutput.findUnique({ where: { publicationId_format: { publicationId, format } }, select: { ...HEAD_SELECT, body: true } });
  return row && { ...row, format, body: Buffer.from(row.body.buffer, row.body.byteOffset, row.body.byteLength) };
}

/**
 * Stores a rendered file unless one is stored already, and returns the stored one. Two
 * processes (or a pre-render and a download) may race to store the same file: the insert does
 * nothing on conflict (INSERT … ON CONFLICT DO NOTHING) and the re-read returns the winner, so
 * every request gets the same bytes and ETag and none fails.
 */
export async function savePublishedOutput(
  prisma: PrismaClient,
  publicationId: string,
  format: PublicFormat,
  file: { contentType: string; filename: string; body: string | Uint8Array },
): Promise<PublishedOutput> {
  const body = typeof file.body === "string" ? Buffer.from(file.body, "utf8") : Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength);
  await prisma.publishedOutput.createMany({
    data: [{ publicationId, format, contentType: file.contentType, filename: file.filename, body: new Uint8Array(body), etag: strongEtag(body) }],
    skipDuplicates: true,
  });
  const stored = await readPublishedOutput(prisma, publicationId, format);
  if (!stored) throw new Error(`published output ${publicationId}/${format} vanished after it was stored`);
  return stored;
}

/*
 * Renders in flight, so concurrent first requests in this process share one render, and
 * pre-renders running in the background. On globalThis because Next.js may load this module
 * once per route bundle (the publish action and the download route).
 */
const STATE_KEY = Symbol.for("gov-report.published-outputs");
const globalState = globalThis as typeof globalThis & { [STATE_KEY]?: { inFlight: Map<string, Promise<PublishedOutput>>; background: Set<Promise<void>> } };
const { inFlight, background } = (globalState[STATE_KEY] ??= { inFlight: new Map(), background: new Set() });

/** The publication's file in this format: from storage, or rendered in the pool and stored now. */
export async function ensurePublishedOutput(prisma: PrismaClient, publication: PublicationRef, format: PublicFormat): Promise<PublishedOutput> {
  const stored = await readPublishedOutput(prisma, publication.id, format);
  if (stored) return stored;
  const key = `${publication.id}\u0000${format}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = (async () => {
      const { content } = await prisma.reportVersion.findUniqueOrThrow({ where: { id: publication.versionId }, select: { content: true } });
      return savePublishedOutput(prisma, publication.id, format, await exportReport(content, format));
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/** How long publishing waits for its pre-render before leaving it to finish in the background. */
export const PRERENDER_WAIT_MS = 5_000;

/**
 * Renders and stores every public format of a new publication, so its first visitors need not
 * wait. Best effort: never throws (a failure is logged and the file is rendered on its first
 * download instead), and resolves after `waitMs` at the latest, the renders going on in the
 * background when the pool is busy.
 */
export async function prerenderPublication(prisma: PrismaClient, publication: PublicationRef, waitMs = PRERENDER_WAIT_MS): Promise<void> {
  const task = Promise.all(
    PUBLIC_FORMATS.map((format) =>
      ensurePublishedOutput(prisma, publication, format).catch((error: unknown) => {
        console.warn(`[gov-report] pre-rendering ${format} of publication ${publication.id} failed; it will be rendered on first download`, error);
      }),
    ),
  ).then(() => undefined);
  background.add(task);
  void task.finally(() => background.delete(task));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
    timer.unref();
  });
  await Promise.race([task, timeout]);
  clearTimeout(timer);
}

/** Waits until no published output is being rendered or pre-rendered in this process (tests, shutdown). */
export async function settlePublishedOutputs(): Promise<void> {
  while (inFlight.size || background.size) await Promise.allSettled([...inFlight.values(), ...background]);
}
