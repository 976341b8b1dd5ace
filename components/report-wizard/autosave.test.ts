import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TReportInput } from "@/lib/report/schema";
import { AUTOSAVE_DELAY_MS, AutosaveController } from "./autosave";
import { backupKey } from "./local-backup";

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  } as unknown as Storage & { data: Map<string, string> };
}

const base: TReportInput = { agency: "示例市公安局", year: 2023, sections: { overview: [], problems: "", other: "" }, tables: {} };

interface Call {
  body: { version: number; content: TReportInput };
  resolve: (response: Response) => void;
}

function setup() {
  let values: TReportInput = structuredClone(base);
  const calls: Call[] = [];
  const storage = memoryStorage();
  const fetchImpl = vi.fn(
    (_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((resolve) => calls.push({ body: JSON.parse(String(init!.body)), resolve })),
  ) as unknown as typeof fetch;
  const applied: TReportInput[] = [];
  const controller = new AutosaveController({
    reportId: "r1",
    version: 3,
    content: structuredClone(base),
    savedAt: "2026-01-01T00:00:00.000Z",
    getValues: () => values,
    applyValues: (content) => {
      values = structuredClone(content);
      applied.push(content);
    },
    storage,
    fetchImpl,
  });
  const change = (mutate: (v: TReportInput) => void) => {
    values = structuredClone(values);
    mutate(values);
    controller.notifyChange();
  };
  return { controller, calls, storage, change, applied, values: () => values };
}

const ok = (version: number) => Response.json({ version, savedAt: "2026-01-01T08:00:00.000Z" });
const flushPromises = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("AutosaveController", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, 800 ms after the last of several changes, and clears the local backup", async () => {
    const { controller, calls, storage, change } = setup();
    change((v) => (v.sections!.problems = "一"));
    vi.advanceTimersByTime(500);
    change((v) => (v.sections!.problems = "一二"));
    expect(storage.data.has(backupKey("r1"))).toBe(true);
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toMatchObject({ version: 3, content: { sections: { problems: "一二" } } });
    calls[0].resolve(ok(4));
    await vi.runAllTimersAsync();
    expect(controller.getSnapshot().status).toBe("saved");
    expect(storage.data.has(backupKey("r1"))).toBe(false);
  });

  it("keeps one save in flight and sends the latest content right after it", async () => {
    const { controller, calls, change } = setup();
    change((v) => (v.sections!.problems = "A"));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(calls).toHaveLength(1);
    change((v) => (v.sections!.problems = "AB"));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    change((v) => (v.sections!.problems = "ABC"));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(calls).toHaveLength(1);
    calls[0].resolve(ok(4));
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(2);
    expect(calls[1].body).toMatchObject({ version: 4, content: { sections: { problems: "ABC" } } });
    calls[1].resolve(ok(5));
    await vi.runAllTimersAsync();
    expect(controller.getSnapshot().status).toBe("saved");
  });

  it("flush() saves at once and resolves when the server has the latest content", async () => {
    const { controller, calls, change } = setup();
    change((v) => (v.sections!.other = "无"));
    const done = controller.flush();
    await flushPromises();
    expect(calls).toHaveLength(1);
    calls[0].resolve(ok(4));
    expect((await done).status).toBe("saved");
  });

  it("stops on a conflict and merges: theirs where I changed nothing, mine where I did, saved on their version", async () => {
    const { controller, calls, change, values } = setup();
    change((v) => (v.sections!.problems = "我写的问题"));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    const theirs = { ...structuredClone(base), sections: { overview: [], problems: "", other: "同事写的：无" } };
    calls[0].resolve(
      Response.json(
        { error: { code: "CONFLICT", message: "贾瑜已在 2026/1/1 08:00 修改了本报告。", currentVersion: 7, updatedBy: "贾瑜", updatedAt: "2026-01-01T00:00:00.000Z", content: theirs } },
        { status: 409 },
      ),
    );
    await vi.runAllTimersAsync();
    const state = controller.getSnapshot();
    expect(state.status).toBe("conflict");
    expect(state.conflict).toMatchObject({ currentVersion: 7, updatedBy: "贾瑜" });
    // Autosave has stopped: further typing is kept locally but not sent.
    change((v) => (v.sections!.problems = "我写的问题，补充"));
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(1);

    const preview = controller.previewMerge()!;
    expect(preview.localChanges).toEqual(["sections.problems"]);
    const merging = controller.merge();
    await flushPromises();
    expect(calls).toHaveLength(2);
    expect(calls[1].body.version).toBe(7);
    expect(calls[1].body.content.sections).toEqual({ overview: [], problems: "我写的问题，补充", other: "同事写的：无" });
    expect(values().sections!.other).toBe("同事写的：无");
    calls[1].resolve(ok(8));
    await merging;
    expect(controller.getSnapshot().status).toBe("saved");
  });

  it("reload takes the server's version and drops local changes", async () => {
    const { controller, calls, change, applied, storage } = setup();
    change((v) => (v.sections!.problems = "我的"));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    const theirs = { ...structuredClone(base), sections: { overview: [], problems: "他们的", other: "" } };
    calls[0].resolve(Response.json({ error: { code: "CONFLICT", message: "x", currentVersion: 9, updatedBy: null, updatedAt: "2026-01-01T00:00:00.000Z", content: theirs } }, { status: 409 }));
    await vi.runAllTimersAsync();
    controller.reload();
    expect(applied.at(-1)).toEqual(theirs);
    expect(controller.getSnapshot()).toMatchObject({ status: "saved", conflict: null });
    expect(storage.data.has(backupKey("r1"))).toBe(false);
    change((v) => (v.sections!.other = "无"));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(calls.at(-1)!.body.version).toBe(9);
  });

  it("shows the server's message on 400 and keeps the backup on a network failure", async () => {
    const { controller, calls, change, storage } = setup();
    change((v) => (v.sections!.problems = "x"));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    calls[0].resolve(Response.json({ error: { code: "INVALID", message: "报告内容格式不正确：date" } }, { status: 400 }));
    await vi.runAllTimersAsync();
    expect(controller.getSnapshot()).toMatchObject({ status: "invalid", message: "报告内容格式不正确：date" });

    const failing = setup();
    (failing.controller as unknown as { fetchImpl: typeof fetch }).fetchImpl = () => Promise.reject(new TypeError("network"));
    failing.change((v) => (v.sections!.problems = "y"));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(failing.controller.getSnapshot()).toMatchObject({ status: "failed", backedUp: true });
    expect(failing.storage.data.has(backupKey("r1"))).toBe(true);
    expect(storage).toBeDefined();
  });

  it("does not retry content the server refuses (400 naming the field, 413 too large) until the next change", async () => {
    for (const [status, message] of [
      [400, "「content.sections.problems」含有不可见的控制字符（U+0000），请删除后再保存。"],
      [413, "提交的内容超过 1 MB，无法保存。"],
    ] as const) {
      const { controller, calls, change } = setup();
      change((v) => (v.sections!.problems = "x"));
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
      calls[0].resolve(Response.json({ error: { code: status === 400 ? "INVALID" : "TOO_LARGE", message } }, { status }));
      await vi.runAllTimersAsync();
      expect(controller.getSnapshot()).toMatchObject({ status: "invalid", message });
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(calls).toHaveLength(1);
      change((v) => (v.sections!.problems = "y"));
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
      expect(calls).toHaveLength(2);
    }
  });

  it("stops for good when the report was submitted meanwhile (409 without a version)", async () => {
    const { controller, calls, change } = setup();
    change((v) => (v.sections!.problems = "x"));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    calls[0].resolve(Response.json({ error: { code: "CONFLICT", message: "报告已提交审核，不能再修改。", status: "SUBMITTED" } }, { status: 409 }));
    await vi.runAllTimersAsync();
    expect(controller.getSnapshot()).toMatchObject({ status: "locked", message: "报告已提交审核，不能再修改。" });
    change((v) => (v.sections!.problems = "y"));
    await vi.runAllTimersAsync();
    expect(calls).toHaveLength(1);
  });
});
