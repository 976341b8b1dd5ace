import "server-only";
import { roleLabel } from "../../auth/roles";
import type { PrismaClient } from "../../generated/prisma/client";
import { daysUntilDeadline, deadlineDateText } from "../../workflow/deadline";
import { progressStatusLabel, type ProgressStatus } from "../../workflow/report-status";
import { recordAudit } from "../audit";
import type { CurrentUser } from "../authz";
import { notifyReminders, type Reminder } from "../notifications/notify";
import { oversightScope, type OversightSelection } from "./oversight-scope";

/*
 * 催报 (issue 10): from the oversight page a reviewer (their subtree) or an admin (every agency)
 * reminds the editors of each agency of the selection whose report for the year has not been
 * submitted — 未开始 (no report yet), 草稿 or 退回修改 — with an in-app notification naming the
 * year, the statutory deadline with the days left, and who sent it. The notifications and one
 * audit row are written in one transaction: all of them or none. An agency reminded of the year
 * in the last REMIND_INTERVAL_MS (by anyone) is not reminded again: a second click, or two
 * reviewers of overlapping subtrees, do not flood its editors.
 */

/** How long after a reminder an agency is not reminded of the same year again. */
export const REMIND_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Where an agency's report stands when a reminder makes sense: the editor still has to act. */
const UNSUBMITTED: ReadonlySet<ProgressStatus> = new Set(["NOT_STARTED", "DRAFT", "RETURNED"]);

export interface RemindInput extends OversightSelection {
  year: number;
}

export interface RemindOutcome {
  /** Agencies whose editors were reminded. */
  agencies: number;
  /** Editors reminded (one notification each per agency). */
  users: number;
  /** Agencies that have not submitted but have no editor account to remind. */
  withoutEditors: number;
  /** Agencies that have not submitted but were reminded of the year within REMIND_INTERVAL_MS. */
  recentlyReminded: number;
  /** What the user is told. */
  message: string;
}

/** 还剩 12 天 / 今天截止 / 已逾期 3 天 (lib/workflow/deadline.ts counts the days in China time). */
export function daysLeftText(days: number): string {
  if (days > 1) return `还剩 ${days} 天`;
  if (days === 1) return "今天截止";
  return `已逾期 ${-days} 天`;
}

/** The reminder an editor reads. */
export function reminderMessage(input: { sender: CurrentUser; agency: string; year: number; status: ProgressStatus; deadline: string; daysLeft: number }): string {
  const who = `${roleLabel(input.sender.role)}${input.sender.name}`;
  return (
    `${who}提醒：${input.agency} ${input.year} 年度政府信息公开工作年度报告尚未提交审核（当前：${progressStatusLabel(input.status)}）。` +
    `法定发布期限为 ${input.deadline}（${daysLeftText(input.daysLeft)}），请尽快完成填报并提交审核。`
  );
}

/**
 * Reminds the editors of every agency in the user's oversight scope (narrowed by `under` or
 * `agencyIds`, each of which must lie in it: else NOT_FOUND; editors are refused) whose report
 * for `year` is not submitted. Returns how many agencies and editors were reminded; writes
 * nothing when there is no one to remind.
 */
export async function remindUnsubmitted(prisma: PrismaClient, user: CurrentUser, input: RemindInput, now = new Date()): Promise<RemindOutcome> {
  const { year } = input;
  const scope = await oversightScope(prisma, user, { under: input.under, agencyIds: input.agencyIds }, [year]);
  const reports = scope.reports.get(year) ?? new Map();
  const targets = scope.agencies
    .map((agency) => ({ agency, report: reports.get(agency.id) ?? null }))
    .filter(({ report }) => UNSUBMITTED.has(report?.status ?? "NOT_STARTED"));
  if (!targets.length) return { agencies: 0, users: 0, withoutEditors: 0, recentlyReminded: 0, message: `所选机关都已提交 ${year} 年度报告，无需提醒。` };

  return prisma.$transaction(async (tx) => {
    const recent = await tx.notification.findMany({
      where: { kind: "REMINDER", year, agencyId: { in: targets.map((t) => t.agency.id) }, createdAt: { gt: new Date(now.getTime() - REMIND_INTERVAL_MS) } },
      select: { agencyId: true },
      distinct: ["agencyId"],
    });
    const skipped = new Set(recent.map((n) => n.agencyId));
    const due = targets.filter((t) => !skipped.has(t.agency.id));
    const editors = await tx.user.findMany({
      where: { role: "EDITOR", agencyId: { in: due.map((t) => t.agency.id) } },
      select: { id: true, agencyId: true },
      orderBy: { id: "asc" },
    });
    const byAgency = new Map<string, string[]>();
    for (const editor of editors) byAgency.set(editor.agencyId!, [...(byAgency.get(editor.agencyId!) ?? []), editor.id]);

    const reminders: Reminder[] = [];
    const reminded: string[] = [];
    const withoutEditors: string[] = [];
    for (const { agency, report } of due) {
      const userIds = byAgency.get(agency.id) ?? [];
      if (!userIds.length) {
        withoutEditors.push(agency.id);
        continue;
      }
      reminded.push(agency.id);
      const message = reminderMessage({
        sender: user,
        agency: agency.name,
        year,
        status: report?.status ?? "NOT_STARTED",
        deadline: deadlineDateText(agency.kind, year),
        daysLeft: daysUntilDeadline(agency.kind, year, now),
      });
      for (const userId of userIds) reminders.push({ userId, agencyId: agency.id, year, reportId: report?.id ?? null, message, createdAt: now });
    }
    const missing =
      (skipped.size ? `另有 ${skipped.size} 个机关 24 小时内已提醒过，未重复发送。` : "") +
      (withoutEditors.length ? `另有 ${withoutEditors.length} 个机关没有填报人账号，无法提醒。` : "");
    if (!reminders.length) return { agencies: 0, users: 0, withoutEditors: withoutEditors.length, recentlyReminded: skipped.size, message: `未发送提醒：${missing}` };

    await notifyReminders(tx, reminders);
    await recordAudit(tx, {
      actorId: user.id,
      action: "oversight.remind",
      details: {
        year,
        ...(input.under !== undefined && { under: input.under }),
        ...(input.agencyIds !== undefined && { selected: input.agencyIds.length }),
        agencyIds: reminded,
        users: reminders.length,
        withoutEditors,
        recentlyReminded: [...skipped],
      },
    });
    return {
      agencies: reminded.length,
      users: reminders.length,
      withoutEditors: withoutEditors.length,
      recentlyReminded: skipped.size,
      message: `已向 ${reminded.length} 个机关的 ${reminders.length} 名填报人发送提醒。${missing}`,
    };
  });
}
