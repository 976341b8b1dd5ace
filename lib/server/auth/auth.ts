import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import { MIN_PASSWORD_LENGTH } from "../../auth/password-policy";
import type { PrismaClient } from "../../generated/prisma/client";
import { dataDir, getPrisma } from "../db";
import { recordAudit } from "../audit";
import { clearFailures, lockedMinutes, recordFailure } from "./login-throttle";

/** Sessions last a working day and are refreshed while in use. */
const SESSION_SECONDS = 8 * 60 * 60;

/** BETTER_AUTH_SECRET, or a random one kept in the data directory for the embedded setup. */
function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = join(dataDir(), "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir(), { recursive: true });
    const secret = randomBytes(32).toString("hex");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function createAuth(prisma: PrismaClient) {
  const port = process.env.PORT ?? "3000";
  return betterAuth({
    appName: "政府信息公开工作年度报告编制系统",
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    secret: authSecret(),
    baseURL: process.env.BETTER_AUTH_URL ?? `http://localhost:${port}`,
    trustedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: 128 },
    session: { expiresIn: SESSION_SECONDS, updateAge: 60 * 60 },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: false },
        agencyId: { type: "string", input: false, required: false },
      },
    },
    // Per-IP limits; failed sign-ins are throttled per user name below, with a Chinese message.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/username": { window: 60, max: 30 } },
    },
    hooks: {
      // Throttle failed sign-ins per user name (IP-based limits alone miss a shared office IP).
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/username") return;
        const name = String(ctx.body?.username ?? "");
        const minutes = await lockedMinutes(prisma, name);
        if (minutes > 0) {
          throw new APIError("TOO_MANY_REQUESTS", { message: `登录失败次数过多，请 ${minutes} 分钟后再试。` });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/username") return;
        const name = String(ctx.body?.username ?? "");
        const session = ctx.context.newSession;
        if (session) {
          await clearFailures(prisma, name);
          await recordAudit(prisma, { actorId: session.user.id, action: "auth.signIn", details: { username: name } });
        } else {
          await recordFailure(prisma, name);
          await recordAudit(prisma, { actorId: null, action: "auth.signInFailed", details: { username: name.slice(0, 64) } });
        }
      }),
    },
    plugins: [username(), nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { govReportAuth?: Promise<Auth> };

/** The process-wide auth instance, created once the database is open. */
export function getAuth(): Promise<Auth> {
  globalForAuth.govReportAuth ??= getPrisma().then(createAuth);
  return globalForAuth.govReportAuth;
}
