import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";

/** A session ends after 8 hours without use (better-auth's sliding `expiresIn`)… */
export const IDLE_SESSION_SECONDS = 8 * 60 * 60;
/** …and at the latest 12 hours after sign-in, however busy it is. */
export const ABSOLUTE_SESSION_MS = 12 * 60 * 60 * 1000;

/**
 * Deletes the session with this token when it was created longer than ABSOLUTE_SESSION_MS ago,
 * so the read that follows finds no session. One indexed DELETE; true when it ended one.
 */
export async function endSessionPastLifetime(prisma: PrismaClient, token: string, now = Date.now()): Promise<boolean> {
  const ended = await prisma.session.deleteMany({ where: { token, createdAt: { lte: new Date(now - ABSOLUTE_SESSION_MS) } } });
  return ended.count > 0;
}
