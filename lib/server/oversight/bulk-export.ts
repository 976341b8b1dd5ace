import "server-only";
import { z } from "zod";
import { csvRecord } from "../../oversight/export-csv";
import { chinaDateText } from "../../oversight/export-workbook";
import { exportFilename } from "../../render/worker/render-protocol";
import { progressStatusLabel } from "../../workflow/report-status";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";
import { toUtcDate } from "../db/raw-dates";
import { AppError } from "../errors";
import { defineJob, type JobProgress, type JobResultSink } from "../jobs/job-definition";
import { ZipTooLargeError, ZipWriter, ZIP_MAX_ENTRIES } from "../jobs/zip-writer";
import { ensurePublishedOutput, type PublicationRef } from "../public/published-outputs";
import { renderThreadCount } from "../render/render-pool";
import { oversightScope } from "./oversight-scope";

/*
 * 批量下载已发布年报 (issue 10): every agency of an oversight selection with a publication for
 * the year contributes its latest publication's PDF to one ZIP, with 清单.csv listing what is in
 * it and which agencies have not published yet. It runs as the background job
 * `bulk-published-pdf` (lib/server/jobs), never in a request: the PDFs come from PublishedOutput
 * when stored (every publication is pre-rendered when published), else they are rendered by the
 * render pool's worker threads and stored for next time, and the archive goes to the job's
 * result in pieces, so neither the web server's thread nor its memory carries the whole export.
 */

const ZId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "所选机关不正确。");

/** What the job is started with: the year and the oversight selection (lib/server/oversight/oversight-scope.ts). */
export const ZBulkPublishedPdfParams = z.object({
  year: z.number({ error: "请选择报告年度。" }).int("请选择报告年度。").min(2000, "请选择报告年度。").max(2100, "请选择报告年度。"),
  under: ZId.optional(),
  agencyIds: z
    .array(ZId)
    .min(1, "请至少选择一个机关。")
    .max(ZIP_MAX_ENTRIES - 1, "所选机关过多。")
    .optional(),
});

export type TBulkPublishedPdfParams = z.output<typeof ZBulkPublishedPdfParams>;

/** The list inside the archive. */
export const MANIFEST_NAME = "清单.csv";

/** One agency's line in 清单.csv. */
export interface BulkManifestRow {
  agency: string;
  /** included: its PDF is in the archive; unpublished: no publication for the year; failed: its PDF could not be made. */
  outcome: "included" | "unpublished" | "failed";
  /** 未开始, 草稿 … 已发布: where its report stands. */
  status: string;
  filename: string | null;
  revision: number | null;
  publishedAt: Date | null;
}

export interface BulkPublishedPdfResult {
  filename: string;
  contentType: "application/zip";
  size: number;
  included: number;
  unpublished: number;
  failed: number;
  manifest: BulkManifestRow[];
}

const OUTCOME_LABEL: Record<BulkManifestRow["outcome"], string> = { included: "已收录", unpublished: "尚未发布", failed: "无法生成PDF" };

/** 清单.csv: UTF-8 with a BOM (Excel shows the Chinese), CRLF, RFC 4180 quoting (lib/oversight/export-csv.ts). */
export function manifestCsv(rows: readonly BulkManifestRow[], year: number): string {
  const records = [csvRecord(["序号", "机关名称", `${year}年度报告状态`, "是否收录", "文件名", "发布版次", "首次发布日期"])];
  rows.forEach((row, i) =>
    records.push(
      csvRecord([i + 1, row.agency, row.status, OUTCOME_LABEL[row.outcome], row.filename, row.revision, row.publishedAt ? chinaDateText(row.publishedAt) : null]),
    ),
  );
  return `\uFEFF${records.join("\r\n")}\r\n`;
}

/** `<范围>-<年>年政府信息公开工作年度报告（已发布）.zip`. */
export function bulkArchiveName(title: string, year: number): string {
  return exportFilename(title, year, "pdf").replace(/\.pdf$/, "（已发布）.zip");
}

interface LatestPublication {
  id: string;
  reportId: string;
  versionId: string;
  revision: number;
  firstPublishedAt: Date | string;
}

/** Each report's latest publication (highest revision), in one statement. */
async function latestPublications(prisma: PrismaClient, reportIds: string[]): Promise<Map<string, LatestPublication>> {
  if (!reportIds.length) return new Map();
  const rows = await prisma.$queryRaw<LatestPublication[]>`
    SELECT DISTINCT ON (p."reportId") p."id", p."reportId", p."versionId", p."revision", r."firstPublishedAt"
    FROM "Publication" p JOIN "Report" r ON r."id" = p."reportId"
    WHERE p."reportId" = ANY(${reportIds}::text[])
    ORDER BY p."reportId", p."revision" DESC`;
  return new Map(rows.map((row) => [row.reportId, row]));
}

