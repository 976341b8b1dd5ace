import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { addComment } from "../comments/comments";
import { createReport } from "../reports/create-report";
import { saveReport } from "../reports/save-report";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { approveReport, publishReport, returnReport, startCorrection } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";
import { loadReview } from "./load-review";

type Tables = Record<string, Record<string, Record<string, number | string | null>>>;
type Content = Omit<ReturnType<typeof buildSampleReport>, "tables"> & { tables: Tables };
const sample = (options: Parameters<typeof buildSampleReport>[0]) => buildSampleReport(options) as unknown as Content;

describeEachDatabase("loadReview", (get) => {
  let u: Record<string, CurrentUser> = {};
  /** 2022: published, then reopened for a correction and changed (the draft must not leak into the comparison). */
  let lastYearId = "";
  /** 2023: submitted, returned, changed and submitted again. */
  let reportId = "";
  /** 2021 of 教育局: submitted once, no report the year before. */
  let loneId = "";
  /** 2022 of 教育局: submitted once; its 2021 report is published. */
  let onceId = "";
  let publishedDecisions = 0;

  const prisma = () => get().db.prisma;
  const version = async (id: string) => (await prisma().report.findUniqueOrThrow({ where: { id } })).version;
  const save = async (user: CurrentUser, id: string, content: unknown) => saveReport(prisma(), user, { reportId: id, version: await version(id), content });
  const submit = async (user: CurrentUser, id: string) => submitReport(prisma(), user, { reportId: id, version: await version(id), warningNote: "跨年数据已逐项核实" });

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
    const now = new Date("2026-01-10");

    lastYearId = (await createReport(db.prisma, u.tianbao, 2022, now)).id;
    const lastYear = sample({ year: 2022, agency: "示例市公安局", seed: 3 });
    publishedDecisions = Number(lastYear.tables.proactive.licensing.decisions);
    await save(u.tianbao, lastYearId, lastYear);
    await submit(u.tianbao, lastYearId);
    await approveReport(db.prisma, u.shenhe, { reportId: lastYearId });
    await publishReport(db.prisma, u.shenhe, { reportId: lastYearId });
    await startCorrection(db.prisma, u.tianbao, { reportId: lastYearId });
    await save(u.tianbao, lastYearId, { ...lastYear, tables: { ...lastYear.tables, proactive: { ...lastYear.tables.proactive, licensing: { ...lastYear.tables.proactive.licensing, decisions: 99999 } } } });

    reportId = (await createReport(db.prisma, u.tianbao, 2023, now)).id;
    const first = sample({ year: 2023, agency: "示例市公安局", seed: 4 });
    first.tables.proactive.licensing.decisions = publishedDecisions + 1;
    await save(u.tianbao, reportId, first);
    await submit(u.tianbao, reportId);
    await addComment(db.prisma, u.shenhe, { reportId, anchorType: "CELL", anchor: "reviews.reconsideration.upheld", body: "请核实复议维持数。", quote: "3" });
    await returnReport(db.prisma, u.shenhe, { reportId, reason: "表四复议数据需核实。" });
    const second = structuredClone(first);
    second.tables.reviews.reconsideration.upheld = Number(first.tables.reviews.reconsideration.upheld) + 1;
    second.tables.reviews.reconsideration.total = null;
    second.sections!.other = "本年度未收取信息处理费。已按审核意见核实复议数据。";
    await save(u.tianbao, reportId, second);
    await submit(u.tianbao, reportId);

    loneId = (await createReport(db.prisma, u.jiaoyu, 2021, now)).id;
    await save(u.jiaoyu, loneId, buildSampleReport({ year: 2021, agency: "示例市教育局", seed: 8 }));
    await submit(u.jiaoyu, loneId);
    await approveReport(db.prisma, u.shenhe, { reportId: loneId });
    await publishReport(db.prisma, u.shenhe, { reportId: loneId });
    onceId = (await createReport(db.prisma, u.jiaoyu, 2022, now)).id;
    await save(u.jiaoyu, onceId, buildSampleReport({ year: 2022, agency: "示例市教育局", seed: 9 }));
    await submit(u.jiaoyu, onceId);
  });

  it("hides the review from editors: another agency's editor gets NOT_FOUND, the own agency's FORBIDDEN", async () => {
    await expectAppError(loadReview(prisma(), u.jiaoyu, reportId), "NOT_FOUND");
    await expectAppError(loadReview(prisma(), u.tianbao, reportId), "FORBIDDEN");
    await expectAppError(loadReview(prisma(), u.tianbao, "no-such-report"), "NOT_FOUND");
  });

  it("shows the latest submitted version, with the decisions the reviewer may take and its threads", async () => {
    const review = await loadReview(prisma(), u.shenhe, reportId, { now: new Date("2024-01-25T00:00:00Z") });
    expect(review.report).toMatchObject({ agency: "示例市公安局", year: 2023, status: "SUBMITTED", daysLeft: 7 });
    expect(review.shown).toMatchObject({ number: 2, submittedBy: "田宝", warningNote: "跨年数据已逐项核实" });
    expect(review.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(review.transitions).toEqual(["return", "approve"]);
    expect(review.canComment).toBe(true);
    expect(review.document?.title).toBe("示例市公安局2023年政府信息公开工作年度报告");
    // Cross-year rules ran against last year's report.
    expect(review.comparedWith).toBe("2022年度已发布版本");
    expect(review.findings.some((f) => f.ruleId.startsWith("crossyear."))).toBe(true);
    expect(review.threads).toMatchObject([{ anchorType: "CELL", anchor: "reviews.reconsideration.upheld", author: "沈禾", authorRole: "审核人", versionNumber: 1, resolvedAt: null }]);
    const actions = review.audit.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(["report.submit", "report.save", "report.return"]);
    expect(review.audit[0]).toMatchObject({ actor: "田宝", versionNumber: 2, details: expect.objectContaining({ warningNote: "跨年数据已逐项核实" }) });
  });

  it("compares with the previous submission by default, cell by cell and paragraph by paragraph", async () => {
    const { comparison } = await loadReview(prisma(), u.shenhe, reportId);
    expect(comparison).toMatchObject({ mode: "version", available: { version: true, lastYear: true }, unavailableRequest: null, before: { versionNumber: 1 }, error: null });
    const changed = comparison.diff!.cells.map((c) => c.key);
    expect(changed).toContain("reviews.reconsideration.upheld");
    const upheld = comparison.diff!.cells.find((c) => c.key === "reviews.reconsideration.upheld")!;
    expect(Number(upheld.after) - Number(upheld.before)).toBe(1);
    // The total was left to be computed: it changes with its term, and only then.
    expect(changed.every((key) => key.startsWith("reviews.reconsideration.") || key.startsWith("reviews.total."))).toBe(true);
    expect(comparison.diff!.text.find((p) => p.part.startsWith("六"))!.changes).toEqual([
      { kind: "changed", before: "本年度未收取信息处理费。", after: "本年度未收取信息处理费。已按审核意见核实复议数据。" },
    ]);
  });

  it("compares with last year's published report, not last year's later draft", async () => {
    const { comparison } = await loadReview(prisma(), u.shenhe, reportId, { compare: "lastYear" });
    expect(comparison).toMatchObject({ mode: "lastYear", before: { year: 2022, revision: 1 } });
    const decisions = comparison.diff!.cells.find((c) => c.key === "proactive.licensing.decisions");
    expect(decisions).toMatchObject({ before: String(publishedDecisions), after: String(publishedDecisions + 1) });
    expect(comparison.diff!.cells.some((c) => c.before === "99999")).toBe(false);
  });

  it("falls back to last year when there is one version, and says when there is nothing to compare", async () => {
    const published = await loadReview(prisma(), u.shenhe, lastYearId, { compare: "version" });
    // 2022 was submitted once; 2021 has no report: nothing to compare with.
    expect(published.comparison).toMatchObject({ mode: null, unavailableRequest: "version", diff: null, before: null });
    expect(published.shown?.number).toBe(1);
    expect(published.publications).toMatchObject([{ revision: 1, publishedBy: "沈禾", versionNumber: 1, correctionNote: null }]);
    // Reopened for correction: a draft again, so no reviewer decision is offered.
    expect(published.report.status).toBe("DRAFT");
    expect(published.transitions).toEqual([]);

    const lone = await loadReview(prisma(), u.shenhe, loneId);
    expect(lone.comparison).toMatchObject({ mode: null, available: { version: false, lastYear: false } });
    expect(lone.comparedWith).toBeNull();

    // Submitted once, last year published: the default is last year's report.
    const once = await loadReview(prisma(), u.shenhe, onceId);
    expect(once.comparison).toMatchObject({ mode: "lastYear", unavailableRequest: null, before: { year: 2021, revision: 1 } });
    expect(once.comparison.diff!.cells.length).toBeGreaterThan(0);
  });

  it("lets admins read the review and the audit trail without deciding or commenting", async () => {
    const review = await loadReview(prisma(), u.admin, reportId);
    expect(review.transitions).toEqual([]);
    expect(review.canComment).toBe(false);
    expect(review.audit.length).toBeGreaterThan(5);
  });

  it("reviews a correction against the revision now public, by default", async () => {
    // 2022 reopened for correction (decisions 99999) and resubmitted.
    await submit(u.tianbao, lastYearId);
    const review = await loadReview(prisma(), u.shenhe, lastYearId);
    expect(review.comparison).toMatchObject({ mode: "published", available: { version: true, published: true }, before: { revision: 1, versionNumber: 1 } });
    expect(review.comparison.before?.title).toBe("已公开的第 1 次发布（第 1 版）");
    expect(review.comparison.diff!.cells).toEqual([expect.objectContaining({ key: "proactive.licensing.decisions", before: String(publishedDecisions), after: "99999" })]);
    // The previous submission is the same version here, and still offered.
    expect((await loadReview(prisma(), u.shenhe, lastYearId, { compare: "version" })).comparison.mode).toBe("version");
    // A report never corrected has no such comparison.
    expect((await loadReview(prisma(), u.shenhe, reportId, { compare: "published" })).comparison).toMatchObject({ mode: "version", unavailableRequest: "published" });
  });
});
