import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { addComment } from "../comments/comments";
import { countUnreadNotifications, listNotifications, markNotificationsRead, openNotification } from "../notifications/inbox";
import { createReport } from "../reports/create-report";
import { loadEditorWorkflow } from "../reports/load-editor-workflow";
import { saveReport } from "../reports/save-report";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { approveReport, publishReport, returnReport, startCorrection } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";
import { exportPublishedReport, loadPublishedReport } from "./load-published-report";

const SLUG = "shili-shi-gonganju";
const FIRST = "本年度未收取信息处理费。";
const CORRECTED = "本年度未收取信息处理费。更正：补充人大代表建议办理情况。";

describeEachDatabase("public report pages and the editor's workflow data", (get) => {
  let u: Record<string, CurrentUser> = {};
  let reportId = "";

  const current = async () => get().db.prisma.report.findUniqueOrThrow({ where: { id: reportId } });
  const save = async (content: unknown) => saveReport(get().db.prisma, u.tianbao, { reportId, version: (await current()).version, content });
  const submit = async () => submitReport(get().db.prisma, u.tianbao, { reportId, version: (await current()).version, warningNote: "已逐项核实" });
  const htmlOf = async (revision?: number) => String((await exportPublishedReport(get().db.prisma, SLUG, 2020, "html", revision)).body);

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
    reportId = (await createReport(db.prisma, u.tianbao, 2020, new Date("2026-01-10"))).id;
    const content = buildSampleReport({ year: 2020, agency: "示例市公安局" }) as { sections: { other: string } };
    content.sections.other = FIRST;
    await save(content);
  });

  it("shows nothing publicly while the report is a draft, under review or approved", async () => {
    const { prisma } = get().db;
    await expectAppError(loadPublishedReport(prisma, SLUG, 2020), "NOT_FOUND");
    await submit();
    await expectAppError(loadPublishedReport(prisma, SLUG, 2020), "NOT_FOUND");
    await expectAppError(exportPublishedReport(prisma, SLUG, 2020, "pdf"), "NOT_FOUND");
    await addComment(prisma, u.shenhe, { reportId, anchorType: "CELL", anchor: "requests.received.natural_person", body: "请核对自然人申请数。", quote: "12" });
    await returnReport(prisma, u.shenhe, { reportId, reason: "表三自然人申请数与台账不符，请核对。" });
    await expectAppError(loadPublishedReport(prisma, SLUG, 2020), "NOT_FOUND");
  });

  it("gives the editor the return reason and the anchored threads; others see no editor rights", async () => {
    const { prisma } = get().db;
    const workflow = await loadEditorWorkflow(prisma, u.tianbao, reportId);
    expect(workflow.isEditor).toBe(true);
    expect(workflow.canComment).toBe(true);
    expect(workflow.canReview).toBe(false);
    expect(workflow.returned).toMatchObject({ reason: "表三自然人申请数与台账不符，请核对。", by: "沈禾" });
    expect(workflow.published).toBeNull();
    expect(workflow.threads).toMatchObject([
      { anchorType: "CELL", anchor: "requests.received.natural_person", body: "请核对自然人申请数。", author: "沈禾", authorRole: "审核人", versionNumber: 1, resolvedAt: null, replies: [] },
    ]);
    // Returned, the report is back with its editor: the reviewer may comment but has nothing to decide.
    const reviewer = await loadEditorWorkflow(prisma, u.shenhe, reportId);
    expect(reviewer).toMatchObject({ isEditor: false, canReview: false, canComment: true });
    await expectAppError(loadEditorWorkflow(prisma, u.jiaoyu, reportId), "NOT_FOUND");
  });

  it("publishes: the page shows the frozen revision, downloads are exactly that revision", async () => {
    const { prisma } = get().db;
    await submit();
    // Submitted, the reviewer has a decision to take and the wizard points to the review page.
    expect((await loadEditorWorkflow(prisma, u.shenhe, reportId)).canReview).toBe(true);
    await approveReport(prisma, u.shenhe, { reportId });
    await expectAppError(loadPublishedReport(prisma, SLUG, 2020), "NOT_FOUND");
    await publishReport(prisma, u.shenhe, { reportId });

    const page = await loadPublishedReport(prisma, SLUG, 2020);
    expect(page).toMatchObject({ agency: { name: "示例市公安局", slug: SLUG }, year: 2020, revision: 1, latestRevision: 1, correctionNote: null });
    expect(page.title).toBe("示例市公安局2020年政府信息公开工作年度报告");
    expect(page.revisions).toHaveLength(1);
    expect(page.html).toContain(FIRST);
    expect((await loadEditorWorkflow(prisma, u.tianbao, reportId)).published).toMatchObject({ revision: 1, path: `/reports/${SLUG}/2020` });

    for (const format of ["docx", "pdf", "html"] as const) {
      const file = await exportPublishedReport(prisma, SLUG, 2020, format);
      expect(file.revision).toBe(1);
      expect(file.filename).toBe(`示例市公安局-2020年政府信息公开工作年度报告.${format}`);
    }
    await expectAppError(loadPublishedReport(prisma, SLUG, 2019), "NOT_FOUND");
    await expectAppError(loadPublishedReport(prisma, "no-such-agency", 2020), "NOT_FOUND");
    await expectAppError(loadPublishedReport(prisma, SLUG, 2020, 2), "NOT_FOUND");
  });

  it("keeps the published revision public during a correction, then adds the corrected one", async () => {
    const { prisma } = get().db;
    await startCorrection(prisma, u.tianbao, { reportId });
    const content = (await current()).content as { sections: { other: string } };
    content.sections.other = CORRECTED;
    await save(content);
    // The draft of the correction is not public: the page and the files still show revision 1.
    expect((await loadPublishedReport(prisma, SLUG, 2020)).html).not.toContain("更正：");
    expect(await htmlOf()).not.toContain("更正：");

    await submit();
    await approveReport(prisma, u.shenhe, { reportId });
    await publishReport(prisma, u.shenhe, { reportId, correctionNote: "补充第六部分人大代表建议办理情况。" });

    const latest = await loadPublishedReport(prisma, SLUG, 2020);
    expect(latest).toMatchObject({ revision: 2, latestRevision: 2, correctionNote: "补充第六部分人大代表建议办理情况。" });
    expect(latest.revisions.map((r) => [r.revision, r.correctionNote])).toEqual([
      [1, null],
      [2, "补充第六部分人大代表建议办理情况。"],
    ]);
    const earlier = await loadPublishedReport(prisma, SLUG, 2020, 1);
    expect(earlier).toMatchObject({ revision: 1, latestRevision: 2, correctionNote: null });
    expect(earlier.html).not.toContain("更正：");
    expect(await htmlOf(1)).not.toContain("更正：");
    expect(await htmlOf(2)).toContain("更正：");
    expect(await htmlOf()).toContain("更正：");
  });

  it("opens a notification: marked read, to where it leads; another user's opens nothing", async () => {
    const { prisma } = get().db;
    const [first] = (await listNotifications(prisma, u.tianbao)).items;
    expect(first.readAt).toBeNull();
    // Someone else's id: back to their own inbox, and the owner's notification stays unread.
    expect(await openNotification(prisma, u.jiaoyu, first.id)).toBe("/workspace/notifications");
    expect(await openNotification(prisma, u.shenhe, first.id)).toBe("/workspace/notifications");
    expect((await listNotifications(prisma, u.tianbao)).items[0].readAt).toBeNull();
    expect(await openNotification(prisma, u.tianbao, "no-such-notification")).toBe("/workspace/notifications");
    const unread = await countUnreadNotifications(prisma, u.tianbao);
    expect(await openNotification(prisma, u.tianbao, first.id)).toBe(first.href);
    expect(await countUnreadNotifications(prisma, u.tianbao)).toBe(unread - 1);
    expect((await listNotifications(prisma, u.tianbao)).items[0].readAt).not.toBeNull();
    // Opened again: the same place, nothing else changes.
    expect(await openNotification(prisma, u.tianbao, first.id)).toBe(first.href);
    expect(await countUnreadNotifications(prisma, u.tianbao)).toBe(unread - 1);
  });

  it("counts the editor's unread notifications for the bell", async () => {
    const { prisma } = get().db;
    const inbox = await listNotifications(prisma, u.tianbao);
    expect(inbox.items.map((n) => n.kind)).toEqual(["PUBLISHED", "APPROVED", "PUBLISHED", "APPROVED", "RETURNED"]);
    expect(await countUnreadNotifications(prisma, u.tianbao)).toBe(inbox.unread);
    await markNotificationsRead(prisma, u.tianbao, [inbox.items[1].id]);
    expect(await countUnreadNotifications(prisma, u.tianbao)).toBe(inbox.unread - 1);
    await markNotificationsRead(prisma, u.tianbao);
    expect(await countUnreadNotifications(prisma, u.tianbao)).toBe(0);
    expect(await countUnreadNotifications(prisma, u.shenhe)).toBeGreaterThan(0);
  });
});
