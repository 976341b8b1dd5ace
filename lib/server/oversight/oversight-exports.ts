import "server-only";
import { renderBulletinDocx } from "../../oversight/bulletin";
import { agencyCellsCsv, statusCsv } from "../../oversight/export-csv";
import { writeOversightWorkbook } from "../../oversight/export-workbook";
import { coverageSummary } from "../../oversight/roll-up";
import { CONTENT_TYPES, rollUpFilename } from "../../render/worker/render-protocol";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";
import { renderInPool } from "../render/render-pool";
import { loadAgencyCells } from "./load-agency-cells";
import { listAgencyStatuses, loadAgencyStatusList } from "./load-agency-statuses";
import { loadRollUp } from "./load-roll-up";
import type { OversightParams } from "./parse-oversight-params";

export const OVERSIGHT_EXPORT_KINDS = ["xlsx", "status-csv", "cells-csv", "roll-up-docx", "roll-up-pdf", "bulletin-docx"] as const;
export type OversightExportKind = (typeof OVERSIGHT_EXPORT_KINDS)[number];

export function isOversightExportKind(value: string): value is OversightExportKind {
  return (OVERSIGHT_EXPORT_KINDS as readonly string[]).includes(value);
}

export interface OversightFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV = "text/csv; charset=utf-8";

function safe(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, "");
}

/**
 * One download of the oversight views, for the year and part of the scope the page shows
 * (filters of the status list do not narrow an export: it covers the whole selection). The same
 * authorization as the page (oversightScope: reviewers their subtree, admins all, editors
 * refused; a part outside the scope is not found). Documents render in the render pool.
 */
export async function exportOversight(prisma: PrismaClient, user: CurrentUser, kind: OversightExportKind, params: OversightParams, now = new Date()): Promise<OversightFile> {
  const selection = { year: params.year, under: params.under };
  if (kind === "status-csv" || kind === "bulletin-docx") {
    const { rows: statuses, title } = await loadAgencyStatusList(prisma, user, { ...selection, now });
    if (kind === "status-csv") return { filename: `${safe(title)}-${params.year}年度报告填报情况.csv`, contentType: CSV, body: statusCsv(statuses) };
    const body = await renderBulletinDocx({ year: params.year, statuses, scope: title, now });
    return { filename: `${safe(title)}-${params.year}年度报告编制发布情况通报（稿）.docx`, contentType: CONTENT_TYPES.docx, body };
  }
  const rollUp = await loadRollUp(prisma, user, { ...selection, basis: params.basis });
  const notes = [coverageSummary(rollUp.coverage, rollUp.basis)];
  if (kind === "roll-up-docx" || kind === "roll-up-pdf") {
    const format = kind === "roll-up-docx" ? "docx" : "pdf";
    const rendered = await renderInPool({ content: rollUp.content, format, rollUp: { notes } });
    if (!rendered.ok) throw new AppError("INVALID", "汇总数据无法生成文件。");
    return { filename: rollUpFilename(rollUp.title, params.year, format), contentType: rendered.file.contentType, body: rendered.file.body };
  }
  const agencyCells = await loadAgencyCells(prisma, rollUp.format, rollUp.coverage.included);
  if (kind === "cells-csv") return { filename: `${safe(rollUp.title)}-${params.year}年度各机关数据.csv`, contentType: CSV, body: agencyCellsCsv(agencyCells) };
  const statuses = await listAgencyStatuses(prisma, user, { ...selection, now });
  const body = await writeOversightWorkbook({ title: rollUp.title, year: params.year, rollUp, notes, statuses, agencyCells, now });
  return { filename: `${safe(rollUp.title)}-${params.year}年度政府信息公开工作年度报告汇总.xlsx`, contentType: XLSX, body };
}
