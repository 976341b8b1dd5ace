import { getAuth } from "@/lib/server/auth/auth";

// better-auth's endpoints. The handler takes the client address for the per-IP limit only from
// GOV_REPORT_TRUSTED_PROXY_HOPS trusted proxies, never from a client's own X-Forwarded-For
// (lib/server/auth/client-address.ts).
async function handle(request: Request) {
  return (await getAuth()).handler(request);
}

export { handle as GET, handle as POST };
