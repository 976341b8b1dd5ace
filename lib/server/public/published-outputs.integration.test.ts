import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { extractDocxText } from "../../render/docx/extract-docx-text";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { closeRenderPool, renderPoolStats } from "../render/render-pool";
import { createReport } from "../reports/create-report";
import { saveReport } from "../reports/save-report";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { approveReport, publishReport, startCorrection } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";
import { exportPublishedReport } from "./load-published-report";
import { IMMUTABLE_CACHE_CONTROL, LATEST_CACHE_CONTROL, matchesIfNoneMatch, publicDownloadResponse } from "./public-download";
import { prerenderPublication, savePublishedOutput, settlePublishedOutputs, strongEtag } from "./published-outputs";
import type { PublicFormat } from "./public-params";

const SLUG = "shili-shi-gonganju";
const FIRST = "本年度未收取信息处理费。";
const CORRECTED = "本年度未收取信息处理费。更正：补充人大代表建议办理情况。";

/** Renders asked of the pool so far in this process. */
const renders = () => renderPoolStats().submitted;

describe("matchesIfNoneMatch", () => {
  it("compares entity tags weakly, in lists, and accepts *", () => {
    expect(matchesIfNoneMatch('"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"x", "abc"', '"abc"')).toBe(true);
    expect(matchesIfNoneMatch("*", '"abc"')).toBe(true);
    expect(matchesIfNoneMatch('"abd"', '"abc"')).toBe(false);
    expect(matchesIfNoneMatch(null, '"abc"')).toBe(false);
  });
});

