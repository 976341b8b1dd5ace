import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { addComment } from "../comments/comments";
import { listNotifications } from "../notifications/inbox";
import { listAuditTrail } from "../review/audit-trail";
import { seedDemoWithOutsideReviewer } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { returnReport } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";
import { createReport } from "./create-report";
import { deleteDraft } from "./delete-draft";
import { saveReport } from "./save-report";

const NOW = new Date("2026-01-10T08:00:00Z");

describeEachDatabase("deleting a draft that was never submitted", (get) => {
  let u: Record<string, CurrentUser> = {};
  const prisma = () => get().db.prisma;

  beforeAll(async () => {
    const { db, auth } = get();
    // The demo data and lingshen, a reviewer of another tree (示例市公安局 is outside their scope).
    u = await seedDemoWithOutsideReviewer(db.prisma, auth);
  });

  const deletions = (reportId: string) => prisma().auditEvent.count({ where: { action: "report.delete", reportId } });
  const exists = async (reportId: string) => (await prisma().report.count({ where: { id: reportId } })) === 1;

  /** A draft of 示例市公安局 with a sample report's content saved, ready to submit. */
  async function filledDraft(year: number) {
    const report = await createReport(prisma(), u.tianbao, year, NOW);
    const content = buildSampleReport({ year, agency: "示例市公安局", seed: 7 });
    const saved = await saveReport(prisma(), u.tianbao, { reportId: report.id, version: report.version, content });
    return { id: report.id, version: saved.version };
  }

  it("deletes the draft with its comments, keeps its audit trail whole and records report.delete; the year can be created again", async () => {
    const draft = await createReport(prisma(), u.tianbao, 2024, NOW);
    await saveReport(prisma(), u.tianbao, { reportId: draft.id, version: draft.version, content: draft.content });
    const root = await addComment(prisma(), u.shenhe, { reportId: draft.id, anchorType: "SECTION", anchor: "requests", body: "年度是否填错？" });
    await addComment(prisma(), u.tianbao, { reportId: draft.id, anchorType: "SECTION", anchor: "requests", body: "是，应为 2025 年。", parentId: root.id });
    // A 催报 names the agency and year as well as the draft; another notification names only the draft.
    const reminderId = randomUUID();
    await prisma().notification.createMany({
      data: [
        { id: reminderId, userId: u.tianbao.id, reportId: draft.id, agencyId: "agency-police", year: 2024, kind: "REMINDER", message: "请尽快提交 2024 年度报告。" },
        { id: randomUUID(), userId: u.tianbao.id, reportId: draft.id, kind: "RETURNED", message: "关于该草稿的通知。" },
      ],
    });
    const earlier = await prisma().auditEvent.findMany({ where: { reportId: draft.id }, orderBy: { at: "asc" } });
    expect(earlier.map((e) => e.action)).toEqual(["report.create", "report.save", "comment.create", "comment.create"]);

    expect(await deleteDraft(prisma(), u.tianbao, { reportId: draft.id })).toEqual({ agency: "示例市公安局", year: 2024, comments: 2 });

    expect(await exists(draft.id)).toBe(false);
    expect(await prisma().comment.count({ where: { reportId: draft.id } })).toBe(0);
    // The reminder stays (the year is still due), detached; the draft's own notification went with it.
    expect(await prisma().notification.findMany({ where: { userId: u.tianbao.id } })).toMatchObject([{ id: reminderId, reportId: null, agencyId: "agency-police", year: 2024 }]);

    // Every earlier row is kept exactly, still naming the report; the last one says what it was.
    const trail = await prisma().auditEvent.findMany({ where: { reportId: draft.id }, orderBy: { at: "asc" } });
    expect(trail.slice(0, earlier.length)).toEqual(earlier);
    expect(trail).toHaveLength(earlier.length + 1);
    expect(trail.at(-1)).toMatchObject({
      action: "report.delete",
      actorId: u.tianbao.id,
      reportId: draft.id,
      versionId: null,
      details: { reportId: draft.id, agencyId: "agency-police", agency: "示例市公安局", year: 2024, format: "2021", comments: 2 },
    });

    // The (agencyId, year) slot is free again; the new report starts its own trail.
    const again = await createReport(prisma(), u.tianbao, 2024, NOW);
    expect(again.id).not.toBe(draft.id);
    expect((await listAuditTrail(prisma(), u.shenhe, again.id)).map((e) => e.action)).toEqual(["report.create"]);
    // The kept reminder now leads to the new report.
    const inbox = await listNotifications(prisma(), u.tianbao);
    expect(inbox.items.find((item) => item.id === reminderId)?.href).toContain(again.id);
    await expectAppError(deleteDraft(prisma(), u.tianbao, { reportId: draft.id }), "NOT_FOUND");
  });

  it("lets only the agency's own editors delete: others are not found, reviewers and admins are refused", async () => {
    const draft = await createReport(prisma(), u.tianbao, 2023, NOW);
    await expectAppError(deleteDraft(prisma(), u.jiaoyu, { reportId: draft.id }), "NOT_FOUND");
    await expectAppError(deleteDraft(prisma(), u.lingshen, { reportId: draft.id }), "NOT_FOUND");
    await expectAppError(deleteDraft(prisma(), u.shenhe, { reportId: draft.id }), "FORBIDDEN", /只有本机关的填报人可以删除报告草稿/);
    await expectAppError(deleteDraft(prisma(), u.admin, { reportId: draft.id }), "FORBIDDEN", /只有本机关的填报人/);
    await expectAppError(deleteDraft(prisma(), u.tianbao, { reportId: "no-such-report" }), "NOT_FOUND");
    expect(await exists(draft.id)).toBe(true);
    expect(await deletions(draft.id)).toBe(0);
  });

  it("refuses a report that was ever submitted — submitted, returned, or a draft again for a correction — and changes nothing", async () => {
    const draft = await filledDraft(2020);
    await submitReport(prisma(), u.tianbao, { reportId: draft.id, version: draft.version, warningNote: "已核实" });
    const submitted = await expectAppError(deleteDraft(prisma(), u.tianbao, { reportId: draft.id }), "CONFLICT", /示例市公安局 2020 年度报告已提交过审核.*不能删除.*如需更正/);
    expect(submitted.details).toEqual({ status: "SUBMITTED" });

    await returnReport(prisma(), u.shenhe, { reportId: draft.id, reason: "请补充第五部分。" });
    await expectAppError(deleteDraft(prisma(), u.tianbao, { reportId: draft.id }), "CONFLICT", /已提交过审核/);

    // 发起更正 puts a published report back to 草稿; its versions keep it on record.
    await prisma().report.update({ where: { id: draft.id }, data: { status: "DRAFT" } });
    await expectAppError(deleteDraft(prisma(), u.tianbao, { reportId: draft.id }), "CONFLICT", /已提交过审核/);

    expect(await exists(draft.id)).toBe(true);
    expect(await prisma().reportVersion.count({ where: { reportId: draft.id } })).toBe(1);
    expect(await deletions(draft.id)).toBe(0);
  });

  it("refuses a draft made from an imported published file (the upload keeps naming it)", async () => {
    const draft = await createReport(prisma(), u.tianbao, 2022, NOW);
    await prisma().importedSource.create({
      data: {
        id: randomUUID(),
        agencyId: "agency-police",
        year: 2022,
        filename: "示例市公安局2022年报.txt",
        sourceKind: "text",
        bytes: Buffer.from("年报"),
        sha256: "0".repeat(64),
        outcome: {},
        document: {},
        createdById: u.tianbao.id,
        status: "ACCEPTED",
        decidedById: u.tianbao.id,
        acceptedAt: NOW,
        acceptedAs: "DRAFT",
        reportId: draft.id,
      },
    });
    await expectAppError(deleteDraft(prisma(), u.tianbao, { reportId: draft.id }), "CONFLICT", /由导入的已发布文件生成/);
    expect(await exists(draft.id)).toBe(true);
  });

  it("checks the status inside the delete: a submission that lands first wins and nothing is half-done", async () => {
    const draft = await createReport(prisma(), u.tianbao, 2021, NOW);
    await addComment(prisma(), u.tianbao, { reportId: draft.id, anchorType: "SECTION", anchor: "requests", body: "待核对。" });
    // Stand-in for a submission committing between the pre-check and the delete: when the
    // transaction reaches the comments, the report is already 待审核.
    await get().db.sql.exec(`
      CREATE FUNCTION "test_submit_first"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE "Report" SET "status" = 'SUBMITTED' WHERE "id" = '${draft.id}'; RETURN NULL; END; $$;
      CREATE TRIGGER "test_submit_first" BEFORE DELETE ON "Comment" FOR EACH STATEMENT EXECUTE FUNCTION "test_submit_first"();`);
    try {
      await expectAppError(deleteDraft(prisma(), u.tianbao, { reportId: draft.id }), "CONFLICT", /刚刚已被提交或删除，没有删除/);
    } finally {
      await get().db.sql.exec(`DROP TRIGGER "test_submit_first" ON "Comment"; DROP FUNCTION "test_submit_first"();`);
    }
    // Rolled back as a whole: the draft, its status, its comment; no deletion recorded.
    expect(await prisma().report.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "DRAFT" });
    expect(await prisma().comment.count({ where: { reportId: draft.id } })).toBe(1);
    expect(await deletions(draft.id)).toBe(0);
    await deleteDraft(prisma(), u.tianbao, { reportId: draft.id });
    expect(await exists(draft.id)).toBe(false);
  });

  it("settles a real race with a submission: exactly one of them succeeds", async () => {
    const draft = await filledDraft(2025);
    const [deleted, submitted] = await Promise.allSettled([
      deleteDraft(prisma(), u.tianbao, { reportId: draft.id }),
      submitReport(prisma(), u.tianbao, { reportId: draft.id, version: draft.version, warningNote: "已核实" }),
    ]);
    expect([deleted.status, submitted.status].sort()).toEqual(["fulfilled", "rejected"]);
    const loser = (deleted.status === "rejected" ? deleted : submitted) as PromiseRejectedResult;
    // A clear refusal either way: the status moved on, or (a submission that looks after the
    // delete committed) the report is gone.
    expect(["CONFLICT", "NOT_FOUND"]).toContain((loser.reason as { code?: string }).code);
    if (deleted.status === "fulfilled") {
      expect(await exists(draft.id)).toBe(false);
      expect(await prisma().reportVersion.count({ where: { reportId: draft.id } })).toBe(0);
    } else {
      expect(await prisma().report.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ status: "SUBMITTED" });
      expect(await deletions(draft.id)).toBe(0);
    }
  });
});
