"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionFailure, type FormActionState } from "@/lib/server/action-error";
import { getPrisma } from "@/lib/server/db";
import { markNotificationsRead } from "@/lib/server/notifications-inbox";
import { parseInput } from "@/lib/server/parse-input";
import { requireUser } from "@/lib/server/session";

const ZMarkRead = z.object({ id: z.string().trim().min(1).max(100).optional() });

/**
 * 标为已读 (one, by id) or 全部标为已读 (no id). markNotificationsRead only touches the user's own
 * notifications, so a forged id of someone else's is ignored.
 */
export async function markNotificationsReadAction(formData: FormData): Promise<FormActionState> {
  try {
    const user = await requireUser();
    const { id } = parseInput(ZMarkRead, { id: formData.get("id") ?? undefined });
    await markNotificationsRead(await getPrisma(), user, id ? [id] : undefined);
    // The bell's count lives in the staff layout.
    revalidatePath("/workspace", "layout");
    return { ok: true, message: id ? "已标为已读。" : "已全部标为已读。" };
  } catch (error) {
    return actionFailure(error);
  }
}
