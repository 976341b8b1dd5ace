/**
 * `npm run bench:scale` (issue 10): the oversight views on a 10,000-agency PostgreSQL database.
 * Seeds it (lib/bench/scale/seed-scale.ts; `-- --reuse` keeps an existing seed of the same size)
 * and measures, as the province reviewer whose scope is the whole tree: the status page query
 * (first page, a status filter, a name search, sorted by days left, page 50, …), the whole status
 * list, the roll-up over every report, the indicator matrix, and the exports registered in
 * EXPORT_HOOKS (XLSX of the whole scope, bulk PDF). Prints count, median, p95 and max per
 * measurement against the targets, with the core count and load average before and after (the
 * machine is shared; a busy neighbour shows there).
 *
 * Settings (environment): GOV_REPORT_SCALE_POSTGRES_URL (a maintenance database on the server,
 * default postgresql://postgres@127.0.0.1:5432/postgres), GOV_REPORT_SCALE_DATABASE
 * (gov_report_scale), GOV_REPORT_SCALE_AGENCIES (10000), GOV_REPORT_SCALE_RUNS (status page runs,
 * 30), GOV_REPORT_SCALE_ROLLUP_RUNS (10), GOV_REPORT_SCALE_EXPORT_RUNS (3),
 * GOV_REPORT_SCALE_BULK_AGENCIES (agencies in the bulk PDF measurement, 100),
 * GOV_REPORT_SCALE_ONLY (comma-separated name prefixes of the measurements to run).
 */
import { availableParallelism, cpus, loadavg } from "node:os";
import pg from "pg";
import type { CurrentUser } from "../../server/authz";
import { openDatabase, type Database } from "../../server/db/open-database";
import { listAgencyStatuses, loadAgencyStatusPage, type StatusFilter } from "../../server/oversight/load-agency-statuses";
import { loadIndicatorMatrix } from "../../server/oversight/load-indicator-matrix";
import { loadRollUp } from "../../server/oversight/load-roll-up";
import { defaultOversightYear } from "../../server/oversight/parse-oversight-params";
import { CITY_ID, PROVINCE_ID, SCALE_USERS, seedScale } from "./seed-scale";

const env = process.env;
const S = {
  adminUrl: env.GOV_REPORT_SCALE_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  database: env.GOV_REPORT_SCALE_DATABASE ?? "gov_report_scale",
  agencies: Number(env.GOV_REPORT_SCALE_AGENCIES ?? 10_000),
  runs: Number(env.GOV_REPORT_SCALE_RUNS ?? 30),
  rollUpRuns: Number(env.GOV_REPORT_SCALE_ROLLUP_RUNS ?? 10),
  exportRuns: Number(env.GOV_REPORT_SCALE_EXPORT_RUNS ?? 3),
  bulkAgencies: Number(env.GOV_REPORT_SCALE_BULK_AGENCIES ?? 100),
  only: (env.GOV_REPORT_SCALE_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean),
  reuse: process.argv.includes("--reuse"),
};
const WARMUP = 2;

const log = (line: string) => console.log(line);
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

// ---------------------------------------------------------------------------------------------
// Measuring

export interface ScaleContext {
  prisma: Database["prisma"];
  year: number;
  now: Date;
  /** The province reviewer: their scope is every agency. */
  reviewer: CurrentUser;
  admin: CurrentUser;
}

interface Measurement {
  name: string;
  runs: number;
  /** The target, in words, and whether a result meets it. */
  target?: { text: string; met: (r: Result) => boolean };
  /** One run; may return how many items it handled (for a per-second rate). */
  run: (ctx: ScaleContext) => Promise<number | void>;
  warmup?: number;
}

