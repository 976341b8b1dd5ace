"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "../actions/define-action";
import { markNotificationsRead } from "./inbox";

const ZMarkRead = z.object({ id: z.string().trim().min(1).max(100).optional() });

/**
 * 标为已读 (one, by id) or 全部标为已读 (no id). markNotificationsRead only touches the user's own
 * notifications, so a forged id of someone else's is ignored.
 */
export const markNotificationsReadAction = defineAction({
  input: ZMarkRead,
  permission: "self",
  run: async ({ prisma, user, input: { id } }) => {
    await markNotificationsRead(prisma, user, id ? [id] : undefined);
    // The bell's count lives in the staff layout.
    revalidatePath("/workspace", "layout");
    return { message: id ? "已标为已读。" : "已全部标为已读。" };
  },
});
