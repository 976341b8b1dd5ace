import { existsSync, readFileSync } from "node:fs";
import { expect, request as newRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import pg from "pg";
import { E2E_PORT, E2E_POSTGRES_PORT } from "../playwright.config";
import { STATE_FILE, type E2eState } from "./global-setup";
import { DEMO_PASSWORD } from "./support/session";

/**
 * Bad input never gets a server error, and a refused request writes nothing (issue 8). Bounded:
 * a fixed number of generated requests per server (seeded, so a failure reproduces), sent one at
 * a time to the same build on PGlite and on PostgreSQL (global-setup.ts). After every refused
 * save the stored report is compared with the last accepted one; on PostgreSQL every refused
 * request is also checked against row counts and a hash of all reports, read from the database.
 */

const SEED = 20261202;
const RUNS = { saves: 500, urls: 400, actions: 500 };

/** What the action wrapper answers for an unexpected error: a 500 in disguise. */
const UNEXPECTED = "系统出现意外错误";

interface Target {
  name: "pglite" | "postgresql";
  baseURL: string;
  databaseUrl?: string;
}

function targets(): Target[] {
  const state = existsSync(STATE_FILE) ? (JSON.parse(readFileSync(STATE_FILE, "utf8")) as E2eState) : null;
  return [
    { name: "pglite", baseURL: `http://localhost:${E2E_PORT}` },
    { name: "postgresql", baseURL: `http://localhost:${E2E_POSTGRES_PORT}`, databaseUrl: state?.postgres?.url },
  ];
}

/** Server action ids of the build, by exported name, with the page that serves them. */
function actionIds(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName: string }>;
  };
  const ids = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const worker = Object.keys(entry.workers)[0];
    const page = worker.replace(/^app/, "").replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "") || "/";
    ids.set(entry.exportedName, { id, page });
  }
  return ids;
}

async function signIn(baseURL: string, username: string): Promise<APIRequestContext> {
  const context = await newRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const response = await context.post("/api/auth/sign-in/username", { data: { username, password: DEMO_PASSWORD } });
  expect(response.status(), `sign in ${username}`).toBe(200);
  return context;
}

/** Everything a refused request must leave as it was (PostgreSQL only: PGlite is the server's). */
async function databaseSnapshot(client: pg.Client | null): Promise<string | null> {
  if (!client) return null;
  const { rows } = await client.query(`SELECT
    (SELECT count(*) FROM "AuditEvent") AS audit,
    (SELECT count(*) FROM "Comment") AS comments,
    (SELECT count(*) FROM "Agency") AS agencies,
    (SELECT count(*) FROM "User") AS users,
    (SELECT count(*) FROM "ReportVersion") AS versions,
    (SELECT count(*) FROM "Notification" WHERE "readAt" IS NULL) AS unread,
    (SELECT md5(coalesce(string_agg(id || ':' || version || ':' || status || ':' || md5(content::text), ',' ORDER BY id), '')) FROM "Report") AS reports`);
  return JSON.stringify(rows[0]);
}

/** Strings no field may hold, and ordinary ones. */
const badText = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFFy", "\u001b[31m", "\u0007", "\uFFFE", "\u2028", "😀\uD83D", "𠀀", "'; DROP TABLE \"Report\"; --", "<script>alert(1)</script>"),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const badNumber = fc.constantFrom(9007199254740993, 1e23, -1, 1.5, -0, 2 ** 31, Number.MAX_SAFE_INTEGER);
const badValue: fc.Arbitrary<unknown> = fc.oneof(badText, badNumber, fc.constant(null), fc.constant({}), fc.constant([]), fc.array(badText, { maxLength: 3 }));

/** Where a value may be put into a report (fields and cells of both formats). */
const REPORT_PATHS = [
  ["preface"],
  ["sections", "problems"],
  ["sections", "other"],
  ["sections", "overview", 0, "text"],
  ["sections", "overview", 0, "title"],
  ["contact", "phone"],
  ["contact", "website"],
  ["date"],
  ["title"],
  ["tables", "requests", "received", "natural_person"],
  ["tables", "proactive", "fees", "amount"],
  ["unknownField"],
] as const;

function withValue(content: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(content) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== "object" || at[key] === null) at[key] = typeof key === "number" ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  }
  at[path.at(-1)!] = value;
  return copy;
}

/** Raw autosave bodies: a valid save with one bad field, a bad version, or no JSON at all. */
function saveBodies(content: unknown, version: number): string[] {
  const nested = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
  const fixed = [
    "null",
    "[]",
    "1",
    '"x"',
    "{",
    "",
    '{"version":1e23,"content":{}}',
    `{"version":9007199254740993,"content":${JSON.stringify(content)}}`,
    `{"version":${version},"content":${nested}}`,
    `{"version":${version},"content":${JSON.stringify(content)},"extra":"${"x".repeat(1_200_000)}"}`,
    `{"version":"${version}","content":${JSON.stringify(content)}}`,
    `{"content":${JSON.stringify(content)}}`,
    `{"version":${version}}`,
    `{"version":${version},"content":null}`,
    `{"version":${version},"content":"\\u0000"}`,
  ];
  const generated = fc.sample(
    fc.oneof(
      fc.record({ path: fc.constantFrom(...REPORT_PATHS), value: badValue }).map(({ path, value }) => JSON.stringify({ version, content: withValue(content, path, value) })),
      badNumber.map((v) => JSON.stringify({ version: v, content })),
      fc.string({ unit: "binary", maxLength: 60 }),
    ),
    { numRuns: RUNS.saves - fixed.length, seed: SEED },
  );
  return [...fixed, ...generated];
}

