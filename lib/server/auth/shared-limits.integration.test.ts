import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../db/open-database";
import { seedDemoData } from "../seed/seed-demo";
import { POSTGRES_ADMIN_URL } from "../test-support/test-database";
import { createAuth, type Auth } from "./auth";
import { countPasswordChecks, signInRequest } from "./auth-test-requests";
import { MAX_FAILURES } from "./login-throttle";

/** Two app instances (own Prisma client, own better-auth) on one PostgreSQL database. */
describe("sign-in limits shared by two app instances on one PostgreSQL database", () => {
  const name = `gov_report_it_${randomBytes(6).toString("hex")}`;
  let one: Database;
  let two: Database;
  let authOne: Auth;
  let authTwo: Auth;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    one = await openDatabase({ kind: "postgresql", url: url.toString() });
    two = await openDatabase({ kind: "postgresql", url: url.toString() });
    authOne = createAuth(one.prisma);
    authTwo = createAuth(two.prisma);
    await seedDemoData(one.prisma, authOne);
  });

  afterAll(async () => {
    await one?.close();
    await two?.close();
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  afterEach(async () => {
    await one.prisma.rateLimit.deleteMany();
    await one.prisma.loginThrottle.deleteMany();
  });

  it("shares the per-user lock: 25 parallel wrong passwords split over both check at most 5", async () => {
    const checksOne = await countPasswordChecks(authOne);
    const checksTwo = await countPasswordChecks(authTwo);
    try {
      // One wrong password on each instance first, so each has checked a password whatever the
      // scheduling (under load one instance can otherwise win every race), then 23 in parallel.
      const first = [await signInRequest(authOne, "tianbao", "Wrong2026pass-a"), await signInRequest(authTwo, "tianbao", "Wrong2026pass-b")];
      const responses = [...first, ...(await Promise.all(Array.from({ length: 23 }, (_, i) => signInRequest(i % 2 ? authOne : authTwo, "tianbao", `Wrong2026pass${i}`))))];
      expect(checksOne.count() + checksTwo.count()).toBe(MAX_FAILURES);
      expect(checksOne.count()).toBeGreaterThan(0);
      expect(checksTwo.count()).toBeGreaterThan(0);
      expect(responses.filter((r) => r.status === 401)).toHaveLength(MAX_FAILURES);
      for (const auth of [authOne, authTwo]) expect((await signInRequest(auth, "tianbao", "Demo2026gov")).status).toBe(429);
    } finally {
      checksOne.restore();
      checksTwo.restore();
    }
  });

  it("shares the per-IP limit: 30 sign-ins per minute in all, whichever instance serves them", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signInRequest(i % 2 ? authOne : authTwo, `nobody_${i}`, "Wrong2026pass")).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    // The count lives in the database (not in one process's memory), where both instances read it.
    const rows = await two.prisma.rateLimit.findMany({ where: { key: { endsWith: "|/sign-in/username" } } });
    expect(rows.map((r) => r.count)).toEqual([30]);
    for (const auth of [authOne, authTwo]) {
      const refused = await signInRequest(auth, "nobody_more", "Wrong2026pass");
      expect(refused.status).toBe(429);
      expect((await refused.json()).message).toBe("Too many requests. Please try again later.");
    }
  });
});
