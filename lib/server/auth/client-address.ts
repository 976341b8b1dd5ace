import "server-only";
import { isIP } from "node:net";

/**
 * The header better-auth reads the client address from (`advanced.ipAddress.ipAddressHeaders`).
 * Only withClientAddress sets it; whatever a client sends under this name is dropped first.
 */
export const CLIENT_IP_HEADER = "x-gov-report-client-ip";

/**
 * GOV_REPORT_TRUSTED_PROXY_HOPS: how many reverse proxies stand between the clients and this
 * server (0, the default: none, X-Forwarded-For and X-Forwarded-Proto are ignored).
 */
export function trustedProxyHops(value = process.env.GOV_REPORT_TRUSTED_PROXY_HOPS): number {
  if (value === undefined || value.trim() === "") return 0;
  if (!/^\d+$/.test(value.trim()) || Number(value) > 10) {
    throw new Error(`GOV_REPORT_TRUSTED_PROXY_HOPS 须为 0–10 的整数（可信反向代理的层数），当前为「${value}」。`);
  }
  return Number(value);
}

/** The comma-separated entries of a forwarding header, all of its lines together. */
function entries(value: string | null): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The entry the outermost trusted proxy wrote. Each of the `hops` proxies appends what it saw
 * (the client, then the proxy before it); the entries before those are whatever the client
 * claimed and are ignored. Null with no trusted proxy, or when the header is shorter than the
 * chain (a request that did not come through all the proxies).
 */
function trustedEntry(value: string | null, hops: number): string | null {
  if (hops < 1) return null;
  const list = entries(value);
  return list.length >= hops ? list[list.length - hops] : null;
}

/**
 * The client's IP address as the trusted proxies report it, or null when it cannot be known.
 * Next.js route handlers are not given the TCP peer address (Next.js only copies it into
 * X-Forwarded-For when the client sent none, so a client can always choose it): without trusted
 * proxies there is no address to trust, and the per-IP limit treats every client as one.
 */
export function clientAddress(headers: Headers, hops: number): string | null {
  const entry = trustedEntry(headers.get("x-forwarded-for"), hops);
  if (!entry) return null;
  const address = entry.replace(/^\[(.*)\](?::\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  return isIP(address) ? address : null;
}

/** Whether a trusted proxy says the client used HTTPS (X-Forwarded-Proto). */
export function forwardedHttps(headers: Headers, hops: number): boolean {
  return trustedEntry(headers.get("x-forwarded-proto"), hops)?.toLowerCase() === "https";
}

/** The request better-auth sees: the client address header replaced by the trusted one, if any. */
export function withClientAddress(request: Request, hops: number): Request {
  const address = clientAddress(request.headers, hops);
  if (!request.headers.has(CLIENT_IP_HEADER) && !address) return request;
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  if (address) headers.set(CLIENT_IP_HEADER, address);
  return new Request(request, { headers });
}

/** Adds `Secure` to every Set-Cookie header that lacks it. */
export function secureSetCookies(headers: Headers | null | undefined): void {
  if (!headers) return;
  const cookies = headers.getSetCookie();
  if (cookies.every((cookie) => /;\s*secure\s*(;|$)/i.test(cookie))) return;
  headers.delete("set-cookie");
  for (const cookie of cookies) headers.append("set-cookie", /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`);
}
