/**
 * HTTP of the load benchmark: one undici pool to the server (one keep-alive connection per
 * concurrent client, like browsers), every request with a hard timeout and its body read to the
 * end, and sign-in as a person's browser does it.
 */
import { setMaxListeners } from "node:events";
import { Pool } from "undici";
import { assertLoopback } from "./settings";
import type { Outcome } from "./stats";

export interface RequestSpec {
  method?: "GET" | "PUT" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Answer {
  ms: number;
  outcome: Outcome;
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer;
}

export class LoadClient {
  readonly pool: Pool;
  /** Aborts every request in flight (the scenario's hard stop). */
  private abort = LoadClient.scenarioController();

  /** One listener per request in flight: hundreds are expected, not a leak. */
  private static scenarioController() {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  constructor(
    readonly origin: string,
    connections: number,
    private readonly timeoutMs: number,
  ) {
    assertLoopback(new URL(origin).hostname);
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 0, bodyTimeout: 0 });
  }

  async send(spec: RequestSpec): Promise<Answer> {
    const started = performance.now();
    // A timer and a controller of our own per request (not AbortSignal.timeout/any, whose
    // signals Node 20 may collect before they fire).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const stop = () => controller.abort();
    const scenarioSignal = this.abort.signal;
    scenarioSignal.addEventListener("abort", stop, { once: true });
    try {
      const response = await this.pool.request({ method: spec.method ?? "GET", path: spec.path, headers: spec.headers, body: spec.body, signal: controller.signal });
      const body = Buffer.from(await response.body.arrayBuffer());
      return { ms: performance.now() - started, outcome: { status: response.statusCode }, status: response.statusCode, headers: response.headers, body };
    } catch (error) {
      const ms = performance.now() - started;
      const e = error as Error & { code?: string };
      if (timedOut) return { ms, outcome: { error: "timeout", message: `no complete answer within ${this.timeoutMs} ms` } };
      if (controller.signal.aborted) return { ms, outcome: { error: "timeout", message: "stopped by the scenario's hard time limit" } };
      return { ms, outcome: { error: "network", message: `${e.code ?? e.name}: ${e.message}` } };
    } finally {
      clearTimeout(timer);
      scenarioSignal.removeEventListener("abort", stop);
    }
  }

  /** Ends every request still in flight. */
  abortAll() {
    this.abort.abort();
    this.abort = LoadClient.scenarioController();
  }

  async close() {
    await this.pool.destroy();
  }
}

/** The Cookie header of the session a sign-in answer set. */
export function sessionCookieOf(answer: Answer): string {
  const raw = answer.headers?.["set-cookie"];
  const cookies = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const cookie = cookies.find((c) => /session_token=/.test(c));
  if (!cookie) throw new Error(`sign-in set no session cookie (status ${answer.status}: ${answer.body?.toString("utf8").slice(0, 200)})`);
  return cookie.split(";")[0];
}

/**
 * POST /api/auth/sign-in/username. The benchmark server trusts one proxy hop
 * (GOV_REPORT_TRUSTED_PROXY_HOPS=1), so each account signs in from its own X-Forwarded-For
 * address: the per-IP limit (30 sign-ins a minute) applies per simulated client, as it would
 * in production behind a proxy, instead of all clients sharing one bucket.
 */
export async function signIn(client: LoadClient, username: string, password: string, address: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const answer = await client.send({
      method: "POST",
      path: "/api/auth/sign-in/username",
      headers: { origin: client.origin, "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify({ username, password }),
    });
    if (answer.status === 200) return sessionCookieOf(answer);
    if (attempt >= 3) throw new Error(`sign-in of ${username} failed: ${"status" in answer.outcome ? answer.status : answer.outcome.message} ${answer.body?.toString("utf8").slice(0, 200) ?? ""}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A distinct loopback-range address per simulated client (only ever a header value). */
export const clientAddress = (i: number) => `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
