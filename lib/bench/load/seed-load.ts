/**
 * Seeds a fresh database for the load benchmark through the app's own server modules (as the
 * app would have written it): the demo tree, then districts and bureaus below 示例市人民政府,
 * one editor per agency with their own draft, reviewers over the whole tree, reports waiting in
 * the review queue, and published reports with several revisions.
 */
import type { Database } from "../../server/db/open-database";
import type { CurrentUser } from "../../server/authz";
import type { Auth } from "../../server/auth/auth";
import { buildSampleReport } from "../../report/sample-report";
import { createReport } from "../../server/reports/create-report";
import { saveReport } from "../../server/reports/save-report";
import { seedDemoData } from "../../server/seed/seed-demo";
import { createUser } from "../../server/users/create-user";
import { approveReport, publishReport, startCorrection } from "../../server/workflow/review-report";
import { submitReport } from "../../server/workflow/submit-report";
import type { Settings } from "./settings";

export const BENCH_PASSWORD = "Bench2026load";
/** The year every editor drafts (and autosaves) in the benchmark. */
export const DRAFT_YEAR = 2025;
const SUBMITTED_YEAR = 2024;
const PUBLISHED_YEAR = 2023;
const ROOT_AGENCY = "agency-city";

const BUREAUS = ["公安分局", "教育局", "卫生健康局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "交通运输局"];

export interface SeededEditor {
  username: string;
  agency: string;
  reportId: string;
  /** The draft as stored (its `version` is what the first save names). */
  version: number;
  content: Record<string, unknown>;
}

export interface SeededData {
  editors: SeededEditor[];
  reviewers: string[];
  /** Public reports: agency slug, year, number of revisions. */
  published: { slug: string; year: number; revisions: number }[];
  submitted: number;
  agencies: number;
}

interface Agency {
  id: string;
  name: string;
  slug: string;
  parentId: string;
  /** Districts are governments (deadline 3月31日), bureaus departments (1月31日). */
  kind: "GOVERNMENT" | "DEPARTMENT";
}

/** Districts (人民政府, 10 bureaus or fewer each) under the root until `count` agencies exist. */
function agencyTree(count: number): Agency[] {
  const agencies: Agency[] = [];
  for (let d = 1; agencies.length < count; d++) {
    const district: Agency = { id: `bench-d${d}`, name: `示例市第${d}区人民政府`, slug: `shili-qu-${d}`, parentId: ROOT_AGENCY, kind: "GOVERNMENT" };
    agencies.push(district);
    for (let b = 0; b < BUREAUS.length && agencies.length < count; b++) {
      agencies.push({ id: `bench-d${d}-b${b + 1}`, name: `示例市第${d}区${BUREAUS[b]}`, slug: `shili-qu-${d}-${b + 1}`, parentId: district.id, kind: "DEPARTMENT" });
    }
  }
  return agencies;
}

const asUser = (u: { id: string; name: string; username: string | null; role: CurrentUser["role"]; agencyId: string | null }): CurrentUser => ({
  id: u.id,
  name: u.name,
  username: u.username ?? "",
  role: u.role,
  agencyId: u.agencyId,
});

/** Runs `fn` over items with at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

export async function seedLoadData(db: Database, auth: Auth, settings: Settings, log: (line: string) => void): Promise<SeededData> {
  const { prisma } = db;
  const agencyCount = Math.max(settings.agencies, settings.saveClients);
  await seedDemoData(prisma, auth);
  const agencies = agencyTree(agencyCount);
  await prisma.agency.createMany({
    data: agencies.map((a, i) => ({ ...a, address: `示例市人民路${i + 2}号`, postcode: "100000", phone: `010-1234${String(i).padStart(4, "0")}`, website: "https://www.example.gov.cn" })),
  });

  const started = Date.now();
  const editorUsers: CurrentUser[] = [];
  await eachLimited(agencies, 4, async (agency, i) => {
    const username = `bench_e${String(i + 1).padStart(4, "0")}`;
    editorUsers[i] = asUser(await createUser(prisma, auth, { username, name: `填报人${i + 1}`, password: BENCH_PASSWORD, role: "EDITOR", agencyId: agency.id }));
  });
  const reviewerNames = Array.from({ length: settings.reviewers }, (_, i) => `bench_r${String(i + 1).padStart(3, "0")}`);
  const reviewerUsers: CurrentUser[] = [];
  await eachLimited(reviewerNames, 4, async (username, i) => {
    reviewerUsers[i] = asUser(await createUser(prisma, auth, { username, name: `审核人${i + 1}`, password: BENCH_PASSWORD, role: "REVIEWER", agencyId: ROOT_AGENCY }));
  });
  log(`accounts: ${editorUsers.length} editors, ${reviewerUsers.length} reviewers (${((Date.now() - started) / 1000).toFixed(1)} s, password hashing)`);

  const reviewer = reviewerUsers[0];
  const submittedCount = Math.round(agencies.length * settings.submittedShare);
  const publishedCount = Math.max(1, Math.round(agencies.length * settings.publishedShare));
  const editors: SeededEditor[] = [];
  const published: SeededData["published"] = [];
  const reportsStarted = Date.now();

  // Sequential per agency, a few agencies at a time: what many editors and reviewers would do.
  await eachLimited(agencies, 4, async (agency, i) => {
    const editor = editorUsers[i];
    const sample = (year: number, seed: number) => buildSampleReport({ agency: agency.name, year, seed }) as unknown as Record<string, unknown>;
    const fill = async (year: number, seed: number) => {
      const report = await createReport(prisma, editor, year);
      const content = sample(year, seed);
      const saved = await saveReport(prisma, editor, { reportId: report.id, version: report.version, content });
      return { reportId: report.id, version: saved.version, content };
    };

    // Published reports, with corrections: submit → approve → publish, then start a correction …
    if (i >= agencies.length - publishedCount) {
      const filled = await fill(PUBLISHED_YEAR, 1000 + i);
      const reportId = filled.reportId;
      let { version, content } = filled;
      for (let revision = 1; revision <= settings.revisions; revision++) {
        if (revision > 1) {
          await startCorrection(prisma, editor, { reportId });
          const current = await prisma.report.findUniqueOrThrow({ where: { id: reportId }, select: { version: true } });
          content = { ...content, sections: { ...(content.sections as object), other: `本年度未收取信息处理费。（第 ${revision} 版更正）` } };
          version = (await saveReport(prisma, editor, { reportId, version: current.version, content })).version;
        }
        await submitReport(prisma, editor, { reportId, version, warningNote: "已核实" });
        await approveReport(prisma, reviewer, { reportId });
        await publishReport(prisma, reviewer, { reportId, correctionNote: revision > 1 ? `更正第 ${revision - 1} 版的其他事项说明。` : undefined });
      }
      published.push({ slug: agency.slug, year: PUBLISHED_YEAR, revisions: settings.revisions });
    }
    // … reports waiting in the review queue …
    if (i < submittedCount) {
      const { reportId, version } = await fill(SUBMITTED_YEAR, 2000 + i);
      await submitReport(prisma, editor, { reportId, version, warningNote: "已核实" });
    }
    // … and every editor's own draft, which the autosave scenarios edit.
    const draft = await fill(DRAFT_YEAR, 3000 + i);
    editors[i] = { username: editor.username, agency: agency.name, ...draft };
  });
  log(`reports: ${editors.length} drafts, ${submittedCount} in the review queue, ${published.length} published × ${settings.revisions} revisions (${((Date.now() - reportsStarted) / 1000).toFixed(1)} s)`);
  return { editors, reviewers: reviewerNames, published, submitted: submittedCount, agencies: agencies.length };
}
