import { describe, expect, it } from "vitest";
import { backupKey, clearBackup, readBackup, shouldOfferRestore, writeBackup, type LocalBackup } from "./local-backup";

const server = { version: 4, content: { agency: "甲", year: 2023, sections: { other: "无" } }, updatedAt: "2026-01-10T08:00:00.000Z" };

function storage() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

describe("local backup", () => {
  it("round-trips per report and ignores garbage", () => {
    const s = storage();
    const backup: LocalBackup = { version: 4, savedAt: "2026-01-10T09:00:00.000Z", content: { a: 1 }, base: { a: 0 } };
    expect(writeBackup(s, "r1", backup)).toBe(true);
    expect(readBackup(s, "r1")).toEqual(backup);
    expect(readBackup(s, "r2")).toBeNull();
    s.data.set(backupKey("r3"), "{not json");
    expect(readBackup(s, "r3")).toBeNull();
    clearBackup(s, "r1");
    expect(readBackup(s, "r1")).toBeNull();
  });

  it("reports a refused write (quota, private mode)", () => {
    const full = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); }, removeItem: () => {} };
    expect(writeBackup(full, "r1", { version: 1, savedAt: "", content: {}, base: {} })).toBe(false);
  });

  it("offers a restore only for content the server does not have that is newer", () => {
    const changed = { ...server.content, sections: { other: "本年度无其他需要报告的事项。" } };
    expect(shouldOfferRestore(null, server)).toBe(false);
    expect(shouldOfferRestore({ version: 4, savedAt: "2026-01-10T07:00:00.000Z", content: server.content, base: {} }, server)).toBe(false);
    // Never reached the server (same base version): newer by definition.
    expect(shouldOfferRestore({ version: 4, savedAt: "2026-01-10T07:00:00.000Z", content: changed, base: {} }, server)).toBe(true);
    // Based on an older version but written after the server's last save.
    expect(shouldOfferRestore({ version: 3, savedAt: "2026-01-10T09:00:00.000Z", content: changed, base: {} }, server)).toBe(true);
    // Older than what the server has since received.
    expect(shouldOfferRestore({ version: 3, savedAt: "2026-01-10T07:00:00.000Z", content: changed, base: {} }, server)).toBe(false);
  });
});
