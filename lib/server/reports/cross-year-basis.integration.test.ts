import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { loadReview } from "../review/load-review";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { describeEachDatabase } from "../test-support/test-database";
import { approveReport, publishReport, startCorrection } from "../workflow/review-report";
import { checkLatestVersion } from "../workflow/frozen-findings";
import { submitReport } from "../workflow/submit-report";
import { createReport } from "./create-report";
import { loadReportForEditing } from "./load-report-for-editing";
import { loadReportPreview } from "./load-report-preview";
import { saveReport } from "./save-report";

type Content = { tables: { requests: Record<string, Record<string, number>> } };

/**
 * Issue 14.2: the cross-year rules compare with last year's published (or approved) version
 * only, so typing in another year's draft never changes a report's findings.
 */
describeEachDatabase("cross-year context from last year's published or approved version only", (get) => {
  let u: Record<string, CurrentUser> = {};
  const prisma = () => get().db.prisma;
  const version = async (reportId: string) => (await prisma().report.findUniqueOrThrow({ where: { id: reportId } })).version;
  const save = async (user: CurrentUser, reportId: string, content: unknown) => saveReport(prisma(), user, { reportId, version: await version(reportId), content });
  const publish = async (editor: CurrentUser, reportId: string) => {
    await submitReport(prisma(), editor, { reportId, version: await version(reportId), warningNote: "跨年数据已逐项核实" });
    await approveReport(prisma(), u.shenhe, { reportId });
    await publishReport(prisma(), u.shenhe, { reportId });
  };
  /** Last year's 结转下年度 made to disagree with this year's 上年结转 in every column (received too, so it still balances). */
  const skewed = (content: unknown) => {
    const copy = structuredClone(content) as Content;
    for (const col of Object.keys(copy.tables.requests.carried_forward)) {
      copy.tables.requests.carried_forward[col] += 7;
      copy.tables.requests.received[col] += 7;
    }
    return copy;
  };
  const findingsOf = async (reportId: string) => {
    const preview = await loadReportPreview(prisma(), u.tianbao, reportId);
    const review = await loadReview(prisma(), u.shenhe, reportId);
    expect(review.findings).toEqual(preview.findings);
    expect(review.comparedWith).toBe(preview.comparedWith);
    return { findings: preview.findings, comparedWith: preview.comparedWith };
  };

  let report2020 = "";
  let report2021 = "";
  let content2020: unknown;

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
    report2020 = (await createReport(db.prisma, u.tianbao, 2020, new Date("2026-01-10"))).id;
    content2020 = buildSampleReport({ year: 2020, agency: "示例市公安局", seed: 5 });
    await save(u.tianbao, report2020, content2020);
    report2021 = (await createReport(db.prisma, u.tianbao, 2021, new Date("2026-01-10"))).id;
    await save(u.tianbao, report2021, buildSampleReport({ year: 2021, agency: "示例市公安局", seed: 6 }));
  });

  it("has nothing to compare with while last year is a draft, however the draft changes", async () => {
    const before = await findingsOf(report2021);
    expect(before.comparedWith).toBeNull();
    expect((await loadReportForEditing(prisma(), u.tianbao, report2021)).previousContent).toBeNull();
    await save(u.tianbao, report2020, skewed(content2020));
    expect(await findingsOf(report2021)).toEqual(before);
    await save(u.tianbao, report2020, content2020);
  });

  it("compares with last year once it is published, and a correction's draft does not change that", async () => {
    await publish(u.tianbao, report2020);
    await publish(u.tianbao, report2021);
    const published = await findingsOf(report2021);
    expect(published.comparedWith).toBe("2020年度已发布版本");
    expect((await loadReportForEditing(prisma(), u.tianbao, report2021)).previousLabel).toBe("2020年度已发布版本");

    // 2020 reopened for correction and edited so its 结转 disagrees with 2021's 上年结转.
    await startCorrection(prisma(), u.tianbao, { reportId: report2020 });
    await save(u.tianbao, report2020, skewed(content2020));
    expect(await findingsOf(report2021)).toEqual(published);

    // The correction submitted and approved is what 2021 compares with (still not published).
    await submitReport(prisma(), u.tianbao, { reportId: report2020, version: await version(report2020), warningNote: "更正结转数，已逐项核实" });
    expect(await findingsOf(report2021)).toEqual(published);
    await approveReport(prisma(), u.shenhe, { reportId: report2020 });
    const approved = await findingsOf(report2021);
    // The published revision stays the basis until the correction is published.
    expect(approved).toEqual(published);
    await publishReport(prisma(), u.shenhe, { reportId: report2020, correctionNote: "更正结转下年度继续办理数。" });
    // 2021 is published: its findings are those frozen with its publication (issue 14.1), so
    // even last year's corrected publication does not rewrite them…
    expect(await findingsOf(report2021)).toEqual(published);
    expect((await loadReportPreview(prisma(), u.tianbao, report2021)).findingsFrozenAt).not.toBeNull();
    // …while a check made now compares with the corrected revision, and the skewed 结转 shows.
    const fresh = await checkLatestVersion(prisma(), report2021);
    expect(fresh?.comparedWith).toBe("2020年度已发布版本（第 2 版）");
    const crossYear = (findings: { ruleId: string; message: string }[]) => findings.filter((f) => f.ruleId.startsWith("crossyear.")).map((f) => f.message);
    expect(crossYear(fresh!.findings)).not.toEqual(crossYear(published.findings));
  });
});
