/**
 * Seeds a PostgreSQL database for the oversight scale benchmark (`npm run bench:scale`, issue 10):
 * a province's tree of 10,000 agencies (1 province government → 15 cities → 10 counties each,
 * departments under every government), the reports of the year in mixed states and last year's
 * reports, with frozen versions, their stored cells, publications and audit events.
 *
 * Fast by construction: the rows are generated in memory and written with a handful of
 * multi-row `INSERT … SELECT FROM unnest(…)` statements (one per table, in one transaction), never
 * one Prisma call per row; version contents come from a small pool of valid, balanced reports
 * (the sample generator with different seeds, and a real published report — fixtures/seeds
 * 003, 海东市公安局 — with its figures scaled) that PostgreSQL copies, naming each agency and
 * year with jsonb_set. The database's own triggers fill the report pointers (latest version,
 * publication) and the agencies' tree order, as they would for the app. Only the three accounts
 * people sign in with (admin, province and city reviewers) go through the app's createUser;
 * editors share their password hash.
 *
 * Idempotent: the database is dropped and created again, and migrated by the app's runner.
 */
import pg from "pg";
import { nameSortKey } from "../../admin/name-sort-key";
import { cellVector, filledBits, type CellLayout } from "../../oversight/cell-vector";
import { prepareReport } from "../../report/prepare-report";
import { buildSampleReport } from "../../report/sample-report";
import { checkReport } from "../../rules/check-report";
import { createAuth } from "../../server/auth/auth";
import { openDatabase, type Database } from "../../server/db/open-database";
import { createUser } from "../../server/users/create-user";
import { loadSeedJson } from "../../test-support/seeds";
import { publicationDeadline, type AgencyKind } from "../../workflow/deadline";
import type { ReportStatus } from "../../workflow/report-status";

export const SCALE_PASSWORD = "Scale2026bench";
export const SCALE_USERS = { admin: "scale_admin", provinceReviewer: "sheng_shenhe", cityReviewer: "donghu_shenhe" } as const;
export const PROVINCE_ID = "scale-p";
/** The city whose reviewer is seeded (the first city). */
export const CITY_ID = "scale-c01";

export interface ScaleSeedOptions {
  /** A PostgreSQL URL of the server's maintenance database (to drop and create `database`). */
  adminUrl: string;
  database: string;
  /** How many agencies (default 10,000). */
  agencies?: number;
  /** The report year (default: last year, as the oversight page proposes). */
  year: number;
  /** What "now" is for the seeded history (nothing is dated after it). */
  now?: Date;
  log?: (line: string) => void;
}

export interface ScaleSeed {
  url: string;
  year: number;
  agencies: number;
  reports: number;
  versions: number;
  publications: number;
  events: number;
  byStatus: Record<string, number>;
  seconds: number;
}

// ---------------------------------------------------------------------------------------------
// The tree

const CITY_NAMES = ["东湖", "青山", "白河", "金沙", "云岭", "松江", "临川", "安平", "石门", "龙泉", "兴和", "长宁", "清源", "丰泽", "明月"];
const COUNTY_FIRST = ["永", "宁", "安", "平", "兴", "和", "泰", "康", "福", "瑞", "嘉", "祥", "德", "昌", "隆"];
const COUNTY_SECOND = ["川", "阳", "山", "源", "江", "河", "城", "丰", "乐", "林"];
/** Sixty departments, as a government's organs are named (the 办公室 first). */
const DEPARTMENTS = [
  "人民政府办公室", "发展和改革局", "教育局", "科学技术局", "工业和信息化局", "民族宗教事务局", "公安局", "民政局", "司法局", "财政局",
  "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会",
  "退役军人事务局", "应急管理局", "审计局", "国有资产监督管理委员会", "市场监督管理局", "广播电视局", "体育局", "统计局", "医疗保障局", "林业局",
  "信访局", "机关事务管理局", "人民防空办公室", "城市管理综合执法局", "数据局", "地方金融管理局", "粮食和物资储备局", "能源局", "乡村振兴局", "供销合作社联合社",
  "住房公积金管理中心", "政务服务管理局", "投资促进局", "外事办公室", "侨务办公室", "档案局", "地方志办公室", "气象局", "地震局", "公共资源交易中心",
  "行政审批服务局", "知识产权局", "人民政府研究室", "残疾人联合会", "扶贫开发办公室", "经济技术开发区管理委员会", "高新技术产业开发区管理委员会", "口岸办公室", "招商服务中心", "重点工程建设管理局",
];

