import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/session";

/** The start page is the report list for signed-in users, the login page otherwise. */
export default async function HomePage() {
  redirect((await getCurrentUser()) ? "/workspace/reports" : "/login");
}
