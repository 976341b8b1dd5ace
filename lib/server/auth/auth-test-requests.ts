import "server-only";
import type { Auth } from "./auth";

/** Test helpers: HTTP requests to an auth instance's handler, as the route handler passes them on. */

export const TEST_ORIGIN = "http://localhost:3000";

export function authRequest(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; origin?: string } = {}): Request {
  const origin = init.origin ?? TEST_ORIGIN;
  return new Request(`${origin}/api/auth${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { origin, ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

export function signInRequest(auth: Auth, username: string, password: string, headers: Record<string, string> = {}, origin?: string): Promise<Response> {
  return auth.handler(authRequest("/sign-in/username", { body: { username, password }, headers, origin }));
}

/** The Cookie header that sends back the session cookie a response set. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => /session_token=/.test(c));
  if (!cookie) throw new Error(`no session cookie in the response (status ${response.status})`);
  return cookie.split(";")[0];
}

/** Counts how often the password is checked (better-auth's password.verify), until restored. */
export async function countPasswordChecks(auth: Auth): Promise<{ count: () => number; restore: () => void }> {
  const password = (await auth.$context).password;
  const verify = password.verify;
  let checks = 0;
  password.verify = async (input) => {
    checks++;
    return verify(input);
  };
  return { count: () => checks, restore: () => void (password.verify = verify) };
}
