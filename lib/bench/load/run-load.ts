/**
 * `npm run bench:load`: the production app under load on loopback, on PGlite and on PostgreSQL.
 *
 * For each database: a fresh one (PGlite in a temp DATA_DIR; PostgreSQL: a new database on
 * 127.0.0.1:5432, dropped afterwards), seeded through the server modules; `next start` from the
 * existing build on a free loopback port; every account signed in over HTTP; then
 *   (e) each read alone, one after another (the cost of one request on an idle server),
 *   (a) 200 clients × 60 s of mixed reads (public page, public PDF, review queue),
 *   (b) 100 editors saving their own report once a second for 30 s,
 *   (c) one editor's autosave alone (200 sequential saves),
 *   (d) (a) again, comparing the server's RSS with the first run.
 * Prints count, throughput, p50/p95/p99/max, errors by status, server RSS and CPU per scenario.
 * Run with `tsx --conditions=react-server` (the server modules are `server-only`).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createAuth } from "../../server/auth/auth";
import { openDatabase } from "../../server/db/open-database";
import { clientAddress, LoadClient, signIn } from "./load-client";
import { autosaves, mixedReads, singleReads, singleSaves, type Editor, type ReadKind, type ReadTargets, type ScenarioResult } from "./scenarios";
import { seedLoadData, BENCH_PASSWORD } from "./seed-load";
import { ensureBuild, serverCpuSeconds, serverRss, startServer, type RunningServer } from "./server";
import { SETTINGS as S, assertLoopback } from "./settings";
import { combined, formatTable, mb, summarize } from "./stats";

type Kind = "pglite" | "postgresql";

const log = (line: string) => console.log(line);
const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(" ");

/** Cleanups to run on the way out, newest first (also on Ctrl-C and the hard time limit). */
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`);
    }
  }
}

/** Samples the server's RSS while a scenario runs. */
function rssSampler(pid: number) {
  let peak = serverRss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, serverRss(pid))), 250);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, serverRss(pid));
    },
  };
}

interface ScenarioReport {
  name: string;
  result: ScenarioResult;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  cpu: number;
}

/** Runs a scenario with RSS and CPU accounting, and prints its table. */
async function scenario(server: RunningServer, name: string, run: () => Promise<ScenarioResult>): Promise<ScenarioReport> {
  const rssBefore = serverRss(server.pid);
  const cpuBefore = serverCpuSeconds(server.pid);
  const sampler = rssSampler(server.pid);
  const result = await run();
  const rssPeak = sampler.stop();
  const cpu = serverCpuSeconds(server.pid) - cpuBefore;
  // Let the answers' garbage settle for the "after" figure.
  await new Promise((r) => setTimeout(r, 2000));
  const rssAfter = serverRss(server.pid);
  const rows = result.stats.map((s) => summarize(s, result.seconds));
  if (result.stats.length > 1) rows.push(summarize(combined(result.stats), result.seconds));
  log(`\n${name}  (${result.seconds.toFixed(1)} s, load average ${load()})`);
  log(formatTable(rows));
  for (const stats of result.stats) {
    const phases = stats.phaseLine();
    if (phases) log(`  ${stats.kind}: server phases (Server-Timing, p50/p95 ms): ${phases}`);
  }
  log(`  server: RSS ${mb(rssBefore)} before, ${mb(rssPeak)} peak, ${mb(rssAfter)} after; CPU ${cpu.toFixed(1)} s (${((cpu / result.seconds) * 100).toFixed(0)}% of one core)`);
  return { name, result, rssBefore, rssPeak, rssAfter, cpu };
}

/** A new PostgreSQL database for this run, or null (with the reason printed) when none is reachable. */
async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: S.postgresAdminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    log(`\n[postgresql] skipped: PostgreSQL is not reachable at ${S.postgresAdminUrl.replace(/\/\/[^@/]*@/, "//***@")} (${(error as Error).message}); set GOV_REPORT_BENCH_POSTGRES_URL to a loopback server.`);
    await admin.end().catch(() => undefined);
    return null;
  }
  const name = `gov_report_bench_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(S.postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: S.postgresAdminUrl, connectionTimeoutMillis: 5000 });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * Publishing may start work in the background (rendering the published files); the seeding
 * process lets it finish before it closes the database. Looked up at run time, so the
 * benchmark runs the same against an app without it.
 */
