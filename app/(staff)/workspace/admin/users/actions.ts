"use server";

import { revalidatePath } from "next/cache";
import { ROLE_LABELS } from "@/lib/labels";
import { actionFailure, type FormActionState } from "@/lib/server/action-error";
import { getAuth } from "@/lib/server/auth/auth";
import { hasPermission } from "@/lib/server/authz";
import { getPrisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { registerUser } from "@/lib/server/users/register-user";
import { resetPassword } from "@/lib/server/users/reset-password";
import { updateUser } from "@/lib/server/users/update-user";
import { requireUser } from "@/lib/server/session";

async function requireAdmin() {
  const user = await requireUser();
  if (!hasPermission(user, "admin.manage")) throw new AppError("FORBIDDEN", "只有管理员可以管理账号。");
  return user;
}

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "");

/** Both password fields must match: a typo in a password nobody can see would lock the user out. */
function assertPasswordsMatch(formData: FormData) {
  if (text(formData, "password") !== text(formData, "confirmPassword")) {
    throw new AppError("INVALID", "两次输入的密码不一致。", { fieldErrors: { confirmPassword: "两次输入的密码不一致。" } });
  }
}

export async function createUserAction(formData: FormData): Promise<FormActionState> {
  try {
    const actor = await requireAdmin();
    assertPasswordsMatch(formData);
    const user = await registerUser(await getPrisma(), await getAuth(), actor, {
      username: text(formData, "username"),
      name: text(formData, "name"),
      role: text(formData, "role"),
      agencyId: text(formData, "agencyId"),
      password: text(formData, "password"),
    });
    revalidatePath("/workspace/admin/users");
    return { ok: true, message: `已新增${ROLE_LABELS[user.role]}账号 ${user.username}（${user.name}）。请把初始密码当面或通过安全渠道告知本人。` };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function updateUserAction(formData: FormData): Promise<FormActionState> {
  try {
    const actor = await requireAdmin();
    const user = await updateUser(await getPrisma(), actor, text(formData, "id"), {
      name: text(formData, "name"),
      role: text(formData, "role"),
      agencyId: text(formData, "agencyId"),
    });
    revalidatePath("/workspace/admin/users");
    return { ok: true, message: `已保存账号 ${user.username} 的信息。` };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function resetPasswordAction(formData: FormData): Promise<FormActionState> {
  try {
    const actor = await requireAdmin();
    assertPasswordsMatch(formData);
    const userId = text(formData, "id");
    await resetPassword(await getPrisma(), await getAuth(), actor, userId, text(formData, "password"));
    revalidatePath("/workspace/admin/users");
    return {
      ok: true,
      message: userId === actor.id ? "已重置您的密码，下次登录时请使用新密码。" : "已重置密码，该账号已在所有设备上退出登录，需用新密码重新登录。",
    };
  } catch (error) {
    return actionFailure(error);
  }
}
