import "server-only";
import type { AgencyKind, PrismaClient, Role } from "../../generated/prisma/client";
import type { Auth } from "../auth/auth";
import { createUser } from "../users/create-user";

/** The demo password of every demo account (printed at start and in the README). */
export const DEMO_PASSWORD = "Demo2026gov";

const AGENCIES: { id: string; name: string; slug: string; parentId: string | null; kind: AgencyKind }[] = [
  { id: "agency-city", name: "示例市人民政府", slug: "shili-shi", parentId: null, kind: "GOVERNMENT" },
  { id: "agency-police", name: "示例市公安局", slug: "shili-shi-gonganju", parentId: "agency-city", kind: "DEPARTMENT" },
  { id: "agency-education", name: "示例市教育局", slug: "shili-shi-jiaoyuju", parentId: "agency-city", kind: "DEPARTMENT" },
  { id: "agency-ecology", name: "示例市生态环境局", slug: "shili-shi-shengtaihuanjingju", parentId: "agency-city", kind: "DEPARTMENT" },
];

export const DEMO_ACCOUNTS: { username: string; name: string; role: Role; agencyId: string | null; description: string }[] = [
  { username: "tianbao", name: "田宝", role: "EDITOR", agencyId: "agency-police", description: "填报人 · 示例市公安局" },
  { username: "jiaoyu", name: "贾瑜", role: "EDITOR", agencyId: "agency-education", description: "填报人 · 示例市教育局" },
  { username: "shenhe", name: "沈禾", role: "REVIEWER", agencyId: "agency-city", description: "审核人 · 示例市人民政府及下属机关" },
  { username: "admin", name: "管理员", role: "ADMIN", agencyId: null, description: "管理员 · 机关与账号管理" },
];

/**
 * Seeds the demo agency tree and accounts into an empty database. Returns the accounts created
 * (empty when the database already had agencies).
 */
export async function seedDemoData(prisma: PrismaClient, auth: Auth) {
  if ((await prisma.agency.count()) > 0) return [];
  await prisma.agency.createMany({
    data: AGENCIES.map((a) => ({ ...a, address: "示例市人民路1号", postcode: "100000", phone: "010-12345678", website: "https://www.example.gov.cn" })),
  });
  for (const account of DEMO_ACCOUNTS) {
    await createUser(prisma, auth, { ...account, password: DEMO_PASSWORD });
  }
  return DEMO_ACCOUNTS;
}

export function describeDemoAccounts(): string {
  const rows = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(10)} ${DEMO_PASSWORD}   ${a.description}`);
  return ["演示账号（用户名 / 密码 / 角色）:", ...rows].join("\n");
}
