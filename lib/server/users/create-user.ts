import "server-only";
import { randomUUID } from "node:crypto";
import { passwordProblem } from "../../auth/password-policy";
import type { PrismaClient, Role } from "../../generated/prisma/client";
import type { Auth } from "../auth/auth";
import { AppError } from "../errors";

export interface NewUser {
  username: string;
  name: string;
  password: string;
  role: Role;
  agencyId: string | null;
}

/**
 * Creates an account with a credential password hashed by better-auth (sign-up is closed to the
 * public; admins create accounts).
 */
export async function createUser(prisma: PrismaClient, auth: Auth, input: NewUser) {
  const username = input.username.trim().toLowerCase();
  // The same rule as better-auth's username sign-in, so every account can log in.
  if (!/^[a-z0-9_.]{3,30}$/.test(username)) throw new AppError("INVALID", "用户名须为 3–30 位小写字母、数字、下划线或点。");
  const problem = passwordProblem(input.password, username);
  if (problem) throw new AppError("INVALID", problem);
  if (input.role !== "ADMIN" && !input.agencyId) throw new AppError("INVALID", "填报人和审核人必须属于一个机关。");
  if (await prisma.user.findUnique({ where: { username } })) throw new AppError("DUPLICATE", `用户名 ${username} 已被使用。`);
  const context = await auth.$context;
  const hash = await context.password.hash(input.password);
  const id = randomUUID();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        id,
        name: input.name.trim(),
        email: `${username}@users.gov-report.local`,
        username,
        displayUsername: username,
        role: input.role,
        agencyId: input.agencyId,
      },
    });
    await tx.account.create({ data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: hash } });
    return user;
  });
}
