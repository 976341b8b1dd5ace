import { afterEach, beforeAll, expect, it } from "vitest";
import { seedDemoData } from "../seed/seed-demo";
import { describeEachDatabase } from "../test-support/test-database";
import { countPasswordChecks, signInRequest } from "./auth-test-requests";
import { MAX_FAILURES, reserveAttempt, WINDOW_MS } from "./login-throttle";

describeEachDatabase("per-user sign-in lock", (get) => {
  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
  });

  afterEach(async () => {
    // Each test starts with no per-IP or per-user counts.
    await get().db.prisma.rateLimit.deleteMany();
    await get().db.prisma.loginThrottle.deleteMany();
  });

  it("counts in one statement: of 25 parallel attempts exactly 5 are allowed", async () => {
    const { db } = get();
    const decisions = await Promise.all(Array.from({ length: 25 }, () => reserveAttempt(db.prisma, "someone")));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(MAX_FAILURES);
    expect(decisions.filter((d) => !d.allowed)).toEqual(Array(25 - MAX_FAILURES).fill({ allowed: false, minutes: 15 }));
    expect((await db.prisma.loginThrottle.findUniqueOrThrow({ where: { key: "user:someone" } })).attempts).toBe(MAX_FAILURES);
  });

  it("checks at most 5 of 25 parallel wrong passwords for one user, then refuses even the right one", async () => {
    const { db, auth } = get();
    const checks = await countPasswordChecks(auth);
    try {
      const responses = await Promise.all(Array.from({ length: 25 }, (_, i) => signInRequest(auth, i % 2 ? "tianbao" : "TianBao", `Wrong2026pass${i}`)));
      const statuses = responses.map((r) => r.status);
      expect(checks.count()).toBe(MAX_FAILURES);
      expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES);
      expect(statuses.filter((s) => s === 429)).toHaveLength(25 - MAX_FAILURES);
      const refused = responses.find((r) => r.status === 429)!;
      expect((await refused.json()).message).toBe("登录失败次数过多，请 15 分钟后再试。");

      const right = await signInRequest(auth, "tianbao", "Demo2026gov");
      expect(right.status).toBe(429);
      expect(checks.count()).toBe(MAX_FAILURES);
      expect(await db.prisma.auditEvent.count({ where: { action: "auth.signInFailed" } })).toBe(MAX_FAILURES);
    } finally {
      checks.restore();
    }
  });

  it("lets the user name try again 15 minutes after the last attempt; a success starts afresh", async () => {
    const { db, auth } = get();
    for (let i = 0; i < MAX_FAILURES; i++) expect((await signInRequest(auth, "jiaoyu", `Wrong2026pass${i}`)).status).toBe(401);
    expect((await signInRequest(auth, "jiaoyu", "Demo2026gov")).status).toBe(429);
    // Refused attempts do not extend the lock: move the last counted one 15 minutes back.
    await db.prisma.loginThrottle.update({ where: { key: "user:jiaoyu" }, data: { lastAttempt: BigInt(Date.now() - WINDOW_MS - 1000) } });
    expect((await signInRequest(auth, "jiaoyu", "Demo2026gov")).status).toBe(200);
    expect(await db.prisma.loginThrottle.count({ where: { key: "user:jiaoyu" } })).toBe(0);
    // Failures before a success do not add up with later ones.
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await signInRequest(auth, "jiaoyu", `Wrong2026pass${i}`)).status).toBe(401);
    expect((await signInRequest(auth, "jiaoyu", "Demo2026gov")).status).toBe(200);
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await signInRequest(auth, "jiaoyu", `Wrong2026pass${i}`)).status).toBe(401);
    expect((await signInRequest(auth, "jiaoyu", "Demo2026gov")).status).toBe(200);
  });
});
