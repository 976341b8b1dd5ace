import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { isRole } from "../auth/roles";
import { getAuth } from "./auth/auth";
import { quickSessionUser, sessionCookieSettings } from "./auth/session-read";
import type { CurrentUser } from "./authz";
import { getPrisma } from "./db";
import { AppError } from "./errors";

/**
 * The signed-in user, or null. Role and agency come from the database, not the cookie:
 * better-auth's cookie cache is off, and every call reads the session and its user row (which
 * carries role and agencyId) — in one query for a plainly valid session (quickSessionUser), else
 * through better-auth's getSession. Memoized per request (React cache), so a page and its layout
 * share one lookup; outside a render (route handlers, actions) every call reads afresh.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Read the request first: during `next build` this marks the page dynamic and stops the
  // prerender before the database is opened.
  const requestHeaders = await headers();
  const auth = await getAuth();
  // One query when the session is plainly valid (lib/server/auth/session-read.ts); better-auth
  // decides every other case: expiry, the absolute lifetime, the sliding refresh, a forged cookie.
  const quick = await quickSessionUser(await getPrisma(), requestHeaders.get("cookie"), await sessionCookieSettings(auth));
  if (quick) return quick;
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  // A session of a disabled account (one created while the account was being disabled): none.
  if (await isDisabled(session.user.id)) return null;
  const user = session.user as typeof session.user & { role?: unknown; agencyId?: unknown; username?: string | null };
  if (typeof user.role === "string" && isRole(user.role) && (typeof user.agencyId === "string" || user.agencyId === null || user.agencyId === undefined)) {
    return { id: user.id, name: user.name, username: user.username ?? "", role: user.role, agencyId: user.agencyId ?? null };
  }
  // Fields missing from the session's user (never expected): read the row itself.
  const row = await (await getPrisma()).user.findUnique({ where: { id: user.id } });
  if (!row) return null;
  return { id: row.id, name: row.name, username: row.username ?? "", role: row.role, agencyId: row.agencyId };
});

/** Whether an account is disabled (issue 14.7); the slow path's check, the quick read has it in its WHERE. */
async function isDisabled(userId: string): Promise<boolean> {
  const row = await (await getPrisma()).user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
  return Boolean(row?.disabledAt);
}

/** For pages: the user, or a redirect to the login page. */
export async function requireUserPage(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For route handlers and actions: the user, or an UNAUTHENTICATED error. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED");
  return user;
}
