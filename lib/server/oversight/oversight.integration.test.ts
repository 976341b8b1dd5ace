import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { orderAgencyTree } from "../../admin/agency-tree";
import type { AgencyStatusRow } from "../../oversight/status-row";
import { pageOf } from "../../paging/paging";
import { PROGRESS_STATUSES } from "../../workflow/report-status";
import { updateAgency } from "../agencies/update-agency";
import { agencySubtree } from "../authz";
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
import { loadAgencyStatusPage, listAgencyStatuses, type StatusFilter, type StatusSort } from "./load-agency-statuses";
import { loadIndicatorMatrix } from "./load-indicator-matrix";
import { loadRollUp } from "./load-roll-up";

const PASSWORD = "Oversight2026test";
const YEAR = 2023;
const CREATED = new Date("2024-01-10T02:00:00Z");

const ZH = new Intl.Collator("zh-CN");

/**
 * The status list filtered, sorted and paged in memory, as the page did before it moved into
 * SQL: the reference the database's answer must equal.
 */
function referencePage(rows: AgencyStatusRow[], filter: StatusFilter, page: number, pageSize: number) {
  const search = filter.search?.trim();
  const kept = rows.filter(
    (row) =>
      (!filter.status?.length || filter.status.includes(row.status)) &&
      (!filter.kind || row.agency.kind === filter.kind) &&
      (filter.depth === undefined || row.agency.depth === filter.depth) &&
      (filter.overdue === undefined || row.overdue === filter.overdue) &&
      (!search || row.agency.name.includes(search)),
  );
  const order = new Map(PROGRESS_STATUSES.map((status, i) => [status, i]));
  const keys: Record<Exclude<StatusSort, "tree">, (row: AgencyStatusRow) => number | string> = {
    name: (row) => row.agency.name,
    status: (row) => order.get(row.status)!,
    daysLeft: (row) => row.daysLeft ?? Number.MAX_SAFE_INTEGER - (row.daysLate ?? 0),
    lastChange: (row) => (row.reportId ? row.lastChange!.at.getTime() : -Infinity),
    errors: (row) => -(row.latestVersion ? row.latestVersion.errors * 100_000 + row.latestVersion.warnings : -1),
  };
  const sort = filter.sort ?? "tree";
  const direction = filter.descending ? -1 : 1;
  const sorted =
    sort === "tree"
      ? filter.descending
        ? [...kept].reverse()
        : kept
      : kept
          .map((row, index) => ({ row, index, value: keys[sort](row) }))
          .sort((a, b) => {
            const c = typeof a.value === "string" ? ZH.compare(a.value, String(b.value)) : a.value - Number(b.value);
            return (c || 0) * direction || a.index - b.index;
          })
          .map(({ row }) => row);
  return pageOf(sorted, page, pageSize);
}

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

  it("filters, sorts and pages in the database exactly as the list did in memory, with counts over the whole scope", async () => {
    const now = new Date("2024-02-05T02:00:00Z");
    const rows = await listAgencyStatuses(prisma(), u.shenhe, { year: YEAR, now });
    const filters: StatusFilter[] = [
      {},
      { status: ["NOT_STARTED", "PUBLISHED"], kind: "GOVERNMENT" },
      { status: ["PUBLISHED"], depth: 2 },
      { overdue: false },
      { overdue: true, kind: "DEPARTMENT", search: " 局 " },
      { search: "示例市东区" },
      { depth: 0 },
    ];
    let compared = 0;
    for (const base of filters) {
      for (const sort of ["tree", "name", "status", "daysLeft", "lastChange", "errors"] as const) {
        for (const descending of [false, true]) {
          const filter = { ...base, sort, descending };
          for (const [page, pageSize] of [[1, 20], [1, 2], [2, 2], [3, 2], [99, 2], [0, 4], [1.5, 4]]) {
            const got = await loadAgencyStatusPage(prisma(), u.shenhe, { year: YEAR, now, filter, page, pageSize });
            const want = referencePage(rows, filter, page, pageSize);
            const label = JSON.stringify({ filter, page, pageSize });
            expect({ ...got, items: got.items.map((r) => r.agency.id) }, label).toMatchObject({ ...want, items: want.items.map((r) => r.agency.id) });
            expect(got.items, label).toEqual(want.items);
            expect(got.counts, label).toEqual({ NOT_STARTED: 3, DRAFT: 0, SUBMITTED: 1, RETURNED: 0, APPROVED: 0, PUBLISHED: 2 });
            expect([got.scopeSize, got.overdue, got.title], label).toEqual([6, 4, "示例市人民政府及下属机关"]);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(filters.length * 6 * 2 * 7);
    // Nothing matches: one empty page; a search is a plain substring (no LIKE patterns).
    for (const search of ["不存在", "%", "_", "示例%"]) {
      const none = await loadAgencyStatusPage(prisma(), u.shenhe, { year: YEAR, now, filter: { search }, page: 3 });
      expect(none).toMatchObject({ items: [], total: 0, page: 1, pageCount: 1, from: 0, to: 0, scopeSize: 6 });
    }
    await expect(loadAgencyStatusPage(prisma(), u.shenhe, { year: YEAR, now, pageSize: 0 })).rejects.toThrow(RangeError);
    // Depth counts from the top of the selection; the title names it.
    const east = await loadAgencyStatusPage(prisma(), u.shenhe, { year: YEAR, now, under: "agency-east" });
    expect(east.items.map((r) => [r.agency.id, r.agency.depth])).toEqual([["agency-east", 0], ["agency-east-edu", 1]]);
    expect(east).toMatchObject({ title: "示例市东区人民政府及下属机关", scopeSize: 2 });
    const all = await loadAgencyStatusPage(prisma(), u.admin, { year: YEAR, now, pageSize: 100 });
    expect(all.items.map((r) => [r.agency.name, r.agency.depth])).toEqual(
      (await listAgencyStatuses(prisma(), u.admin, { year: YEAR, now })).map((r) => [r.agency.name, r.agency.depth]),
    );
    expect(all.items.find((r) => r.agency.id === "agency-far")!.agency.depth).toBe(0);
  });

  it("refuses selections outside a reviewer's subtree on every path, however they are named", async () => {
    for (const selection of [
      { under: "agency-city" },
      { under: "agency-police" },
      { under: "no-such-agency" },
      { agencyIds: ["agency-police"] },
      { agencyIds: ["agency-east-edu", "agency-far"] },
      { under: "agency-east", agencyIds: ["agency-east-edu", "agency-police"] },
    ]) {
      await expectAppError(loadAgencyStatusPage(prisma(), u.dongshen, { year: YEAR, ...selection }), "NOT_FOUND");
      await expectAppError(listAgencyStatuses(prisma(), u.dongshen, { year: YEAR, ...selection }), "NOT_FOUND");
    }
    // Within the subtree: listed agencies are placed among themselves.
    const listed = await loadAgencyStatusPage(prisma(), u.dongshen, { year: YEAR, agencyIds: ["agency-east-edu"] });
    expect(listed).toMatchObject({ title: "示例市东区教育局", scopeSize: 1, total: 1 });
    expect(listed.items.map((r) => [r.agency.id, r.agency.depth])).toEqual([["agency-east-edu", 0]]);
    const two = await loadAgencyStatusPage(prisma(), u.shenhe, { year: YEAR, agencyIds: ["agency-east-edu", "agency-police", "agency-city"], filter: { sort: "tree" } });
    expect(two.items.map((r) => [r.agency.id, r.agency.depth])).toEqual([["agency-east-edu", 0], ["agency-city", 0], ["agency-police", 1]]);
    expect(two.title).toBe("所选机关");
    // A reviewer without an agency sees nothing; an editor is refused.
    const lost = { ...u.dongshen, agencyId: null };
    expect(await loadAgencyStatusPage(prisma(), lost, { year: YEAR })).toMatchObject({ items: [], scopeSize: 0, total: 0 });
    await expectAppError(loadAgencyStatusPage(prisma(), u.dongjiao, { year: YEAR, under: "agency-east-edu" }), "FORBIDDEN");
  });

  it("keeps the stored tree order and subtrees right through inserts in any order, renames and moves", async () => {
    const db = prisma();
    // Children before their parents in one statement; names the zh collation reads specially.
    await db.agency.createMany({
      data: [
        { id: "t-cs-police", name: "长沙市公安局", slug: "t-cs-police", parentId: "t-cs" },
        { id: "t-cs-edu", name: "长沙市教育局", slug: "t-cs-edu", parentId: "t-cs" },
        { id: "t-cs", name: "长沙市人民政府", slug: "t-cs", parentId: "t-root", kind: "GOVERNMENT" },
        { id: "t-root", name: "甲省人民政府", slug: "t-root", kind: "GOVERNMENT" },
        { id: "t-cq", name: "重庆市人民政府", slug: "t-cq", parentId: "t-root", kind: "GOVERNMENT" },
        { id: "t-ab", name: "阿坝州人民政府", slug: "t-ab", parentId: "t-root", kind: "GOVERNMENT" },
        { id: "t-police", name: "甲省公安厅", slug: "t-police", parentId: "t-root" },
      ],
    });
    const expectTreeOrder = async () => {
      const agencies = await db.agency.findMany({ select: { id: true, name: true, parentId: true } });
      // The whole tree as orderAgencyTree orders it, several roots included.
      const got = await listAgencyStatuses(db, u.admin, { year: YEAR });
      expect(got.map((r) => [r.agency.name, r.agency.depth])).toEqual(orderAgencyTree(agencies).map((a) => [a.name, a.depth]));
      // Each subtree by stored path is the subtree by parent links.
      for (const agency of agencies) {
        const byPath = (await listAgencyStatuses(db, u.admin, { year: YEAR, under: agency.id })).map((r) => r.agency.id).sort();
        expect(byPath, agency.id).toEqual([...(await agencySubtree(db, agency.id))].sort());
      }
    };
    await expectTreeOrder();
    expect((await listAgencyStatuses(db, u.admin, { year: YEAR, under: "t-root" })).map((r) => r.agency.name)).toEqual([
      "甲省人民政府",
      "阿坝州人民政府",
      "重庆市人民政府",
      "甲省公安厅",
      "长沙市人民政府",
      "长沙市公安局",
      "长沙市教育局",
    ]);
    const names = await loadAgencyStatusPage(db, u.admin, { year: YEAR, under: "t-root", filter: { sort: "name" } });
    expect(names.items.map((r) => r.agency.name)).toEqual(names.items.map((r) => r.agency.name).sort(ZH.compare));

    // Renamed and moved by an admin (the app writes the new key), and renamed behind the app's
    // back (the key is cleared and filled in when a view needs it).
    await updateAgency(db, u.admin, "t-cs", { name: "巴山市人民政府", slug: "t-cs", parentId: "t-root", kind: "GOVERNMENT" });
    await expectTreeOrder();
    await updateAgency(db, u.admin, "t-cs", { name: "巴山市人民政府", slug: "t-cs", parentId: "t-cq", kind: "GOVERNMENT" });
    await expectTreeOrder();
    await db.agency.update({ where: { id: "t-police" }, data: { name: "丙省公安厅" } });
    expect((await db.agency.findUniqueOrThrow({ where: { id: "t-police" } })).nameKey).toBeNull();
    await expectTreeOrder();
    await db.agency.update({ where: { id: "t-cq" }, data: { parentId: null } });
    await expectTreeOrder();
    await db.agency.update({ where: { id: "t-cq" }, data: { parentId: "t-root" } });
    await expectTreeOrder();
    // The stored order cannot be written directly, nor can an agency move below itself.
    await db.$executeRaw`UPDATE "Agency" SET "treePath" = 'x', "depth" = 7 WHERE "id" = 't-cs-edu'`;
    await expectTreeOrder();
    await expect(db.$executeRaw`UPDATE "Agency" SET "parentId" = 't-cs-edu' WHERE "id" = 't-cq'`).rejects.toThrow(/below itself/);

    // A reviewer of a part of the new tree: confined to it.
    await createUser(db, get().auth, { username: "bashen", name: "bashen", role: "REVIEWER", agencyId: "t-cq", password: PASSWORD });
    const bashen = (await loadCurrentUsers(db)).bashen;
    expect((await listAgencyStatuses(db, bashen, { year: YEAR })).map((r) => r.agency.id)).toEqual(["t-cq", "t-cs", "t-cs-police", "t-cs-edu"]);
    for (const selection of [{ under: "t-root" }, { under: "t-police" }, { agencyIds: ["t-cs", "t-police"] }]) {
      await expectAppError(loadAgencyStatusPage(db, bashen, { year: YEAR, ...selection }), "NOT_FOUND");
    }
  });

  it("counts days left and lateness per kind around the deadline, on time and late publications", async () => {
    const db = prisma();
    const year = YEAR + 1;
    const deadline = new Date(`${year + 1}-01-31T15:59:59Z`);
    // 长沙 (now 巴山) 公安局 published on the last day, 教育局 a day and a second late; written as
    // an import would (the pointers are kept by the database).
    for (const [agencyId, publishedAt] of [["t-cs-police", new Date(deadline.getTime() - 3_600_000)], ["t-cs-edu", new Date(deadline.getTime() + 86_401_000)]] as const) {
      const content = buildSampleReport({ agency: agencyId, year, seed: 9 });
      const reportId = randomUUID();
      const versionId = randomUUID();
      await db.report.create({ data: { id: reportId, agencyId, year, format: "2021", status: "PUBLISHED", content: content as object } });
      await db.reportVersion.create({ data: { id: versionId, reportId, number: 1, content: content as object, errorCount: 0, warningCount: 2, submittedById: u.tianbao.id } });
      await db.publication.create({ data: { id: randomUUID(), reportId, versionId, revision: 1, publishedById: u.admin.id, publishedAt } });
    }
    const at = async (now: Date, filter: StatusFilter = {}) => loadAgencyStatusPage(db, u.admin, { year, now, under: "t-root", filter: { sort: "daysLeft", ...filter } });
    const open = (page: Awaited<ReturnType<typeof at>>) => Object.fromEntries(page.items.map((r) => [r.agency.id, [r.daysLeft, r.daysLate, r.overdue]]));
    const onDeadline = await at(deadline);
    expect(open(onDeadline)).toMatchObject({ "t-police": [0, null, false], "t-root": [59, null, false], "t-cs-police": [null, 0, false], "t-cs-edu": [null, 2, true] });
    expect(onDeadline.overdue).toBe(1);
    // Published reports after every open one, the latest first.
    expect(onDeadline.items.slice(-2).map((r) => r.agency.id)).toEqual(["t-cs-edu", "t-cs-police"]);
    const after = await at(new Date(deadline.getTime() + 1));
    expect(open(after)).toMatchObject({ "t-police": [-1, null, true], "t-root": [59, null, false] });
    expect(after.overdue).toBe(2);
    expect((await at(new Date(deadline.getTime() + 1), { overdue: true })).items.map((r) => r.agency.id)).toEqual(["t-police", "t-cs-edu"]);
    expect((await at(deadline, { overdue: false, status: ["PUBLISHED"] })).items.map((r) => r.agency.id)).toEqual(["t-cs-police"]);
    expect(after.counts).toMatchObject({ NOT_STARTED: 5, PUBLISHED: 2 });
    expect((await at(deadline, { sort: "errors" })).items.slice(0, 2).map((r) => r.agency.id)).toEqual(["t-cs-police", "t-cs-edu"]);
  });
});
