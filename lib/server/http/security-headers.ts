import "server-only";

/**
 * The security headers of every response, applied by proxy.ts (the one place they are decided).
 * Scripts run only with the per-request nonce ('strict-dynamic' extends the trust to the chunks
 * Next's own scripts load); styles may be inline (React `style=` attributes, the report HTML).
 */

export interface SecuritySettings {
  /** Served over https (BETTER_AUTH_URL is https:): HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** `next dev`: React needs eval for its debugging aids. */
  development: boolean;
}

export function securitySettings(env: { BETTER_AUTH_URL?: string; NODE_ENV?: string } = process.env): SecuritySettings {
  return {
    https: (env.BETTER_AUTH_URL ?? "").trim().toLowerCase().startsWith("https:"),
    development: env.NODE_ENV === "development",
  };
}

/** A fresh unguessable nonce (128 bits, base64) for one response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, settings: SecuritySettings): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${settings.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(settings.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Signed-in API responses (drafts, exports, sessions, uploads for import) must never be stored by a browser or proxy. */
export function isAuthenticatedApi(pathname: string): boolean {
  return /^\/api\/(reports|auth|imports)(\/|$)/.test(pathname);
}

/** Every header of a response to `pathname` (the CSP carries `nonce`). */
export function securityHeaders(pathname: string, nonce: string, settings: SecuritySettings): [string, string][] {
  return [
    ["Content-Security-Policy", contentSecurityPolicy(nonce, settings)],
    ["X-Frame-Options", "DENY"],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=()"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ...(settings.https ? ([["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]] as [string, string][]) : []),
    ...(isAuthenticatedApi(pathname) ? ([["Cache-Control", "no-store"]] as [string, string][]) : []),
  ];
}
