import "server-only";
import { hasPermission, type CurrentUser } from "./authz";
import { AppError } from "./errors";

/** Agency and account management is for admins only; every admin operation checks it itself. */
export function assertAdmin(user: CurrentUser): void {
  if (!hasPermission(user, "admin.manage")) throw new AppError("FORBIDDEN", "只有管理员可以管理机关和账号。");
}
