import { randomUUID } from "node:crypto";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../generated/prisma/client";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { JOB_LIMITS, JOB_MESSAGES } from "../jobs/run-job";
import type { JobRuntime } from "../jobs/runtime";
import { listNotifications } from "../notifications/inbox";
import { readPublishedOutput, settlePublishedOutputs } from "../public/published-outputs";
import { closeRenderPool } from "../render/render-pool";
import { createReport } from "../reports/create-report";
import { saveReport } from "../reports/save-report";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase, POSTGRES_ADMIN_URL } from "../test-support/test-database";
import { openDatabase } from "../db/open-database";
import { createUser } from "../users/create-user";
import { approveReport, publishReport, returnReport } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";

/*
 * Background jobs (lib/server/jobs) with the bulk ZIP of published reports, and reminders (催报),
 * on PGlite (in-process runner) and PostgreSQL (pg-boss): the real workers, render pool and
 * routes; only the session and the route wrappers' database handle are stand-ins.
 */
const state = vi.hoisted(() => ({ user: null as CurrentUser | null, prisma: null as PrismaClient | null }));

vi.mock("@/lib/server/session", () => ({
  requireUser: async () => {
    if (!state.user) throw new AppError("UNAUTHENTICATED");
    return state.user;
  },
}));
vi.mock("@/lib/server/db", () => ({ getPrisma: async () => state.prisma }));

const { enqueueJob, getJob, openJobResult } = await import("../jobs/jobs");
const { startJobWorkers, stopJobWorkers } = await import("../jobs/runtime");
const { MANIFEST_NAME } = await import("./bulk-export");
const { oversightScope } = await import("./oversight-scope");
const { remindUnsubmitted } = await import("./remind");
const { remindUnsubmittedAction } = await import("./actions");
const { POST: startRoute } = await import("../../../app/api/oversight/jobs/route");
const { GET: jobRoute } = await import("../../../app/api/oversight/jobs/[jobId]/route");
const { GET: downloadRoute } = await import("../../../app/api/oversight/jobs/[jobId]/download/route");

const PASSWORD = "Oversight2026test";
const YEAR = 2023;
const CREATED = new Date("2024-01-10T02:00:00Z");
/** Small result pieces, so even a two-PDF archive is stored in several. */
const CHUNK_BYTES = 64 * 1024;