/** Collects the archive in memory: for the benchmark and for callers that want the bytes. */
export class MemorySink implements JobResultSink {
  readonly parts: Buffer[] = [];
  async write(bytes: Uint8Array): Promise<void> {
    this.parts.push(Buffer.from(bytes));
  }
  get body(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export interface BulkPublishedPdfOptions {
  /** Where the archive goes; by default it is collected in memory (`MemorySink`). */
  sink?: JobResultSink;
  signal?: AbortSignal;
  /** PDFs fetched or rendered ahead of the one being written (default: twice the render threads, at least 4). */
  lookahead?: number;
  /** The archive entries' time (default: now). */
  now?: Date;
}

/**
 * Builds the ZIP of the selection's published PDFs for `job.user` (authorized again here:
 * reviewers their subtree, admins all, editors refused, a forged agency outside the scope
 * NOT_FOUND). The entries are written in tree order, each as soon as it and those before it are
 * ready, while up to `lookahead` later PDFs are read or rendered in the pool; `onProgress` is
 * told after each PDF (done of total published). Callable without a job (the benchmark).
 */
export async function runBulkPublishedPdf(
  prisma: PrismaClient,
  job: { user: CurrentUser; params: TBulkPublishedPdfParams },
  onProgress?: (progress: JobProgress) => void,
  options: BulkPublishedPdfOptions = {},
): Promise<BulkPublishedPdfResult> {
  const { user, params } = job;
  const sink = options.sink ?? new MemorySink();
  const scope = await oversightScope(prisma, user, { under: params.under, agencyIds: params.agencyIds }, [params.year]);
  const reports = scope.reports.get(params.year) ?? new Map();
  const publications = await latestPublications(
    prisma,
    [...reports.values()].filter((r) => r.published).map((r) => r.id),
  );

  const manifest: BulkManifestRow[] = [];
  const wanted: { row: BulkManifestRow; publication: PublicationRef }[] = [];
  const usedNames = new Set<string>([MANIFEST_NAME]);
  for (const agency of scope.agencies) {
    const report = reports.get(agency.id);
    const status = progressStatusLabel(report?.status ?? "NOT_STARTED");
    const publication = report ? publications.get(report.id) : undefined;
    if (!publication) {
      manifest.push({ agency: agency.name, outcome: "unpublished", status, filename: null, revision: null, publishedAt: null });
      continue;
    }
    // Agency names are unique, but two may differ only in what a file name cannot hold.
    let filename = exportFilename(agency.name, params.year, "pdf");
    for (let n = 2; usedNames.has(filename); n++) filename = exportFilename(`${agency.name}（${n}）`, params.year, "pdf");
    usedNames.add(filename);
    const row: BulkManifestRow = { agency: agency.name, outcome: "included", status, filename, revision: publication.revision, publishedAt: toUtcDate(publication.firstPublishedAt) };
    manifest.push(row);
    wanted.push({ row, publication: { id: publication.id, versionId: publication.versionId } });
  }

  const total = wanted.length;
  onProgress?.({ done: 0, total });
  const zip = new ZipWriter(sink, options.now);
  const lookahead = Math.max(1, options.lookahead ?? Math.max(4, renderThreadCount() * 2));
  /** The PDF of entry i, or null when its content cannot be rendered (listed as failed). */
  const load = (i: number): Promise<Buffer | null> =>
    ensurePublishedOutput(prisma, wanted[i].publication, "pdf").then(
      (output) => output.body,
      (error: unknown) => {
        if (error instanceof AppError && error.code === "INVALID") return null;
        throw error;
      },
    );
  const inFlight = new Map<number, Promise<Buffer | null>>();
  let next = 0;
  /** Starts loading every entry before `end` not started yet. */
  const fill = (end: number) => {
    for (; next < Math.min(end, total); next++) {
      const pending = load(next);
      // A failure is awaited in order below; until then it must not count as unhandled.
      pending.catch(() => undefined);
      inFlight.set(next, pending);
    }
  };
  try {
    for (let i = 0; i < total; i++) {
      options.signal?.throwIfAborted();
      fill(i + lookahead);
      const body = await inFlight.get(i)!;
      inFlight.delete(i);
      if (body) {
        await zip.add(wanted[i].row.filename!, body);
      } else {
        wanted[i].row.outcome = "failed";
        wanted[i].row.filename = null;
      }
      onProgress?.({ done: i + 1, total });
    }
    await zip.add(MANIFEST_NAME, Buffer.from(manifestCsv(manifest, params.year), "utf8"));
    const size = await zip.finish();
    const count = (outcome: BulkManifestRow["outcome"]) => manifest.filter((r) => r.outcome === outcome).length;
    return {
      filename: bulkArchiveName(scope.title, params.year),
      contentType: "application/zip",
      size,
      included: count("included"),
      unpublished: count("unpublished"),
      failed: count("failed"),
      manifest,
    };
  } catch (error) {
    if (error instanceof ZipTooLargeError) throw new AppError("TOO_LARGE", "所选范围的报告过多，压缩包将超过 4 GB，请缩小范围后分批下载。");
    throw error;
  } finally {
    // Renders still running finish and are stored; their bytes are not needed here.
    inFlight.clear();
  }
}

/** The job kind: started from the oversight page, checked when started and again when it runs. */
export const bulkPublishedPdfJob = defineJob({
  kind: "bulk-published-pdf",
  params: ZBulkPublishedPdfParams,
  permission: "report.oversee",
  authorize: async (prisma, user, params) => {
    await oversightScope(prisma, user, { under: params.under, agencyIds: params.agencyIds }, [params.year]);
  },
  run: async ({ prisma, user, params, signal, progress, result }) => {
    const outcome = await runBulkPublishedPdf(prisma, { user, params }, progress, { sink: result, signal });
    return {
      name: outcome.filename,
      type: outcome.contentType,
      summary: { included: outcome.included, unpublished: outcome.unpublished, failed: outcome.failed },
    };
  },
});