interface SeedAgency {
  id: string;
  name: string;
  slug: string;
  kind: AgencyKind;
  parentId: string | null;
  /** Which city it lies in (null: the province's own), for the reviewer who acts on it. */
  city: number | null;
}

/** Province → cities → counties, departments under each government, until `count` agencies. */
export function scaleTree(count: number): SeedAgency[] {
  const governments: SeedAgency[] = [{ id: PROVINCE_ID, name: "示例省人民政府", slug: "sheng", kind: "GOVERNMENT", parentId: null, city: null }];
  const countyNames: string[] = [];
  for (const a of COUNTY_FIRST) for (const b of COUNTY_SECOND) countyNames.push(a + b);
  CITY_NAMES.forEach((city, c) => {
    const cityId = `scale-c${String(c + 1).padStart(2, "0")}`;
    governments.push({ id: cityId, name: `${city}市人民政府`, slug: `c${c + 1}`, kind: "GOVERNMENT", parentId: PROVINCE_ID, city: c });
    for (let k = 0; k < 10; k++) {
      const county = countyNames[(c * 10 + k) * 7 % countyNames.length];
      // The first three are the city's districts (区), the rest counties (县).
      const suffix = k < 3 ? "区" : "县";
      governments.push({ id: `${cityId}-k${String(k + 1).padStart(2, "0")}`, name: `${county}${suffix}人民政府`, slug: `c${c + 1}-k${k + 1}`, kind: "GOVERNMENT", parentId: cityId, city: c });
    }
  });
  const prefix = (g: SeedAgency) => g.name.replace(/人民政府$/, "");
  const departments: SeedAgency[] = [];
  // Province 50 departments, cities 55, counties the rest (up to 60 each).
  const wanted = (g: SeedAgency) => (g.parentId === null ? 50 : g.parentId === PROVINCE_ID ? 55 : 60);
  const counties = governments.filter((g) => g.parentId && g.parentId !== PROVINCE_ID);
  const countyShare = Math.max(0, count - governments.length - 50 - 55 * CITY_NAMES.length);
  for (const g of governments) {
    let n = wanted(g);
    if (counties.includes(g)) {
      const i = counties.indexOf(g);
      n = Math.min(60, Math.floor(countyShare / counties.length) + (i < countyShare % counties.length ? 1 : 0));
    }
    for (let d = 0; d < n; d++) {
      const dept = DEPARTMENTS[d];
      departments.push({ id: `${g.id}-d${String(d + 1).padStart(2, "0")}`, name: `${prefix(g)}${dept}`, slug: `${g.slug}-d${d + 1}`, kind: "DEPARTMENT", parentId: g.id, city: g.city });
    }
  }
  return [...governments, ...departments].slice(0, count);
}

// ---------------------------------------------------------------------------------------------
// Version contents

interface PoolItem {
  k: number;
  year: number;
  content: Record<string, unknown>;
  values: string[];
  filled: string;
  errors: number;
  warnings: number;
}

/** Every number in the tables times `factor` (linear balance rules stay true). */
function scaleTables(value: unknown, factor: number): unknown {
  if (typeof value === "number") return value * factor;
  if (Array.isArray(value)) return value.map((v) => scaleTables(v, factor));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scaleTables(v, factor)]));
  return value;
}

