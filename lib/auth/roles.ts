/**
 * Roles, once: the list (stored as the Prisma enum Role; lib/server/db/stored-enums.test.ts proves
 * they agree), Chinese names and what each role is for. What a role may do is in ./permissions.
 */

export const ROLES = ["EDITOR", "REVIEWER", "ADMIN"] as const;

export type Role = (typeof ROLES)[number];

export interface RoleDef {
  label: string;
  /** One line for the account form: what an account with this role does. */
  hint: string;
  /** The report list's name for this role (navigation, heading, breadcrumbs): whose reports it holds. */
  reportsLabel: string;
}

export const ROLE: Record<Role, RoleDef> = {
  EDITOR: { label: "填报人", hint: "填报人编制本机关的年度报告。", reportsLabel: "我的报告" },
  REVIEWER: { label: "审核人", hint: "审核人审核本机关及全部下级机关的报告。", reportsLabel: "所辖机关报告" },
  ADMIN: { label: "管理员", hint: "管理员管理机关和账号，不属于任何机关。", reportsLabel: "全部报告" },
};

/** The report list's name for a role: 我的报告 for an editor, 所辖机关报告 for a reviewer, 全部报告 for an admin. */
export function reportsLabel(role: Role): string {
  return ROLE[role].reportsLabel;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleLabel(role: Role): string {
  return ROLE[role].label;
}
