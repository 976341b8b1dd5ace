import { z } from "zod";
import { defineRoute } from "@/lib/server/actions/define-route";
import { JOB_DEFINITIONS, type JobKind } from "@/lib/server/jobs/definitions";
import { enqueueJob, getJob, listOwnJobs } from "@/lib/server/jobs/jobs";
import { wakeJobWorkers } from "@/lib/server/jobs/runtime";

export const runtime = "nodejs";

const KINDS = Object.keys(JOB_DEFINITIONS) as [JobKind, ...JobKind[]];

/** `{ kind, …the kind's parameters }`, e.g. `{ kind: "bulk-published-pdf", year: 2025, under: "agency-city" }`. */
const ZStart = z.looseObject({ kind: z.enum(KINDS, { error: "不支持的任务类型。" }) });

const NO_STORE = { "Cache-Control": "private, no-store" };

/**
 * Starts a background job (批量下载已发布的报告: kind `bulk-published-pdf` with `year` and an
 * optional `under` or `agencyIds`): 202 with the job `{ id, status, done, total, error, … }`;
 * 403 for editors, 404 for a selection outside the user's scope, 400 for bad parameters, 409
 * when the user already has 3 unfinished jobs.
 */
export const POST = defineRoute({
  params: z.object({}),
  body: ZStart,
  permission: "report.oversee",
  run: async ({ prisma, user, body }) => {
    const { kind, ...params } = body;
    const { id } = await enqueueJob(prisma, user, kind, params);
    return Response.json(await getJob(prisma, user, id), { status: 202, headers: NO_STORE });
  },
});

/** The user's own recent jobs of a kind (`?kind=bulk-published-pdf`), newest first: `{ jobs: [...] }`. */
export const GET = defineRoute({
  params: z.object({}),
  permission: "report.oversee",
  run: async ({ prisma, user, request }) => {
    const kind = new URL(request.url).searchParams.get("kind") ?? "bulk-published-pdf";
    const parsed = z.enum(KINDS).safeParse(kind);
    wakeJobWorkers(prisma);
    const jobs = parsed.success ? await listOwnJobs(prisma, user, parsed.data) : [];
    return Response.json({ jobs }, { headers: NO_STORE });
  },
});