/** Path segments and query values no route can make sense of, and some it can. */
const badSegment = fc.oneof(
  fc.constantFrom("%00", "%ZZ", "%C3%28", "%F0%9F", "%", "%2", "..", "%2e%2e", "%2F", "%E2%80%AE", "99999999999999999999", "-1", "1e5", "0x10", "null", "x".repeat(3000)),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ unit: "binary", maxLength: 12 }).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ""))),
);

function urls(reportId: string): string[] {
  const templates: ((a: string, b: string) => string)[] = [
    (a) => `/api/reports/${a}`,
    (a) => `/api/reports/${a}/export/pdf`,
    (a) => `/api/reports/${reportId}/export/${a}`,
    (a, b) => `/reports/${a}/${b}`,
    (a) => `/reports/shili-shi-gonganju/${a}`,
    (a, b) => `/api/public/reports/${a}/${b}/pdf`,
    (a) => `/api/public/reports/shili-shi-gonganju/2024/pdf?revision=${a}`,
    (a, b) => `/workspace/reports/${a}/edit/${b}`,
    (a) => `/workspace/reports/${a}/preview`,
    (a) => `/workspace/reports/${a}/review?compare=${a}&tab=${a}`,
    (a, b) => `/workspace/review?year=${a}&status=${b}&agency=${a}&sort=${b}`,
    (a) => `/workspace/admin/users?page=${a}`,
    (a) => `/${a}`,
  ];
  return fc.sample(
    fc.record({ template: fc.constantFrom(...templates), a: badSegment, b: badSegment }).map(({ template, a, b }) => template(a, b)),
    { numRuns: RUNS.urls, seed: SEED },
  );
}

interface ActionCall {
  name: string;
  who: "editor" | "reviewer" | "admin";
  /** The request body as Next's client would send it (a JSON array of arguments), or anything else. */
  body: string;
  origin?: string;
}

function actionCalls(reportId: string): ActionCall[] {
  const object = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields, { requiredKeys: [] });
  const args: [ActionCall["name"], ActionCall["who"], fc.Arbitrary<unknown>][] = [
    ["markNotificationsReadAction", "editor", object({ id: badValue })],
    ["addCommentAction", "reviewer", object({ reportId: fc.oneof(fc.constant(reportId), badValue), anchorType: fc.oneof(fc.constantFrom("CELL", "SECTION", "PARAGRAPH"), badValue), anchor: fc.oneof(fc.constantFrom("requests.received.total", "problems", "preface-p1"), badValue), body: badValue, quote: badValue, parentId: badValue })],
    ["resolveCommentAction", "reviewer", object({ reportId: fc.oneof(fc.constant(reportId), badValue), commentId: badValue })],
    ["replyToThreadAction", "editor", object({ reportId: fc.oneof(fc.constant(reportId), badValue), parentId: badValue, body: badValue })],
    ["submitReportAction", "editor", object({ reportId: fc.oneof(fc.constant(reportId), badValue), version: fc.oneof(badNumber, badValue), warningNote: badValue })],
    ["returnReportAction", "reviewer", object({ reportId: fc.oneof(fc.constant(reportId), badValue), reason: badValue })],
    ["createAgencyAction", "admin", object({ name: badValue, slug: badValue, parentId: badValue, email: badValue, website: badValue })],
    ["updateUserAction", "admin", object({ id: badValue, name: badValue, role: fc.oneof(fc.constantFrom("ADMIN", "EDITOR"), badValue), agencyId: badValue })],
    ["createReportAction", "editor", object({ year: fc.oneof(badNumber, badValue) })],
  ];
  const wellFormed = fc.constantFrom(...args).chain(([name, who, arg]) => arg.map((value) => ({ name, who, body: JSON.stringify([value]) })));
  const malformed = fc.record({
    name: fc.constantFrom(...args.map(([name]) => name)),
    body: fc.oneof(fc.constantFrom("null", "1", '"x"', "{}", "[", "", `["${"a".repeat(1_100_000)}"]`), fc.string({ unit: "binary", maxLength: 40 })),
  }).map(({ name, body }) => ({ name, who: args.find(([n]) => n === name)![1], body }));
  const crossOrigin = fc.constantFrom(...args).map(([name, who]) => ({ name, who, body: "[{}]", origin: "http://evil.example" }));
  return fc.sample(fc.oneof({ arbitrary: wellFormed, weight: 6 }, { arbitrary: malformed, weight: 3 }, { arbitrary: crossOrigin, weight: 1 }), { numRuns: RUNS.actions, seed: SEED });
}

