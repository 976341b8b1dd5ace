import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import { createAgency } from "../agencies/create-agency";
import { updateAgency } from "../agencies/update-agency";
import type { CurrentUser } from "../authz";
import { createReport } from "../reports/create-report";
import { saveReport } from "../reports/save-report";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { approveReport, publishReport } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";
import { loadPublishedReport } from "./load-published-report";
import { listPublishedYears } from "./published-reports";
import { movedSlug } from "./resolve-slug";

const OLD_SLUG = "shili-shi-gonganju";
const NEW_SLUG = "shili-gaj";

/**
 * Issue 14.1: a publication keeps the agency as it was published, and a slug change keeps the
 * old public links working (the pages redirect what movedSlug answers).
 */
describeEachDatabase("a published report after its agency's name and slug change", (get) => {
  let u: Record<string, CurrentUser> = {};
  let agencyId = "";

  const agencyInput = async (changes: { name?: string; slug?: string }) => {
    const agency = await get().db.prisma.agency.findUniqueOrThrow({ where: { id: agencyId } });
    return { name: agency.name, slug: agency.slug, parentId: agency.parentId, kind: agency.kind, ...changes };
  };

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
    const report = await createReport(db.prisma, u.tianbao, 2020, new Date("2026-01-10"));
    agencyId = report.agencyId;
    const current = () => db.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    await saveReport(db.prisma, u.tianbao, { reportId: report.id, version: (await current()).version, content: buildSampleReport({ year: 2020, agency: "示例市公安局" }) });
    await submitReport(db.prisma, u.tianbao, { reportId: report.id, version: (await current()).version, warningNote: "已逐项核实" });
    await approveReport(db.prisma, u.shenhe, { reportId: report.id });
    await publishReport(db.prisma, u.shenhe, { reportId: report.id });
  });

  it("freezes the agency's name and slug on the publication, written by the database", async () => {
    const publication = await get().db.prisma.publication.findFirstOrThrow({ where: { report: { agencyId } } });
    expect(publication).toMatchObject({ agencyName: "示例市公安局", agencySlug: OLD_SLUG });
  });

  it("keeps the name it was published under, and answers the old slug with the new one", async () => {
    const { prisma } = get().db;
    await updateAgency(prisma, u.admin, agencyId, await agencyInput({ name: "示例市公安局（更名后）", slug: NEW_SLUG }));

    const page = await loadPublishedReport(prisma, NEW_SLUG, 2020);
    // 发布机关 as published; links use today's slug.
    expect(page.agency).toEqual({ name: "示例市公安局", slug: NEW_SLUG });
    // The old address is no agency's any more: the pages redirect it (308) to the new one.
    await expectAppError(loadPublishedReport(prisma, OLD_SLUG, 2020), "NOT_FOUND");
    expect(await movedSlug(prisma, OLD_SLUG)).toBe(NEW_SLUG);
    expect(await movedSlug(prisma, "no-such-agency")).toBeNull();
    expect((await listPublishedYears(prisma, NEW_SLUG)).agency.name).toBe("示例市公安局（更名后）");
    // The change is in the audit trail with its old and new value.
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "agency.update" }, orderBy: { at: "desc" } });
    expect(audit.details).toMatchObject({ agencyId, changes: { slug: { from: OLD_SLUG, to: NEW_SLUG } } });
  });

  it("refuses the old slug to another agency, on its field", async () => {
    const error = await expectAppError(createAgency(get().db.prisma, u.admin, { name: "另一个机关", slug: OLD_SLUG, parentId: null }), "DUPLICATE");
    expect(error.details?.fieldErrors).toEqual({ slug: expect.stringContaining("示例市公安局（更名后）") });
  });

  it("follows a second change and a change back without losing any old address", async () => {
    const { prisma } = get().db;
    await updateAgency(prisma, u.admin, agencyId, await agencyInput({ slug: "shili-gaj-2" }));
    expect(await movedSlug(prisma, OLD_SLUG)).toBe("shili-gaj-2");
    expect(await movedSlug(prisma, NEW_SLUG)).toBe("shili-gaj-2");
    await updateAgency(prisma, u.admin, agencyId, await agencyInput({ slug: OLD_SLUG }));
    // The agency has its first slug again: a current slug, no alias of it left.
    expect(await movedSlug(prisma, OLD_SLUG)).toBeNull();
    expect(await movedSlug(prisma, "shili-gaj-2")).toBe(OLD_SLUG);
    expect((await loadPublishedReport(prisma, OLD_SLUG, 2020)).agency.name).toBe("示例市公安局");
  });
});