/** Valid reports of a year with different figures, their cell vectors and frozen finding counts. */
function contentPool(year: number, size: number, firstK: number): { items: PoolItem[]; layout: CellLayout } {
  const real = loadSeedJson("003_5f1914cbe288c934") as Record<string, unknown>;
  const items: PoolItem[] = [];
  let layout: CellLayout | undefined;
  for (let i = 0; items.length < size; i++) {
    // One in ten from the real report, its figures scaled 1×, 2×, 3× …
    const content: Record<string, unknown> =
      i % 10 === 9
        ? { ...real, agency: "示例县人民政府", year, tables: scaleTables(real.tables, 1 + (Math.floor(i / 10) % 7)) }
        : (buildSampleReport({ agency: "示例县人民政府", year, seed: 7919 * year + i }) as unknown as Record<string, unknown>);
    const prepared = prepareReport(content);
    if (!prepared.ok) continue;
    const findings = checkReport(prepared.report);
    const errors = findings.filter((f) => f.severity === "error").length;
    if (errors > 0) continue;
    const vector = cellVector(prepared.report);
    layout ??= vector.layout;
    if (vector.layout.id !== layout.id) continue;
    items.push({ k: firstK + items.length, year, content, values: vector.values.map(String), filled: filledBits(vector.filled), errors, warnings: findings.length - errors });
  }
  return { items, layout: layout! };
}

// ---------------------------------------------------------------------------------------------
// Report histories

function generator(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Rows {
  reports: { id: string; agencyId: string; year: number; status: ReportStatus; k: number; createdAt: Date; updatedAt: Date; submittedAt: Date | null; version: number; updatedById: string }[];
  versions: { id: string; reportId: string; number: number; k: number; submittedById: string; createdAt: Date; warningNote: string | null }[];
  publications: { id: string; reportId: string; versionId: string; revision: number; correctionNote: string | null; publishedById: string; publishedAt: Date }[];
  events: { id: string; at: Date; actorId: string; action: string; reportId: string; versionId: string | null }[];
}

/**
 * One agency's report of a year and its history: created, saved, submitted (returned and
 * submitted again now and then), approved, published before or after the deadline, sometimes
 * corrected. `status` is what it ends in (null: no report).
 */
function history(rows: Rows, agency: SeedAgency, year: number, status: ReportStatus, random: () => number, ctx: { editorId: string; reviewerId: string; pool: PoolItem[]; now: Date }) {
  const reportId = `${agency.id}-y${year}`;
  const deadline = publicationDeadline(agency.kind, year).getTime();
  const latest = ctx.now.getTime() - HOUR;
  const clamp = (t: number) => new Date(Math.min(t, latest));
  const pick = () => ctx.pool[Math.floor(random() * ctx.pool.length)];
  // Published: on time for most (up to 25 days early), late for one in five (up to 60 days).
  const target = status === "PUBLISHED" ? (random() < 0.8 ? deadline - random() * 25 * DAY : deadline + (1 + random() * 60) * DAY) : deadline - random() * 30 * DAY;
  let at = target - (12 + random() * 30) * DAY;
  const event = (action: string, actorId: string, versionId: string | null = null) => {
    at += (0.2 + random() * 2.5) * DAY;
    rows.events.push({ id: `${reportId}-e${rows.events.length}`, at: clamp(at), actorId, action, reportId, versionId });
    return clamp(at);
  };
  const createdAt = clamp(at);
  rows.events.push({ id: `${reportId}-e${rows.events.length}`, at: createdAt, actorId: ctx.editorId, action: "report.create", reportId, versionId: null });
  let changes = 1;
  let number = 0;
  let submittedAt: Date | null = null;
  let versionId: string | null = null;
  const submit = () => {
    event("report.save", ctx.editorId);
    number++;
    versionId = `${reportId}-v${number}`;
    submittedAt = event("report.submit", ctx.editorId, versionId);
    const item = pick();
    rows.versions.push({ id: versionId, reportId, number, k: item.k, submittedById: ctx.editorId, createdAt: submittedAt, warningNote: item.warnings ? "已核实" : null });
    changes += 2;
  };
  if (status === "DRAFT") {
    event("report.save", ctx.editorId);
    changes++;
  } else {
    submit();
    if (status === "RETURNED" || random() < 0.25) {
      event("report.return", ctx.reviewerId);
      changes++;
      if (status !== "RETURNED") submit();
    }
    if (status === "APPROVED" || status === "PUBLISHED") {
      event("report.approve", ctx.reviewerId);
      changes++;
    }
    if (status === "PUBLISHED") {
      at = Math.max(at, target - HOUR);
      const publishedAt = event("report.publish", ctx.reviewerId, versionId);
      rows.publications.push({ id: `${reportId}-p1`, reportId, versionId: versionId!, revision: 1, correctionNote: null, publishedById: ctx.reviewerId, publishedAt });
      changes++;
      // One in ten corrected some weeks later: a new version and a second revision.
      if (random() < 0.1 && at + 40 * DAY < latest) {
        at += 20 * DAY;
        event("report.startCorrection", ctx.editorId);
        submit();
        event("report.approve", ctx.reviewerId);
        const correctedAt = event("report.publish", ctx.reviewerId, versionId);
        rows.publications.push({ id: `${reportId}-p2`, reportId, versionId: versionId!, revision: 2, correctionNote: "更正表格中的统计数据。", publishedById: ctx.reviewerId, publishedAt: correctedAt });
        changes += 3;
      }
    }
  }
  const lastVersion = rows.versions.at(-1);
  const k = lastVersion?.reportId === reportId ? lastVersion.k : pick().k;
  rows.reports.push({ id: reportId, agencyId: agency.id, year, status, k, createdAt, updatedAt: clamp(at), submittedAt, version: changes, updatedById: ctx.editorId });
}

/** The year's mix: no report 7 %, 草稿 10 %, 待审核 10 %, 退回 5 %, 审核通过 8 %, 已发布 60 %. */
function currentStatus(r: number): ReportStatus | null {
  if (r < 0.07) return null;
  if (r < 0.17) return "DRAFT";
  if (r < 0.27) return "SUBMITTED";
  if (r < 0.32) return "RETURNED";
  if (r < 0.4) return "APPROVED";
  return "PUBLISHED";
}

/** Last year: 92 % published, the rest never started. */
function previousStatus(r: number): ReportStatus | null {
  return r < 0.92 ? "PUBLISHED" : null;
}

// ---------------------------------------------------------------------------------------------

const ts = (d: Date | null) => (d ? d.toISOString().slice(0, 23).replace("T", " ") : null);

async function recreateDatabase(adminUrl: string, database: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`database name must be lower-case letters, digits and _ (is ${database})`);
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function seedScale(options: ScaleSeedOptions): Promise<ScaleSeed> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const now = options.now ?? new Date();
  const year = options.year;
  const url = await recreateDatabase(options.adminUrl, options.database);
  const db = await openDatabase({ kind: "postgresql", url });
  try {
    return await seedInto(db, { url, year, now, count: options.agencies ?? 10_000, log, started });
  } finally {
    await db.close();
  }
}

