import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import { EDITABLE_STATUSES } from "../../workflow/report-status";
import { prepareReport } from "../../report/prepare-report";
import type { TReportInput } from "../../report/schema";
import { assertReportAccess, type CurrentUser } from "../authz";
import type { AuditAction } from "../audit";
import { AppError } from "../errors";
import type { PhaseTimer } from "../../utils/server-timing";

export interface SaveInput {
  reportId: string;
  /** The version the client edited; a stale one is refused. */
  version: number;
  content: unknown;
}

const NOT_FOUND = "找不到该报告，或您无权访问。";
const SAVE_ACTION: AuditAction = "report.save";

/**
 * What a save needs to know about the report: its scope, and the agency name, year and format
 * that belong to the record (one indexed lookup joined with the agency; no content is read).
 */
async function reportHeader(prisma: PrismaClient, reportId: string) {
  const rows = await prisma.$queryRaw<{ id: string; agencyId: string; year: number; format: string; agency: string }[]>`
    SELECT r."id", r."agencyId", r."year", r."format", a."name" AS "agency"
    FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId"
    WHERE r."id" = ${reportId}`;
  return rows[0] ?? null;
}

/**
 * Validates a draft with the same zod schema the browser uses and stores it only if nobody saved
 * in between (optimistic concurrency: the version check is part of the update itself).
 *
 * The change and its audit row are one statement: the UPDATE guarded by id, version and an
 * editable status, and an INSERT of the audit row for each row it updated (a data-modifying
 * CTE). A single statement is atomic, so the two stay in one transaction — a save is never
 * stored without its audit row, nor audited without being stored — in one round trip, without
 * holding a connection (or PGlite's only one) across several.
 */
export async function saveReport(prisma: PrismaClient, user: CurrentUser, input: SaveInput, timing?: PhaseTimer) {
  const report = await reportHeader(prisma, input.reportId);
  timing?.lap("header");
  if (!report) throw new AppError("NOT_FOUND", NOT_FOUND);
  await assertReportAccess(prisma, user, report.agencyId, "report.edit");
  timing?.lap("access");
  if (!Number.isInteger(input.version)) throw new AppError("INVALID", "缺少版本号。");
  if (typeof input.content !== "object" || input.content === null || Array.isArray(input.content)) {
    throw new AppError("INVALID", "报告内容格式不正确。");
  }
  const given = input.content as Record<string, unknown>;
  if (given.format !== undefined && given.format !== report.format) {
    throw new AppError("INVALID", `本报告使用 ${report.format} 年版格式，提交的内容是 ${String(given.format)} 年版格式。`);
  }
  // The agency, year and format belong to the report record, not to what the client sends.
  const parsed = prepareReport({ ...given, agency: report.agency, year: report.year, format: report.format }, "draft");
  if (!parsed.ok) {
    throw new AppError("INVALID", `报告内容格式不正确：${parsed.issues.map((i) => i.path).slice(0, 3).join("、")}`, { issues: parsed.issues });
  }
  const content: TReportInput = parsed.report.input;
  const json = JSON.stringify(content);
  timing?.lap("validate");

  // TIMESTAMP(3) columns hold UTC wall-clock time (as Prisma writes @updatedAt): an ISO string
  // cast to timestamp keeps that time and ignores the zone, whatever the session's TimeZone.
  const at = new Date().toISOString();
  const saved = await prisma.$queryRaw<{ version: number }[]>`
    WITH "saved" AS (
      UPDATE "Report"
      SET "content" = ${json}::jsonb, "version" = "version" + 1, "updatedById" = ${user.id}, "updatedAt" = ${at}::timestamp(3)
      WHERE "id" = ${report.id} AND "version" = ${input.version}::int AND "status"::text = ANY(${[...EDITABLE_STATUSES]}::text[])
      RETURNING "id", "version"
    )
    INSERT INTO "AuditEvent" ("id", "at", "actorId", "action", "reportId", "details")
    SELECT ${randomUUID()}, ${at}::timestamp(3), ${user.id}, ${SAVE_ACTION}, "id", jsonb_build_object('version', "version") FROM "saved"
    RETURNING ("details"->>'version')::int AS "version"`;
  timing?.lap("write");
  // The update was conditional on `version`, so the stored version is exactly one more.
  if (saved.length === 1) return { version: input.version + 1, savedAt: at };
  const current = await prisma.report.findUniqueOrThrow({ where: { id: report.id }, include: { updatedBy: { select: { name: true } } } });
  if (!(EDITABLE_STATUSES as readonly string[]).includes(current.status)) {
    throw new AppError("CONFLICT", "报告已提交审核，不能再修改。", { status: current.status });
  }
  throw new AppError("CONFLICT", `${current.updatedBy?.name ?? "其他用户"}已在 ${current.updatedAt.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })} 修改了本报告。`, {
    currentVersion: current.version,
    updatedBy: current.updatedBy?.name ?? null,
    // The same account in another window or on another device: the dialog says so, not 「他人」.
    bySelf: current.updatedById === user.id,
    updatedAt: current.updatedAt.toISOString(),
    content: current.content,
  });
}
