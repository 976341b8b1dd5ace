import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { addComment, listComments, resolveComment } from "../comments/comments";
import { AppError } from "../errors";
import { listNotifications, markNotificationsRead } from "../notifications/inbox";
import { getPublishedReport, listPublishedYears } from "../public/published-reports";
import { createReport } from "../reports/create-report";
import { getReportOrThrow } from "../reports/report-access";
import { saveReport } from "../reports/save-report";
import { listAuditTrail } from "../review/audit-trail";
import { listReviewQueue } from "../review/review-queue";
import { describeEachDatabase } from "../test-support/test-database";
import { approveReport, publishReport, returnReport, startCorrection } from "./review-report";
import { submitReport } from "./submit-report";
import { seedDemoWithOutsideReviewer } from "../test-support/demo-users";

async function expectCode(promise: Promise<unknown>, code: AppError["code"], message?: RegExp) {
  const error = await promise.then(() => null, (e) => e);
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

describeEachDatabase("review workflow and authorization", (get) => {
  let u: Record<string, CurrentUser> = {};
  let reportId = "";
  let raceWinner: "approve" | "return" = "approve";

  const current = async () => get().db.prisma.report.findUniqueOrThrow({ where: { id: reportId } });
  const save = async (content: unknown) => saveReport(get().db.prisma, u.tianbao, { reportId, version: (await current()).version, content });

  beforeAll(async () => {
    const { db, auth } = get();
    // The demo data and lingshen, a reviewer of another tree (示例市公安局 is outside their scope).
    u = await seedDemoWithOutsideReviewer(db.prisma, auth);
    reportId = (await createReport(db.prisma, u.tianbao, 2020, new Date("2026-01-10"))).id;
  });

  it("blocks submission while the rules report errors, and asks for a reason for warnings", async () => {
    const { prisma } = get().db;
    type Tables = Record<string, Record<string, Record<string, number | string | null>>>;
    const content = buildSampleReport({ year: 2020, agency: "示例市公安局", seed: 11 }) as { tables: Tables };
    content.tables.requests.received.natural_person = Number(content.tables.requests.received.natural_person) + 1;
    await save(content);
    await expectCode(submitReport(prisma, u.tianbao, { reportId, version: (await current()).version }), "INVALID", /错误/);

    content.tables.requests.received.natural_person = Number(content.tables.requests.received.natural_person) - 1;
    content.tables.proactive.licensing.decisions = null;
    await save(content);
    await expectCode(submitReport(prisma, u.tianbao, { reportId, version: (await current()).version, warningNote: "  " }), "INVALID", /1 个警告/);
    await expectCode(submitReport(prisma, u.tianbao, { reportId, version: (await current()).version - 1, warningNote: "空白为未发生" }), "CONFLICT");
    const result = await submitReport(prisma, u.tianbao, { reportId, version: (await current()).version, warningNote: "该单元格本年未发生，已核实" });
    expect(result.status).toBe("SUBMITTED");
    const versions = await prisma.reportVersion.findMany({ where: { reportId } });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, errorCount: 0, warningCount: 1, warningNote: "该单元格本年未发生，已核实" });
  });

  it("freezes the submitted report: the editor cannot change it", async () => {
    await expectCode(save((await current()).content), "CONFLICT", /已提交审核/);
  });

  it("hides another agency's report, versions and comments from its editors (forged ids → not found)", async () => {
    const { prisma } = get().db;
    await expectCode(getReportOrThrow(prisma, u.jiaoyu, reportId, "report.view"), "NOT_FOUND");
    await expectCode(listComments(prisma, u.jiaoyu, reportId), "NOT_FOUND");
    await expectCode(addComment(prisma, u.jiaoyu, { reportId, anchorType: "SECTION", anchor: "requests", body: "看看" }), "NOT_FOUND");
    await expectCode(submitReport(prisma, u.jiaoyu, { reportId, version: 1 }), "NOT_FOUND");
    await expectCode(listAuditTrail(prisma, u.jiaoyu, reportId), "NOT_FOUND");
  });

  it("lets only reviewers in scope return, approve or publish", async () => {
    const { prisma } = get().db;
    await expectCode(approveReport(prisma, u.tianbao, { reportId }), "FORBIDDEN");
    await expectCode(returnReport(prisma, u.tianbao, { reportId, reason: "自己退回自己" }), "FORBIDDEN");
    await expectCode(publishReport(prisma, u.tianbao, { reportId }), "FORBIDDEN");
    await expectCode(approveReport(prisma, u.lingshen, { reportId }), "NOT_FOUND");
    await expectCode(returnReport(prisma, u.lingshen, { reportId, reason: "不在我的范围" }), "NOT_FOUND");
    await expectCode(addComment(prisma, u.lingshen, { reportId, anchorType: "SECTION", anchor: "requests", body: "x" }), "NOT_FOUND");
    await expectCode(approveReport(prisma, u.admin, { reportId }), "FORBIDDEN");
    await expectCode(listReviewQueue(prisma, u.tianbao), "FORBIDDEN");
    expect(await listReviewQueue(prisma, u.lingshen)).toEqual([]);
    const queue = await listReviewQueue(prisma, u.shenhe, {}, new Date("2021-01-21T00:00:00Z"));
    expect(queue).toMatchObject([{ id: reportId, agency: "示例市公安局", year: 2020, errors: 0, warnings: 1, versionNumber: 1, daysLeft: 11 }]);
  });

  it("anchors a reviewer's comment to a table cell, requires a reason to return, and tells the editor", async () => {
    const { prisma } = get().db;
    await expectCode(addComment(prisma, u.shenhe, { reportId, anchorType: "CELL", anchor: "requests.nowhere.total", body: "?" }), "INVALID");
    const comment = await addComment(prisma, u.shenhe, {
      reportId,
      anchorType: "CELL",
      anchor: "proactive.licensing.decisions",
      body: "此处空白，请填写本年处理决定数量。",
      quote: "",
    });
    await addComment(prisma, u.tianbao, { reportId, anchorType: "SECTION", anchor: "overview", parentId: comment.id, body: "收到，马上改。" });
    await expectCode(returnReport(prisma, u.shenhe, { reportId, reason: " " }), "INVALID", /退回理由/);
    await returnReport(prisma, u.shenhe, { reportId, reason: "表三有空白单元格，请补填。" });
    expect((await current()).status).toBe("RETURNED");

    const threads = await listComments(prisma, u.tianbao, reportId);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ anchorType: "CELL", anchor: "proactive.licensing.decisions", author: { name: "沈禾" } });
    expect(threads[0].replies.map((r) => [r.anchor, r.body])).toEqual([["proactive.licensing.decisions", "收到，马上改。"]]);
    const inbox = await listNotifications(prisma, u.tianbao);
    expect(inbox.items[0]).toMatchObject({ kind: "RETURNED", message: expect.stringContaining("表三有空白单元格") });
    await markNotificationsRead(prisma, u.shenhe, inbox.items.map((n) => n.id));
    expect((await listNotifications(prisma, u.tianbao)).unread).toBe(inbox.unread);
    await markNotificationsRead(prisma, u.tianbao);
    expect((await listNotifications(prisma, u.tianbao)).unread).toBe(0);
    await resolveComment(prisma, u.tianbao, { reportId, commentId: comment.id });
    await expectCode(resolveComment(prisma, u.tianbao, { reportId, commentId: comment.id }), "NOT_FOUND");
  });

  it("publishes only approved reports; anonymous visitors see nothing before", async () => {
    const { prisma } = get().db;
    const content = (await current()).content as { tables: { proactive: Record<string, Record<string, number | null>> } };
    content.tables.proactive.licensing.decisions = 1200;
    await save(content);
    await submitReport(prisma, u.tianbao, { reportId, version: (await current()).version });
    await expectCode(publishReport(prisma, u.shenhe, { reportId }), "CONFLICT", /待审核/);
    await expectCode(getPublishedReport(prisma, "shili-shi-gonganju", 2020), "NOT_FOUND");

    // Two reviewers acting at once: exactly one wins.
    const outcomes = await Promise.allSettled([approveReport(prisma, u.shenhe, { reportId }), returnReport(prisma, u.shenhe, { reportId, reason: "同时退回试试" })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("CONFLICT");
    raceWinner = (await current()).status === "RETURNED" ? "return" : "approve";
    if (raceWinner === "return") {
      await submitReport(prisma, u.tianbao, { reportId, version: (await current()).version });
      await approveReport(prisma, u.shenhe, { reportId });
    }
    expect((await current()).status).toBe("APPROVED");
    await publishReport(prisma, u.shenhe, { reportId });
    const published = await getPublishedReport(prisma, "shili-shi-gonganju", 2020);
    expect(published).toMatchObject({ revision: 1, latestRevision: 1, agency: { name: "示例市公安局" } });
    expect((published.content as { tables: { proactive: Record<string, Record<string, number>> } }).tables.proactive.licensing.decisions).toBe(1200);
    expect((await listPublishedYears(prisma, "shili-shi-gonganju")).years.map((y) => y.year)).toEqual([2020]);
  });

  it("publishes a correction as a new revision with a 更正说明, keeping the earlier revision", async () => {
    const { prisma } = get().db;
    await expectCode(startCorrection(prisma, u.shenhe, { reportId }), "FORBIDDEN");
    await startCorrection(prisma, u.tianbao, { reportId });
    expect((await current()).status).toBe("DRAFT");
    expect((await getPublishedReport(prisma, "shili-shi-gonganju", 2020)).revision).toBe(1);
    const content = (await current()).content as { sections: { other: string } };
    content.sections.other = "本年度未收取信息处理费。更正：补充说明。";
    await save(content);
    await submitReport(prisma, u.tianbao, { reportId, version: (await current()).version });
    await approveReport(prisma, u.shenhe, { reportId });
    await expectCode(publishReport(prisma, u.shenhe, { reportId }), "INVALID", /更正说明/);
    expect((await current()).status).toBe("APPROVED");
    await publishReport(prisma, u.shenhe, { reportId, correctionNote: "补充第六部分关于信息处理费的说明。" });
    const latest = await getPublishedReport(prisma, "shili-shi-gonganju", 2020);
    expect(latest.revisions.map((r) => [r.revision, r.correctionNote])).toEqual([
      [1, null],
      [2, "补充第六部分关于信息处理费的说明。"],
    ]);
    const first = await getPublishedReport(prisma, "shili-shi-gonganju", 2020, 1);
    expect((first.content as { sections: { other: string } }).sections.other).not.toContain("更正");
  });

  it("keeps versions, publications and the audit trail append-only, recording every step", async () => {
    const { prisma } = get().db;
    const trail = await listAuditTrail(prisma, u.shenhe, reportId);
    const actions = trail.map((e) => e.action).reverse();
    const race = raceWinner === "return" ? ["report.return", "report.submit", "report.approve"] : ["report.approve"];
    expect(actions.filter((a) => a !== "report.save")).toEqual([
      "report.create",
      "report.submit",
      "comment.create",
      "comment.create",
      "report.return",
      "comment.resolve",
      "report.submit",
      ...race,
      "report.publish",
      "report.startCorrection",
      "report.submit",
      "report.approve",
      "report.publish",
    ]);
    expect(trail.every((e) => e.action === "report.create" || e.actor)).toBe(true);
    await expect(prisma.auditEvent.updateMany({ where: { reportId }, data: { action: "tampered" } })).rejects.toThrow();
    await expect(prisma.auditEvent.deleteMany({ where: { reportId } })).rejects.toThrow();
    await expect(prisma.reportVersion.updateMany({ where: { reportId }, data: { warningNote: "x" } })).rejects.toThrow();
    await expect(prisma.publication.deleteMany({ where: { reportId } })).rejects.toThrow();
    await expectCode(listAuditTrail(prisma, u.tianbao, reportId), "FORBIDDEN");
    expect((await listAuditTrail(prisma, u.admin, reportId)).length).toBe(trail.length);
  });
});
