import { z } from "zod";
import { passwordProblem } from "../auth/password-policy";
import { ROLES, type Role } from "../auth/roles";

/**
 * User names that better-auth's username sign-in accepts (its default validator: letters,
 * digits, _ and .; 3–30 characters); stored lower-case.
 */
export const USERNAME_PATTERN = /^[a-z0-9_.]{3,30}$/;


const ZRole = z.enum(ROLES, { error: "请选择角色。" });
const ZAgencyId = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().nullable());

/** Admins manage the system and belong to no agency; editors and reviewers need one. */
function agencyMatchesRole(value: { role: Role; agencyId: string | null }, ctx: z.RefinementCtx) {
  if (value.role !== "ADMIN" && !value.agencyId) ctx.addIssue({ code: "custom", path: ["agencyId"], message: "填报人和审核人必须属于一个机关。" });
  if (value.role === "ADMIN" && value.agencyId) ctx.addIssue({ code: "custom", path: ["agencyId"], message: "管理员不属于任何机关，请选择“不属于机关”。" });
}

export const ZNewUserInput = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(USERNAME_PATTERN, "用户名须为 3–30 位小写字母、数字、下划线（_）或点（.）。"),
    name: z.string().trim().min(1, "请填写姓名。").max(50, "姓名不能超过 50 个字符。"),
    role: ZRole,
    agencyId: ZAgencyId,
    password: z.string(),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value.username);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    agencyMatchesRole(value, ctx);
  });

export type TNewUserInput = z.infer<typeof ZNewUserInput>;

export const ZUserUpdate = z
  .object({
    name: z.string().trim().min(1, "请填写姓名。").max(50, "姓名不能超过 50 个字符。"),
    role: ZRole,
    agencyId: ZAgencyId,
  })
  .superRefine(agencyMatchesRole);

export type TUserUpdate = z.infer<typeof ZUserUpdate>;

/** Both password fields must match: a typo in a password nobody can see would lock the user out. */
export const ZPasswordConfirmation = z
  .object({ password: z.string({ error: "请填写密码。" }), confirmPassword: z.string({ error: "请再次输入密码。" }) })
  .refine((value) => value.password === value.confirmPassword, { path: ["confirmPassword"], message: "两次输入的密码不一致。" });