async function settleBackgroundWork() {
  const specifier = "../../server/public/published-outputs";
  const outputs = (await import(specifier).catch(() => null)) as { settlePublishedOutputs?: () => Promise<void> } | null;
  if (typeof outputs?.settlePublishedOutputs === "function") {
    const started = Date.now();
    await outputs.settlePublishedOutputs();
    log(`seed: background rendering of the published files finished (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

async function signInAll(client: LoadClient, usernames: string[]): Promise<string[]> {
  const cookies: string[] = [];
  let next = 0;
  // A few at a time: each sign-in checks a password hash (deliberately slow) on the server.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < usernames.length) {
        const i = next++;
        cookies[i] = await signIn(client, usernames[i], BENCH_PASSWORD, clientAddress(i));
      }
    }),
  );
  return cookies;
}

/** Every read kind once, checking it answers what a browser would expect. */
async function warmUp(client: LoadClient, targets: ReadTargets, editor: Editor, submitted: number) {
  const checks: [ReadKind, RegExp][] = [
    ["public page", /text\/html/],
    ["public pdf", /application\/pdf/],
    ["review queue", /text\/html/],
  ];
  for (let round = 0; round < 3; round++) {
    for (const [kind, type] of checks) {
      const answer = await client.send(
        kind === "public page"
          ? { path: `/reports/${targets.published[0].slug}/${targets.published[0].year}` }
          : kind === "public pdf"
            ? { path: `/api/public/reports/${targets.published[0].slug}/${targets.published[0].year}/pdf?revision=1` }
            : { path: "/workspace/review", headers: { cookie: targets.reviewerCookies[0] } },
      );
      const contentType = String(answer.headers?.["content-type"] ?? "");
      if (answer.status !== 200 || !type.test(contentType)) throw new Error(`warm-up: ${kind} answered ${answer.status ?? JSON.stringify(answer.outcome)} (${contentType})`);
      // The reviewer's queue lists every report waiting in the seeded tree.
      if (kind === "review queue" && !answer.body!.toString("utf8").replaceAll("<!-- -->", "").includes(`待审核的报告（${submitted} 份）`)) {
        throw new Error(`warm-up: the review queue page did not list the ${submitted} submitted reports`);
      }
    }
  }
  const reload = await client.send({ path: `/api/reports/${editor.reportId}`, headers: { cookie: editor.cookie } });
  if (reload.status !== 200) throw new Error(`warm-up: GET /api/reports/<id> answered ${reload.status}`);
  editor.version = (JSON.parse(reload.body!.toString("utf8")) as { version: number }).version;
}

async function benchDatabase(kind: Kind) {
  const tempDir = mkdtempSync(join(tmpdir(), "gov-report-load-"));
  cleanups.push(() => rmSync(tempDir, { recursive: true, force: true }));
  let env: Record<string, string>;
  let dbOptions: Parameters<typeof openDatabase>[0];
  if (kind === "pglite") {
    const dataDir = join(tempDir, "data");
    env = { DATA_DIR: dataDir };
    dbOptions = { kind: "pglite", dataDir };
  } else {
    const database = await createPostgresDatabase();
    if (!database) return;
    cleanups.push(database.drop);
    assertLoopback(new URL(database.url).hostname);
    env = { DATABASE_URL: database.url, DATA_DIR: join(tempDir, "data") };
    dbOptions = { kind: "postgresql", url: database.url };
  }
  const secret = randomBytes(32).toString("hex");
  process.env.BETTER_AUTH_SECRET = secret;

  log(`\n=== ${kind} ===`);
  const seedStarted = Date.now();
  const db = await openDatabase(dbOptions);
  let seeded;
  try {
    seeded = await seedLoadData(db, createAuth(db.prisma), S, (line) => log(`seed: ${line}`));
    await settleBackgroundWork();
  } finally {
    // PGlite: one process per data directory, so the seeding process lets go before the server starts.
    await db.close();
  }
  log(`seed: ${seeded.agencies} agencies below the root in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  const server = await startServer({
    appDir: S.appDir,
    env: { ...env, BETTER_AUTH_SECRET: secret, GOV_REPORT_TRUSTED_PROXY_HOPS: "1" },
    nodeArgs: S.serverNodeArgs,
    logFile: join(tempDir, "server.log"),
    timeoutMs: S.startTimeoutMs,
  });
  cleanups.push(() => server.stop());
  log(`server: pid ${server.pid} at ${server.origin} (log ${server.logFile}), RSS ${mb(serverRss(server.pid))} at start`);

  const client = new LoadClient(server.origin, Math.max(S.readClients, S.saveClients) + 8, S.timeoutMs);
  cleanups.push(() => client.close());
  const signInStarted = Date.now();
  const editorCookies = await signInAll(client, seeded.editors.slice(0, S.saveClients).map((e) => e.username));
  const reviewerCookies = await signInAll(client, seeded.reviewers);
  log(`sign-in: ${editorCookies.length + reviewerCookies.length} accounts over HTTP in ${((Date.now() - signInStarted) / 1000).toFixed(1)} s`);

  const editors: Editor[] = editorCookies.map((cookie, i) => ({ ...seeded.editors[i], cookie }));
  const targets: ReadTargets = { published: seeded.published, reviewerCookies };
  await warmUp(client, targets, editors[0], seeded.submitted);
  const limits = (seconds: number) => ({ durationMs: seconds * 1000, maxRequests: S.maxRequests, timeoutMs: S.timeoutMs });
  const aloneLimits = limits(120);

  const reports: ScenarioReport[] = [];
  const tag = `[${kind}]`;
  const run = S.scenarios;
  if (run.has("e")) {
    for (const read of ["review queue", "public page", "public pdf"] as ReadKind[]) {
      reports.push(await scenario(server, `${tag} (e) ${read} alone: ${S.singleReads} sequential requests`, () => singleReads(client, targets, read, S.singleReads, aloneLimits)));
    }
  }
  const readName = (run: string) =>
    `${tag} (${run}) mixed reads: ${S.readClients} clients × ${S.readSeconds} s (page:pdf:queue = ${S.readMix.page}:${S.readMix.pdf}:${S.readMix.queue}, ${S.thinkMs ? `${S.thinkMs} ms think time` : "closed loop"})`;
  const reads = () => mixedReads(client, targets, S.readMix, S.readClients, S.thinkMs, limits(S.readSeconds));
  const first = run.has("a") ? await scenario(server, readName("a"), reads) : null;
  if (first) reports.push(first);
  if (run.has("b")) {
    reports.push(await scenario(server, `${tag} (b) autosave: ${editors.length} editors × 1 save / ${S.saveIntervalMs} ms for ${S.saveSeconds} s`, () => autosaves(client, editors, S.saveIntervalMs, limits(S.saveSeconds))));
  }
  if (run.has("c")) {
    reports.push(await scenario(server, `${tag} (c) one editor's autosave alone: ${S.singleSaves} sequential saves`, () => singleSaves(client, editors[0], S.singleSaves, aloneLimits)));
  }
  const second = run.has("d") ? await scenario(server, readName("d"), reads) : null;
  if (second) reports.push(second);
  if (first && second) {
    const delta = (a: number, b: number) => `${b >= a ? "+" : "−"}${mb(Math.abs(b - a))}`;
    log(
      `\n${tag} server RSS, first → second read run: peak ${mb(first.rssPeak)} → ${mb(second.rssPeak)} (${delta(first.rssPeak, second.rssPeak)}), ` +
        `after ${mb(first.rssAfter)} → ${mb(second.rssAfter)} (${delta(first.rssAfter, second.rssAfter)})`,
    );
  }
  const errors = reports.reduce((n, r) => n + r.result.stats.reduce((m, s) => m + s.errors, 0), 0);
  const serverErrors = server.tail(100_000).split("\n").filter((l) => /unexpected error|Error:/.test(l)).length;
  log(`${tag} errors in all scenarios: ${errors}; error lines in the server log: ${serverErrors}`);
  if (serverErrors) log(server.tail(15));
}

async function main() {
  const started = Date.now();
  log(`gov-report load benchmark — ${new Date().toISOString()}`);
  log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), ${mb(totalmem())} memory, load average ${load()}, node ${process.version}`);
  log(`scenarios ${[...S.scenarios].join(",")}; scale ${S.scale}: seed ${S.agencies} agencies + ${S.reviewers} reviewers; reads ${S.readClients} clients × ${S.readSeconds} s; saves ${S.saveClients} editors × ${S.saveSeconds} s; ${S.singleSaves} single saves; client timeout ${S.timeoutMs} ms`);
  log(`build: ${ensureBuild(S.appDir, S.buildIfMissing, log)} in ${S.appDir}`);
  for (const kind of S.databases) {
    if (kind !== "pglite" && kind !== "postgresql") throw new Error(`unknown database in GOV_REPORT_BENCH_DATABASES: ${kind}`);
    try {
      await benchDatabase(kind);
    } finally {
      await cleanUp();
    }
  }
  log(`\ndone in ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${load()}`);
}

// The whole run ends by itself: a hard limit well above what the scenarios need.
const perDatabase = 600 + 2 * S.readSeconds + S.saveSeconds + 3 * 120 + 5 * (S.timeoutMs / 1000 + 10);
const hardLimit = setTimeout(
  async () => {
    console.error(`\nhard time limit (${Math.round(perDatabase * S.databases.length)} s) reached: stopping.`);
    await cleanUp();
    process.exit(2);
  },
  perDatabase * S.databases.length * 1000,
);
hardLimit.unref();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping the server and removing the benchmark database …`);
    await cleanUp();
    process.exit(130);
  });
}

main().then(
  () => process.exit(0),
  async (error: Error) => {
    console.error(`\nload benchmark failed: ${error.stack ?? error.message}`);
    await cleanUp();
    process.exit(1);
  },
);
