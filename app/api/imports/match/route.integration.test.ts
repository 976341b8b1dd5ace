import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildDocument } from "@/lib/document/build-document";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { garbageBytes } from "@/lib/import/fixtures/sample-files";
import { renderDocx } from "@/lib/render/docx/render-docx";
import { prepareReport } from "@/lib/report/prepare-report";
import type { CurrentUser } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { matchAgency } from "@/lib/server/import/bulk-import";
import { seedDemoWithOutsideReviewer } from "@/lib/server/test-support/demo-users";
import { describeEachDatabase } from "@/lib/server/test-support/test-database";
import { loadSeedJson } from "@/lib/test-support/seeds";

/**
 * 批量导入 end to end on a real database: a file in, the proposed agency (within the user's
 * scope) and year out, nothing stored; then the single upload route answering the finding counts
 * the result table shows. Only the session and the database handle are stand-ins.
 */
const state = vi.hoisted(() => ({ user: null as CurrentUser | null, prisma: null as PrismaClient | null }));

vi.mock("@/lib/server/session", () => ({
  requireUser: async () => {
    if (!state.user) throw new AppError("UNAUTHENTICATED");
    return state.user;
  },
}));
vi.mock("@/lib/server/db", () => ({ getPrisma: async () => state.prisma }));

const { POST: match } = await import("./route");
const { POST: upload } = await import("../route");

/** Seed 002 (六盘水市公安局, 2020) as a Word file, published under `agency` when given. */
async function seedDocx(agency?: string): Promise<Uint8Array> {
  const json = loadSeedJson("002_d477ee84c8f7efa5") as Record<string, unknown>;
  const prepared = prepareReport(agency ? { ...json, agency } : json);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
  return new Uint8Array(await renderDocx(buildDocument(prepared.report)));
}

function form(fields: Record<string, string | Uint8Array>, filename: string): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") data.set(name, value);
    else data.set(name, new Blob([new Uint8Array(value)]), filename);
  }
  return data;
}

const post = (route: (request: Request) => Promise<Response>, url: string, body: FormData) => route(new Request(`http://localhost${url}`, { method: "POST", body }));

interface MatchBody {
  filename?: string;
  agency?: { id: string; name: string } | null;
  year?: number | null;
  problems?: { code: string; message: string }[];
  error?: { code: string; message: string };
}

describe("matchAgency", () => {
  const agencies = [
    { id: "a", name: "示例市" },
    { id: "b", name: "示例市公安局" },
  ];
  it("matches the name exactly after normalising whitespace and full width, else the longest name in the title", () => {
    expect(matchAgency({ agency: " 示例市　公安局 " }, agencies)?.id).toBe("b");
    expect(matchAgency({ agency: "示例市ＡＢ局" }, [{ id: "c", name: "示例市AB局" }])?.id).toBe("c");
    expect(matchAgency({ agency: "某某", stated: { title: "示例市公安局2020年政府信息公开工作年度报告" } }, agencies)?.id).toBe("b");
    expect(matchAgency({ agency: "宿迁市公安局", stated: { title: "宿迁市公安局2020年政府信息公开工作年度报告" } }, agencies)).toBeNull();
    expect(matchAgency({}, agencies)).toBeNull();
  });
});

describeEachDatabase("POST /api/imports/match", (get) => {
  let u: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    const { db, auth } = get();
    // The demo data and lingshen, a reviewer of another tree (示例市公安局 is outside their scope).
    u = await seedDemoWithOutsideReviewer(db.prisma, auth);
  });

  beforeEach(() => {
    state.prisma = get().db.prisma;
    state.user = u.shenhe;
  });

  const matched = async (bytes: Uint8Array, filename: string) => {
    const before = await get().db.prisma.importedSource.count();
    const response = await post(match, "/api/imports/match", form({ file: bytes }, filename));
    expect(await get().db.prisma.importedSource.count()).toBe(before);
    return { status: response.status, body: (await response.json()) as MatchBody };
  };

  it("proposes the agency a seed-rendered file names, and its year, storing nothing", async () => {
    const { status, body } = await matched(await seedDocx("示例市公安局"), "公安局2020年报.docx");
    expect(status).toBe(200);
    expect(body).toMatchObject({ filename: "公安局2020年报.docx", agency: { id: "agency-police", name: "示例市公安局" }, year: 2020 });
    expect(Array.isArray(body.problems)).toBe(true);

    state.user = u.admin;
    expect((await matched(await seedDocx("示例市生态环境局"), "生态.docx")).body.agency).toEqual({ id: "agency-ecology", name: "示例市生态环境局" });
  });

  it("proposes no agency for one it does not know, and answers an unreadable file with its reason", async () => {
    const unknown = await matched(await seedDocx(), "六盘水.docx");
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ agency: null, year: 2020 });

    const garbage = await matched(garbageBytes(), "garbage.pdf");
    expect(garbage.body).toMatchObject({ agency: null, year: null });
    expect(garbage.body.problems?.[0]?.message).toMatch(/不是有效的 PDF/);
  });

  it("never proposes an agency outside the user's scope", async () => {
    const other = await seedDocx("另一市人民政府");
    expect((await matched(other, "另一市.docx")).body.agency).toBeNull();
    state.user = u.lingshen;
    expect((await matched(other, "另一市.docx")).body.agency).toEqual({ id: "agency-other", name: "另一市人民政府" });
    expect((await matched(await seedDocx("示例市公安局"), "公安局.docx")).body.agency).toBeNull();
  });

  it("refuses editors with 403 and a Chinese message", async () => {
    state.user = u.tianbao;
    const { status, body } = await matched(await seedDocx("示例市公安局"), "公安局.docx");
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: "FORBIDDEN", message: "只有审核人和管理员可以批量导入年报。" });
  });

  it("the upload route answers the finding counts of the stored upload", async () => {
    const response = await post(upload, "/api/imports", form({ agencyId: "agency-police", year: "2020", mode: "file", file: await seedDocx("示例市公安局") }, "公安局.docx"));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { url?: string; findings?: { errors: number; warnings: number }; problems?: number };
    expect(body.url).toMatch(/^\/workspace\/import\//);
    expect(body.findings).toEqual({ errors: expect.any(Number), warnings: expect.any(Number) });
    expect(body.problems).toEqual(expect.any(Number));
  });
});
