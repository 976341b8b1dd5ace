"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "../actions/define-action";
import { saveRuleLevels } from "./rule-levels";

/** The admin page's form: one `level.<rule id>` field per rule, "" for the policy's default. */
const ZRuleLevelsForm = z.record(z.string().max(200), z.string().max(20));

const FIELD_PREFIX = "level.";

export const saveRuleLevelsAction = defineAction({
  input: ZRuleLevelsForm,
  permission: "admin.rules",
  run: async ({ prisma, user, input }) => {
    const levels = Object.fromEntries(
      Object.entries(input)
        .filter(([field, level]) => field.startsWith(FIELD_PREFIX) && level !== "")
        .map(([field, level]) => [field.slice(FIELD_PREFIX.length), level]),
    );
    const { changes } = await saveRuleLevels(prisma, user, levels);
    revalidatePath("/workspace/admin/rules");
    return { message: changes.length === 0 ? "规则级别没有变化。" : `已保存规则级别（${changes.length} 项改动），填报、审核和下载即刻按新级别检查。` };
  },
});