describeEachDatabase("published outputs: rendered once, served from storage", (get) => {
  let u: Record<string, CurrentUser> = {};
  let reportId = "";

  const current = async () => get().db.prisma.report.findUniqueOrThrow({ where: { id: reportId } });
  const save = async (content: unknown) => saveReport(get().db.prisma, u.tianbao, { reportId, version: (await current()).version, content });
  const submitAndApprove = async () => {
    await submitReport(get().db.prisma, u.tianbao, { reportId, version: (await current()).version, warningNote: "已逐项核实" });
    await approveReport(get().db.prisma, u.shenhe, { reportId });
  };
  const download = (format: PublicFormat, revision?: number, ifNoneMatch: string | null = null) =>
    publicDownloadResponse(get().db.prisma, { slug: SLUG, year: 2020, format, revision, ifNoneMatch });
  const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
  const storedCount = async (revision: number) => {
    const publication = await get().db.prisma.publication.findFirstOrThrow({ where: { reportId, revision } });
    return get().db.prisma.publishedOutput.count({ where: { publicationId: publication.id } });
  };

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
    reportId = (await createReport(db.prisma, u.tianbao, 2020, new Date("2026-01-10"))).id;
    const content = buildSampleReport({ year: 2020, agency: "示例市公安局" }) as { sections: { other: string } };
    content.sections.other = FIRST;
    await save(content);
    await submitAndApprove();
  });

  afterAll(async () => {
    await settlePublishedOutputs();
    await closeRenderPool();
  });

  it("publishes even when pre-rendering fails; the files are then rendered on first download", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const workerBefore = process.env.GOV_REPORT_RENDER_WORKER;
    let warnings = 0;
    process.env.GOV_REPORT_RENDER_WORKER = "/nonexistent/render-worker.mjs";
    try {
      await expect(publishReport(get().db.prisma, u.shenhe, { reportId })).resolves.toMatchObject({ status: "PUBLISHED" });
      await settlePublishedOutputs();
      warnings = warn.mock.calls.length;
    } finally {
      if (workerBefore === undefined) delete process.env.GOV_REPORT_RENDER_WORKER;
      else process.env.GOV_REPORT_RENDER_WORKER = workerBefore;
      warn.mockRestore();
    }
    expect(warnings).toBe(3);
    expect(await storedCount(1)).toBe(0);
  });

  it("renders a named revision once, stores it and serves it from storage with a strong ETag and a year's cache", async () => {
    const before = renders();
    const first = await download("docx", 1);
    expect(first.status).toBe(200);
    const body = await bytesOf(first);
    expect(renders() - before).toBe(1);
    expect(first.headers.get("etag")).toBe(strongEtag(body));
    expect(first.headers.get("etag")).toMatch(/^"[0-9a-f]{64}"$/);
    expect(first.headers.get("cache-control")).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(first.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(first.headers.get("content-length")).toBe(String(body.byteLength));
    expect(first.headers.get("content-disposition")).toContain(encodeURIComponent("示例市公安局-2020年政府信息公开工作年度报告.docx"));
    expect(await extractDocxText(body)).toContain(FIRST);

    const second = await download("docx", 1);
    expect(second.status).toBe(200);
    expect((await bytesOf(second)).equals(body)).toBe(true);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(renders() - before).toBe(1);
    expect(await storedCount(1)).toBe(1);

    // The function the page tests use reads the same stored file.
    const file = await exportPublishedReport(get().db.prisma, SLUG, 2020, "docx", 1);
    expect(file.body.equals(body)).toBe(true);
    expect(renders() - before).toBe(1);
  });

  it("answers If-None-Match with 304 and no body, for the named revision and for latest", async () => {
    const etag = (await download("docx", 1)).headers.get("etag")!;
    const before = renders();
    const notModified = await download("docx", 1, etag);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);
    expect(notModified.headers.get("cache-control")).toBe(IMMUTABLE_CACHE_CONTROL);
    expect((await download("docx", 1, `"other", W/${etag}`)).status).toBe(304);
    expect((await download("docx", 1, `"${"0".repeat(64)}"`)).status).toBe(200);

    // "Latest" is revision 1 for now: same file, but caches must come back and ask.
    const latest = await download("docx", undefined, etag);
    expect(latest.status).toBe(304);
    expect(latest.headers.get("cache-control")).toBe(LATEST_CACHE_CONTROL);
    expect(renders() - before).toBe(0);
  });

  it("gives concurrent first requests one render and the same bytes", async () => {
    const before = renders();
    const responses = await Promise.all(Array.from({ length: 5 }, () => download("pdf", 1)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const etags = new Set(responses.map((r) => r.headers.get("etag")));
    expect(etags.size).toBe(1);
    const bodies = await Promise.all(responses.map(bytesOf));
    for (const body of bodies) expect(body.equals(bodies[0])).toBe(true);
    expect(bodies[0].subarray(0, 5).toString()).toBe("%PDF-");
    expect(renders() - before).toBe(1);
    expect(await storedCount(1)).toBe(2);
  });

  it("stores a file once when two processes race to store it: the loser gets the winner's file", async () => {
    const { prisma } = get().db;
    const publicationId = randomUUID();
    const file = (body: string) => ({ contentType: "text/html; charset=utf-8", filename: "race.html", body });
    const [a, b] = await Promise.all([savePublishedOutput(prisma, publicationId, "html", file("<p>A</p>")), savePublishedOutput(prisma, publicationId, "html", file("<p>B</p>"))]);
    expect(a.etag).toBe(b.etag);
    expect(a.body.equals(b.body)).toBe(true);
    expect(["<p>A</p>", "<p>B</p>"]).toContain(a.body.toString());
    expect(await prisma.publishedOutput.count({ where: { publicationId } })).toBe(1);
  });

  it("keeps stored files append-only", async () => {
    const { prisma } = get().db;
    await expect(prisma.$executeRawUnsafe(`UPDATE "PublishedOutput" SET "filename" = 'x.docx'`)).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "PublishedOutput"`)).rejects.toThrow(/append-only/);
  });

  it("pre-renders a correction's files when it is published; latest moves on to them", async () => {
    const { prisma } = get().db;
    const revisionOneHtml = (await download("html", 1)).headers.get("etag")!;
    await startCorrection(prisma, u.tianbao, { reportId });
    const content = (await current()).content as { sections: { other: string } };
    content.sections.other = CORRECTED;
    await save(content);
    await submitAndApprove();

    const before = renders();
    await publishReport(prisma, u.shenhe, { reportId, correctionNote: "补充第六部分人大代表建议办理情况。" });
    await settlePublishedOutputs();
    expect(renders() - before).toBe(3);
    expect(await storedCount(2)).toBe(3);

    const latest = await download("html", undefined, revisionOneHtml);
    expect(latest.status).toBe(200);
    expect(latest.headers.get("cache-control")).toBe(LATEST_CACHE_CONTROL);
    expect(latest.headers.get("etag")).not.toBe(revisionOneHtml);
    expect(await latest.text()).toContain("更正：");
    expect(await (await download("html", 1)).text()).not.toContain("更正：");
    expect(renders() - before).toBe(3);
  });

  it("stops waiting for a pre-render after its time limit and finishes it in the background", async () => {
    const { prisma } = get().db;
    const { versionId } = await prisma.publication.findFirstOrThrow({ where: { reportId, revision: 1 } });
    const publicationId = randomUUID();
    await prerenderPublication(prisma, { id: publicationId, versionId }, 1);
    expect(await prisma.publishedOutput.count({ where: { publicationId } })).toBe(0);
    await settlePublishedOutputs();
    expect(await prisma.publishedOutput.count({ where: { publicationId } })).toBe(3);
  });

  it("finds nothing that is not published", async () => {
    await expectAppError(download("pdf", 3), "NOT_FOUND", /修订版本不存在/);
    await expectAppError(publicDownloadResponse(get().db.prisma, { slug: SLUG, year: 2019, format: "pdf", ifNoneMatch: null }), "NOT_FOUND", /尚未发布/);
    await expectAppError(publicDownloadResponse(get().db.prisma, { slug: "no-such-agency", year: 2020, format: "pdf", ifNoneMatch: null }), "NOT_FOUND");
  });
});
