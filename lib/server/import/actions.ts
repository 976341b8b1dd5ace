"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { IMPORT_ACCEPTED_AS, MAX_CORRECTIONS } from "../../import/accept-import";
import { defineAction, type ActionResult } from "../actions/define-action";
import { ZRouteId } from "../actions/define-route";
import { acceptImport } from "./accept-import";
import { discardImport } from "./discard-import";

/** What the review screen's buttons get back when they fail (success redirects). */
export type ImportDecisionResult = ActionResult<{ message: string }>;

/** An upload's id, as route ids are (a malformed one names nothing). */
const ZImportId = ZRouteId;

const ZAccept = z.object({
  importId: ZImportId,
  as: z.enum(IMPORT_ACCEPTED_AS, { error: "请选择导入方式。" }),
  /** Cell key → the value as typed on the review screen; validated by acceptImport with the draft schema. */
  corrections: z
    .record(z.string().max(120), z.string().max(60, "单元格内容不能超过 60 个字符。"))
    .refine((value) => Object.keys(value).length <= MAX_CORRECTIONS, `一次最多更正 ${MAX_CORRECTIONS} 个单元格。`)
    .default({}),
});

const ZDiscard = z.object({ importId: ZImportId });

/**
 * 作为本年度草稿导入 / 作为往年已发布报告导入: acceptImport checks the scope, the status, the
 * year and that the agency has no report for it yet, validates the corrected content and writes
 * everything in one transaction; then the report opens.
 */
export const acceptImportAction = defineAction({
  input: ZAccept,
  permission: "report.import",
  run: async ({ prisma, user, input }) => {
    const result = await acceptImport(prisma, user, input);
    revalidatePath("/workspace/reports");
    revalidatePath("/workspace/import");
    // redirect() works by throwing; the wrapper lets Next's control flow through.
    redirect(`/workspace/reports/${encodeURIComponent(result.reportId)}/preview`);
  },
});

/** 放弃: nothing is imported; back to the start page. */
export const discardImportAction = defineAction({
  input: ZDiscard,
  permission: "report.import",
  run: async ({ prisma, user, input }) => {
    await discardImport(prisma, user, input);
    revalidatePath("/workspace/import");
    redirect("/workspace/import?discarded=1");
  },
});
