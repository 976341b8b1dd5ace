import { beforeAll, expect, it } from "vitest";
import { prepareReport } from "../../report/prepare-report";
import { loadSeedJson } from "../../test-support/seeds";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { seedDemoData } from "../seed/seed-demo";
import { describeEachDatabase } from "../test-support/test-database";
import { createReport } from "./create-report";
import { exportReport } from "./export-report";
import { getReportOrThrow } from "./report-access";
import { saveReport } from "./save-report";

async function expectAppError(promise: Promise<unknown>, code: AppError["code"], message?: RegExp) {
  const error = await promise.then(() => null, (e) => e);
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

describeEachDatabase("reports", (get) => {
  const users: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    for (const user of await db.prisma.user.findMany()) {
      users[user.username!] = { id: user.id, name: user.name, username: user.username!, role: user.role, agencyId: user.agencyId };
    }
  });

  it("creates one report per agency and year, with the year's format and the agency's contact data", async () => {
    const { prisma } = get().db;
    const report = await createReport(prisma, users.tianbao, 2020, new Date("2026-01-10"));
    expect(report).toMatchObject({ year: 2020, format: "2019", version: 1, status: "DRAFT", agencyId: "agency-police" });
    const content = report.content as { agency: string; contact: { phone: string }; sections: { overview: { title: string }[] } };
    expect(content.agency).toBe("示例市公安局");
    expect(content.contact.phone).toBe("010-12345678");
    expect(content.sections.overview.map((o) => o.title)).toEqual(["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]);
    await expectAppError(createReport(prisma, users.tianbao, 2020, new Date("2026-01-10")), "DUPLICATE", /示例市公安局 2020 年度报告已经存在/);
    await expectAppError(createReport(prisma, users.tianbao, 2018), "INVALID");
    await expectAppError(createReport(prisma, users.shenhe, 2020), "FORBIDDEN");
  });

  it("prefills 上年结转 from last year's 结转下年度继续办理, across the 2020→2021 format change", async () => {
    const { prisma } = get().db;
    const last = await prisma.report.findFirstOrThrow({ where: { agencyId: "agency-police", year: 2020 } });
    const content = structuredClone(last.content) as { tables: Record<string, unknown> };
    content.tables = { requests: { carried_forward: { natural_person: 3, commercial: 1 } } };
    await saveReport(prisma, users.tianbao, { reportId: last.id, version: last.version, content });
    const next = await createReport(prisma, users.tianbao, 2021, new Date("2026-01-10"));
    expect(next.format).toBe("2021");
    expect((next.content as { tables: unknown }).tables).toEqual({ requests: { carried_over: { natural_person: 3, commercial: 1 } } });
  });

  it("saves with the version it edited and refuses a stale version with who changed it — never overwriting", async () => {
    const { prisma } = get().db;
    const report = await prisma.report.findFirstOrThrow({ where: { agencyId: "agency-police", year: 2021 } });
    const seed = loadSeedJson("003_5f1914cbe288c934") as Record<string, unknown>;
    const saved = await saveReport(prisma, users.tianbao, { reportId: report.id, version: report.version, content: { ...seed, agency: "别的机关", year: 1999 } });
    expect(saved.version).toBe(report.version + 1);
    const stored = await prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    // Agency and year come from the record, not from the client.
    expect(stored.content).toMatchObject({ agency: "示例市公安局", year: 2021, format: "2021" });

    const conflict = await expectAppError(saveReport(prisma, users.tianbao, { reportId: report.id, version: report.version, content: seed }), "CONFLICT", /田宝已在 .* 修改了本报告/);
    expect(conflict.status).toBe(409);
    expect(conflict.details).toMatchObject({ currentVersion: saved.version, updatedBy: "田宝" });
    expect((await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).version).toBe(saved.version);
  });

  it("rejects invalid content with the JSON path and stores nothing", async () => {
    const { prisma } = get().db;
    const report = await prisma.report.findFirstOrThrow({ where: { agencyId: "agency-police", year: 2021 } });
    const before = report.content;
    const error = await expectAppError(
      saveReport(prisma, users.tianbao, { reportId: report.id, version: report.version, content: { agency: "x", year: 2021, tables: { requests: { received: { natural_person: true } } } } }),
      "INVALID",
      /tables\.requests\.received\.natural_person/,
    );
    expect(error.details?.issues).toBeTruthy();
    const wrongFormat = await expectAppError(
      saveReport(prisma, users.tianbao, { reportId: report.id, version: report.version, content: { agency: "x", year: 2021, format: "2019" } }),
      "INVALID",
    );
    expect(wrongFormat.message).toContain("2021 年版格式");
    const after = await prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    expect(after.content).toEqual(before);
    expect(after.version).toBe(report.version);
  });

  it("scopes every report to the user's agency: other editors get not-found, reviewers may view but not edit", async () => {
    const { prisma } = get().db;
    const report = await prisma.report.findFirstOrThrow({ where: { agencyId: "agency-police", year: 2021 } });
    await expectAppError(getReportOrThrow(prisma, users.jiaoyu, report.id, "report.view"), "NOT_FOUND");
    await expectAppError(saveReport(prisma, users.jiaoyu, { reportId: report.id, version: report.version, content: report.content }), "NOT_FOUND");
    await expectAppError(getReportOrThrow(prisma, users.tianbao, "no-such-id", "report.view"), "NOT_FOUND");
    expect((await getReportOrThrow(prisma, users.shenhe, report.id, "report.view")).id).toBe(report.id);
    await expectAppError(saveReport(prisma, users.shenhe, { reportId: report.id, version: report.version, content: report.content }), "FORBIDDEN");
    expect((await getReportOrThrow(prisma, users.admin, report.id, "report.view")).id).toBe(report.id);
  });

  it("refuses edits once a report is no longer a draft", async () => {
    const { prisma } = get().db;
    const report = await prisma.report.findFirstOrThrow({ where: { agencyId: "agency-police", year: 2020 } });
    await prisma.report.update({ where: { id: report.id }, data: { status: "SUBMITTED" } });
    await expectAppError(saveReport(prisma, users.tianbao, { reportId: report.id, version: report.version, content: report.content }), "CONFLICT", /已提交审核/);
    await prisma.report.update({ where: { id: report.id }, data: { status: "DRAFT" } });
  });

  it("exports stored content to DOCX, PDF, HTML and JSON named after the agency and year", async () => {
    const { prisma } = get().db;
    const report = await prisma.report.findFirstOrThrow({ where: { agencyId: "agency-police", year: 2021 } });
    const pdf = await exportReport(report.content, "pdf");
    expect(pdf.filename).toBe("示例市公安局-2021年政府信息公开工作年度报告.pdf");
    expect(Buffer.from(pdf.body as Uint8Array).subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await exportReport(report.content, "docx");
    expect(Buffer.from(docx.body as Uint8Array).subarray(0, 2).toString()).toBe("PK");
    const html = await exportReport(report.content, "html");
    expect(html.body).toContain("示例市公安局2021年政府信息公开工作年度报告");
    const json = await exportReport(report.content, "json");
    expect(prepareReport(JSON.parse(json.body as string)).ok).toBe(true);
  });
});

describeEachDatabase("sign-in", (get) => {
  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
  });

  it("signs in with user name and password and issues a session that expires within a working day", async () => {
    const { auth } = get();
    const result = await auth.api.signInUsername({ body: { username: "tianbao", password: "Demo2026gov" } });
    expect(result?.user).toMatchObject({ username: "tianbao" });
    const session = await get().db.prisma.session.findFirstOrThrow({ where: { token: result!.token } });
    const hours = (session.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
  });

  it("throttles a user name after five failed attempts, even with the right password", async () => {
    const { auth } = get();
    for (let i = 0; i < 5; i++) {
      await expect(auth.api.signInUsername({ body: { username: "jiaoyu", password: "wrong-password-1" } })).rejects.toThrow();
    }
    await expect(auth.api.signInUsername({ body: { username: "jiaoyu", password: "Demo2026gov" } })).rejects.toThrow(/登录失败次数过多，请 1[45] 分钟后再试/);
    // Another user is not affected.
    expect((await auth.api.signInUsername({ body: { username: "shenhe", password: "Demo2026gov" } }))?.user).toBeTruthy();
  });

  it("keeps public sign-up closed", async () => {
    const { auth } = get();
    await expect(auth.api.signUpEmail({ body: { email: "x@example.com", password: "Abcdefgh12345", name: "x" } })).rejects.toThrow();
  });
});