async function collect(chunks: AsyncGenerator<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

describeEachDatabase("background jobs: bulk ZIP of published reports, reminders", (get, kind) => {
  let u: Record<string, CurrentUser> = {};
  let runtime: JobRuntime;
  const reports: Record<string, string> = {};
  const prisma = () => get().db.prisma;

  /** Waits until the job has ended (DONE or FAILED). */
  async function settle(user: CurrentUser, id: string) {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const job = await getJob(prisma(), user, id);
      if (job.status === "DONE" || job.status === "FAILED") return job;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The editor's report for the year, taken as far as `until`. */
  async function report(editor: CurrentUser, until: "draft" | "returned" | "submitted" | "published") {
    const created = await createReport(prisma(), editor, YEAR, CREATED);
    const agency = await prisma().agency.findUniqueOrThrow({ where: { id: editor.agencyId! } });
    reports[agency.id] = created.id;
    if (until === "draft") return;
    const saved = await saveReport(prisma(), editor, { reportId: created.id, version: created.version, content: buildSampleReport({ agency: agency.name, year: YEAR, seed: 7 }) });
    await submitReport(prisma(), editor, { reportId: created.id, version: saved.version, warningNote: "已核实" });
    if (until === "returned") await returnReport(prisma(), u.dongshen, { reportId: created.id, reason: "请补充说明。" });
    if (until === "published") {
      await approveReport(prisma(), u.shenhe, { reportId: created.id });
      await publishReport(prisma(), u.shenhe, { reportId: created.id });
    }
  }

  /** A report published before this system (imported): rows only, no rendered file stored yet. */
  async function historical(agencyId: string, editor: CurrentUser, revisions: string[]) {
    const agency = await prisma().agency.findUniqueOrThrow({ where: { id: agencyId } });
    const reportId = randomUUID();
    const content = (other: string) => {
      const sample = buildSampleReport({ agency: agency.name, year: YEAR, seed: 3 }) as { sections: Record<string, unknown> };
      sample.sections.other = other;
      return sample as object;
    };
    await prisma().report.create({ data: { id: reportId, agencyId, year: YEAR, format: "2021", status: "PUBLISHED", content: content(revisions.at(-1)!) } });
    const publications: string[] = [];
    for (const [i, other] of revisions.entries()) {
      const versionId = randomUUID();
      await prisma().reportVersion.create({ data: { id: versionId, reportId, number: i + 1, content: content(other), errorCount: 0, warningCount: 0, submittedById: editor.id } });
      const id = randomUUID();
      await prisma().publication.create({ data: { id, reportId, versionId, revision: i + 1, correctionNote: i ? `更正 ${i}` : null, publishedById: u.shenhe.id } });
      publications.push(id);
    }
    reports[agencyId] = reportId;
    return publications;
  }

  let eastEduPublications: string[] = [];

  beforeAll(async () => {
    const { db, auth } = get();
    state.prisma = db.prisma;
    await seedDemoData(db.prisma, auth);
    // 示例市人民政府 → 示例市东区人民政府 → 东区教育局, 东区卫生健康委员会; 远方市人民政府 is a tree of its own.
    await db.prisma.agency.createMany({
      data: [
        { id: "agency-east", name: "示例市东区人民政府", slug: "dongqu", parentId: "agency-city", kind: "GOVERNMENT" },
        { id: "agency-east-edu", name: "示例市东区教育局", slug: "dongqu-jiaoyu", parentId: "agency-east" },
        { id: "agency-east-health", name: "示例市东区卫生健康委员会", slug: "dongqu-weijian", parentId: "agency-east" },
        { id: "agency-far", name: "远方市人民政府", slug: "yuanfang", kind: "GOVERNMENT" },
      ],
    });
    for (const [username, role, agencyId] of [
      ["dongshen", "REVIEWER", "agency-east"],
      ["dongbian", "EDITOR", "agency-east"],
      ["dongjiao", "EDITOR", "agency-east-edu"],
      ["dongwei", "EDITOR", "agency-east-health"],
      ["shengtai", "EDITOR", "agency-ecology"],
      ["yuanbian", "EDITOR", "agency-far"],
      ["yuanshen", "REVIEWER", "agency-far"],
    ] as const) {
      await createUser(db.prisma, auth, { username, name: username, role, agencyId, password: PASSWORD });
    }
    u = await loadCurrentUsers(db.prisma);

    // 2023: 人民政府 none (no editor); 公安局 published (rendered when published); 教育局 submitted;
    // 生态环境局 none; 东区 draft; 东区教育局 published twice, never rendered; 东区卫健委 returned; 远方 published.
    await report(u.tianbao, "published");
    await report(u.jiaoyu, "submitted");
    await report(u.dongbian, "draft");
    await report(u.dongwei, "returned");
    eastEduPublications = await historical("agency-east-edu", u.dongjiao, ["第一版。", "更正后的版本。"]);
    await historical("agency-far", u.yuanbian, ["远方。"]);
    await settlePublishedOutputs();

    runtime = await startJobWorkers(db, { chunkBytes: CHUNK_BYTES, pollingIntervalSeconds: 0.5 });
    expect(runtime.kind).toBe(kind === "postgresql" ? "pg-boss" : "in-process");
  });

  afterAll(async () => {
    await stopJobWorkers(get().db);
    await settlePublishedOutputs();
    await closeRenderPool();
  });

  it("runs the bulk export to DONE: each published agency's latest PDF and 清单.csv in one ZIP, read back piece by piece", async () => {
    const { id } = await enqueueJob(prisma(), u.shenhe, "bulk-published-pdf", { year: YEAR });
    const job = await settle(u.shenhe, id);
    expect(job).toMatchObject({
      status: "DONE",
      done: 2,
      total: 2,
      error: null,
      resultName: "示例市人民政府及下属机关-2023年政府信息公开工作年度报告（已发布）.zip",
      summary: { included: 2, unpublished: 5, failed: 0 },
    });
    const result = await openJobResult(prisma(), u.shenhe, id);
    const bytes = await collect(result.chunks);
    expect(bytes.length).toBe(result.size);
    expect(await prisma().backgroundJobChunk.count({ where: { jobId: id } })).toBe(Math.ceil(result.size / CHUNK_BYTES));

    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files);
    expect(names.sort()).toEqual([MANIFEST_NAME, "示例市东区教育局-2023年政府信息公开工作年度报告.pdf", "示例市公安局-2023年政府信息公开工作年度报告.pdf"].sort());
    // 公安局: the file stored when it was published; 东区教育局: its latest revision, rendered now and stored.
    const police = await prisma().publication.findFirstOrThrow({ where: { reportId: reports["agency-police"] } });
    const policePdf = await zip.file("示例市公安局-2023年政府信息公开工作年度报告.pdf")!.async("nodebuffer");
    expect(policePdf.equals((await readPublishedOutput(prisma(), police.id, "pdf"))!.body)).toBe(true);
    const eastPdf = await zip.file("示例市东区教育局-2023年政府信息公开工作年度报告.pdf")!.async("nodebuffer");
    expect(eastPdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(eastPdf.equals((await readPublishedOutput(prisma(), eastEduPublications[1], "pdf"))!.body)).toBe(true);
    expect(await readPublishedOutput(prisma(), eastEduPublications[0], "pdf")).toBeNull();

    const csv = await zip.file(MANIFEST_NAME)!.async("string");
    expect(csv.startsWith("\uFEFF序号,机关名称,2023年度报告状态,是否收录,文件名,发布版次,首次发布日期\r\n")).toBe(true);
    const rows = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n").slice(1).map((line) => line.split(","));
    const scope = await oversightScope(prisma(), u.shenhe, {}, [YEAR]);
    expect(rows.map((r) => r[1])).toEqual(scope.agencies.map((a) => a.name));
    const row = (name: string) => rows.find((r) => r[1] === name)!.slice(2, 6);
    expect(row("示例市公安局")).toEqual(["已发布", "已收录", "示例市公安局-2023年政府信息公开工作年度报告.pdf", "1"]);
    expect(row("示例市东区教育局")).toEqual(["已发布", "已收录", "示例市东区教育局-2023年政府信息公开工作年度报告.pdf", "2"]);
    expect(row("示例市教育局")).toEqual(["待审核", "尚未发布", "", ""]);
    expect(row("示例市东区人民政府")).toEqual(["草稿", "尚未发布", "", ""]);
    expect(row("示例市人民政府")).toEqual(["未开始", "尚未发布", "", ""]);
    expect(csv).not.toContain("远方");
  });

  it("serves start, progress and download over the routes, to the job's owner and admins only", async () => {
    const post = (body: unknown) => startRoute(new Request("http://localhost/api/oversight/jobs", { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }), { params: Promise.resolve({}) });
    const progress = (id: string) => jobRoute(new Request(`http://localhost/api/oversight/jobs/${id}`), { params: Promise.resolve({ jobId: id }) });
    const download = (id: string) => downloadRoute(new Request(`http://localhost/api/oversight/jobs/${id}/download`), { params: Promise.resolve({ jobId: id }) });

    state.user = u.dongshen;
    const started = await post({ kind: "bulk-published-pdf", year: YEAR, under: "agency-east" });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    await settle(u.dongshen, id);
    const answer = await progress(id);
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    expect(await answer.json()).toMatchObject({ id, status: "DONE", done: 1, total: 1, error: null });
    const file = await download(id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/zip");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="reports.zip"; filename*=UTF-8''${encodeURIComponent("示例市东区人民政府及下属机关-2023年政府信息公开工作年度报告（已发布）.zip")}`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(Number(file.headers.get("content-length"))).toBe(bytes.length);
    expect(Object.keys((await JSZip.loadAsync(bytes)).files).sort()).toEqual([MANIFEST_NAME, "示例市东区教育局-2023年政府信息公开工作年度报告.pdf"].sort());

    // Another reviewer — even one whose subtree holds the same agencies — and editors see nothing.
    for (const other of [u.shenhe, u.yuanshen]) {
      state.user = other;
      expect((await progress(id)).status).toBe(404);
      expect((await download(id)).status).toBe(404);
    }
    state.user = u.dongbian;
    expect((await progress(id)).status).toBe(403);
    expect((await download(id)).status).toBe(403);
    expect((await post({ kind: "bulk-published-pdf", year: YEAR })).status).toBe(403);
    state.user = u.admin;
    expect((await progress(id)).status).toBe(200);
    expect((await download(id)).status).toBe(200);

    // Bad input and forged scope: 400 and 404, nothing queued.
    state.user = u.dongshen;
    const before = await prisma().backgroundJob.count();
    expect((await post({ kind: "bulk-published-pdf", year: "去年" })).status).toBe(400);
    expect((await post({ kind: "no-such-kind", year: YEAR })).status).toBe(400);
    const forged = await post({ kind: "bulk-published-pdf", year: YEAR, agencyIds: ["agency-east-edu", "agency-police"] });
    expect(forged.status).toBe(404);
    expect(await forged.json()).toMatchObject({ error: { code: "NOT_FOUND", message: "找不到所选的机关，或您无权查看。" } });
    expect(await prisma().backgroundJob.count()).toBe(before);
    expect((await progress("no-such-job")).status).toBe(404);
    state.user = null;
  });

  it("refuses foreign agencies (NOT_FOUND) and editors (FORBIDDEN) when starting; others cannot read a job", async () => {
    const before = await prisma().backgroundJob.count();
    for (const selection of [{ agencyIds: ["agency-police"] }, { under: "agency-city" }, { under: "agency-far" }, { agencyIds: ["no-such-agency"] }]) {
      await expectAppError(enqueueJob(prisma(), u.dongshen, "bulk-published-pdf", { year: YEAR, ...selection }), "NOT_FOUND");
    }
    await expectAppError(enqueueJob(prisma(), u.shenhe, "bulk-published-pdf", { year: YEAR, agencyIds: ["agency-far"] }), "NOT_FOUND");
    await expectAppError(enqueueJob(prisma(), u.tianbao, "bulk-published-pdf", { year: YEAR }), "FORBIDDEN");
    await expectAppError(enqueueJob(prisma(), u.shenhe, "bulk-published-pdf", { year: 1800 }), "INVALID");
    expect(await prisma().backgroundJob.count()).toBe(before);

    // An admin's export of another tree; the tree's own reviewer cannot read it.
    const { id } = await enqueueJob(prisma(), u.admin, "bulk-published-pdf", { year: YEAR, under: "agency-far" });
    expect(await settle(u.admin, id)).toMatchObject({ status: "DONE", total: 1, summary: { included: 1, unpublished: 0 } });
    await expectAppError(getJob(prisma(), u.yuanshen, id), "NOT_FOUND");
    await expectAppError(openJobResult(prisma(), u.yuanshen, id), "NOT_FOUND");
    await expectAppError(getJob(prisma(), u.yuanbian, id), "NOT_FOUND");
  });

  // Only PostgreSQL has several instances (PGlite is one process's database): registered there only.
  if (kind === "postgresql") it("shares one queue between instances: a job started on one is run by another's worker", async () => {
    // A second app instance on the same database, and this one without workers of its own.
    const [{ name }] = await get().db.sql.query<{ name: string }>(`SELECT current_database() AS name`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    const other = await openDatabase({ kind: "postgresql", url: url.toString() });
    try {
      const otherRuntime = await startJobWorkers(other, { chunkBytes: CHUNK_BYTES, pollingIntervalSeconds: 0.5 });
      await stopJobWorkers(get().db);
      const idle = await startJobWorkers(get().db, { concurrency: 0 });
      const { id } = await enqueueJob(prisma(), u.dongshen, "bulk-published-pdf", { year: YEAR, under: "agency-east" });
      expect(await settle(u.dongshen, id)).toMatchObject({ status: "DONE", total: 1 });
      // Read back through the first instance: state and result live in the database.
      expect(Object.keys((await JSZip.loadAsync(await collect((await openJobResult(prisma(), u.dongshen, id)).chunks))).files)).toContain(MANIFEST_NAME);
      await idle.stop();
      await otherRuntime.stop();
    } finally {
      await stopJobWorkers(other);
      await other.close();
      runtime = await startJobWorkers(get().db, { chunkBytes: CHUNK_BYTES, pollingIntervalSeconds: 0.5 });
    }
  });

  it("checks the scope again when the job runs, as the user who started it", async () => {
    // A job started while the reviewer's scope allowed it; the scope has changed since.
    const id = randomUUID();
    const dispatchId = randomUUID();
    await prisma().backgroundJob.create({ data: { id, kind: "bulk-published-pdf", userId: u.dongshen.id, params: { year: YEAR, agencyIds: ["agency-police"] }, dispatchId } });
    await runtime.dispatch(id, dispatchId);
    expect(await settle(u.dongshen, id)).toMatchObject({ status: "FAILED", error: "找不到所选的机关，或您无权查看。", resultName: null });
    await expectAppError(openJobResult(prisma(), u.dongshen, id), "CONFLICT");
  });

  it("runs a job again whose worker died, and gives up after the last run", async () => {
    const stale = new Date(Date.now() - JOB_LIMITS.staleAfterMs - 60_000);
    const params = { year: YEAR, under: "agency-east" };
    const died = randomUUID();
    const exhausted = randomUUID();
    await prisma().backgroundJob.createMany({
      data: [
        { id: died, kind: "bulk-published-pdf", userId: u.dongshen.id, params, status: "RUNNING", attempt: 1, done: 1, total: 1, heartbeatAt: stale, startedAt: stale, dispatchId: randomUUID() },
        { id: exhausted, kind: "bulk-published-pdf", userId: u.dongshen.id, params, status: "RUNNING", attempt: JOB_LIMITS.maxAttempts, heartbeatAt: stale, startedAt: stale },
      ],
    });
    // Pieces the dead run wrote: never part of the next run's result.
    await prisma().backgroundJobChunk.create({ data: { jobId: died, attempt: 1, seq: 0, bytes: new Uint8Array([1, 2, 3]) } });
    await runtime.sweep();
    expect(await settle(u.dongshen, died)).toMatchObject({ status: "DONE", done: 1, total: 1 });
    expect((await prisma().backgroundJob.findUniqueOrThrow({ where: { id: died } })).attempt).toBe(2);
    expect(await prisma().backgroundJobChunk.count({ where: { jobId: died, attempt: 1 } })).toBe(0);
    const zip = await JSZip.loadAsync(await collect((await openJobResult(prisma(), u.dongshen, died)).chunks));
    expect(Object.keys(zip.files)).toContain("示例市东区教育局-2023年政府信息公开工作年度报告.pdf");
    expect(await getJob(prisma(), u.dongshen, exhausted)).toMatchObject({ status: "FAILED", error: JOB_MESSAGES.crashed });
  });

  it("leaves nothing half-saved when a run fails midway: FAILED with a Chinese message, no result pieces", async () => {
    await get().db.sql.exec(`
      CREATE FUNCTION "test_refuse_chunk"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."seq" >= 2 THEN RAISE EXCEPTION 'disk full (test)'; END IF;
        RETURN NEW;
      END;
      $$;
      CREATE TRIGGER "test_refuse_chunk" BEFORE INSERT ON "BackgroundJobChunk" FOR EACH ROW EXECUTE FUNCTION "test_refuse_chunk"();`);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { id } = await enqueueJob(prisma(), u.shenhe, "bulk-published-pdf", { year: YEAR });
      expect(await settle(u.shenhe, id)).toMatchObject({ status: "FAILED", error: JOB_MESSAGES.unexpected, resultName: null, resultSize: null });
      expect(await prisma().backgroundJobChunk.count({ where: { jobId: id } })).toBe(0);
      expect(error).toHaveBeenCalled();
    } finally {
      error.mockRestore();
      await get().db.sql.exec(`DROP TRIGGER "test_refuse_chunk" ON "BackgroundJobChunk"; DROP FUNCTION "test_refuse_chunk"();`);
    }
  });

  it("reminds the editors of unsubmitted agencies only (未开始, 草稿, 退回修改), with one audit row, shown in their inbox", async () => {
    const now = new Date("2024-01-21T02:00:00Z");
    const auditBefore = await prisma().auditEvent.count({ where: { action: "oversight.remind" } });
    const outcome = await remindUnsubmitted(prisma(), u.shenhe, { year: YEAR }, now);
    expect(outcome).toEqual({ agencies: 3, users: 3, withoutEditors: 1, recentlyReminded: 0, message: "已向 3 个机关的 3 名填报人发送提醒。另有 1 个机关没有填报人账号，无法提醒。" });

    const reminders = await prisma().notification.findMany({ where: { kind: "REMINDER" }, orderBy: { agencyId: "asc" } });
    expect(reminders.map((n) => [n.userId, n.agencyId, n.year, n.reportId])).toEqual([
      [u.dongbian.id, "agency-east", YEAR, reports["agency-east"]],
      [u.dongwei.id, "agency-east-health", YEAR, reports["agency-east-health"]],
      [u.shengtai.id, "agency-ecology", YEAR, null],
    ]);
    const message = (userId: string) => reminders.find((n) => n.userId === userId)!.message;
    expect(message(u.shengtai.id)).toBe(
      "审核人沈禾提醒：示例市生态环境局 2023 年度政府信息公开工作年度报告尚未提交审核（当前：未开始）。法定发布期限为 2024年1月31日（还剩 11 天），请尽快完成填报并提交审核。",
    );
    expect(message(u.dongwei.id)).toContain("（当前：退回修改）");
    expect(message(u.dongbian.id)).toMatch(/（当前：草稿）。法定发布期限为 2024年3月31日（还剩 \d+ 天）/);

    const audit = await prisma().auditEvent.findMany({ where: { action: "oversight.remind" } });
    expect(audit).toHaveLength(auditBefore + 1);
    const last = audit.at(-1)!;
    expect(last).toMatchObject({ actorId: u.shenhe.id, reportId: null, details: { year: YEAR, users: 3, withoutEditors: ["agency-city"] } });
    expect([...(last.details as { agencyIds: string[] }).agencyIds].sort()).toEqual(["agency-east", "agency-east-health", "agency-ecology"]);

    // Once a day: an hour later (by the same or another reviewer) nobody is reminded again …
    const hour = 60 * 60 * 1000;
    expect(await remindUnsubmitted(prisma(), u.shenhe, { year: YEAR }, new Date(now.getTime() + hour))).toEqual({
      agencies: 0,
      users: 0,
      withoutEditors: 1,
      recentlyReminded: 3,
      message: "未发送提醒：另有 3 个机关 24 小时内已提醒过，未重复发送。另有 1 个机关没有填报人账号，无法提醒。",
    });
    expect(await prisma().notification.count({ where: { kind: "REMINDER" } })).toBe(3);
    // … a day later they are.
    expect(await remindUnsubmitted(prisma(), u.shenhe, { year: YEAR }, new Date(now.getTime() + 25 * hour))).toMatchObject({ agencies: 3, recentlyReminded: 0 });
    expect(await prisma().notification.count({ where: { kind: "REMINDER" } })).toBe(6);

    // The inbox: to the report when there is one, else to the list — until the report exists.
    const inbox = await listNotifications(prisma(), u.dongbian);
    expect(inbox.items[0]).toMatchObject({ kind: "REMINDER", label: "催报提醒", href: `/workspace/reports/${reports["agency-east"]}/edit/check` });
    expect((await listNotifications(prisma(), u.shengtai)).items[0]).toMatchObject({ kind: "REMINDER", href: "/workspace/reports" });
    const created = await createReport(prisma(), u.shengtai, YEAR, CREATED);
    expect((await listNotifications(prisma(), u.shengtai)).items[0].href).toBe(`/workspace/reports/${created.id}/edit/check`);
  });

  it("refuses reminders outside the scope and to editors, writes nothing when no one needs one, and all or nothing on failure", async () => {
    const counts = async () => [await prisma().notification.count({ where: { kind: "REMINDER" } }), await prisma().auditEvent.count({ where: { action: "oversight.remind" } })];
    const before = await counts();
    await expectAppError(remindUnsubmitted(prisma(), u.dongshen, { year: YEAR, agencyIds: ["agency-ecology"] }), "NOT_FOUND");
    await expectAppError(remindUnsubmitted(prisma(), u.dongshen, { year: YEAR, under: "agency-city" }), "NOT_FOUND");
    await expectAppError(remindUnsubmitted(prisma(), u.jiaoyu, { year: YEAR }), "FORBIDDEN");
    expect(await remindUnsubmitted(prisma(), u.shenhe, { year: YEAR, agencyIds: ["agency-education", "agency-police"] })).toMatchObject({ agencies: 0, users: 0 });
    expect(await counts()).toEqual(before);

    await get().db.sql.exec(`
      CREATE FUNCTION "test_refuse_audit"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit unavailable (test)'; END;
      $$;
      CREATE TRIGGER "test_refuse_audit" BEFORE INSERT ON "AuditEvent" FOR EACH ROW WHEN (NEW."action" = 'oversight.remind') EXECUTE FUNCTION "test_refuse_audit"();`);
    try {
      await expect(remindUnsubmitted(prisma(), u.dongshen, { year: YEAR })).rejects.toThrow();
    } finally {
      await get().db.sql.exec(`DROP TRIGGER "test_refuse_audit" ON "AuditEvent"; DROP FUNCTION "test_refuse_audit"();`);
    }
    expect(await counts()).toEqual(before);

    // The server action: FormData in, the outcome's message out.
    state.user = u.dongshen;
    const form = new FormData();
    form.set("year", String(YEAR));
    form.set("under", "agency-east");
    expect(await remindUnsubmittedAction(form)).toMatchObject({ ok: true, agencies: 2, users: 2, message: "已向 2 个机关的 2 名填报人发送提醒。" });
    state.user = u.tianbao;
    expect(await remindUnsubmittedAction(form)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    state.user = null;
  });
});
