import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { submitReport } from "../workflow/submit-report";
import { createReport } from "./create-report";
import { saveReport } from "./save-report";

/** Autosave's guarantees: the version guard and the audit row are one atomic change. */
describeEachDatabase("saveReport", (get) => {
  let u: Record<string, CurrentUser> = {};
  let reportId = "";
  const prisma = () => get().db.prisma;
  const saves = () => prisma().auditEvent.findMany({ where: { reportId, action: "report.save" }, orderBy: { at: "asc" } });
  const content = (seed: number) => buildSampleReport({ agency: "示例市公安局", year: 2024, seed });

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
    reportId = (await createReport(db.prisma, u.tianbao, 2024, new Date("2026-01-10"))).id;
  });

  it("stores the content with the next version, who saved it and when, and one audit row", async () => {
    const before = await prisma().report.findUniqueOrThrow({ where: { id: reportId } });
    const started = Date.now();
    const result = await saveReport(prisma(), u.tianbao, { reportId, version: before.version, content: { ...content(1), agency: "别的机关", year: 1999 } });
    expect(result.version).toBe(before.version + 1);
    const after = await prisma().report.findUniqueOrThrow({ where: { id: reportId } });
    expect(after).toMatchObject({ version: before.version + 1, updatedById: u.tianbao.id, status: "DRAFT" });
    expect(after.content).toMatchObject({ agency: "示例市公安局", year: 2024, format: "2021" });
    // Written as UTC wall-clock time, as Prisma writes @updatedAt: read back, it is "now".
    expect(Math.abs(after.updatedAt.getTime() - started)).toBeLessThan(5000);
    expect(new Date(result.savedAt).getTime()).toBe(after.updatedAt.getTime());
    const audit = await saves();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: u.tianbao.id, details: { version: before.version + 1 }, versionId: null });
    expect(audit[0].at.getTime()).toBe(after.updatedAt.getTime());
  });

  it("of concurrent saves of one version, exactly one is stored and audited; the others conflict", async () => {
    const { version } = await prisma().report.findUniqueOrThrow({ where: { id: reportId } });
    const audited = (await saves()).length;
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => saveReport(prisma(), u.tianbao, { reportId, version, content: content(10 + i) })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const failed of results.filter((r) => r.status === "rejected")) expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect((await prisma().report.findUniqueOrThrow({ where: { id: reportId } })).version).toBe(version + 1);
    expect(await saves()).toHaveLength(audited + 1);
  });

  it("refuses a stale version, invalid content and other users without storing or auditing anything", async () => {
    const before = await prisma().report.findUniqueOrThrow({ where: { id: reportId } });
    const audited = (await saves()).length;
    const conflict = await expectAppError(saveReport(prisma(), u.tianbao, { reportId, version: before.version - 1, content: content(2) }), "CONFLICT", /田宝已在/);
    expect(conflict.details).toMatchObject({ currentVersion: before.version, updatedBy: "田宝" });
    await expectAppError(saveReport(prisma(), u.tianbao, { reportId, version: before.version, content: { tables: { requests: { received: { natural_person: true } } } } }), "INVALID");
    await expectAppError(saveReport(prisma(), u.tianbao, { reportId, version: before.version, content: { ...content(2), format: "2019" } }), "INVALID", /2021 年版格式/);
    await expectAppError(saveReport(prisma(), u.tianbao, { reportId, version: 1.5, content: content(2) }), "INVALID");
    await expectAppError(saveReport(prisma(), u.jiaoyu, { reportId, version: before.version, content: content(2) }), "NOT_FOUND");
    await expectAppError(saveReport(prisma(), u.shenhe, { reportId, version: before.version, content: content(2) }), "FORBIDDEN");
    await expectAppError(saveReport(prisma(), u.tianbao, { reportId: "no-such-report", version: 1, content: content(2) }), "NOT_FOUND");
    const after = await prisma().report.findUniqueOrThrow({ where: { id: reportId } });
    expect(after.version).toBe(before.version);
    expect(after.content).toEqual(before.content);
    expect(await saves()).toHaveLength(audited);
  });

  it("refuses to change a submitted report", async () => {
    const { version } = await prisma().report.findUniqueOrThrow({ where: { id: reportId } });
    await submitReport(prisma(), u.tianbao, { reportId, version, warningNote: "已核实" });
    const audited = (await saves()).length;
    await expectAppError(saveReport(prisma(), u.tianbao, { reportId, version, content: content(3) }), "CONFLICT", /已提交审核/);
    expect(await saves()).toHaveLength(audited);
  });
});
