import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { ACCOUNT_DISABLED, isAccountDisabled } from "../users/account-status";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import { passwordProblem } from "../../auth/password-policy";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../auth/password-rules";
import type { PrismaClient } from "../../generated/prisma/client";
import { dataDir, getPrisma } from "../db";
import { recordAudit } from "../audit";
import { CLIENT_IP_HEADER, forwardedHttps, secureSetCookies, trustedProxyHops, withClientAddress } from "./client-address";
import { clearFailures, reserveAttempt } from "./login-throttle";
import { endSessionPastLifetime, IDLE_SESSION_SECONDS } from "./session-lifetime";

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

/**
 * Endpoints the app does not use and that would bypass its rules: e-mail sign-in (no per-user
 * lock), public sign-up, e-mail change and reset (no mail is sent), and the user name probe
 * (it would tell which accounts exist).
 */
const DISABLED_PATHS = ["/sign-in/email", "/sign-up/email", "/is-username-available", "/change-email", "/request-password-reset", "/reset-password"];

/** better-auth endpoints that set a password, and the body field that carries it. */
const PASSWORD_FIELDS: Record<string, string> = {
  "/change-password": "newPassword",
  "/set-password": "newPassword",
  "/reset-password": "newPassword",
  "/sign-up/email": "password",
};

const USERNAME_IMMUTABLE = "用户名不能自行修改；如需更改，请联系管理员。";

export interface AuthSettings {
  /** Public base URL; BETTER_AUTH_URL, else http://localhost:$PORT. */
  baseURL?: string;
  /** Reverse proxies in front of the app; GOV_REPORT_TRUSTED_PROXY_HOPS, else 0. */
  trustedProxyHops?: number;
}

export function createAuth(prisma: PrismaClient, settings: AuthSettings = {}) {
  const port = process.env.PORT ?? "3000";
  const baseURL = settings.baseURL ?? process.env.BETTER_AUTH_URL ?? `http://localhost:${port}`;
  const hops = settings.trustedProxyHops ?? trustedProxyHops();
  const secureCookies = baseURL.startsWith("https://");
  const auth = betterAuth({
    appName: "政府信息公开工作年度报告编制系统",
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    secret: authSecret(),
    baseURL,
    trustedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    disabledPaths: DISABLED_PATHS,
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH },
    // Sliding idle expiry; the absolute lifetime is enforced by the before hook. No cookie cache:
    // every read goes to the database, so ended sessions end at once.
    session: { expiresIn: IDLE_SESSION_SECONDS, updateAge: 60 * 60, cookieCache: { enabled: false } },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: false },
        agencyId: { type: "string", input: false, required: false },
      },
    },
    databaseHooks: {
      user: {
        update: {
          // No better-auth endpoint may change a user name (admins rename in our own code, audited).
          before: async (data) => {
            if ("username" in data || "displayUsername" in data) throw new APIError("FORBIDDEN", { message: USERNAME_IMMUTABLE });
          },
        },
      },
    },
    advanced: {
      // Secure cookies when the public URL is https; behind a trusted proxy that says
      // X-Forwarded-Proto: https, the after hook adds the flag per request.
      useSecureCookies: secureCookies,
      // Only the address withClientAddress derived from trusted proxy hops; never a raw
      // client-supplied X-Forwarded-For. Without one, every client shares one per-IP bucket.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    // Per-IP limits, in the database so every app instance shares them; failed sign-ins are
    // throttled per user name below, with a Chinese message.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/username": { window: 60, max: 30 } },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Absolute lifetime, on every call that may read a session (getSession included).
        const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
        if (token) await endSessionPastLifetime(prisma, token);

        if (ctx.path === "/sign-in/username") {
          // Counted before the password is checked, atomically: parallel attempts cannot pass.
          const decision = await reserveAttempt(prisma, String(ctx.body?.username ?? ""));
          if (!decision.allowed) {
            throw new APIError("TOO_MANY_REQUESTS", { message: `登录失败次数过多，请 ${decision.minutes} 分钟后再试。` });
          }
          // A disabled account (issue 14.7) is refused whatever the password.
          if (await isAccountDisabled(prisma, String(ctx.body?.username ?? ""))) throw new APIError("FORBIDDEN", { message: ACCOUNT_DISABLED });
        }

        if (ctx.path === "/update-user" && ctx.body && typeof ctx.body === "object" && ("username" in ctx.body || "displayUsername" in ctx.body)) {
          throw new APIError("FORBIDDEN", { message: USERNAME_IMMUTABLE });
        }

        const passwordField = PASSWORD_FIELDS[ctx.path];
        if (passwordField && typeof ctx.body?.[passwordField] === "string") {
          const session = ctx.path === "/sign-up/email" ? null : await getSessionFromCtx(ctx);
          const name = String(session?.user.username ?? ctx.body?.username ?? "");
          const problem = passwordProblem(ctx.body[passwordField], name);
          if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "WEAK_PASSWORD" });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/username") {
          const name = String(ctx.body?.username ?? "");
          const session = ctx.context.newSession;
          if (session) {
            await clearFailures(prisma, name);
            await recordAudit(prisma, { actorId: session.user.id, action: "auth.signIn", details: { username: name } });
          } else {
            await recordAudit(prisma, { actorId: null, action: "auth.signInFailed", details: { username: name.slice(0, 64) } });
          }
        }
        const requestHeaders = ctx.request?.headers ?? ctx.headers;
        if (!secureCookies && requestHeaders && forwardedHttps(requestHeaders, hops)) secureSetCookies(ctx.context.responseHeaders);
      }),
    },
    plugins: [username({ immutableUsername: true }), nextCookies()],
  });
  // Every HTTP request first gets its client address from the trusted proxy hops (or none).
  const handler = auth.handler;
  const trustedHandler = (request: Request) => handler(withClientAddress(request, hops));
  return Object.assign(auth, { handler: trustedHandler, fetch: trustedHandler });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { govReportAuth?: Promise<Auth> };

/** The process-wide auth instance, created once the database is open. */
export function getAuth(): Promise<Auth> {
  globalForAuth.govReportAuth ??= getPrisma().then((prisma) => createAuth(prisma));
  return globalForAuth.govReportAuth;
}