/** Fails on a server error, open or disguised as a failed action. */
async function expectNoServerError(response: APIResponse, what: string) {
  expect(response.status(), what).toBeLessThan(500);
  const text = await response.text().catch(() => "");
  expect(text.includes(UNEXPECTED), `${what}: answered with the unexpected-error message`).toBe(false);
  expect(/(^|\n)\d+:E\{"digest"/.test(text), `${what}: a server error inside the action`).toBe(false);
}

for (const target of targets()) {
  test(`bad input never gets a server error and refused requests write nothing [${target.name}]`, async () => {
    test.setTimeout(300_000);
    expect(target.name === "pglite" || target.databaseUrl, "the PostgreSQL server of global-setup.ts is running").toBeTruthy();
    const db = target.databaseUrl ? new pg.Client({ connectionString: target.databaseUrl }) : null;
    await db?.connect();
    const editor = await signIn(target.baseURL, "jiaoyu");
    const reviewer = await signIn(target.baseURL, "shenhe");
    const admin = await signIn(target.baseURL, "admin");
    const anonymous = await newRequest.newContext({ baseURL: target.baseURL });
    const contexts = { editor, reviewer, admin };
    const ids = actionIds();
    let requests = 0;
    let refused = 0;

    // The editor's own draft to save into (created through the real action).
    const create = ids.get("createReportAction")!;
    const created = await editor.post(create.page, { headers: { "Next-Action": create.id, "Content-Type": "text/plain;charset=UTF-8" }, data: JSON.stringify([{ year: 2023 }]), maxRedirects: 0 });
    const redirect = created.headers()["x-action-redirect"] ?? "";
    const reportId = /\/workspace\/reports\/([^/]+)\/edit/.exec(redirect)?.[1];
    expect(reportId, `created report (${created.status()} ${redirect})`).toBeTruthy();
    const current = async () => (await (await editor.get(`/api/reports/${reportId}`)).json()) as { version: number; content: unknown };
    let stored = await current();

    // 1. Autosave.
    for (const body of saveBodies(stored.content, stored.version)) {
      const before = await databaseSnapshot(db);
      const response = await editor.put(`/api/reports/${reportId}`, { headers: { "Content-Type": "application/json" }, data: Buffer.from(body, "utf8") });
      requests++;
      await expectNoServerError(response, `PUT ${body.slice(0, 80)}`);
      const now = await current();
      if (response.ok()) {
        stored = now;
        continue;
      }
      refused++;
      expect(now.version, `refused save changed the version: ${body.slice(0, 80)}`).toBe(stored.version);
      expect(JSON.stringify(now.content), `refused save changed the content: ${body.slice(0, 80)}`).toBe(JSON.stringify(stored.content));
      expect(await databaseSnapshot(db), `refused save wrote rows: ${body.slice(0, 80)}`).toBe(before);
    }
    // Bytes that are not UTF-8.
    for (const bytes of [Buffer.from([0xff, 0xfe, 0x7b]), Buffer.concat([Buffer.from('{"version":1,"content":{"preface":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')])]) {
      const response = await editor.put(`/api/reports/${reportId}`, { headers: { "Content-Type": "application/json" }, data: bytes });
      requests++;
      refused++;
      expect(response.status()).toBe(400);
    }
    expect((await current()).version).toBe(stored.version);

    // 2. URLs.
    for (const [i, url] of urls(reportId!).entries()) {
      const who = [anonymous, editor, reviewer, admin][i % 4];
      const response = await who.get(url, { maxRedirects: 0 });
      requests++;
      await expectNoServerError(response, `GET ${url.slice(0, 120)}`);
    }

    // 3. Server actions.
    for (const call of actionCalls(reportId!)) {
      const action = ids.get(call.name)!;
      const before = await databaseSnapshot(db);
      const response = await contexts[call.who].post(action.page, {
        headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Origin: call.origin ?? target.baseURL },
        data: Buffer.from(call.body, "utf8"),
        maxRedirects: 0,
      });
      requests++;
      const what = `${call.name} ${call.body.slice(0, 100)}${call.origin ? ` from ${call.origin}` : ""}`;
      await expectNoServerError(response, what);
      if (call.origin) expect(response.status(), what).toBe(403);
      const text = await response.text();
      const accepted = response.status() < 400 && /"ok":true/.test(text);
      if (!accepted) {
        refused++;
        expect(await databaseSnapshot(db), `refused action wrote rows: ${what}`).toBe(before);
      }
      if (call.name === "submitReportAction" || call.name === "returnReportAction") {
        // The report never moves on from the fuzz: its draft is incomplete.
        expect((await current()).version, what).toBe(stored.version);
      }
    }

    console.log(`[measure] inputFuzz ${target.name}: ${JSON.stringify({ requests, refused, serverErrors: 0 })}`);
    expect(requests).toBeGreaterThan(1300);
    await db?.end();
  });
}
