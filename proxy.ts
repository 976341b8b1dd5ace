import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, securityHeaders, securitySettings } from "@/lib/server/http/security-headers";

/**
 * Security headers on every response (lib/server/http/security-headers.ts). Each request gets a
 * fresh script nonce: Next.js reads it from the request's Content-Security-Policy header while
 * rendering and puts it on its own scripts, which is why every page is rendered per request
 * (app/layout.tsx). Not an authorization boundary: pages and route handlers check the user.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const settings = securitySettings();
  // What Next.js reads the nonce from (and x-nonce for our own code); a client's own are replaced.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, settings));
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of securityHeaders(request.nextUrl.pathname, nonce, settings)) response.headers.set(name, value);
  return response;
}

// Every path, static assets included (they get nosniff and the rest too).
export const config = { matcher: "/:path*" };
