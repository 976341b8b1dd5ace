import { afterEach, beforeAll, expect, it } from "vitest";
import { COMMON_PASSWORD_MESSAGE, TRIVIAL_PASSWORD_MESSAGE } from "../../auth/password-policy";
import { seedDemoData } from "../seed/seed-demo";
import { describeEachDatabase } from "../test-support/test-database";
import { createAuth } from "./auth";
import { authRequest, sessionCookie, signInRequest } from "./auth-test-requests";
import { ABSOLUTE_SESSION_MS } from "./session-lifetime";

const HOUR = 60 * 60 * 1000;
/** The per-IP limit of /sign-in/username (rateLimit.customRules in auth.ts). */
const SIGN_IN_PER_IP = 30;

describeEachDatabase("sign-in security", (get) => {
  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
  });

  afterEach(async () => {
    await get().db.prisma.rateLimit.deleteMany();
    await get().db.prisma.loginThrottle.deleteMany();
  });

  async function spray(auth: ReturnType<typeof createAuth>, count: number, forwardedFor: (i: number) => string) {
    // A different (unknown) user name each time, so only the per-IP limit can refuse.
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      statuses.push((await signInRequest(auth, `nobody_${i}`, "Wrong2026pass", { "x-forwarded-for": forwardedFor(i) })).status);
    }
    return { refused: statuses.filter((s) => s === 429).length, wrong: statuses.filter((s) => s === 401).length };
  }

  it("ignores X-Forwarded-For by default: 40 attempts with rotating values share one per-IP limit", async () => {
    const { auth } = get();
    const result = await spray(auth, 40, (i) => `198.51.100.${i + 1}`);
    expect(result).toEqual({ wrong: SIGN_IN_PER_IP, refused: 40 - SIGN_IN_PER_IP });
  });

  it("honours X-Forwarded-For for the configured number of trusted proxy hops, and only that entry", async () => {
    const { db } = get();
    const behindProxy = createAuth(db.prisma, { trustedProxyHops: 1 });
    // Distinct clients as the proxy reports them: none is limited.
    expect(await spray(behindProxy, 40, (i) => `198.51.100.${i + 1}`)).toEqual({ wrong: 40, refused: 0 });
    // One client rotating what it prepends: the proxy's entry is the same, so it is limited.
    expect(await spray(behindProxy, SIGN_IN_PER_IP + 2, (i) => `10.0.0.${i + 1}, 203.0.113.9`)).toEqual({ wrong: SIGN_IN_PER_IP, refused: 2 });

    const twoHops = createAuth(db.prisma, { trustedProxyHops: 2 });
    expect(await spray(twoHops, SIGN_IN_PER_IP + 2, (i) => `10.0.0.${i + 1}, 203.0.113.10, 192.0.2.1`)).toEqual({ wrong: SIGN_IN_PER_IP, refused: 2 });
  });

  it("stores the trusted client address with the session, never a client-supplied one", async () => {
    const { db, auth } = get();
    const direct = await signInRequest(auth, "tianbao", "Demo2026gov", { "x-forwarded-for": "6.6.6.6", "x-gov-report-client-ip": "6.6.6.7" });
    expect(direct.status).toBe(200);
    const proxied = await signInRequest(createAuth(db.prisma, { trustedProxyHops: 1 }), "tianbao", "Demo2026gov", { "x-forwarded-for": "6.6.6.6, 203.0.113.5" });
    const addresses = (await db.prisma.session.findMany({ where: { token: { in: [(await direct.json()).token, (await proxied.json()).token] } } })).map((s) => s.ipAddress);
    expect(addresses).toContain("203.0.113.5");
    expect(addresses.some((a) => a?.startsWith("6.6.6."))).toBe(false);
  });

  it("refuses a user name change through update-user, for the owner and any better-auth path", async () => {
    const { db, auth } = get();
    const cookie = sessionCookie(await signInRequest(auth, "tianbao", "Demo2026gov"));
    for (const body of [{ username: "renamed" }, { displayUsername: "Renamed" }, { name: "田宝", username: "tianbao2" }]) {
      const response = await auth.handler(authRequest("/update-user", { body, headers: { cookie } }));
      expect(response.status).toBe(403);
      expect((await response.json()).message).toBe("用户名不能自行修改；如需更改，请联系管理员。");
    }
    await expect(auth.api.updateUser({ headers: new Headers({ cookie }), body: { username: "renamed" } as Record<string, unknown> })).rejects.toThrow();
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username: "tianbao" } });
    // Below the endpoints too: better-auth's own user update refuses the field.
    await expect((await auth.$context).internalAdapter.updateUser(user.id, { username: "renamed" })).rejects.toThrow(/用户名不能自行修改/);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ username: "tianbao", displayUsername: "tianbao" });
    // The user name is unchanged and still signs in.
    expect((await signInRequest(auth, "tianbao", "Demo2026gov")).status).toBe(200);
  });

  it("ends a session 12 hours after sign-in even while it is in use, on every read", async () => {
    const { db, auth } = get();
    const response = await signInRequest(auth, "shenhe", "Demo2026gov");
    const token = (await response.json()).token as string;
    const headers = new Headers({ cookie: sessionCookie(response) });
    expect((await auth.api.getSession({ headers }))?.user.username).toBe("shenhe");

    // Kept alive by use (expiresAt slid forward), 11h59m old: still valid.
    await db.prisma.session.update({ where: { token }, data: { createdAt: new Date(Date.now() - ABSOLUTE_SESSION_MS + 60_000), expiresAt: new Date(Date.now() + 7 * HOUR) } });
    expect((await auth.api.getSession({ headers }))?.user.username).toBe("shenhe");

    // 12h01m old, idle expiry still hours away: ended, for getSession and for endpoints behind a session.
    await db.prisma.session.update({ where: { token }, data: { createdAt: new Date(Date.now() - ABSOLUTE_SESSION_MS - 60_000) } });
    const viaHttp = await auth.handler(authRequest("/list-sessions", { headers: { cookie: headers.get("cookie")! } }));
    expect(viaHttp.status).toBe(401);
    expect(await auth.api.getSession({ headers })).toBeNull();
    expect(await db.prisma.session.count({ where: { token } })).toBe(0);
  });

  it("sets Secure cookies when the public URL is https or a trusted proxy says https, and only then", async () => {
    const { db, auth } = get();
    const cookieOf = (response: Response) => response.headers.getSetCookie().find((c) => /session_token=/.test(c))!;
    expect(cookieOf(await signInRequest(auth, "admin", "Demo2026gov"))).not.toMatch(/;\s*Secure/i);

    const https = createAuth(db.prisma, { baseURL: "https://report.example.gov.cn" });
    const httpsCookie = cookieOf(await signInRequest(https, "admin", "Demo2026gov", {}, "https://report.example.gov.cn"));
    expect(httpsCookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(httpsCookie).toMatch(/;\s*Secure/i);

    const proxied = createAuth(db.prisma, { trustedProxyHops: 1 });
    expect(cookieOf(await signInRequest(proxied, "admin", "Demo2026gov", { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.5" }))).toMatch(/;\s*Secure/i);
    expect(cookieOf(await signInRequest(proxied, "admin", "Demo2026gov", { "x-forwarded-proto": "http", "x-forwarded-for": "203.0.113.5" }))).not.toMatch(/;\s*Secure/i);
    // Without trusted proxies a client's X-Forwarded-Proto means nothing.
    expect(cookieOf(await signInRequest(auth, "admin", "Demo2026gov", { "x-forwarded-proto": "https" }))).not.toMatch(/;\s*Secure/i);
  });

  it("applies the password policy to better-auth's change-password: common and trivial passwords refused", async () => {
    const { auth } = get();
    const headers = new Headers({ cookie: sessionCookie(await signInRequest(auth, "jiaoyu", "Demo2026gov")) });
    const change = (newPassword: string) => auth.api.changePassword({ headers, body: { currentPassword: "Demo2026gov", newPassword } });
    await expect(change("Password123")).rejects.toThrow(COMMON_PASSWORD_MESSAGE);
    await expect(change("aaaaaaaaaa1")).rejects.toThrow(TRIVIAL_PASSWORD_MESSAGE);
    await expect(change("jiaoyu2026ok")).rejects.toThrow("密码不能包含用户名。");
    const viaHttp = await auth.handler(authRequest("/change-password", { body: { currentPassword: "Demo2026gov", newPassword: "Password123" }, headers: { cookie: headers.get("cookie")! } }));
    expect(viaHttp.status).toBe(400);
    expect((await viaHttp.json()).message).toBe(COMMON_PASSWORD_MESSAGE);
    expect((await signInRequest(auth, "jiaoyu", "Demo2026gov")).status).toBe(200);

    await change("Qiushi2026ok");
    expect((await signInRequest(auth, "jiaoyu", "Qiushi2026ok")).status).toBe(200);
  });

  it("closes the endpoints that would bypass these rules", async () => {
    const { auth } = get();
    const byEmail = await auth.handler(authRequest("/sign-in/email", { body: { email: "tianbao@users.gov-report.local", password: "Demo2026gov" } }));
    expect(byEmail.status).toBe(404);
    expect((await auth.handler(authRequest("/is-username-available", { body: { username: "tianbao" } }))).status).toBe(404);
  });
});
