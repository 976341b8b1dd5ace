import { beforeAll, expect, it } from "vitest";
import type { CurrentUser } from "../authz";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError, fieldErrorsOf } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { createAgency } from "./create-agency";
import { listAgencies } from "./list-agencies";
import { updateAgency } from "./update-agency";

const city = { name: "示例市人民政府", slug: "shili-shi", parentId: "" };

describeEachDatabase("agency management", (get) => {
  let users: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    users = await loadCurrentUsers(db.prisma);
  });

  it("creates an agency under a parent, trimming input and storing blank contact fields as absent", async () => {
    const { prisma } = get().db;
    const created = await createAgency(prisma, users.admin, {
      name: " 示例市交通运输局 ",
      slug: "shili-shi-jiaotong",
      parentId: "agency-city",
      phone: "010-1234",
      email: "",
      postcode: "100001",
    });
    expect(created).toMatchObject({ name: "示例市交通运输局", slug: "shili-shi-jiaotong", parentId: "agency-city", phone: "010-1234", email: null, postcode: "100001" });
    const tree = await listAgencies(prisma, users.admin);
    expect(tree.find((a) => a.id === created.id)?.depth).toBe(1);
    expect(tree[0]).toMatchObject({ id: "agency-city", depth: 0 });
  });

  it("reports invalid fields and duplicate names or slugs on their fields, creating nothing", async () => {
    const { prisma } = get().db;
    const before = await prisma.agency.count();
    const invalid = await expectAppError(createAgency(prisma, users.admin, { name: "某", slug: "Bad Slug", parentId: "", postcode: "12", website: "www.x.cn" }), "INVALID");
    expect(Object.keys(fieldErrorsOf(invalid)).sort()).toEqual(["name", "postcode", "slug", "website"]);
    expect(fieldErrorsOf(invalid).slug).toMatch(/小写字母、数字和连字符/);
    const duplicate = await expectAppError(createAgency(prisma, users.admin, { name: "示例市公安局", slug: "shili-shi", parentId: "agency-city" }), "DUPLICATE");
    expect(fieldErrorsOf(duplicate)).toEqual({ name: "已有名为「示例市公安局」的机关。", slug: "机关代号 shili-shi 已被使用。" });
    const missingParent = await expectAppError(createAgency(prisma, users.admin, { name: "示例市水务局", slug: "shili-shi-shuiwu", parentId: "no-such-agency" }), "INVALID");
    expect(fieldErrorsOf(missingParent).parentId).toMatch(/上级机关不存在/);
    expect(await prisma.agency.count()).toBe(before);
  });

  it("updates contact data, clearing a field when it is left blank", async () => {
    const { prisma } = get().db;
    const updated = await updateAgency(prisma, users.admin, "agency-education", {
      name: "示例市教育局",
      slug: "shili-shi-jiaoyuju",
      parentId: "agency-city",
      address: "示例市学府路 2 号",
      phone: "",
      website: "https://jyj.example.gov.cn",
    });
    expect(updated).toMatchObject({ address: "示例市学府路 2 号", phone: null, postcode: null, website: "https://jyj.example.gov.cn" });
  });

  it("stores the kind that decides the deadline: suggested from the name on creation, chosen by the admin, audited", async () => {
    const { prisma } = get().db;
    expect((await prisma.agency.findUniqueOrThrow({ where: { id: "agency-city" } })).kind).toBe("GOVERNMENT");
    const district = await createAgency(prisma, users.admin, { name: "示例市西区人民政府", slug: "shili-xiqu", parentId: "agency-city" });
    const office = await createAgency(prisma, users.admin, { name: "示例市西区人民政府办公室", slug: "shili-xiqu-ban", parentId: district.id, kind: "" });
    const zone = await createAgency(prisma, users.admin, { name: "示例市高新区管委会", slug: "shili-gaoxin", parentId: "agency-city", kind: "GOVERNMENT" });
    expect([district.kind, office.kind, zone.kind]).toEqual(["GOVERNMENT", "DEPARTMENT", "GOVERNMENT"]);
    await expectAppError(createAgency(prisma, users.admin, { name: "示例市某局", slug: "shili-mou", parentId: "", kind: "COUNTY" }), "INVALID");

    // Leaving the kind out keeps it; choosing one changes it, and the change is audited.
    const kept = await updateAgency(prisma, users.admin, zone.id, { name: "示例市高新区管委会", slug: "shili-gaoxin", parentId: "agency-city", phone: "010-9" });
    expect(kept.kind).toBe("GOVERNMENT");
    const changed = await updateAgency(prisma, users.admin, zone.id, { name: "示例市高新区管委会", slug: "shili-gaoxin", parentId: "agency-city", kind: "DEPARTMENT" });
    expect(changed.kind).toBe("DEPARTMENT");
    const events = await prisma.auditEvent.findMany({ where: { action: { startsWith: "agency." } }, orderBy: { at: "asc" } });
    const forZone = events.filter((e) => (e.details as { agencyId: string }).agencyId === zone.id);
    expect(forZone.map((e) => [e.action, e.actorId])).toEqual([
      ["agency.create", users.admin.id],
      ["agency.update", users.admin.id],
      ["agency.update", users.admin.id],
    ]);
    expect(forZone[0].details).toMatchObject({ kind: "GOVERNMENT", kindSuggested: false });
    expect(forZone[1].details).toMatchObject({ changes: { phone: { from: null, to: "010-9" } } });
    expect(forZone[2].details).toMatchObject({ changes: { kind: { from: "GOVERNMENT", to: "DEPARTMENT" }, phone: { from: "010-9", to: null } } });
  });

  it("rejects a parent that is the agency itself or below it, leaving the tree unchanged", async () => {
    const { prisma } = get().db;
    const sub = await createAgency(prisma, users.admin, { name: "示例市公安局交通警察支队", slug: "shili-shi-jiaojing", parentId: "agency-police" });
    const self = await expectAppError(updateAgency(prisma, users.admin, "agency-police", { name: "示例市公安局", slug: "shili-shi-gonganju", parentId: "agency-police" }), "INVALID");
    expect(fieldErrorsOf(self).parentId).toBe("上级机关不能是本机关或本机关的下级机关。");
    // 市政府 → 公安局 → 支队: making 支队 the parent of 市政府 would close a loop two levels down.
    await expectAppError(updateAgency(prisma, users.admin, "agency-city", { ...city, parentId: sub.id }), "INVALID", /请按提示修改/);
    expect((await prisma.agency.findUniqueOrThrow({ where: { id: "agency-city" } })).parentId).toBeNull();
    // Moving a subtree elsewhere is fine.
    const moved = await updateAgency(prisma, users.admin, sub.id, { name: "示例市公安局交通警察支队", slug: "shili-shi-jiaojing", parentId: "agency-city" });
    expect(moved.parentId).toBe("agency-city");
  });

  it("lets only one of two concurrent opposite re-parentings through", async () => {
    const { prisma } = get().db;
    // Several pairs at once, so that on PostgreSQL the transactions really interleave.
    const pairs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => [
        await createAgency(prisma, users.admin, { name: `并发测试甲${i}`, slug: `race-a-${i}`, parentId: "" }),
        await createAgency(prisma, users.admin, { name: `并发测试乙${i}`, slug: `race-b-${i}`, parentId: "" }),
      ]),
    );
    const results = await Promise.allSettled(
      pairs.flatMap(([a, b], i) => [
        updateAgency(prisma, users.admin, a.id, { name: `并发测试甲${i}`, slug: `race-a-${i}`, parentId: b.id }),
        updateAgency(prisma, users.admin, b.id, { name: `并发测试乙${i}`, slug: `race-b-${i}`, parentId: a.id }),
      ]),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(pairs.length);
    for (const [a, b] of pairs) {
      const rows = await prisma.agency.findMany({ where: { id: { in: [a.id, b.id] } } });
      expect(rows.filter((r) => r.parentId !== null)).toHaveLength(1);
    }
  });

  it("rejects renaming onto another agency's name or slug", async () => {
    const { prisma } = get().db;
    const error = await expectAppError(
      updateAgency(prisma, users.admin, "agency-ecology", { name: "示例市生态环境局", slug: "shili-shi-gonganju", parentId: "agency-city" }),
      "DUPLICATE",
    );
    expect(fieldErrorsOf(error)).toEqual({ slug: "机关代号 shili-shi-gonganju 已被使用。" });
    await expectAppError(updateAgency(prisma, users.admin, "no-such-agency", { ...city, name: "不存在的机关", slug: "nowhere" }), "NOT_FOUND");
  });

  it("refuses editors and reviewers", async () => {
    const { prisma } = get().db;
    for (const name of ["tianbao", "shenhe"]) {
      await expectAppError(createAgency(prisma, users[name], { name: "越权创建的机关", slug: "not-allowed", parentId: "" }), "FORBIDDEN");
      await expectAppError(updateAgency(prisma, users[name], "agency-city", { ...city, name: "越权改名" }), "FORBIDDEN");
      await expectAppError(listAgencies(prisma, users[name]), "FORBIDDEN");
    }
    expect(await prisma.agency.findFirst({ where: { OR: [{ slug: "not-allowed" }, { name: "越权改名" }] } })).toBeNull();
  });
});
