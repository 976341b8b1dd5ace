import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { FILE_TOO_LARGE_MESSAGE, MAX_IMPORT_FILE_BYTES } from "@/lib/import/accept-import";
import { pdfWithoutText, seedText } from "@/lib/import/fixtures/sample-files";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/server/authz";
import { AppError } from "@/lib/server/errors";
import { seedDemoData } from "@/lib/server/seed/seed-demo";
import { loadCurrentUsers } from "@/lib/server/test-support/demo-users";
import { describeEachDatabase } from "@/lib/server/test-support/test-database";

/**
 * The upload route end to end on a real database: multipart in, the parse on the server, the
 * stored upload out; and what it refuses (413 before the body is read, unreadable files, no
 * session) without storing anything. Only the session and the database handle are stand-ins.
 */
const state = vi.hoisted(() => ({ user: null as CurrentUser | null, prisma: null as PrismaClient | null }));

vi.mock("@/lib/server/session", () => ({
  requireUser: async () => {
    if (!state.user) throw new AppError("UNAUTHENTICATED");
    return state.user;
  },
}));
vi.mock("@/lib/server/db", () => ({ getPrisma: async () => state.prisma }));

const { POST } = await import("./route");

function form(fields: Record<string, string | Blob>, filename = "report.txt"): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") data.set(name, value);
    else data.set(name, value, filename);
  }
  return data;
}

const post = (body: FormData | ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  POST(new Request("http://localhost/api/imports", { method: "POST", body, headers, ...(body instanceof ReadableStream && { duplex: "half" }) } as RequestInit));

async function json(response: Response) {
  return (await response.json()) as { id?: string; url?: string; error?: { code: string; message: string; fieldErrors?: Record<string, string> } };
}

describeEachDatabase("POST /api/imports", (get) => {
  let u: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    const { db, auth } = get();
    await seedDemoData(db.prisma, auth);
    u = await loadCurrentUsers(db.prisma);
  });

  beforeEach(() => {
    state.prisma = get().db.prisma;
    state.user = u.tianbao;
  });

  it("stores an uploaded file and answers 201 with the review address", async () => {
    const response = await post(form({ agencyId: "agency-police", year: "2021", mode: "file", file: new Blob([seedText("003_5f1914cbe288c934")]) }, "海东.txt"));
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body.url).toBe(`/workspace/import/${body.id}`);
    const row = await get().db.prisma.importedSource.findUniqueOrThrow({ where: { id: body.id } });
    expect(row).toMatchObject({ agencyId: "agency-police", year: 2021, filename: "海东.txt", sourceKind: "text", status: "PENDING" });
  });

  it("stores pasted text as the text kind", async () => {
    const response = await post(form({ agencyId: "agency-police", year: "2020", mode: "text", text: seedText("004_f8f28e4c849350e4") }));
    expect(response.status).toBe(201);
    const row = await get().db.prisma.importedSource.findUniqueOrThrow({ where: { id: (await json(response)).id } });
    expect(row).toMatchObject({ year: 2020, sourceKind: "text", filename: "粘贴的文本.txt" });
  });

  it("refuses a body over the limit with 413 from Content-Length, before reading it", async () => {
    const before = await get().db.prisma.importedSource.count();
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({ pull: (controller) => void (pulled++, controller.close()) }, { highWaterMark: 0 });
    const response = await post(stream, { "content-type": "multipart/form-data; boundary=x", "content-length": String(MAX_IMPORT_FILE_BYTES + 1024 * 1024) });
    expect(response.status).toBe(413);
    expect((await json(response)).error).toEqual({ code: "TOO_LARGE", message: FILE_TOO_LARGE_MESSAGE });
    expect(pulled).toBe(0);
    expect(await get().db.prisma.importedSource.count()).toBe(before);
  });

  it("refuses a body that turns out larger than its limit while reading (no Content-Length)", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 30) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await post(stream, { "content-type": "multipart/form-data; boundary=x" });
    expect(response.status).toBe(413);
    expect((await json(response)).error?.message).toMatch(/超过 20 MB/);
    expect(sent).toBeLessThan(25);
  });

  it("refuses a scanned PDF with the importer's Chinese message and a field error, storing nothing", async () => {
    const before = await get().db.prisma.importedSource.count();
    const response = await post(form({ agencyId: "agency-police", year: "2021", mode: "file", file: new Blob([pdfWithoutText() as BlobPart]) }, "scan.pdf"));
    expect(response.status).toBe(400);
    const { error } = await json(response);
    expect(error?.message).toMatch(/没有文字层/);
    expect(error?.fieldErrors?.file).toMatch(/没有文字层/);
    expect(await get().db.prisma.importedSource.count()).toBe(before);
  });

  it("answers bad forms and other users with 4xx, never 500", async () => {
    expect((await post(form({ agencyId: "agency-police", year: "2021", mode: "file" }))).status).toBe(400);
    expect((await post(form({ agencyId: "agency-police\u0000", year: "2021", mode: "text", text: "x" }))).status).toBe(400);
    expect((await post(form({ agencyId: "agency-police", year: "两千", mode: "text", text: "x" }))).status).toBe(400);
    expect((await post("agencyId=agency-police", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(400);
    expect((await post("--x\r\nbroken", { "content-type": "multipart/form-data; boundary=x" })).status).toBe(400);
    state.user = u.jiaoyu;
    expect((await post(form({ agencyId: "agency-police", year: "2021", mode: "text", text: seedText("003_5f1914cbe288c934") }))).status).toBe(404);
    state.user = null;
    expect((await post(form({ agencyId: "agency-police", year: "2021", mode: "text", text: "x" }))).status).toBe(401);
  });
});
