import { describe, expect, it } from "vitest";
import { parseServerTiming, PhaseTimer } from "./server-timing";

describe("PhaseTimer", () => {
  it("names each phase with the time since the previous lap, and the total", () => {
    const clock = [10, 13.04, 13.5, 20];
    const timer = new PhaseTimer(() => clock.shift()!);
    timer.lap("auth");
    timer.lap("write");
    const header = timer.header();
    expect(header).toBe("auth;dur=3.0, write;dur=0.5, total;dur=10.0");
    expect(parseServerTiming(header)).toEqual({ auth: 3, write: 0.5, total: 10 });
  });

  it("reads nothing from a missing or foreign header", () => {
    expect(parseServerTiming(null)).toEqual({});
    expect(parseServerTiming('cache;desc="hit"')).toEqual({});
  });
});
