import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../test-support/test-database";
import { DataDirLockedError } from "./data-dir-lock";
import { applyMigrations, listMigrations } from "./migrate";
import { openDatabase } from "./open-database";

describe("the embedded database directory", () => {
  it("may be opened by one holder at a time, and again after it is closed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gov-report-lock-"));
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(/数据目录 .* 已被另一个进程（PID \d+）打开/);
    await first.prisma.agency.create({ data: { id: "a", name: "示例市人民政府", slug: "shili" } });
    await first.close();
    expect(existsSync(join(dir, "gov-report.lock"))).toBe(false);
    const again = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(await again.prisma.agency.count()).toBe(1);
    await again.close();
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gov-report-lock-"));
    writeFileSync(join(dir, "gov-report.lock"), "999999");
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    await db.close();
  });
});

describe.each(["pglite", "postgresql"] as const)("the migration runner [%s]", (kind) => {
  it("applies nothing twice and leaves nothing half-applied when a migration fails", async () => {
    const { db, dispose } = await openTestDatabase(kind);
    try {
      expect(await applyMigrations(db.sql)).toEqual([]);
      const applied = await db.sql.query<{ name: string }>(`SELECT "name" FROM "_gov_report_migrations" ORDER BY "name"`);
      expect(applied.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));

      const dir = mkdtempSync(join(tmpdir(), "gov-report-migrations-"));
      mkdirSync(join(dir, "20990101000000_broken"));
      writeFileSync(join(dir, "20990101000000_broken", "migration.sql"), `CREATE TABLE "Half" ("id" TEXT); SELECT no_such_function();`);
      await expect(applyMigrations(db.sql, dir)).rejects.toThrow();
      const half = await db.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
      expect(half).toEqual([]);
      const recorded = await db.sql.query(`SELECT 1 FROM "_gov_report_migrations" WHERE "name" = '20990101000000_broken'`);
      expect(recorded).toEqual([]);
    } finally {
      await dispose();
    }
  });
});
