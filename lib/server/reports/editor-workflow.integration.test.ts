import { beforeAll, expect, it } from "vitest";
import { buildSampleReport } from "../../report/sample-report";
import type { CurrentUser } from "../authz";
import { seedDemoData } from "../seed/seed-demo";
import { loadCurrentUsers } from "../test-support/demo-users";
import { describeEachDatabase } from "../test-support/test-database";
import { returnReport } from "../workflow/review-report";
import { submitReport } from "../workflow/submit-report";
import { createReport } from "./create-report";
import { loadEditorWorkflow } from "./load-editor-workflow";
import { saveReport } from "./save-report";

const NOTE = "已核实：本年度确无其他需要报告的事项。";

describeEachDatabase("the editor's workflow data on resubmission", (get) => {
  let u: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
  });

  it("offers the 提交理由 of the last submission again, to the editor and only once there is one", async () => {
    const { prisma } = get().db;
    const { id: reportId } = await createReport(prisma, u.tianbao, 2021, new Date("2026-01-10"));
    const version = async () => (await prisma.report.findUniqueOrThrow({ where: { id: reportId } })).version;
    // 五、存在的主要问题 in one word: a warning (content.perfunctory), so the submission needs a reason.
    const content = buildSampleReport({ year: 2021, agency: "示例市公安局" }) as { sections: { problems: string } };
    content.sections.problems = "无。";
    await saveReport(prisma, u.tianbao, { reportId, version: await version(), content });
    expect((await loadEditorWorkflow(prisma, u.tianbao, reportId)).lastWarningNote).toBeNull();
    await submitReport(prisma, u.tianbao, { reportId, version: await version(), warningNote: NOTE });
    await returnReport(prisma, u.shenhe, { reportId, reason: "请补充存在的主要问题。" });
    expect((await loadEditorWorkflow(prisma, u.tianbao, reportId)).lastWarningNote).toBe(NOTE);
  });
});
