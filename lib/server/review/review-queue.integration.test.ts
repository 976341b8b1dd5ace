import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import { agencySubtree, type CurrentUser } from "../authz";
import { createReport } from "../reports/create-report";
import { saveReport } from "../reports/save-report";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { createUser } from "../users/create-user";
import { approveReport, returnReport } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";
import { listQueueFilters } from "./list-queue-filters";
import { listReviewQueue, loadReviewQueuePage } from "./review-queue";

const PASSWORD = "Queue2026test";

describeEachDatabase("review queue", (get) => {
  let u: Record<string, CurrentUser> = {};
  const ids: Record<string, string> = {};
  const prisma = () => get().db.prisma;
  const version = async (id: string) => (await prisma().report.findUniqueOrThrow({ where: { id } })).version;

  /** Creates, fills and (unless `draft`) submits the editor's report for a year. */
  async function report(editor: CurrentUser, year: number, seed: number, draft = false) {
    const created = await createReport(prisma(), editor, year, new Date("2026-01-10"));
    const agency = await prisma().agency.findUniqueOrThrow({ where: { id: editor.agencyId! } });
    await saveReport(prisma(), editor, { reportId: created.id, version: created.version, content: buildSampleReport({ agency: agency.name, year, seed }) });
    if (!draft) await submitReport(prisma(), editor, { reportId: created.id, version: await version(created.id), warningNote: "已核实" });
    return created.id;
  }

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    // 示例市人民政府 → 示例市东区人民政府 → 示例市东区教育局; and a tree of its own elsewhere.
    await db.prisma.agency.createMany({
      data: [
        { id: "agency-east", name: "示例市东区人民政府", slug: "dongqu", parentId: "agency-city", kind: "GOVERNMENT" },
        { id: "agency-east-edu", name: "示例市东区教育局", slug: "dongqu-jiaoyu", parentId: "agency-east" },
        { id: "agency-far", name: "远方市人民政府", slug: "yuanfang", kind: "GOVERNMENT" },
      ],
    });
    await createUser(db.prisma, auth, { username: "dongshen", name: "东审", role: "REVIEWER", agencyId: "agency-east", password: PASSWORD });
    await createUser(db.prisma, auth, { username: "dongjiao", name: "东教", role: "EDITOR", agencyId: "agency-east-edu", password: PASSWORD });
    await createUser(db.prisma, auth, { username: "yuanbian", name: "远编", role: "EDITOR", agencyId: "agency-far", password: PASSWORD });
    await createUser(db.prisma, auth, { username: "yuanshen", name: "远审", role: "REVIEWER", agencyId: "agency-far", password: PASSWORD });
    u = await loadCurrentUsers(db.prisma);

    ids.police2022 = await report(u.tianbao, 2022, 1);
    ids.education2021 = await report(u.jiaoyu, 2021, 2);
    ids.east2022 = await report(u.dongjiao, 2022, 3);
    ids.far2022 = await report(u.yuanbian, 2022, 4);
    ids.policeDraft = await report(u.tianbao, 2023, 5, true);
    // Returned and submitted again: the queue shows the second version's counts.
    await returnReport(prisma(), u.shenhe, { reportId: ids.police2022, reason: "请补充说明。" });
    await saveReport(prisma(), u.tianbao, { reportId: ids.police2022, version: await version(ids.police2022), content: buildSampleReport({ agency: "示例市公安局", year: 2022, seed: 6 }) });
    await submitReport(prisma(), u.tianbao, { reportId: ids.police2022, version: await version(ids.police2022), warningNote: "第二次提交" });
    await approveReport(prisma(), u.shenhe, { reportId: ids.education2021 });
  });

  it("walks the agency tree down from the root, and ends on a cycle", async () => {
    expect([...(await agencySubtree(prisma(), "agency-east"))].sort()).toEqual(["agency-east", "agency-east-edu"]);
    expect((await agencySubtree(prisma(), "agency-city")).size).toBe(6);
    expect([...(await agencySubtree(prisma(), "no-such-agency"))]).toEqual(["no-such-agency"]);
    // The database refuses a cycle (the tree-order trigger, migration 20261202051000) …
    await expect(prisma().agency.update({ where: { id: "agency-east" }, data: { parentId: "agency-east-edu" } })).rejects.toThrow(/cannot be moved below itself/);
    await prisma().$transaction(async (tx) => {
      // … and should one exist (written with triggers off), the walk still ends; rolled back afterwards.
      await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
      await tx.agency.update({ where: { id: "agency-east" }, data: { parentId: "agency-east-edu" } });
      const rows = await tx.$queryRaw<{ n: number }[]>`
        WITH RECURSIVE "subtree" ("id") AS (SELECT 'agency-east'::text UNION SELECT "Agency"."id" FROM "Agency" JOIN "subtree" ON "Agency"."parentId" = "subtree"."id")
        SELECT count(*)::int AS "n" FROM "subtree"`;
      expect(rows[0].n).toBe(2);
      throw new Error("rollback");
    }).catch((error: Error) => expect(error.message).toBe("rollback"));
  });

  it("lists the submitted reports of the reviewer's subtree with the latest version's frozen counts", async () => {
    const now = new Date("2023-01-21T00:00:00Z");
    const queue = await listReviewQueue(prisma(), u.shenhe, {}, now);
    expect(queue.map((r) => r.id).sort()).toEqual([ids.police2022, ids.east2022].sort());
    const police = queue.find((r) => r.id === ids.police2022)!;
    expect(police).toMatchObject({ agency: "示例市公安局", agencyId: "agency-police", agencyKind: "DEPARTMENT", year: 2022, status: "SUBMITTED", versionNumber: 2, errors: 0, warnings: 0, daysLeft: 11 });
    // The agency's stored kind decides the deadline (a department: 31 January).
    expect(police.deadline.toISOString()).toBe("2023-01-31T15:59:59.000Z");
    const stored = await prisma().report.findUniqueOrThrow({ where: { id: ids.police2022 } });
    expect(police.submittedAt).toBeInstanceOf(Date);
    expect(police.submittedAt!.toISOString()).toBe(stored.submittedAt!.toISOString());
    // Sorted by days left: the district government's deadline (31 March) is later than a bureau's (31 January).
    expect(queue.map((r) => r.daysLeft)).toEqual([...queue.map((r) => r.daysLeft)].sort((a, b) => a - b));

    expect((await listReviewQueue(prisma(), u.dongshen)).map((r) => r.id)).toEqual([ids.east2022]);
    expect((await listReviewQueue(prisma(), u.yuanshen)).map((r) => r.id)).toEqual([ids.far2022]);
    await expectAppError(listReviewQueue(prisma(), u.tianbao), "FORBIDDEN");
  });

  it("filters by status, agency and year within the scope, and sorts by agency name in Chinese order", async () => {
    const all = await listReviewQueue(prisma(), u.shenhe, { status: "ALL", sort: "agency" });
    expect(all.map((r) => r.agency)).toEqual(["示例市东区教育局", "示例市公安局", "示例市公安局", "示例市教育局"]);
    const draft = all.find((r) => r.id === ids.policeDraft)!;
    expect(draft).toMatchObject({ status: "DRAFT", versionNumber: null, errors: null, warnings: null, submittedAt: null });
    expect((await listReviewQueue(prisma(), u.shenhe, { status: "APPROVED" })).map((r) => r.id)).toEqual([ids.education2021]);
    expect((await listReviewQueue(prisma(), u.shenhe, { status: "ALL", year: 2023 })).map((r) => r.id)).toEqual([ids.policeDraft]);
    expect((await listReviewQueue(prisma(), u.shenhe, { status: "ALL", agencyId: "agency-east-edu" })).map((r) => r.id)).toEqual([ids.east2022]);
    // An agency outside the scope filters to nothing, never widens it.
    expect(await listReviewQueue(prisma(), u.dongshen, { status: "ALL", agencyId: "agency-police" })).toEqual([]);
    expect(await listReviewQueue(prisma(), u.shenhe, { status: "ALL", agencyId: "agency-far" })).toEqual([]);
    const bySubmission = await listReviewQueue(prisma(), u.shenhe, { status: "ALL", sort: "submittedAt" });
    expect(bySubmission.at(-1)!.id).toBe(ids.policeDraft);
  });

  it("offers the scope's agencies and years as filters, and the page loads both at once", async () => {
    const filters = await listQueueFilters(prisma(), u.shenhe);
    expect(filters.agencies.map((a) => a.name)).toEqual(["示例市东区教育局", "示例市东区人民政府", "示例市公安局", "示例市教育局", "示例市人民政府", "示例市生态环境局"]);
    expect(filters.years).toEqual([2023, 2022, 2021]);
    expect(await listQueueFilters(prisma(), u.dongshen)).toEqual({
      agencies: [
        { id: "agency-east-edu", name: "示例市东区教育局" },
        { id: "agency-east", name: "示例市东区人民政府" },
      ],
      years: [2022],
    });
    await expectAppError(listQueueFilters(prisma(), u.jiaoyu), "FORBIDDEN");

    const now = new Date("2023-01-21T00:00:00Z");
    const all = await listReviewQueue(prisma(), u.shenhe, { status: "ALL" }, now);
    const page = await loadReviewQueuePage(prisma(), u.shenhe, { status: "ALL" }, now);
    expect(page.items).toEqual(all);
    expect(page).toMatchObject({ page: 1, pageCount: 1, total: all.length, from: 1, to: all.length });
    expect(page.options).toEqual(filters);
    // Pages are slices of the one sorted list, in order, and a page past the end shows the last.
    expect(all.length).toBeGreaterThan(2);
    const second = await loadReviewQueuePage(prisma(), u.shenhe, { status: "ALL" }, now, { page: 2, pageSize: 2 });
    expect(second).toMatchObject({ page: 2, pageCount: Math.ceil(all.length / 2), total: all.length, from: 3 });
    expect(second.items).toEqual(all.slice(2, 4));
    const beyond = await loadReviewQueuePage(prisma(), u.shenhe, { status: "ALL" }, now, { page: 999, pageSize: 2 });
    expect(beyond.items).toEqual(all.slice((beyond.pageCount - 1) * 2));
    await expectAppError(loadReviewQueuePage(prisma(), u.admin), "FORBIDDEN");
  });
});
