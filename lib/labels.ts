/**
 * Chinese names of stored enums, one map per concept. The unions mirror the Prisma enums
 * (lib/ may not import Prisma); a mismatch shows up as a type error where the two meet.
 */

export type RoleName = "EDITOR" | "REVIEWER" | "ADMIN";
export type ReportStatusName = "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED" | "PUBLISHED";

export const ROLE_LABELS: Record<RoleName, string> = {
  EDITOR: "填报人",
  REVIEWER: "审核人",
  ADMIN: "管理员",
};

export const REPORT_STATUS_LABELS: Record<ReportStatusName, string> = {
  DRAFT: "草稿",
  SUBMITTED: "待审核",
  RETURNED: "退回修改",
  APPROVED: "审核通过",
  PUBLISHED: "已发布",
};

/** Names of the official formats as staff call them. */
export const FORMAT_LABELS: Record<string, string> = {
  "2019": "2019 试行版",
  "2021": "2021 版",
};

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? `${format} 版`;
}
