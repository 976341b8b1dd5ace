import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { ensurePublishedOutput, readPublishedOutputHead, type PublishedOutputHead } from "./published-outputs";
import type { PublicFormat } from "./public-params";
import { findPublication } from "./published-reports";

/** A named revision never changes (publications are append-only): cache it for a year. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** "Latest" moves on with the next correction: caches must revalidate (cheap: ETag → 304). */
export const LATEST_CACHE_CONTROL = "public, no-cache";

/**
 * True when an If-None-Match header names the entity tag: `*`, or one of a comma-separated
 * list, compared weakly as RFC 9110 §13.1.2 asks (a `W/` prefix is ignored).
 */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => opaque(tag) === opaque(etag));
}

function headers(output: PublishedOutputHead, format: PublicFormat, named: boolean): Record<string, string> {
  return {
    ETag: output.etag,
    "Cache-Control": named ? IMMUTABLE_CACHE_CONTROL : LATEST_CACHE_CONTROL,
    "Content-Type": output.contentType,
    "Content-Disposition": `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(output.filename)}`,
  };
}

/**
 * The public download of a published revision (`?revision=N`, or the latest): the stored file
 * (rendered and stored on the first request), 304 when If-None-Match names its ETag. Throws
 * NOT_FOUND for anything unpublished.
 */
export async function publicDownloadResponse(
  prisma: PrismaClient,
  request: { slug: string; year: number; format: PublicFormat; revision?: number; ifNoneMatch: string | null },
): Promise<Response> {
  const { slug, year, format, revision, ifNoneMatch } = request;
  const named = revision !== undefined;
  const publication = await findPublication(prisma, slug, year, revision);
  // A revalidation is answered from the stored ETag without reading the bytes.
  const head = ifNoneMatch ? await readPublishedOutputHead(prisma, publication.id, format) : null;
  if (head && matchesIfNoneMatch(ifNoneMatch, head.etag)) return new Response(null, { status: 304, headers: headers(head, format, named) });
  const output = await ensurePublishedOutput(prisma, publication, format);
  if (matchesIfNoneMatch(ifNoneMatch, output.etag)) return new Response(null, { status: 304, headers: headers(output, format, named) });
  return new Response(new Uint8Array(output.body), {
    headers: { ...headers(output, format, named), "Content-Length": String(output.body.byteLength) },
  });
}