interface Result {
  name: string;
  samples: number[];
  items: number;
  median: number;
  p95: number;
  max: number;
  target?: string;
  met?: boolean;
  error?: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

async function measure(m: Measurement, ctx: ScaleContext): Promise<Result> {
  try {
    for (let i = 0; i < (m.warmup ?? WARMUP); i++) await m.run(ctx);
    const samples: number[] = [];
    let items = 0;
    for (let i = 0; i < m.runs; i++) {
      const start = performance.now();
      items += (await m.run(ctx)) ?? 0;
      samples.push(performance.now() - start);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    const result: Result = { name: m.name, samples, items, median, p95: percentile(sorted, 95), max: sorted.at(-1)! };
    if (m.target) Object.assign(result, { target: m.target.text, met: m.target.met(result) });
    return result;
  } catch (error) {
    return { name: m.name, samples: [], items: 0, median: NaN, p95: NaN, max: NaN, target: m.target?.text, error: (error as Error).message.split("\n").filter((line) => line.trim()).at(-1) ?? String(error) };
  }
}

const ms = (v: number) => (Number.isNaN(v) ? "—" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`);

function formatTable(results: Result[]): string {
  const header = ["measurement", "count", "median", "p95", "max", "items/s", "target", ""];
  const lines = results.map((r) => {
    const total = r.samples.reduce((a, b) => a + b, 0);
    return [
      r.name,
      String(r.samples.length),
      ms(r.median),
      ms(r.p95),
      ms(r.max),
      r.items && total ? (r.items / (total / 1000)).toFixed(1) : "",
      r.target ?? "",
      r.error ? `failed: ${r.error}` : r.met === undefined ? "" : r.met ? "ok" : "MISSED",
    ];
  });
  // Terminal columns: CJK and full-width characters take two.
  const width = (text: string) => [...text].reduce((n, ch) => n + (ch.codePointAt(0)! >= 0x1100 ? 2 : 1), 0);
  const pad = (text: string, to: number, start: boolean) => (start ? " ".repeat(Math.max(0, to - width(text))) + text : text + " ".repeat(Math.max(0, to - width(text))));
  const widths = header.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]))));
  const fmt = (cells: string[]) => "  " + cells.map((c, i) => pad(c, widths[i], !(i === 0 || i >= cells.length - 2))).join("  ").trimEnd();
  return [fmt(header), ...lines.map(fmt)].join("\n");
}

const p95Within = (limit: number) => ({ text: `p95 ≤ ${ms(limit)}`, met: (r: Result) => r.p95 <= limit });

// ---------------------------------------------------------------------------------------------
// What is measured

function statusPage(name: string, options: { filter?: StatusFilter; page?: number }): Measurement {
  return {
    name: `status page: ${name}`,
    runs: S.runs,
    target: p95Within(100),
    run: async (ctx) => void (await loadAgencyStatusPage(ctx.prisma, ctx.reviewer, { year: ctx.year, now: ctx.now, ...options })),
  };
}

const MEASUREMENTS: Measurement[] = [
  statusPage("first page (tree order)", {}),
  statusPage("status = 待审核", { filter: { status: ["SUBMITTED"] } }),
  statusPage("status = 未开始, overdue", { filter: { status: ["NOT_STARTED"], overdue: true } }),
  statusPage("search 公安", { filter: { search: "公安" } }),
  statusPage("sort daysLeft", { filter: { sort: "daysLeft" } }),
  statusPage("page 50", { page: 50 }),
  statusPage("sort name desc, page 20", { filter: { sort: "name", descending: true }, page: 20 }),
  statusPage("departments, level 2, sort errors", { filter: { kind: "DEPARTMENT", depth: 2, sort: "errors" } }),
  statusPage("city subtree (under), sort lastChange", { filter: { sort: "lastChange", descending: true } }),
  {
    name: "status list: whole scope (exports)",
    runs: S.rollUpRuns,
    run: async (ctx) => (await listAgencyStatuses(ctx.prisma, ctx.reviewer, { year: ctx.year, now: ctx.now })).length,
  },
  {
    name: "roll-up: all reports, published",
    runs: S.rollUpRuns,
    target: p95Within(500),
    run: async (ctx) => (await loadRollUp(ctx.prisma, ctx.reviewer, { year: ctx.year })).coverage.included.length,
  },
  {
    name: "roll-up: all reports, submitted",
    runs: S.rollUpRuns,
    target: p95Within(500),
    run: async (ctx) => (await loadRollUp(ctx.prisma, ctx.reviewer, { year: ctx.year, basis: "submitted" })).coverage.included.length,
  },
  {
    name: "indicator matrix: all, with last year",
    runs: S.rollUpRuns,
    run: async (ctx) => (await loadIndicatorMatrix(ctx.prisma, ctx.reviewer, { year: ctx.year })).rows.length,
  },
];
// The city subtree case narrows by `under` (the page's 范围).
{
  const city = MEASUREMENTS.find((m) => m.name.startsWith("status page: city subtree"))!;
  city.run = async (ctx) => void (await loadAgencyStatusPage(ctx.prisma, ctx.reviewer, { year: ctx.year, now: ctx.now, under: CITY_ID, filter: { sort: "lastChange", descending: true } }));
}

/**
 * Hook points for the exports' measurements: each loads its module when it runs, so a module
 * that is missing or broken fails its own row, not the benchmark. Add measurements here.
 */
export const EXPORT_HOOKS: Measurement[] = [
  {
    // The workbook alone (roll-up, agency cells and status list loaded beforehand): what the
    // writer costs for 10,000 rows.
    name: "xlsx: writeOversightWorkbook, whole scope",
    runs: S.exportRuns,
    warmup: 1,
    target: { text: "max ≤ 10 s", met: (r) => r.max <= 10_000 },
    run: (() => {
      let input: Parameters<typeof import("../../oversight/export-workbook").writeOversightWorkbook>[0] | undefined;
      return async (ctx: ScaleContext) => {
        const { writeOversightWorkbook } = await import("../../oversight/export-workbook");
        if (!input) {
          const { loadAgencyCells } = await import("../../server/oversight/load-agency-cells");
          const rollUp = await loadRollUp(ctx.prisma, ctx.reviewer, { year: ctx.year });
          const statuses = await listAgencyStatuses(ctx.prisma, ctx.reviewer, { year: ctx.year, now: ctx.now });
          const agencyCells = await loadAgencyCells(ctx.prisma, rollUp.format, rollUp.coverage.included);
          input = { title: rollUp.title, year: ctx.year, rollUp, statuses, agencyCells, now: ctx.now };
        }
        await writeOversightWorkbook(input);
        return input.statuses.length;
      };
    })(),
  },
  {
    // The download as the route makes it: loading included.
    name: "xlsx: exportOversight, whole scope",
    runs: S.exportRuns,
    warmup: 1,
    target: { text: "max ≤ 10 s", met: (r) => r.max <= 10_000 },
    run: async (ctx) => {
      const { exportOversight } = await import("../../server/oversight/oversight-exports");
      const { parseOversightParams } = await import("../../server/oversight/parse-oversight-params");
      await exportOversight(ctx.prisma, ctx.reviewer, "xlsx", parseOversightParams({ year: String(ctx.year) }, ctx.now), ctx.now);
      return S.agencies;
    },
  },
  ...bulkPdfHooks(),
];

/**
 * Bulk PDF over `S.bulkAgencies` published agencies: once cold (every PDF rendered by the render
 * pool, as for publications never rendered: their stored PDFs are deleted first), then warm (read back from
 * PublishedOutput, where the cold run stored them).
 */
function bulkPdfHooks(): Measurement[] {
  let agencyIds: string[] | undefined;
  const run = async (ctx: ScaleContext) => {
    const { runBulkPublishedPdf } = await import("../../server/oversight/bulk-export");
    agencyIds ??= (
      await ctx.prisma.$queryRaw<{ agencyId: string }[]>`
        SELECT r."agencyId" FROM "Report" r JOIN "Agency" a ON a."id" = r."agencyId"
        WHERE r."year" = ${ctx.year} AND r."publishedVersionId" IS NOT NULL AND a."parentId" IS NOT NULL AND a."id" LIKE 'scale-c02-k%'
        ORDER BY a."id" LIMIT ${S.bulkAgencies}`
    ).map((r) => r.agencyId);
    const result = await runBulkPublishedPdf(ctx.prisma, { user: ctx.reviewer, params: { year: ctx.year, agencyIds } });
    if (result.failed) throw new Error(`${result.failed} PDFs failed`);
    return result.included;
  };
  const rate = { text: "≥ 20 reports/s", met: (r: Result) => r.items / (r.samples.reduce((a, b) => a + b, 0) / 1000) >= 20 };
  /** Cold: the stored PDFs of these agencies' publications are dropped first (a reused seed keeps the last run's). */
  const cold = async (ctx: ScaleContext) => {
    // PublishedOutput is append-only (a trigger): the bench's own database skips it for this delete.
    await ctx.prisma.$transaction([
      ctx.prisma.$executeRaw`SET LOCAL session_replication_role = replica`,
      ctx.prisma.$executeRaw`
        DELETE FROM "PublishedOutput" o USING "Publication" p, "Report" r
        WHERE o."publicationId" = p."id" AND p."reportId" = r."id" AND o."format" = 'pdf'
          AND r."year" = ${ctx.year} AND r."agencyId" LIKE 'scale-c02-k%'`,
    ]);
    return run(ctx);
  };
  return [
    { name: `bulk PDF: ${S.bulkAgencies} published, rendered`, runs: 1, warmup: 0, target: rate, run: cold },
    { name: `bulk PDF: ${S.bulkAgencies} published, stored`, runs: S.exportRuns, warmup: 0, target: rate, run },
  ];
}

// ---------------------------------------------------------------------------------------------

async function existingSeed(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Agency" WHERE "id" LIKE 'scale-%'`);
    return rows[0].n === S.agencies;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const now = new Date();
  const year = defaultOversightYear(now);
  log(`gov-report bench:scale — ${S.agencies} agencies, report year ${year}`);
  log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? "?"}), load average ${load()}, node ${process.version}`);
  const url = (() => {
    const u = new URL(S.adminUrl);
    u.pathname = `/${S.database}`;
    return u.toString();
  })();
  if (S.reuse && (await existingSeed(url))) {
    log(`reusing the seeded database ${S.database}`);
  } else {
    log(`seeding ${S.database} …`);
    const seeded = await seedScale({ adminUrl: S.adminUrl, database: S.database, agencies: S.agencies, year, now, log });
    log(
      `seeded in ${seeded.seconds.toFixed(1)} s: ${seeded.agencies} agencies, ${seeded.reports} reports (two years), ${seeded.versions} versions, ${seeded.publications} publications, ${seeded.events} audit events`,
    );
    log(`  ${year}: ${Object.entries(seeded.byStatus).map(([s, n]) => `${s} ${n}`).join(", ")}`);
  }

  const db = await openDatabase({ kind: "postgresql", url });
  try {
    const user = async (username: string): Promise<CurrentUser> => {
      const u = await db.prisma.user.findUniqueOrThrow({ where: { username } });
      return { id: u.id, name: u.name, username: u.username!, role: u.role, agencyId: u.agencyId };
    };
    const ctx: ScaleContext = { prisma: db.prisma, year, now, reviewer: await user(SCALE_USERS.provinceReviewer), admin: await user(SCALE_USERS.admin) };
    if (ctx.reviewer.agencyId !== PROVINCE_ID) throw new Error("the province reviewer is not at the province");
    const wanted = [...MEASUREMENTS, ...EXPORT_HOOKS].filter((m) => !S.only.length || S.only.some((prefix) => m.name.startsWith(prefix)));
    const results: Result[] = [];
    for (const m of wanted) {
      const result = await measure(m, ctx);
      results.push(result);
      log(`  ${m.name}: median ${ms(result.median)}, p95 ${ms(result.p95)}${result.error ? ` — failed: ${result.error}` : ""}`);
    }
    log("");
    log(formatTable(results));
    log("");
    log(`load average after: ${load()} (${availableParallelism()} cores)`);
  } finally {
    await db.close();
    const { closeRenderPool } = await import("../../server/render/render-pool");
    await closeRenderPool().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
