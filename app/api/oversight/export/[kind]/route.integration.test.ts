import ExcelJS from "exceljs";
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { prepareReport } from "@/lib/report/prepare-report";
import { buildSampleReport } from "@/lib/report/sample-report";
import { effectiveValue } from "@/lib/report/values";
import type { CurrentUser } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { createReport } from "@/lib/server/reports/create-report";
import { saveReport } from "@/lib/server/reports/save-report";
import { seedDemoData } from "@/lib/server/seed/seed-demo";
import { loadCurrentUsers } from "@/lib/server/test-support/demo-users";
import { describeEachDatabase } from "@/lib/server/test-support/test-database";
import { createUser } from "@/lib/server/users/create-user";
import { approveReport, publishReport } from "@/lib/server/workflow/review-report";
import { submitReport } from "@/lib/server/workflow/submit-report";

/**
 * The 汇总与督办 downloads through the route handler on a real database: who may export what, by
 * URL and by forged ids. Only the session and the database handle are stand-ins.
 */
const state = vi.hoisted(() => ({ user: null as CurrentUser | null, prisma: null as PrismaClient | null }));

vi.mock("@/lib/server/session", () => ({
  requireUser: async () => {
    if (!state.user) throw new AppError("UNAUTHENTICATED");
    return state.user;
  },
}));
vi.mock("@/lib/server/db", () => ({ getPrisma: async () => state.prisma }));

const { GET } = await import("./route");

const YEAR = 2023;

const get = (kind: string, query: string) => GET(new Request(`http://localhost/api/oversight/export/${kind}?${query}`), { params: Promise.resolve({ kind }) });

describeEachDatabase("GET /api/oversight/export/[kind]", (database) => {
  let u: Record<string, CurrentUser> = {};
  let policeReceived = 0;

  beforeAll(async () => {
    const { db, auth } = database();
    await seedDemoData(db.prisma, auth);
    await db.prisma.agency.create({ data: { id: "agency-other", name: "另一市人民政府", slug: "lingyi-shi", kind: "GOVERNMENT" } });
    await createUser(db.prisma, auth, { username: "lingshen", name: "林审", role: "REVIEWER", agencyId: "agency-other", password: "Other2026gov" });
    await createUser(db.prisma, auth, { username: "lingbian", name: "林编", role: "EDITOR", agencyId: "agency-other", password: "Other2026gov" });
    u = await loadCurrentUsers(db.prisma);
    // One published report in each tree.
    for (const [editor, reviewer, agency, seed] of [
      [u.tianbao, u.shenhe, "示例市公安局", 11],
      [u.lingbian, u.lingshen, "另一市人民政府", 12],
    ] as const) {
      const created = await createReport(db.prisma, editor, YEAR, new Date("2024-01-10T02:00:00Z"));
      const content = buildSampleReport({ agency, year: YEAR, seed });
      if (agency === "示例市公安局") {
        const prepared = prepareReport(content);
        if (!prepared.ok) throw new Error("sample does not validate");
        // The total as the report shows it (computed when left blank).
        policeReceived = effectiveValue(prepared.report, { table: "requests", row: "received", col: "total" })!;
      }
      const saved = await saveReport(db.prisma, editor, { reportId: created.id, version: created.version, content });
      await submitReport(db.prisma, editor, { reportId: created.id, version: saved.version, warningNote: "已核实" });
      await approveReport(db.prisma, reviewer, { reportId: created.id });
      await publishReport(db.prisma, reviewer, { reportId: created.id });
    }
  });

  beforeEach(() => {
    state.prisma = database().db.prisma;
    state.user = u.shenhe;
  });

  it("gives a reviewer the XLSX of their subtree: the agencies of the subtree only", async () => {
    const response = await get("xlsx", `year=${YEAR}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(encodeURIComponent("示例市人民政府及下属机关"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const statuses = workbook.getWorksheet("填报情况")!;
    const names: string[] = [];
    statuses.eachRow((row) => names.push(String(row.getCell(1).value)));
    expect(names).toContain("示例市公安局");
    expect(names).not.toContain("另一市人民政府");
    const cells = workbook.getWorksheet("各机关数据")!;
    const ids = (cells.getRow(1).values as unknown[]).map(String);
    let police: ExcelJS.Row | undefined;
    cells.eachRow((row) => {
      if (row.getCell(1).value === "示例市公安局") police = row;
    });
    expect(Number(police!.getCell(ids.indexOf("requests.received.total")).value)).toBe(policeReceived);
  });

  it("refuses a part of the tree outside the reviewer's subtree as not found, by URL, for every export", async () => {
    for (const kind of ["xlsx", "status-csv", "cells-csv", "roll-up-docx", "roll-up-pdf", "bulletin-docx"]) {
      const response = await get(kind, `year=${YEAR}&under=agency-other`);
      expect(response.status, kind).toBe(404);
      expect(JSON.stringify(await response.json())).toMatch(/找不到/);
    }
    // The other tree's own reviewer gets it.
    state.user = u.lingshen;
    const csv = await (await get("status-csv", `year=${YEAR}&under=agency-other`)).text();
    expect(csv).toContain("另一市人民政府");
    expect(csv).not.toContain("示例市公安局");
  });

  it("refuses editors with 403, anonymous users with 401, and an unknown export as not found", async () => {
    state.user = u.tianbao;
    expect((await get("xlsx", `year=${YEAR}`)).status).toBe(403);
    state.user = null;
    expect((await get("status-csv", `year=${YEAR}`)).status).toBe(401);
    state.user = u.admin;
    expect((await get("everything", `year=${YEAR}`)).status).toBe(404);
    // Admins see every tree.
    const all = await (await get("status-csv", `year=${YEAR}`)).text();
    expect(all).toContain("另一市人民政府");
    expect(all).toContain("示例市公安局");
  });
});
