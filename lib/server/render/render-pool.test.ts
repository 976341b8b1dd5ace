import { threadId as mainThreadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractDocxText } from "../../render/docx/extract-docx-text";
import { extractPdfText } from "../../render/pdf/extract-pdf-text";
import { renderReportFile } from "../../render/worker/render-file";
import type { ExportFormat, RenderedFile } from "../../render/worker/render-protocol";
import { rollUpContent, sumReports } from "../../oversight/roll-up";
import { prepareReport } from "../../report/prepare-report";
import { loadSeedJson } from "../../test-support/seeds";
import { exportReport } from "../reports/export-report";
import { expectAppError } from "../test-support/expect-app-error";
import { closeRenderPool, renderInPool, renderPoolStats, renderThreadCount, renderWorkerPath, RENDER_WORKER_BUILD_COMMAND, type PoolRender } from "./render-pool";

const content = loadSeedJson("004_f8f28e4c849350e4");

function okFile(render: PoolRender) {
  if (!render.ok) throw new Error("render failed");
  return render.file;
}

async function inThread(format: ExportFormat): Promise<RenderedFile> {
  const outcome = await renderReportFile({ content, format });
  if (!outcome.ok) throw new Error("in-thread render failed");
  return outcome.file;
}

describe("the render pool", () => {
  const threadsBefore = process.env.GOV_REPORT_RENDER_THREADS;

  beforeAll(async () => {
    // Two threads whatever the machine, so the parallel test can see both.
    process.env.GOV_REPORT_RENDER_THREADS = "2";
    await closeRenderPool();
  });

  afterAll(async () => {
    await closeRenderPool();
    if (threadsBefore === undefined) delete process.env.GOV_REPORT_RENDER_THREADS;
    else process.env.GOV_REPORT_RENDER_THREADS = threadsBefore;
  });

  it("renders PDF, DOCX, HTML and JSON on a worker thread, with the same content as the in-thread renderers", async () => {
    const pdf = await renderInPool({ content, format: "pdf" });
    expect(pdf.threadId).not.toBe(mainThreadId);
    const pooledPdf = okFile(pdf);
    expect(Buffer.isBuffer(pooledPdf.body)).toBe(true);
    const localPdf = await inThread("pdf");
    expect(await extractPdfText(pooledPdf.body as Buffer)).toBe(await extractPdfText(localPdf.body as Buffer));
    expect(pooledPdf).toMatchObject({ filename: localPdf.filename, contentType: "application/pdf", title: localPdf.title });

    const docx = await renderInPool({ content, format: "docx" });
    expect(docx.threadId).not.toBe(mainThreadId);
    const pooledDocx = okFile(docx);
    const localDocx = await inThread("docx");
    expect(await extractDocxText(pooledDocx.body as Buffer)).toBe(await extractDocxText(localDocx.body as Buffer));
    expect(pooledDocx.filename).toBe(localDocx.filename);

    // HTML and JSON are deterministic: byte for byte the same.
    for (const format of ["html", "json"] as const) {
      const render = await renderInPool({ content, format });
      expect(render.threadId).not.toBe(mainThreadId);
      expect(okFile(render).body).toBe((await inThread(format)).body);
    }
  });

  it("renders a roll-up's totals as the 汇总表: the three statutory tables under the coverage note, named as a roll-up", async () => {
    const prepared = prepareReport(content);
    if (!prepared.ok) throw new Error("seed does not validate");
    const total = rollUpContent(sumReports(prepared.report.format, [prepared.report, prepared.report]), { title: "示例市人民政府及下属机关", year: prepared.report.input.year });
    const note = "本表汇总 2 个机关已发布的年度报告数据。";
    const docx = okFile(await renderInPool({ content: total, format: "docx", rollUp: { notes: [note] } }));
    expect(docx.filename).toBe(`示例市人民政府及下属机关-${prepared.report.input.year}年政府信息公开工作年度报告数据汇总.docx`);
    const text = await extractDocxText(docx.body as Buffer);
    expect(text).toContain(note);
    expect(text).toContain("二、主动公开政府信息情况");
    // Only the tables: no narrative section of a report.
    expect(text).not.toContain("一、总体情况");
    const pdf = okFile(await renderInPool({ content: total, format: "pdf", rollUp: { notes: [note] } }));
    expect((await extractPdfText(pdf.body as Buffer)).replace(/\s+/g, "")).toContain("数据汇总");
    // A total that fails the strict schema is refused like any invalid content.
    expect(await renderInPool({ content: { ...total, tables: { requests: { received: { total: -1 } } } }, format: "pdf", rollUp: { notes: [] } })).toMatchObject({ ok: false });
  });

  it("answers content that fails the schema as invalid instead of throwing", async () => {
    const render = await renderInPool({ content: { year: "not a report" }, format: "pdf" });
    expect(render).toMatchObject({ ok: false, reason: "invalid-content" });
  });

  it("renders several reports in parallel on different threads and counts them", async () => {
    const before = renderPoolStats();
    const renders = Promise.all(Array.from({ length: 6 }, () => renderInPool({ content, format: "pdf" })));
    // Six renders for two threads: some wait in piscina's queue.
    expect(renderPoolStats().submitted - before.submitted).toBe(6);
    const results = await renders;
    const threads = new Set(results.map((r) => r.threadId));
    expect(threads.size).toBe(2);
    expect(threads.has(mainThreadId)).toBe(false);
    const after = renderPoolStats();
    expect(after).toMatchObject({ maxThreads: 2, queued: 0, failed: before.failed });
    expect(after.completed - before.completed).toBe(6);
    expect(after.byFormat.pdf - before.byFormat.pdf).toBe(6);
    for (const result of results) expect((okFile(result).body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("is what exportReport (the staff and public downloads) renders with", async () => {
    const before = renderPoolStats();
    const pdf = await exportReport(content, "pdf");
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
    expect(typeof (await exportReport(content, "html")).body).toBe("string");
    await expectAppError(exportReport({ year: "not a report" }, "docx"), "INVALID");
    const after = renderPoolStats();
    expect(after.completed - before.completed).toBe(3);
    expect(after.byFormat.pdf - before.byFormat.pdf).toBe(1);
  });

  it("refuses to render without the worker bundle, naming the command that builds it", async () => {
    const before = process.env.GOV_REPORT_RENDER_WORKER;
    process.env.GOV_REPORT_RENDER_WORKER = "/nonexistent/render-worker.mjs";
    try {
      expect(renderWorkerPath()).toBe("/nonexistent/render-worker.mjs");
      await expect(renderInPool({ content, format: "html" })).rejects.toThrow(RENDER_WORKER_BUILD_COMMAND);
    } finally {
      if (before === undefined) delete process.env.GOV_REPORT_RENDER_WORKER;
      else process.env.GOV_REPORT_RENDER_WORKER = before;
    }
    expect(renderWorkerPath()).toMatch(/\/dist\/render-worker\.mjs$/);
  });
});

describe("renderThreadCount", () => {
  it("follows the cores between 1 and 4 unless GOV_REPORT_RENDER_THREADS says otherwise", () => {
    expect(renderThreadCount({}, 1)).toBe(1);
    expect(renderThreadCount({}, 2)).toBe(2);
    expect(renderThreadCount({}, 32)).toBe(4);
    expect(renderThreadCount({ GOV_REPORT_RENDER_THREADS: "8" }, 2)).toBe(8);
    expect(() => renderThreadCount({ GOV_REPORT_RENDER_THREADS: "0" }, 2)).toThrow(/GOV_REPORT_RENDER_THREADS/);
    expect(() => renderThreadCount({ GOV_REPORT_RENDER_THREADS: "two" }, 2)).toThrow(/GOV_REPORT_RENDER_THREADS/);
  });
});
