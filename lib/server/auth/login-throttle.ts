import type { PrismaClient } from "../../generated/prisma/client";

/** After this many failed sign-ins for one user name within the window, sign-in is refused. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

const keyOf = (username: string) => `login-failures:${username.trim().toLowerCase()}`;

/** Minutes left before this user name may try again, or 0 when it may. */
export async function lockedMinutes(prisma: PrismaClient, username: string, now = Date.now()): Promise<number> {
  const row = await prisma.rateLimit.findUnique({ where: { key: keyOf(username) } });
  if (!row || row.count < MAX_FAILURES) return 0;
  const left = Number(row.lastRequest) + WINDOW_MS - now;
  return left > 0 ? Math.ceil(left / 60000) : 0;
}

/** Counts a failed sign-in; the count restarts after a quiet window. */
export async function recordFailure(prisma: PrismaClient, username: string, now = Date.now()): Promise<void> {
  const key = keyOf(username);
  const row = await prisma.rateLimit.findUnique({ where: { key } });
  const expired = !row || now - Number(row.lastRequest) > WINDOW_MS;
  await prisma.rateLimit.upsert({
    where: { key },
    create: { id: key, key, count: 1, lastRequest: BigInt(now) },
    update: { count: expired ? 1 : { increment: 1 }, lastRequest: BigInt(now) },
  });
}

export async function clearFailures(prisma: PrismaClient, username: string): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key: keyOf(username) } });
}
