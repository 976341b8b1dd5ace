import "server-only";
/**
 * Public URLs are typed by people and crawled by robots: anything that is not a plain year or
 * revision number is "not found", never an error page.
 */

/** 2020 from "2020"; null for anything else (2020.5, 0x7e4, 02020…). */
export function parsePublicYear(value: string): number | null {
  return /^(19|20|21)\d{2}$/.test(value) ? Number(value) : null;
}

/**
 * The `?revision=N` of a public page or download: undefined when absent (the latest revision),
 * null when malformed.
 */
export function parsePublicRevision(value: string | string[] | null | undefined): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return null;
  return /^[1-9]\d{0,3}$/.test(value) ? Number(value) : null;
}

/** Formats a visitor may download (the interchange JSON is for staff). */
export const PUBLIC_FORMATS = ["docx", "pdf", "html"] as const;
export type PublicFormat = (typeof PUBLIC_FORMATS)[number];

export function isPublicFormat(value: string): value is PublicFormat {
  return (PUBLIC_FORMATS as readonly string[]).includes(value);
}

/** /reports/<slug>: an agency's published years. */
export function publicAgencyPath(slug: string): string {
  return `/reports/${encodeURIComponent(slug)}`;
}

/** /reports/<slug>/<year>, with ?revision=N for an earlier revision. */
export function publicReportPath(slug: string, year: number, revision?: number): string {
  const path = `/reports/${encodeURIComponent(slug)}/${year}`;
  return revision === undefined ? path : `${path}?revision=${revision}`;
}

/** /api/public/reports/<slug>/<year>/<format>?revision=N: always names the revision shown. */
export function publicDownloadPath(slug: string, year: number, format: PublicFormat, revision: number): string {
  return `/api/public/reports/${encodeURIComponent(slug)}/${year}/${format}?revision=${revision}`;
}
