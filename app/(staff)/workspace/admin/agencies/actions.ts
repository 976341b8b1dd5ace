"use server";

import { revalidatePath } from "next/cache";
import { actionFailure, type FormActionState } from "@/lib/server/action-error";
import { createAgency } from "@/lib/server/agencies/create-agency";
import { updateAgency } from "@/lib/server/agencies/update-agency";
import { hasPermission } from "@/lib/server/authz";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { requireUser } from "@/lib/server/session";

async function requireAdmin() {
  const user = await requireUser();
  if (!hasPermission(user, "admin.manage")) throw new AppError("FORBIDDEN", "只有管理员可以管理机关。");
  return user;
}

/** The form's agency fields; the id travels separately and is never part of the data. */
function agencyFields(formData: FormData) {
  const fields = Object.fromEntries(formData.entries());
  delete fields.id;
  return fields;
}

export async function createAgencyAction(formData: FormData): Promise<FormActionState> {
  try {
    const user = await requireAdmin();
    const agency = await createAgency(await getPrisma(), user, agencyFields(formData));
    revalidatePath("/workspace/admin/agencies");
    return { ok: true, message: `已新增机关「${agency.name}」。` };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function updateAgencyAction(formData: FormData): Promise<FormActionState> {
  try {
    const user = await requireAdmin();
    const agency = await updateAgency(await getPrisma(), user, String(formData.get("id") ?? ""), agencyFields(formData));
    revalidatePath("/workspace/admin/agencies");
    return { ok: true, message: `已保存机关「${agency.name}」。` };
  } catch (error) {
    return actionFailure(error);
  }
}
