import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "./auth/auth";
import type { CurrentUser } from "./authz";
import { getPrisma } from "./db";
import { AppError } from "./errors";

/** The signed-in user, or null. Role and agency come from the database, not the cookie. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  // Read the request first: during `next build` this marks the page dynamic and stops the
  // prerender before the database is opened.
  const requestHeaders = await headers();
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const user = await (await getPrisma()).user.findUnique({ where: { id: session.user.id } });
  if (!user) return null;
  return { id: user.id, name: user.name, username: user.username ?? "", role: user.role, agencyId: user.agencyId };
}

/** For pages: the user, or a redirect to the login page. */
export async function requireUserPage(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For route handlers and actions: the user, or an UNAUTHENTICATED error. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED");
  return user;
}
