import { beforeAll, expect, it } from "vitest";
import { seedDemoData } from "../seed/seed-demo";
import { describeEachDatabase } from "../test-support/test-database";
import { sessionCookie, signInRequest } from "./auth-test-requests";
import { ABSOLUTE_SESSION_MS } from "./session-lifetime";
import { quickSessionUser, sessionCookieSettings, verifiedSessionToken } from "./session-read";

const MINUTE = 60_000;

describeEachDatabase("the quick session read", (get) => {
  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
  });

  async function signedIn(username: string) {
    const { auth } = get();
    const response = await signInRequest(auth, username, "Demo2026gov");
    return { cookie: sessionCookie(response), token: (await response.json()).token as string };
  }

  it("answers with the same user as better-auth for a plainly valid session, in one query", async () => {
    const { db, auth } = get();
    const { cookie } = await signedIn("jiaoyu");
    const settings = await sessionCookieSettings(auth);
    const quick = await quickSessionUser(db.prisma, `other=1; ${cookie}`, settings);
    const full = await auth.api.getSession({ headers: new Headers({ cookie }) });
    const row = await db.prisma.user.findUniqueOrThrow({ where: { username: "jiaoyu" } });
    expect(quick).toEqual({ id: full!.user.id, name: row.name, username: "jiaoyu", role: row.role, agencyId: row.agencyId });
  });

  it("does not answer for a disabled account, even with a live session (one created while it was being disabled)", async () => {
    const { db, auth } = get();
    const { cookie } = await signedIn("shenhe");
    const settings = await sessionCookieSettings(auth);
    expect(await quickSessionUser(db.prisma, cookie, settings)).not.toBeNull();
    await db.prisma.user.update({ where: { username: "shenhe" }, data: { disabledAt: new Date() } });
    try {
      expect(await quickSessionUser(db.prisma, cookie, settings)).toBeNull();
    } finally {
      await db.prisma.user.update({ where: { username: "shenhe" }, data: { disabledAt: null } });
    }
  });

  it("never accepts a forged, truncated or foreign cookie", async () => {
    const { db, auth } = get();
    const { cookie, token } = await signedIn("tianbao");
    const settings = await sessionCookieSettings(auth);
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1))];
    expect(verifiedSessionToken(cookie, settings.cookieName, settings.secret)).toBe(token);
    const signature = value.slice(value.lastIndexOf(".") + 1);
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    for (const forged of [
      `${name}=${encodeURIComponent(`${token}.${flipped}`)}`,
      `${name}=${encodeURIComponent(`${token}x.${signature}`)}`,
      `${name}=${encodeURIComponent(token)}`,
      `${name}=${encodeURIComponent(`.${signature}`)}`,
      `other_${name}=${encodeURIComponent(value)}`,
    ]) {
      expect(verifiedSessionToken(forged, settings.cookieName, settings.secret), forged).toBeNull();
      expect(await quickSessionUser(db.prisma, forged, settings)).toBeNull();
    }
    expect(verifiedSessionToken(cookie, settings.cookieName, `${settings.secret}x`)).toBeNull();
    expect(await quickSessionUser(db.prisma, null, settings)).toBeNull();
  });

  it("leaves every session that is not plainly valid to better-auth: idle-expired, past the absolute lifetime, refresh due, signed out", async () => {
    const { db, auth } = get();
    const settings = await sessionCookieSettings(auth);
    const { cookie, token } = await signedIn("shenhe");
    const quick = () => quickSessionUser(db.prisma, cookie, settings);
    expect((await quick())?.username).toBe("shenhe");

    await db.prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - MINUTE) } });
    expect(await quick()).toBeNull();

    // Kept alive by use (no refresh due), but signed in 12h01m ago: past the absolute lifetime.
    await db.prisma.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() + 7.5 * 60 * MINUTE), createdAt: new Date(Date.now() - ABSOLUTE_SESSION_MS + MINUTE) } });
    expect((await quick())?.username).toBe("shenhe");
    await db.prisma.session.update({ where: { token }, data: { createdAt: new Date(Date.now() - ABSOLUTE_SESSION_MS - MINUTE) } });
    expect(await quick()).toBeNull();

    // Last refreshed more than updateAge ago: better-auth slides expiresAt (and re-sets the cookie).
    const refreshDue = Date.now() + (settings.expiresInSeconds - settings.updateAgeSeconds) * 1000 - MINUTE;
    await db.prisma.session.update({ where: { token }, data: { expiresAt: new Date(refreshDue), createdAt: new Date() } });
    expect(await quick()).toBeNull();
    expect((await auth.api.getSession({ headers: new Headers({ cookie }) }))?.user.username).toBe("shenhe");
    expect((await quick())?.username).toBe("shenhe");

    await db.prisma.session.delete({ where: { token } });
    expect(await quick()).toBeNull();
  });
});
