import { beforeAll, expect, it } from "vitest";
import { DRAFT_MARK } from "../../document/draft-mark";
import { renderReportFile } from "../../render/worker/render-file";
import { buildSampleReport } from "../../report/sample-report";
import type { RuleLevels } from "../../rules/rule-levels";
import type { CurrentUser } from "../authz";
import { createReport } from "../reports/create-report";
import { loadReportPreview } from "../reports/load-report-preview";
import { saveReport } from "../reports/save-report";
import { loadReview } from "../review/load-review";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { expectAppError } from "../test-support/expect-app-error";
import { describeEachDatabase } from "../test-support/test-database";
import { submitReport } from "../workflow/submit-report";
import { loadRuleLevels, loadRuleLevelSettings, ruleLevelsFile, saveRuleLevels } from "./rule-levels";

type Tables = Record<string, Record<string, Record<string, number | string | null>>>;

/** A 2023 report of 示例市公安局 whose only defect at the default levels is one blank cell (a warning). */
function reportWithBlankCell() {
  const content = buildSampleReport({ year: 2023, agency: "示例市公安局", seed: 5 }) as unknown as { tables: Tables };
  content.tables.proactive.licensing.decisions = null;
  return content;
}

describeEachDatabase("rule levels per deployment", (get) => {
  let u: Record<string, CurrentUser> = {};
  let reportId = "";
  const prisma = () => get().db.prisma;
  const version = async (id: string) => (await prisma().report.findUniqueOrThrow({ where: { id } })).version;
  const audits = () => prisma().auditEvent.findMany({ where: { action: "rule-levels.update" }, orderBy: { at: "asc" } });
  const blankFinding = async () => (await loadReportPreview(prisma(), u.tianbao, reportId)).findings.find((f) => f.ruleId === "value.blank");

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
    reportId = (await createReport(db.prisma, u.tianbao, 2023, new Date("2026-01-10"))).id;
    await saveReport(db.prisma, u.tianbao, { reportId, version: await version(reportId), content: reportWithBlankCell() });
  });

  it("lets only admins save: editors and reviewers are refused and nothing is stored or audited", async () => {
    for (const user of [u.tianbao, u.shenhe]) {
      await expectAppError(saveRuleLevels(prisma(), user, { "value.blank": "error" }), "FORBIDDEN", /只有管理员可以设置规则级别/);
    }
    expect(await loadRuleLevels(prisma())).toEqual({});
    expect(await audits()).toEqual([]);
  });

  it("refuses an unknown rule or level with a Chinese message, keeping what was stored", async () => {
    await saveRuleLevels(prisma(), u.admin, { "text.half-width-punctuation": "off" });
    await expectAppError(saveRuleLevels(prisma(), u.admin, { "value.blank": "error", "value.no-such-rule": "off" }), "INVALID", /没有编号为「value.no-such-rule」的规则/);
    await expectAppError(saveRuleLevels(prisma(), u.admin, { ruleLevels: { "value.blank": "fatal" } }), "INVALID", /级别「fatal」无效/);
    await expectAppError(saveRuleLevels(prisma(), u.admin, ["value.blank"]), "INVALID", /规则级别应为对象/);
    expect(await loadRuleLevels(prisma())).toEqual({ "text.half-width-punctuation": "off" });
    expect(await audits()).toHaveLength(1);
    await saveRuleLevels(prisma(), u.admin, {});
  });

  it("replaces the rows in one transaction with one audit row listing each change; a default is no row", async () => {
    const before = (await audits()).length;
    const saved = await saveRuleLevels(prisma(), u.admin, { ruleLevels: { "value.blank": "error", "stated.date-late": "off", "value.text-in-cell": "warning" } });
    // value.text-in-cell is a warning by default: stored as no override, and no change.
    expect(saved.changes).toEqual([
      { ruleId: "stated.date-late", from: null, to: "off" },
      { ruleId: "value.blank", from: null, to: "error" },
    ]);
    expect(await loadRuleLevels(prisma())).toEqual({ "value.blank": "error", "stated.date-late": "off" });
    const rows = await prisma().ruleLevelSetting.findMany({ orderBy: { ruleId: "asc" } });
    expect(rows.map((r) => [r.ruleId, r.level, r.updatedById])).toEqual([
      ["stated.date-late", "off", u.admin.id],
      ["value.blank", "error", u.admin.id],
    ]);

    const events = await audits();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ actorId: u.admin.id, reportId: null, details: { changes: saved.changes } });

    // The same levels again change nothing and write no audit row.
    expect((await saveRuleLevels(prisma(), u.admin, { "value.blank": "error", "stated.date-late": "off" })).changes).toEqual([]);
    expect(await audits()).toHaveLength(before + 1);

    const settings = await loadRuleLevelSettings(prisma());
    expect(settings.lastChange?.by).toBe(u.admin.name);
    expect(JSON.parse(ruleLevelsFile(settings.levels))).toEqual({ ruleLevels: { "stated.date-late": "off", "value.blank": "error" } });

    // Back to the defaults: the rows go, the audit says from what.
    expect((await saveRuleLevels(prisma(), u.admin, {})).changes).toEqual([
      { ruleId: "stated.date-late", from: "off", to: null },
      { ruleId: "value.blank", from: "error", to: null },
    ]);
    expect(await prisma().ruleLevelSetting.count()).toBe(0);
  });

  it("a CHECK constraint keeps any other level out of the table", async () => {
    await expect(prisma().ruleLevelSetting.create({ data: { ruleId: "value.blank", level: "fatal", updatedById: u.admin.id } })).rejects.toThrow();
    expect(await prisma().ruleLevelSetting.count()).toBe(0);
  });

  it("the findings, the submission's stored counts and the draft mark follow the levels", async () => {
    // Default: the blank cell is a warning.
    expect((await blankFinding())?.severity).toBe("warning");
    const defaults = (await loadReportPreview(prisma(), u.tianbao, reportId)).findings;
    const defaultWarnings = defaults.filter((f) => f.severity === "warning").length;
    expect(defaults.filter((f) => f.severity === "error")).toEqual([]);

    // At error it blocks the submission, which counts it as an error.
    await saveRuleLevels(prisma(), u.admin, { "value.blank": "error" });
    expect((await blankFinding())?.severity).toBe("error");
    const refused = await expectAppError(submitReport(prisma(), u.tianbao, { reportId, version: await version(reportId), warningNote: "已核实" }), "INVALID");
    expect(refused.details).toEqual({ errors: 1, warnings: defaultWarnings - 1 });

    // Downloads of the draft carry the mark at that level, not at the default.
    const { content } = await prisma().report.findUniqueOrThrow({ where: { id: reportId } });
    const html = async (ruleLevels: RuleLevels | undefined) => {
      const rendered = await renderReportFile({ content, format: "html", draftMark: "if-failing", ruleLevels });
      return rendered.ok ? String(rendered.file.body) : "";
    };
    expect(await html(await loadRuleLevels(prisma()))).toContain(DRAFT_MARK);
    expect(await html(undefined)).not.toContain(DRAFT_MARK);

    // Off: its finding is gone everywhere, and the version stores one warning fewer.
    await saveRuleLevels(prisma(), u.admin, { "value.blank": "off" });
    expect(await blankFinding()).toBeUndefined();
    await submitReport(prisma(), u.tianbao, { reportId, version: await version(reportId), warningNote: "已核实" });
    const stored = await prisma().reportVersion.findFirstOrThrow({ where: { reportId }, orderBy: { number: "desc" } });
    expect([stored.errorCount, stored.warningCount]).toEqual([0, defaultWarnings - 1]);
    const review = await loadReview(prisma(), u.shenhe, reportId);
    expect(review.findings.some((f) => f.ruleId === "value.blank")).toBe(false);
    expect(review.findings).toHaveLength(defaultWarnings - 1);

    await saveRuleLevels(prisma(), u.admin, {});
  });
});
