import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "../authz";
import { AppError } from "../errors";

const signedIn = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock("../session", () => ({
  requireUser: async () => {
    if (!signedIn.user) throw new AppError("UNAUTHENTICATED");
    return signedIn.user;
  },
}));
vi.mock("../db", () => ({ getPrisma: async () => ({}) }));

const { defineAction } = await import("./define-action");
const { defineRoute } = await import("./define-route");

const editor: CurrentUser = { id: "u1", name: "田宝", username: "tianbao", role: "EDITOR", agencyId: "police" };
const admin: CurrentUser = { id: "u2", name: "管理", username: "admin", role: "ADMIN", agencyId: null };

describe("defineAction", () => {
  const run = vi.fn(async ({ input }: { input: { name: string } }) => ({ message: `已保存「${input.name}」。` }));
  const action = defineAction({ input: z.object({ name: z.string().min(2, "请填写名称。") }), permission: "admin.manage", run });

  beforeEach(() => {
    run.mockClear();
    signedIn.user = admin;
  });

  it("runs the domain function with the parsed input for a permitted user", async () => {
    expect(await action({ name: "示例局" })).toEqual({ ok: true, message: "已保存「示例局」。" });
    expect(run).toHaveBeenCalledOnce();
  });

  it("refuses a user whose role lacks the permission, before parsing or running anything", async () => {
    signedIn.user = editor;
    expect(await action({ name: "示例局" })).toMatchObject({ ok: false, code: "FORBIDDEN", message: "只有管理员可以管理机关和账号。" });
    signedIn.user = null;
    expect(await action({ name: "示例局" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(run).not.toHaveBeenCalled();
  });

  it("answers invalid input with field messages, and hostile input before the schema", async () => {
    expect(await action({ name: "x" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: "请填写名称。" } });
    expect(await action({ name: "示例\u0000局" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: expect.stringContaining("控制字符") } });
    const form = new FormData();
    form.set("name", "表单局");
    expect(await action(form)).toEqual({ ok: true, message: "已保存「表单局」。" });
    expect(run).toHaveBeenCalledOnce();
  });

  it("answers an unexpected error with the generic message, never its text", async () => {
    const failing = defineAction({ input: z.object({}), permission: "self", run: async () => Promise.reject(new Error("connection to 10.0.0.5 refused")) });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await failing({});
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).not.toContain("10.0.0.5");
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe("defineRoute", () => {
  const run = vi.fn(async ({ body }: { body: { version: number } }) => Response.json({ version: body.version + 1 }));
  const route = defineRoute({ params: z.object({ id: z.string().regex(/^[a-z0-9-]+$/) }), body: z.object({ version: z.number() }), permission: "report.edit", run });
  const call = (body: BodyInit, id = "r1") => route(new Request("http://localhost/api/x", { method: "PUT", body }), { params: Promise.resolve({ id }) });

  beforeEach(() => {
    run.mockClear();
    signedIn.user = editor;
  });

  it("parses params and body and runs", async () => {
    const response = await call(JSON.stringify({ version: 3 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ version: 4 });
  });

  it("refuses a role without the permission with 403 and never runs", async () => {
    signedIn.user = admin;
    expect((await call(JSON.stringify({ version: 3 }))).status).toBe(403);
    expect(run).not.toHaveBeenCalled();
  });

  it("answers malformed ids 404, bad bodies 400 and huge bodies 413, naming the field", async () => {
    expect((await call(JSON.stringify({ version: 3 }), "%00")).status).toBe(404);
    expect((await call("{")).status).toBe(400);
    const missing = await call(JSON.stringify({}));
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.fieldErrors).toHaveProperty("version");
    expect((await call(new Uint8Array([0x7b, 0xff, 0x7d]))).status).toBe(400);
    expect((await call(`{"version":1,"x":"${"a".repeat(1_100_000)}"}`)).status).toBe(413);
    expect((await call(JSON.stringify({ version: 1, x: "\u0000" }))).status).toBe(400);
    expect(run).not.toHaveBeenCalled();
  });
});
