import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { EDITABLE_STATUSES } from "../../workflow/report-status";
import { prepareReport } from "../../report/prepare-report";
import type { TReportInput } from "../../report/schema";
import type { CurrentUser } from "../authz";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { getReportOrThrow } from "./report-access";

export interface SaveInput {
  reportId: string;
  /** The version the client edited; a stale one is refused. */
  version: number;
  content: unknown;
}

/**
 * Validates a draft with the same zod schema the browser uses and stores it only if nobody saved
 * in between (optimistic concurrency: the version check is part of the update itself).
 */
export async function saveReport(prisma: PrismaClient, user: CurrentUser, input: SaveInput) {
  const report = await getReportOrThrow(prisma, user, input.reportId, "report.edit");
  if (!Number.isInteger(input.version)) throw new AppError("INVALID", "缺少版本号。");
  if (typeof input.content !== "object" || input.content === null || Array.isArray(input.content)) {
    throw new AppError("INVALID", "报告内容格式不正确。");
  }
  const given = input.content as Record<string, unknown>;
  if (given.format !== undefined && given.format !== report.format) {
    throw new AppError("INVALID", `本报告使用 ${report.format} 年版格式，提交的内容是 ${String(given.format)} 年版格式。`);
  }
  // The agency, year and format belong to the report record, not to what the client sends.
  const parsed = prepareReport({ ...given, agency: report.agency.name, year: report.year, format: report.format }, "draft");
  if (!parsed.ok) {
    throw new AppError("INVALID", `报告内容格式不正确：${parsed.issues.map((i) => i.path).slice(0, 3).join("、")}`, { issues: parsed.issues });
  }
  const content: TReportInput = parsed.report.input;

  const updated = await prisma.$transaction(async (tx) => {
    const result = await tx.report.updateMany({
      where: { id: report.id, version: input.version, status: { in: [...EDITABLE_STATUSES] } },
      data: { content: content as object, version: { increment: 1 }, updatedById: user.id },
    });
    if (result.count === 1) {
      await recordAudit(tx, { actorId: user.id, action: "report.save", reportId: report.id, details: { version: input.version + 1 } });
    }
    return result;
  });
  // The update was conditional on `version`, so the stored version is exactly one more.
  if (updated.count === 1) return { version: input.version + 1, savedAt: new Date().toISOString() };
  const current = await prisma.report.findUniqueOrThrow({ where: { id: report.id }, include: { updatedBy: { select: { name: true } } } });
  if (!(EDITABLE_STATUSES as readonly string[]).includes(current.status)) {
    throw new AppError("CONFLICT", "报告已提交审核，不能再修改。", { status: current.status });
  }
  throw new AppError("CONFLICT", `${current.updatedBy?.name ?? "其他用户"}已在 ${current.updatedAt.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })} 修改了本报告。`, {
    currentVersion: current.version,
    updatedBy: current.updatedBy?.name ?? null,
    updatedAt: current.updatedAt.toISOString(),
    content: current.content,
  });
}
