import { expect, it } from "vitest";
import { makeZodJitless } from "./zod-jitless";

it("sets zod's own jitless flag without importing zod", async () => {
  const global = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  const before = global.__zod_globalConfig ? { ...global.__zod_globalConfig } : undefined;
  try {
    makeZodJitless();
    const { config } = await import("zod/v4/core");
    expect(config().jitless).toBe(true);
    // And zod's own setter writes into the same object (so ours is not shadowed by a copy).
    config({ jitless: false });
    expect(global.__zod_globalConfig?.jitless).toBe(false);
    // Set again once zod is loaded: zod holds the object, so it must be changed, not replaced.
    makeZodJitless();
    expect(config().jitless).toBe(true);
  } finally {
    global.__zod_globalConfig = Object.assign(global.__zod_globalConfig ?? {}, before ?? { jitless: undefined });
  }
});
