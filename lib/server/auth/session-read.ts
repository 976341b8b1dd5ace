import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { isRole } from "../../auth/roles";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";
import type { Auth } from "./auth";
import { ABSOLUTE_SESSION_MS } from "./session-lifetime";

/*
 * The common case of reading the signed-in user in one query. better-auth's getSession costs
 * three statements (our absolute-lifetime DELETE, the session, its user) and its endpoint
 * machinery: about half of an autosave's server time (README, "Where a save's time goes"). Here
 * the session cookie's signature is checked as better-call signs it and the session is read
 * joined with its user; when that session is plainly valid — not idle-expired, younger than the
 * absolute lifetime, and with no sliding refresh due — its user is the answer. Anything else (no
 * row, expired, too old, refresh due, an unexpected role) returns null and the caller asks
 * better-auth, which deletes, refreshes and re-sets the cookie as it always did: this never
 * decides that someone is signed out, only that they are signed in.
 */

/** What the quick read needs from the auth instance: the cookie's name, the signing secret, the session timing. */
export interface SessionCookieSettings {
  cookieName: string;
  secret: string;
  expiresInSeconds: number;
  updateAgeSeconds: number;
}

const settingsOf = new WeakMap<Auth, Promise<SessionCookieSettings>>();

export function sessionCookieSettings(auth: Auth): Promise<SessionCookieSettings> {
  let settings = settingsOf.get(auth);
  if (!settings) {
    settings = auth.$context.then((context) => ({
      cookieName: context.authCookies.sessionToken.name,
      secret: context.secret,
      expiresInSeconds: context.sessionConfig.expiresIn,
      updateAgeSeconds: context.sessionConfig.updateAge,
    }));
    settingsOf.set(auth, settings);
  }
  return settings;
}

/**
 * The session token of a Cookie header when its signature is valid: better-call's signed cookie
 * is `token.base64(HMAC-SHA256(secret, token))` (44 characters ending in "="), compared in
 * constant time. Null for a missing, malformed or forged cookie.
 */
export function verifiedSessionToken(cookieHeader: string | null, cookieName: string, secret: string): string | null {
  const value = cookieValue(cookieHeader, cookieName);
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=") || !/^[A-Za-z0-9+/]+=*$/.test(signature)) return null;
  const given = Buffer.from(signature, "base64");
  const expected = createHmac("sha256", secret).update(token, "utf8").digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

/** A cookie's value in a Cookie header, URL-decoded as better-call reads it (the first one of that name). */
function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const pair of (cookieHeader ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

/** The signed-in user when the session is plainly valid (see above), else null: ask better-auth. */
export async function quickSessionUser(prisma: PrismaClient, cookieHeader: string | null, settings: SessionCookieSettings, now = Date.now()): Promise<CurrentUser | null> {
  const token = verifiedSessionToken(cookieHeader, settings.cookieName, settings.secret);
  if (!token) return null;
  // TIMESTAMP(3) columns hold UTC wall-clock time: ISO strings cast to timestamp compare alike.
  const at = (ms: number) => new Date(ms).toISOString();
  // better-auth refreshes a session once updateAge has passed since expiresAt was last set.
  const refreshDueBefore = now + (settings.expiresInSeconds - settings.updateAgeSeconds) * 1000;
  const rows = await prisma.$queryRaw<{ id: string; name: string; username: string | null; role: string; agencyId: string | null }[]>`
    SELECT u."id", u."name", u."username", u."role"::text AS "role", u."agencyId"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."token" = ${token}
      AND u."disabledAt" IS NULL
      AND s."expiresAt" > ${at(now)}::timestamp(3)
      AND s."createdAt" > ${at(now - ABSOLUTE_SESSION_MS)}::timestamp(3)
      AND s."expiresAt" > ${at(refreshDueBefore)}::timestamp(3)`;
  const row = rows[0];
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, name: row.name, username: row.username ?? "", role: row.role, agencyId: row.agencyId };
}
