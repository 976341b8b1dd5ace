import { beforeAll, expect, it } from "vitest";
import { signInRequest } from "../auth/auth-test-requests";
import type { CurrentUser } from "../authz";
import { DEMO_PASSWORD, seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { ACCOUNT_DISABLED, setAccountDisabled, unlockAccount } from "./account-status";
import { listUsers } from "./list-users";
import { resetPassword } from "./reset-password";
import { updateUser } from "./update-user";

/** Issue 14.7: an admin disables, enables and unlocks accounts; every admin change is audited. */
describeEachDatabase("account status and the admin's audit trail", (get) => {
  let u: Record<string, CurrentUser> = {};
  const audited = (action: string) => get().db.prisma.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
  });

  it("disables an account: signed out everywhere, refused at sign-in with a clear message; enabled, it signs in again", async () => {
    const { db, auth } = get();
    expect((await signInRequest(auth, "jiaoyu", DEMO_PASSWORD)).status).toBe(200);
    expect(await db.prisma.session.count({ where: { userId: u.jiaoyu.id } })).toBeGreaterThan(0);

    await setAccountDisabled(db.prisma, u.admin, u.jiaoyu.id, true);
    expect(await db.prisma.session.count({ where: { userId: u.jiaoyu.id } })).toBe(0);
    const refused = await signInRequest(auth, "jiaoyu", DEMO_PASSWORD);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toBe(ACCOUNT_DISABLED);
    expect((await listUsers(db.prisma, u.admin)).find((x) => x.id === u.jiaoyu.id)?.disabledAt).not.toBeNull();
    // Twice: no second audit row.
    await setAccountDisabled(db.prisma, u.admin, u.jiaoyu.id, true);
    expect(await audited("user.disable")).toHaveLength(1);

    await setAccountDisabled(db.prisma, u.admin, u.jiaoyu.id, false);
    expect((await signInRequest(auth, "jiaoyu", DEMO_PASSWORD)).status).toBe(200);
    expect((await audited("user.enable")).map((e) => e.details)).toEqual([{ userId: u.jiaoyu.id, username: "jiaoyu" }]);
  });

  it("lifts a sign-in lock, and says when there was none", async () => {
    const { db, auth } = get();
    for (let i = 0; i < 5; i++) await signInRequest(auth, "tianbao", "wrong-password-1");
    expect((await signInRequest(auth, "tianbao", DEMO_PASSWORD)).status).toBe(429);
    expect((await listUsers(db.prisma, u.admin)).find((x) => x.id === u.tianbao.id)?.lockedMinutes).toBeGreaterThan(0);
    expect((await unlockAccount(db.prisma, u.admin, u.tianbao.id)).wasLocked).toBe(true);
    expect((await signInRequest(auth, "tianbao", DEMO_PASSWORD)).status).toBe(200);
    expect((await unlockAccount(db.prisma, u.admin, u.tianbao.id)).wasLocked).toBe(false);
    expect(await audited("user.unlock")).toHaveLength(1);
  });

  it("refuses all of it to anyone but an admin, and an admin disabling themselves", async () => {
    const { db } = get();
    for (const actor of [u.tianbao, u.shenhe]) {
      await expectAppError(setAccountDisabled(db.prisma, actor, u.jiaoyu.id, true), "FORBIDDEN");
      await expectAppError(unlockAccount(db.prisma, actor, u.jiaoyu.id), "FORBIDDEN");
    }
    await expectAppError(setAccountDisabled(db.prisma, u.admin, u.admin.id, true), "INVALID");
    await expectAppError(setAccountDisabled(db.prisma, u.admin, "no-such-user", true), "NOT_FOUND");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.jiaoyu.id } })).disabledAt).toBeNull();
  });

  it("writes an admin's account changes and password resets to the audit trail", async () => {
    const { db, auth } = get();
    await updateUser(db.prisma, u.admin, u.jiaoyu.id, { name: "焦宇（改）", role: "EDITOR", agencyId: u.jiaoyu.agencyId });
    await resetPassword(db.prisma, auth, u.admin, u.jiaoyu.id, "Xuexiao2026new");
    const [update] = await audited("user.update");
    expect(update).toMatchObject({ actorId: u.admin.id, details: { userId: u.jiaoyu.id, username: "jiaoyu", changes: { name: { to: "焦宇（改）" } } } });
    expect((await audited("user.resetPassword")).map((e) => e.details)).toEqual([{ userId: u.jiaoyu.id, username: "jiaoyu" }]);
  });
});
