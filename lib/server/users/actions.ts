"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZNewUserInput, ZPasswordConfirmation, ZUserUpdate } from "../../admin/user-schema";
import { roleLabel } from "../../auth/roles";
import { defineAction } from "../actions/define-action";
import { getAuth } from "../auth/auth";
import { registerUser } from "./register-user";
import { resetPassword } from "./reset-password";
import { setAccountDisabled, unlockAccount } from "./account-status";
import { updateUser } from "./update-user";

const ZUserId = z.object({ id: z.string().trim().min(1).max(100) });

export const createUserAction = defineAction({
  input: z.intersection(ZNewUserInput, ZPasswordConfirmation),
  permission: "admin.manage",
  run: async ({ prisma, user: actor, input }) => {
    const user = await registerUser(prisma, await getAuth(), actor, input);
    revalidatePath("/workspace/admin/users");
    return { message: `已新增${roleLabel(user.role)}账号 ${user.username}（${user.name}）。请把初始密码当面或通过安全渠道告知本人。` };
  },
});

export const updateUserAction = defineAction({
  input: z.intersection(ZUserId, ZUserUpdate),
  permission: "admin.manage",
  run: async ({ prisma, user: actor, input: { id, ...fields } }) => {
    const user = await updateUser(prisma, actor, id, fields);
    revalidatePath("/workspace/admin/users");
    return { message: `已保存账号 ${user.username} 的信息。` };
  },
});

export const resetPasswordAction = defineAction({
  input: z.intersection(ZUserId, ZPasswordConfirmation),
  permission: "admin.manage",
  run: async ({ prisma, user: actor, input }) => {
    await resetPassword(prisma, await getAuth(), actor, input.id, input.password);
    revalidatePath("/workspace/admin/users");
    return {
      message: input.id === actor.id ? "已重置您的密码，下次登录时请使用新密码。" : "已重置密码，该账号已在所有设备上退出登录，需用新密码重新登录。",
    };
  },
});

export const setAccountDisabledAction = defineAction({
  // From a form: "true" disables, "false" enables.
  input: z.intersection(ZUserId, z.object({ disabled: z.enum(["true", "false"]).transform((v) => v === "true") })),
  permission: "admin.manage",
  run: async ({ prisma, user: actor, input }) => {
    const user = await setAccountDisabled(prisma, actor, input.id, input.disabled);
    revalidatePath("/workspace/admin/users");
    return { message: input.disabled ? `已停用账号 ${user.username}，它已在所有设备上退出登录，不能再登录。` : `已启用账号 ${user.username}，可以重新登录。` };
  },
});

export const unlockAccountAction = defineAction({
  input: ZUserId,
  permission: "admin.manage",
  run: async ({ prisma, user: actor, input }) => {
    const user = await unlockAccount(prisma, actor, input.id);
    revalidatePath("/workspace/admin/users");
    return { message: user.wasLocked ? `已解除账号 ${user.username} 的登录锁定。` : `账号 ${user.username} 没有被锁定。` };
  },
});
