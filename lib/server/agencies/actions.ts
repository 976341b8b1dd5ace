"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ZAgencyInput } from "../../admin/agency-schema";
import { defineAction } from "../actions/define-action";
import { createAgency } from "./create-agency";
import { updateAgency } from "./update-agency";

const ZAgencyUpdate = ZAgencyInput.extend({ id: z.string().trim().min(1).max(100) });

export const createAgencyAction = defineAction({
  input: ZAgencyInput,
  permission: "admin.manage",
  run: async ({ prisma, user, input }) => {
    const agency = await createAgency(prisma, user, input);
    revalidatePath("/workspace/admin/agencies");
    return { message: `已新增机关「${agency.name}」。` };
  },
});

export const updateAgencyAction = defineAction({
  input: ZAgencyUpdate,
  permission: "admin.manage",
  run: async ({ prisma, user, input: { id, ...fields } }) => {
    const agency = await updateAgency(prisma, user, id, fields);
    revalidatePath("/workspace/admin/agencies");
    return { message: `已保存机关「${agency.name}」。` };
  },
});