async function seedInto(db: Database, o: { url: string; year: number; now: Date; count: number; log: (line: string) => void; started: number }): Promise<ScaleSeed> {
  const { prisma, sql } = db;
  const step = (label: string, since: number) => o.log(`  ${label} (${((performance.now() - since) / 1000).toFixed(1)} s)`);
  let t = performance.now();

  // Agencies, parents before children; the stored name key when this schema has one.
  const agencies = scaleTree(o.count);
  const hasNameKey = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'Agency' AND column_name = 'nameKey'`))[0].n > 0;
  await sql.query(
    `INSERT INTO "Agency" ("id", "name", "slug", "kind", "parentId", "phone", "website"${hasNameKey ? `, "nameKey"` : ""})
     SELECT t.id, t.name, t.slug, t.kind::"AgencyKind", t.parent, '0951-' || lpad(t.ord::text, 7, '0'), 'https://www.example.gov.cn'${hasNameKey ? ", t.key" : ""}
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(id, name, slug, kind, parent, key, ord)
     ORDER BY t.ord`,
    [agencies.map((a) => a.id), agencies.map((a) => a.name), agencies.map((a) => a.slug), agencies.map((a) => a.kind), agencies.map((a) => a.parentId), agencies.map((a) => (hasNameKey ? nameSortKey(a.name) : null))],
  );
  step(`${agencies.length} agencies`, t);

  // The accounts people sign in with, through the app; editors (one per agency) share the hash.
  t = performance.now();
  const auth = createAuth(prisma);
  const admin = await createUser(prisma, auth, { username: SCALE_USERS.admin, name: "省管理员", password: SCALE_PASSWORD, role: "ADMIN", agencyId: null });
  const province = await createUser(prisma, auth, { username: SCALE_USERS.provinceReviewer, name: "省审核人", password: SCALE_PASSWORD, role: "REVIEWER", agencyId: PROVINCE_ID });
  const city = await createUser(prisma, auth, { username: SCALE_USERS.cityReviewer, name: "东湖市审核人", password: SCALE_PASSWORD, role: "REVIEWER", agencyId: CITY_ID });
  const hash = (await prisma.account.findFirstOrThrow({ where: { userId: admin.id }, select: { password: true } })).password!;
  const editorIds = agencies.map((_, i) => `scale-u${String(i + 1).padStart(5, "0")}`);
  await sql.query(
    `INSERT INTO "User" ("id", "name", "email", "username", "displayUsername", "role", "agencyId", "updatedAt")
     SELECT t.id, '填报人' || t.ord, 'e' || t.ord || '@users.gov-report.local', 'e' || t.ord, 'e' || t.ord, 'EDITOR', t.agency, CURRENT_TIMESTAMP
     FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(id, agency, ord)`,
    [editorIds, agencies.map((a) => a.id)],
  );
  await sql.query(
    `INSERT INTO "Account" ("id", "accountId", "providerId", "userId", "password", "updatedAt")
     SELECT t.id || '-a', t.id, 'credential', t.id, $2, CURRENT_TIMESTAMP FROM unnest($1::text[]) AS t(id)`,
    [editorIds, hash],
  );
  step(`${agencies.length + 3} users`, t);

  // Histories of both years.
  t = performance.now();
  const pools = [contentPool(o.year, 240, 0), contentPool(o.year - 1, 120, 1000)];
  const layout = pools[0].layout;
  const rows: Rows = { reports: [], versions: [], publications: [], events: [] };
  const byStatus: Record<string, number> = { NOT_STARTED: 0 };
  const random = generator(20261202);
  agencies.forEach((agency, i) => {
    const reviewerId = agency.city === 0 ? city.id : province.id;
    const ctx = { editorId: editorIds[i], reviewerId, now: o.now };
    const previous = previousStatus(random());
    if (previous) history(rows, agency, o.year - 1, previous, random, { ...ctx, pool: pools[1].items });
    const current = currentStatus(random());
    byStatus[current ?? "NOT_STARTED"] = (byStatus[current ?? "NOT_STARTED"] ?? 0) + 1;
    if (current) history(rows, agency, o.year, current, random, { ...ctx, pool: pools[0].items });
  });
  step(`histories: ${rows.reports.length} reports, ${rows.versions.length} versions, ${rows.publications.length} publications, ${rows.events.length} events`, t);

  t = performance.now();
  await sql.transaction(async (tx) => {
    const pool = [...pools[0].items, ...pools[1].items];
    await tx.exec(`CREATE TEMP TABLE "scale_pool" ("k" INTEGER PRIMARY KEY, "content" JSONB NOT NULL, "values" BIGINT[] NOT NULL, "filled" BIT VARYING NOT NULL, "errors" INTEGER NOT NULL, "warnings" INTEGER NOT NULL) ON COMMIT DROP`);
    await tx.query(
      `INSERT INTO "scale_pool" SELECT (e->>'k')::int, e->'content', ARRAY(SELECT jsonb_array_elements_text(e->'values')::bigint), (e->>'filled')::varbit, (e->>'errors')::int, (e->>'warnings')::int
       FROM jsonb_array_elements($1::jsonb) e`,
      [JSON.stringify(pool)],
    );
    await tx.query(`INSERT INTO "CellLayout" ("id", "format", "cellIds", "kinds") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [layout.id, layout.format, layout.cellIds, layout.kinds]);
    const r = rows.reports;
    // Each report's content names its agency and year (the pool's are placeholders).
    await tx.query(
      `INSERT INTO "Report" ("id", "agencyId", "year", "format", "status", "content", "version", "createdAt", "updatedAt", "updatedById", "submittedAt")
       SELECT t.id, t.agency, t.year, p."content"->>'format', t.status::"ReportStatus",
              jsonb_set(jsonb_set(p."content", '{agency}', to_jsonb(a."name")), '{year}', to_jsonb(t.year)),
              t.version, t.created::timestamp(3), t.updated::timestamp(3), t.by, t.submitted::timestamp(3)
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[]) AS t(id, agency, year, status, k, version, created, updated, by, submitted)
       JOIN "scale_pool" p ON p."k" = t.k JOIN "Agency" a ON a."id" = t.agency`,
      [r.map((x) => x.id), r.map((x) => x.agencyId), r.map((x) => x.year), r.map((x) => x.status), r.map((x) => x.k), r.map((x) => x.version), r.map((x) => ts(x.createdAt)), r.map((x) => ts(x.updatedAt)), r.map((x) => x.updatedById), r.map((x) => ts(x.submittedAt))],
    );
    const v = rows.versions;
    await tx.query(
      `INSERT INTO "ReportVersion" ("id", "reportId", "number", "content", "errorCount", "warningCount", "warningNote", "submittedById", "createdAt")
       SELECT t.id, t.report, t.number, jsonb_set(jsonb_set(p."content", '{agency}', to_jsonb(a."name")), '{year}', to_jsonb(r."year")),
              p."errors", p."warnings", t.note, t.by, t.created::timestamp(3)
       FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS t(id, report, number, k, note, by, created, ord)
       JOIN "scale_pool" p ON p."k" = t.k JOIN "Report" r ON r."id" = t.report JOIN "Agency" a ON a."id" = r."agencyId"
       ORDER BY t.ord`,
      [v.map((x) => x.id), v.map((x) => x.reportId), v.map((x) => x.number), v.map((x) => x.k), v.map((x) => x.warningNote), v.map((x) => x.submittedById), v.map((x) => ts(x.createdAt))],
    );
    await tx.query(
      `INSERT INTO "ReportVersionCells" ("versionId", "layoutId", "values", "filled")
       SELECT t.id, $3, p."values", p."filled" FROM unnest($1::text[], $2::int[]) AS t(id, k) JOIN "scale_pool" p ON p."k" = t.k`,
      [v.map((x) => x.id), v.map((x) => x.k), layout.id],
    );
    const p = rows.publications;
    await tx.query(
      `INSERT INTO "Publication" ("id", "reportId", "versionId", "revision", "correctionNote", "publishedById", "publishedAt")
       SELECT t.id, t.report, t.version, t.revision, t.note, t.by, t.at::timestamp(3)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS t(id, report, version, revision, note, by, at, ord)
       ORDER BY t.ord`,
      [p.map((x) => x.id), p.map((x) => x.reportId), p.map((x) => x.versionId), p.map((x) => x.revision), p.map((x) => x.correctionNote), p.map((x) => x.publishedById), p.map((x) => ts(x.publishedAt))],
    );
    const e = rows.events;
    for (let i = 0; i < e.length; i += 40_000) {
      const batch = e.slice(i, i + 40_000);
      await tx.query(
        `INSERT INTO "AuditEvent" ("id", "at", "actorId", "action", "reportId", "versionId")
         SELECT * FROM unnest($1::text[], $2::timestamp(3)[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        [batch.map((x) => x.id), batch.map((x) => ts(x.at)), batch.map((x) => x.actorId), batch.map((x) => x.action), batch.map((x) => x.reportId), batch.map((x) => x.versionId)],
      );
    }
  });
  step("reports, versions, cells, publications and audit events written", t);
  t = performance.now();
  await sql.exec("ANALYZE");
  step("ANALYZE", t);
  return {
    url: o.url,
    year: o.year,
    agencies: agencies.length,
    reports: rows.reports.length,
    versions: rows.versions.length,
    publications: rows.publications.length,
    events: rows.events.length,
    byStatus,
    seconds: (performance.now() - o.started) / 1000,
  };
}
