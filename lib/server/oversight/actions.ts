"use server";

import "server-only";
import { z } from "zod";
import { defineAction } from "../actions/define-action";
import { ZRouteId } from "../actions/define-route";
import { remindUnsubmitted } from "./remind";

/** Most agencies one reminder may name explicitly (a whole subtree needs no list: `under`). */
const MAX_SELECTED = 5000;

const ZRemind = z.object({
  year: z.coerce.number({ error: "请选择报告年度。" }).int("请选择报告年度。").min(2000, "请选择报告年度。").max(2100, "请选择报告年度。"),
  under: z.preprocess((v) => (v === "" ? undefined : v), ZRouteId.optional()),
  /** Agency ids: a list, or one comma-separated form field. */
  agencyIds: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() ? v.split(",").map((id) => id.trim()) : undefined) : v),
    z.array(ZRouteId).min(1).max(MAX_SELECTED, `一次最多选择 ${MAX_SELECTED} 个机关。`).optional(),
  ),
});

/**
 * 提醒未提交的机关: a notification to every editor of each agency of the selection (the user's
 * oversight scope, or `under` / `agencyIds` inside it) that has not submitted its report of the
 * year; the answer says how many agencies and editors were reminded.
 */
export const remindUnsubmittedAction = defineAction({
  input: ZRemind,
  permission: "report.oversee",
  run: async ({ prisma, user, input }) => {
    const outcome = await remindUnsubmitted(prisma, user, input);
    return { message: outcome.message, agencies: outcome.agencies, users: outcome.users, withoutEditors: outcome.withoutEditors };
  },
});
