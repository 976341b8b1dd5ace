import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";

/** At most this many sign-in attempts for one user name are checked against the password… */
export const MAX_FAILURES = 5;
/** …until this long after the last of them; a successful sign-in starts afresh. */
export const WINDOW_MS = 15 * 60 * 1000;

/** User names are compared lower-case (as better-auth's username plugin does); bounded length. */
const keyOf = (username: string) => `user:${username.trim().toLowerCase().slice(0, 100)}`;

export type AttemptDecision = { allowed: true } | { allowed: false; minutes: number };

/**
 * Counts one sign-in attempt for this user name before its password is checked, or refuses it
 * when the user name is locked. Counting and deciding are one statement (INSERT … ON CONFLICT
 * DO UPDATE … WHERE … RETURNING): the row lock serializes concurrent attempts, so with 25 in
 * parallel exactly MAX_FAILURES come back allowed, and every app instance on the same database
 * shares the count. Refused attempts do not extend the lock.
 */
export async function reserveAttempt(prisma: PrismaClient, username: string, now = Date.now()): Promise<AttemptDecision> {
  const key = keyOf(username);
  const at = BigInt(now);
  const windowStart = BigInt(now - WINDOW_MS);
  const counted = await prisma.$queryRaw<{ attempts: number }[]>`
    INSERT INTO "LoginThrottle" ("key", "attempts", "lastAttempt") VALUES (${key}, 1, ${at})
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN "LoginThrottle"."lastAttempt" <= ${windowStart} THEN 1 ELSE "LoginThrottle"."attempts" + 1 END,
      "lastAttempt" = EXCLUDED."lastAttempt"
    WHERE "LoginThrottle"."attempts" < ${MAX_FAILURES} OR "LoginThrottle"."lastAttempt" <= ${windowStart}
    RETURNING "attempts"`;
  if (counted.length > 0) return { allowed: true };
  const row = await prisma.loginThrottle.findUnique({ where: { key } });
  // A parallel attempt that started after this one may have counted last (its `now` is later):
  // the lock never has more than the whole window left.
  const left = row ? Math.min(WINDOW_MS, Number(row.lastAttempt) + WINDOW_MS - now) : WINDOW_MS;
  return { allowed: false, minutes: Math.max(1, Math.ceil(left / 60000)) };
}

/** Minutes left before this user name may try again, or 0 when it may (for display only). */
export async function lockedMinutes(prisma: PrismaClient, username: string, now = Date.now()): Promise<number> {
  const row = await prisma.loginThrottle.findUnique({ where: { key: keyOf(username) } });
  if (!row || row.attempts < MAX_FAILURES) return 0;
  const left = Number(row.lastAttempt) + WINDOW_MS - now;
  return left > 0 ? Math.ceil(left / 60000) : 0;
}

/** Every user name locked now, with the minutes left (one query, for the account list). */
export async function lockedNames(prisma: PrismaClient, now = Date.now()): Promise<Map<string, number>> {
  const rows = await prisma.loginThrottle.findMany({ where: { attempts: { gte: MAX_FAILURES }, lastAttempt: { gt: BigInt(now - WINDOW_MS) }, key: { startsWith: "user:" } } });
  return new Map(rows.map((row) => [row.key.slice("user:".length), Math.ceil((Number(row.lastAttempt) + WINDOW_MS - now) / 60000)]));
}

/** After a successful sign-in: the user name starts afresh, and stale rows of other names go. */
export async function clearFailures(prisma: PrismaClient, username: string, now = Date.now()): Promise<void> {
  await prisma.loginThrottle.deleteMany({ where: { OR: [{ key: keyOf(username) }, { lastAttempt: { lte: BigInt(now - WINDOW_MS) } }] } });
}
