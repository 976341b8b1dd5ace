import { NextResponse, type NextRequest } from "next/server";
import { actionBodyRefusal, actionHeaderRefusal, isServerAction, urlRefusal, type GuardRefusal } from "@/lib/server/http/request-guard";
import { contentSecurityPolicy, createNonce, securityHeaders, securitySettings } from "@/lib/server/http/security-headers";

/**
 * Runs before every route. First it refuses what no route can answer sensibly
 * (lib/server/http/request-guard.ts: malformed URLs, cross-origin or malformed server action
 * calls), then it puts the security headers on every response (lib/server/http/security-headers.ts).
 * Each request gets a fresh script nonce: Next.js reads it from the request's
 * Content-Security-Policy header while rendering and puts it on its own scripts, which is why
 * every page is rendered per request (app/layout.tsx). Not an authorization boundary: pages and
 * route handlers check the user.
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const settings = securitySettings();
  const refusal = await refusalOf(request);
  const response = refusal ? refuse(refusal) : next(request, nonce, settings);
  for (const [name, value] of securityHeaders(request.nextUrl.pathname, nonce, settings)) response.headers.set(name, value);
  return response;
}

async function refusalOf(request: NextRequest): Promise<GuardRefusal | null> {
  const url = urlRefusal(request.url);
  if (url || !isServerAction(request.method, request.headers)) return url;
  const headers = actionHeaderRefusal(request.headers);
  if (headers) return headers;
  // Reads a copy: Next hands the route the body as it came.
  return actionBodyRefusal(request.headers.get("content-type"), await request.clone().text());
}

function refuse(refusal: GuardRefusal): NextResponse {
  return NextResponse.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status, headers: { "Cache-Control": "no-store" } });
}

function next(request: NextRequest, nonce: string, settings: ReturnType<typeof securitySettings>): NextResponse {
  // What Next.js reads the nonce from (and x-nonce for our own code); a client's own are replaced.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, settings));
  requestHeaders.set("x-nonce", nonce);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

// Every path, static assets included (they get nosniff and the rest too).
export const config = { matcher: "/:path*" };
