import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { cellVector } from "../../oversight/cell-vector";
import { indicatorValues } from "../../oversight/indicators";
import { rollUpContent, sumReports } from "../../oversight/roll-up";
import { parseCellKey } from "../../report/cell-ref";
import { prepareReport, type PreparedReport } from "../../report/prepare-report";
import { buildSampleReport } from "../../report/sample-report";
import { effectiveValue } from "../../report/values";
import type { CurrentUser } from "../authz";
import { createReport } from "../reports/create-report";
import { saveReport } from "../reports/save-report";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { createUser } from "../users/create-user";
import { approveReport, publishReport } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";
import { loadAgencyStatusPage, listAgencyStatuses } from "./load-agency-statuses";
import { loadIndicatorMatrix } from "./load-indicator-matrix";
import { loadRollUp } from "./load-roll-up";

const PASSWORD = "Oversight2026test";
const YEAR = 2023;
const CREATED = new Date("2024-01-10T02:00:00Z");

function prepared(content: unknown): PreparedReport {
  const result = prepareReport(content);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

describeEachDatabase("oversight: stored cells, roll-up, indicators and status list", (get) => {
  let u: Record<string, CurrentUser> = {};
  const contents: Record<string, unknown> = {};
  const reports: Record<string, string> = {};
  const prisma = () => get().db.prisma;

  /** The editor's report for the year, filled with a sample and taken as far as `until`. */
  async function report(editor: CurrentUser, seed: number, until: "submitted" | "published") {
    const created = await createReport(prisma(), editor, YEAR, CREATED);
    const agency = await prisma().agency.findUniqueOrThrow({ where: { id: editor.agencyId! } });
    const content = buildSampleReport({ agency: agency.name, year: YEAR, seed });
    const saved = await saveReport(prisma(), editor, { reportId: created.id, version: created.version, content });
    await submitReport(prisma(), editor, { reportId: created.id, version: saved.version, warningNote: "已核实" });
    const reviewer = editor.agencyId === "agency-far" ? u.yuanshen : u.shenhe;
    if (until === "published") {
      await approveReport(prisma(), reviewer, { reportId: created.id });
      await publishReport(prisma(), reviewer, { reportId: created.id });
    }
    reports[agency.id] = created.id;
    contents[agency.id] = (await prisma().reportVersion.findFirstOrThrow({ where: { reportId: created.id } })).content;
  }

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    // 示例市人民政府 → 示例市东区人民政府 → 示例市东区教育局; 远方市人民政府 is a tree of its own.
    await db.prisma.agency.createMany({
      data: [
        { id: "agency-east", name: "示例市东区人民政府", slug: "dongqu", parentId: "agency-city", kind: "GOVERNMENT" },
        { id: "agency-east-edu", name: "示例市东区教育局", slug: "dongqu-jiaoyu", parentId: "agency-east" },
        { id: "agency-far", name: "远方市人民政府", slug: "yuanfang", kind: "GOVERNMENT" },
      ],
    });
    for (const [username, role, agencyId] of [
      ["dongshen", "REVIEWER", "agency-east"],
      ["dongjiao", "EDITOR", "agency-east-edu"],
      ["yuanbian", "EDITOR", "agency-far"],
      ["yuanshen", "REVIEWER", "agency-far"],
    ] as const) {
      await createUser(db.prisma, auth, { username, name: username, role, agencyId, password: PASSWORD });
    }
    u = await loadCurrentUsers(db.prisma);

    await report(u.tianbao, 1, "published");
    await report(u.jiaoyu, 2, "submitted");
    await report(u.dongjiao, 3, "published");
    await report(u.yuanbian, 4, "published");

    // 公安局's 2022 report as published before this system (imported): a version without stored
    // cells, as every version frozen before the cells table existed.
    const previous = buildSampleReport({ agency: "示例市公安局", year: YEAR - 1, seed: 5 });
    const reportId = randomUUID();
    const versionId = randomUUID();
    await db.prisma.report.create({ data: { id: reportId, agencyId: "agency-police", year: YEAR - 1, format: "2021", status: "PUBLISHED", content: previous as object } });
    await db.prisma.reportVersion.create({ data: { id: versionId, reportId, number: 1, content: previous as object, errorCount: 0, warningCount: 0, submittedById: u.tianbao.id } });
    await db.prisma.publication.create({ data: { id: randomUUID(), reportId, versionId, revision: 1, publishedById: u.shenhe.id } });
    contents.police2022 = previous;
  });

  it("stores each frozen version's cells in the submitting transaction, append-only", async () => {
    const version = await prisma().reportVersion.findFirstOrThrow({ where: { reportId: reports["agency-education"] }, include: { cells: true } });
    const vector = cellVector(prepared(version.content));
    expect(version.cells).toMatchObject({ layoutId: vector.layout.id, values: vector.values.map(BigInt) });
    expect(version.cells!.filled).toBe(vector.filled.map((f) => (f ? "1" : "0")).join(""));
    await expect(prisma().$executeRaw`UPDATE "ReportVersionCells" SET "values" = '{}' WHERE "versionId" = ${version.id}`).rejects.toThrow(/append-only/);
  });

  it("sums the reviewer's subtree in the database: published by default, or the latest submitted versions", async () => {
    const rollUp = await loadRollUp(prisma(), u.shenhe, { year: YEAR });
    expect(rollUp).toMatchObject({ title: "示例市人民政府及下属机关", format: "2021", basis: "published", findings: [] });
    expect(rollUp.coverage.included.map((i) => i.agency.name)).toEqual(["示例市东区教育局", "示例市公安局"]);
    expect(rollUp.coverage.missing.map((m) => m.name)).toEqual(["示例市人民政府", "示例市东区人民政府", "示例市生态环境局"]);
    expect(rollUp.coverage.excluded.map((e) => [e.agency.name, e.reason, e.status])).toEqual([["示例市教育局", "not-published", "SUBMITTED"]]);
    const expected = (ids: string[]) =>
      rollUpContent(sumReports("2021", ids.map((id) => prepared(contents[id]))), { title: "示例市人民政府及下属机关", year: YEAR });
    expect(rollUp.content).toEqual(expected(["agency-east-edu", "agency-police"]));

    const submitted = await loadRollUp(prisma(), u.shenhe, { year: YEAR, basis: "submitted" });
    expect(submitted.coverage.included.map((i) => i.agency.id)).toEqual(["agency-east-edu", "agency-police", "agency-education"]);
    expect(submitted.content).toEqual(expected(["agency-east-edu", "agency-police", "agency-education"]));
    expect(submitted.findings).toEqual([]);

    // A version frozen before cells were stored gets them when a roll-up first needs it.
    const lastYear = await loadRollUp(prisma(), u.shenhe, { year: YEAR - 1, agencyIds: ["agency-police"] });
    expect(lastYear.title).toBe("示例市公安局");
    expect(lastYear.coverage.included.map((i) => i.agency.id)).toEqual(["agency-police"]);
    expect(lastYear.content).toEqual(rollUpContent(sumReports("2021", [prepared(contents.police2022)]), { title: "示例市公安局", year: YEAR - 1 }));
  });

  it("confines reviewers to their subtree, refusing agencies outside it by URL or forged ids; editors see nothing", async () => {
    const east = await loadRollUp(prisma(), u.dongshen, { year: YEAR });
    expect(east.coverage.included.map((i) => i.agency.id)).toEqual(["agency-east-edu"]);
    expect([...east.coverage.missing, ...east.coverage.excluded.map((e) => e.agency)].map((a) => a.id)).toEqual(["agency-east"]);
    for (const selection of [{ under: "agency-city" }, { under: "agency-far" }, { agencyIds: ["agency-east-edu", "agency-police"] }, { agencyIds: ["no-such-agency"] }]) {
      await expectAppError(loadRollUp(prisma(), u.dongshen, { year: YEAR, ...selection }), "NOT_FOUND");
      await expectAppError(loadIndicatorMatrix(prisma(), u.dongshen, { year: YEAR, ...selection }), "NOT_FOUND");
      await expectAppError(loadAgencyStatusPage(prisma(), u.dongshen, { year: YEAR, ...selection }), "NOT_FOUND");
    }
    await expectAppError(loadRollUp(prisma(), u.shenhe, { year: YEAR, agencyIds: ["agency-far"] }), "NOT_FOUND");
    expect((await listAgencyStatuses(prisma(), u.dongshen, { year: YEAR })).map((r) => r.agency.id)).toEqual(["agency-east", "agency-east-edu"]);
    for (const editor of [u.tianbao, u.dongjiao]) {
      await expectAppError(loadRollUp(prisma(), editor, { year: YEAR }), "FORBIDDEN");
      await expectAppError(loadAgencyStatusPage(prisma(), editor, { year: YEAR }), "FORBIDDEN");
      await expectAppError(loadIndicatorMatrix(prisma(), editor, { year: YEAR }), "FORBIDDEN");
    }
    // Admins see every tree.
    const all = await loadRollUp(prisma(), u.admin, { year: YEAR });
    expect(all.title).toBe("全部机关");
    expect(all.coverage.included.map((i) => i.agency.id).sort()).toEqual(["agency-east-edu", "agency-far", "agency-police"]);
    expect((await loadRollUp(prisma(), u.admin, { year: YEAR, under: "agency-far" })).coverage.included.map((i) => i.agency.id)).toEqual(["agency-far"]);
  });

  it("lists every agency in scope with status, deadline by kind, counts, links; filtered, sorted and paged on the server", async () => {
    const now = new Date("2024-02-05T02:00:00Z");
    const rows = await listAgencyStatuses(prisma(), u.shenhe, { year: YEAR, now });
    const row = (id: string) => rows.find((r) => r.agency.id === id)!;
    expect(rows.map((r) => [r.agency.name, r.agency.depth, r.status])).toEqual([
      ["示例市人民政府", 0, "NOT_STARTED"],
      ["示例市东区人民政府", 1, "NOT_STARTED"],
      ["示例市东区教育局", 2, "PUBLISHED"],
      ["示例市公安局", 1, "PUBLISHED"],
      ["示例市教育局", 1, "SUBMITTED"],
      ["示例市生态环境局", 1, "NOT_STARTED"],
    ]);
    // Governments publish by 31 March, departments by 31 January (条例第四十九条).
    expect(row("agency-city")).toMatchObject({ reportId: null, daysLeft: 56, overdue: false, deadlineRule: "条例第四十九条：人民政府 3月31日前", publicPath: null });
    expect(row("agency-ecology")).toMatchObject({ daysLeft: -5, overdue: true, deadlineRule: "条例第四十九条：县级以上人民政府部门 1月31日前" });
    const education = row("agency-education");
    expect(education).toMatchObject({ status: "SUBMITTED", latestVersion: { number: 1, errors: 0 }, publishedAt: null, daysLeft: -5, overdue: true });
    expect(education.lastChange).toMatchObject({ by: "贾瑜", action: "report.submit" });
    expect(education.submittedAt).toBeInstanceOf(Date);
    const police = row("agency-police");
    expect(police).toMatchObject({ status: "PUBLISHED", revision: 1, daysLeft: null, publicPath: "/reports/shili-shi-gonganju/2023" });
    expect(police.lastChange).toMatchObject({ by: "沈禾", action: "report.publish" });
    // Published (in this test, years after the deadline): how late it was.
    expect(police.daysLate).toBeGreaterThan(0);

    const page = await loadAgencyStatusPage(prisma(), u.shenhe, { year: YEAR, now, filter: { status: ["NOT_STARTED", "SUBMITTED"], sort: "name" }, pageSize: 2, page: 2 });
    expect(page).toMatchObject({ total: 4, page: 2, pageCount: 2, from: 3, to: 4, scopeSize: 6, overdue: 4 });
    expect(page.counts).toEqual({ NOT_STARTED: 3, DRAFT: 0, SUBMITTED: 1, RETURNED: 0, APPROVED: 0, PUBLISHED: 2 });
    expect(page.items.map((r) => r.agency.name)).toEqual(["示例市人民政府", "示例市生态环境局"]);
    const search = await loadAgencyStatusPage(prisma(), u.shenhe, { year: YEAR, now, filter: { search: "教育", kind: "DEPARTMENT", overdue: true } });
    expect(search.items.map((r) => r.agency.id)).toEqual(["agency-east-edu", "agency-education"]);
    const urgent = await loadAgencyStatusPage(prisma(), u.shenhe, { year: YEAR, now, filter: { depth: 1, sort: "daysLeft" } });
    expect(urgent.items.map((r) => r.agency.id)).toEqual(["agency-education", "agency-ecology", "agency-east", "agency-police"]);
  });

  it("gives the indicator matrix with last year's figures from the stored cells", async () => {
    const matrix = await loadIndicatorMatrix(prisma(), u.shenhe, { year: YEAR });
    expect(matrix.rows.map((r) => r.agency.id)).toEqual(["agency-east-edu", "agency-police"]);
    const values = (content: unknown) => {
      const report = prepared(content);
      return indicatorValues("2021", (id) => effectiveValue(report, parseCellKey(id)!));
    };
    const police = matrix.rows[1].cells;
    const [now, then] = [values(contents["agency-police"]), values(contents.police2022)];
    expect(police.received).toMatchObject({ value: now.received, previous: then.received, change: now.received! - then.received! });
    expect(police.fees).toMatchObject({ value: now.fees, previous: then.fees });
    expect(matrix.rows[0].cells.received).toMatchObject({ value: values(contents["agency-east-edu"]).received, previous: null, change: null });
  });
});
