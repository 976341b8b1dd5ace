import { beforeAll, expect, it } from "vitest";
import type { CurrentUser } from "../authz";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError, fieldErrorsOf } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { listUsers } from "./list-users";
import { registerUser } from "./register-user";
import { resetPassword } from "./reset-password";
import { updateUser } from "./update-user";

const newEditor = { username: "Zhang.San", name: "张三", role: "EDITOR", agencyId: "agency-ecology", password: "Huanbao2026ok" };

describeEachDatabase("account management", (get) => {
  let users: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    users = await loadCurrentUsers(db.prisma);
  });

  it("creates an account that can sign in with its password, user name stored lower-case", async () => {
    const { db, auth } = get();
    const created = await registerUser(db.prisma, auth, users.admin, newEditor);
    expect(created).toMatchObject({ username: "zhang.san", name: "张三", role: "EDITOR", agencyId: "agency-ecology" });
    const session = await auth.api.signInUsername({ body: { username: "zhang.san", password: "Huanbao2026ok" } });
    expect(session?.user.id).toBe(created.id);
    expect((await listUsers(db.prisma, users.admin)).map((u) => u.username)).toContain("zhang.san");
  });

  it("rejects a weak password and a duplicate user name on their fields, creating nothing", async () => {
    const { db, auth } = get();
    const before = await db.prisma.user.count();
    const weak = await expectAppError(registerUser(db.prisma, auth, users.admin, { ...newEditor, username: "lisi", password: "12345678901" }), "INVALID");
    expect(fieldErrorsOf(weak)).toEqual({ password: "密码须同时包含字母和数字。" });
    const containsName = await expectAppError(registerUser(db.prisma, auth, users.admin, { ...newEditor, username: "lisi", password: "lisi20262026" }), "INVALID");
    expect(fieldErrorsOf(containsName).password).toBe("密码不能包含用户名。");
    const duplicate = await expectAppError(registerUser(db.prisma, auth, users.admin, { ...newEditor, username: "TianBao" }), "DUPLICATE");
    expect(fieldErrorsOf(duplicate)).toEqual({ username: "用户名 tianbao 已被使用，请换一个。" });
    const invalid = await expectAppError(registerUser(db.prisma, auth, users.admin, { username: "a-b", name: "", role: "REVIEWER", agencyId: "", password: "Huanbao2026ok" }), "INVALID");
    expect(Object.keys(fieldErrorsOf(invalid)).sort()).toEqual(["agencyId", "name", "username"]);
    await expectAppError(registerUser(db.prisma, auth, users.admin, { ...newEditor, username: "wangwu", agencyId: "no-such-agency" }), "INVALID");
    expect(await db.prisma.user.count()).toBe(before);
    expect(await db.prisma.account.count({ where: { user: { username: { in: ["lisi", "wangwu"] } } } })).toBe(0);
  });

  it("changes name, role and agency, but never removes the last admin or an admin's own role", async () => {
    const { db } = get();
    const zhang = await db.prisma.user.findUniqueOrThrow({ where: { username: "zhang.san" } });
    const updated = await updateUser(db.prisma, users.admin, zhang.id, { name: "张三丰", role: "REVIEWER", agencyId: "agency-city" });
    expect(updated).toMatchObject({ name: "张三丰", role: "REVIEWER", agencyId: "agency-city", username: "zhang.san" });
    const self = await expectAppError(updateUser(db.prisma, users.admin, users.admin.id, { name: "管理员", role: "EDITOR", agencyId: "agency-city" }), "INVALID");
    expect(fieldErrorsOf(self).role).toBe("不能取消自己的管理员角色。");
    const noAgency = await expectAppError(updateUser(db.prisma, users.admin, zhang.id, { name: "张三丰", role: "EDITOR", agencyId: "" }), "INVALID");
    expect(fieldErrorsOf(noAgency).agencyId).toBe("填报人和审核人必须属于一个机关。");
    await expectAppError(updateUser(db.prisma, users.admin, "no-such-user", { name: "某人", role: "EDITOR", agencyId: "agency-city" }), "NOT_FOUND");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: users.admin.id } })).role).toBe("ADMIN");
  });

  it("resets a password: the old one stops working, the new one works, and old sessions end", async () => {
    const { db, auth } = get();
    await auth.api.signInUsername({ body: { username: "jiaoyu", password: "Demo2026gov" } });
    expect(await db.prisma.session.count({ where: { userId: users.jiaoyu.id } })).toBeGreaterThan(0);
    const weak = await expectAppError(resetPassword(db.prisma, auth, users.admin, users.jiaoyu.id, "short1"), "INVALID");
    expect(fieldErrorsOf(weak).password).toMatch(/至少需要 10 个字符/);
    await resetPassword(db.prisma, auth, users.admin, users.jiaoyu.id, "Xuexiao2026new");
    expect(await db.prisma.session.count({ where: { userId: users.jiaoyu.id } })).toBe(0);
    await expect(auth.api.signInUsername({ body: { username: "jiaoyu", password: "Demo2026gov" } })).rejects.toThrow();
    expect((await auth.api.signInUsername({ body: { username: "jiaoyu", password: "Xuexiao2026new" } }))?.user.id).toBe(users.jiaoyu.id);
    await expectAppError(resetPassword(db.prisma, auth, users.admin, "no-such-user", "Whatever2026x"), "NOT_FOUND");
  });

  it("refuses editors and reviewers", async () => {
    const { db, auth } = get();
    for (const name of ["tianbao", "shenhe"]) {
      await expectAppError(registerUser(db.prisma, auth, users[name], { ...newEditor, username: `made_by_${name}` }), "FORBIDDEN");
      await expectAppError(updateUser(db.prisma, users[name], users[name].id, { name: "自封管理员", role: "ADMIN", agencyId: "" }), "FORBIDDEN");
      await expectAppError(resetPassword(db.prisma, auth, users[name], users.admin.id, "Takeover2026x"), "FORBIDDEN");
      await expectAppError(listUsers(db.prisma, users[name]), "FORBIDDEN");
    }
    expect(await db.prisma.user.count({ where: { OR: [{ username: { startsWith: "made_by_" } }, { role: "ADMIN" }] } })).toBe(1);
    expect((await auth.api.signInUsername({ body: { username: "admin", password: "Demo2026gov" } }))?.user.id).toBe(users.admin.id);
  });

  it("keeps one admin even when admins demote each other at the same moment", async () => {
    const { db, auth } = get();
    const extra = [];
    for (let i = 0; i < 5; i++) {
      const created = await registerUser(db.prisma, auth, users.admin, { username: `admin_${i}`, name: `管理员${i}`, role: "ADMIN", agencyId: "", password: "Guanli2026ok" });
      extra.push({ id: created.id, name: created.name, username: created.username!, role: created.role, agencyId: null });
    }
    // Each admin in a ring demotes the next one; without serialization every check sees enough admins.
    const ring: CurrentUser[] = [users.admin, ...extra];
    const results = await Promise.allSettled(
      ring.map((actor, i) => updateUser(db.prisma, actor, ring[(i + 1) % ring.length].id, { name: ring[(i + 1) % ring.length].name, role: "EDITOR", agencyId: "agency-city" })),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });
});
