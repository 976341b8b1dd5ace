import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The two things the runner needs from a driver (PGlite or pg). */
export interface SqlExecutor {
  /** Runs one or more statements. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction on one connection. */
  transaction(fn: (tx: Pick<SqlExecutor, "exec" | "query">) => Promise<void>): Promise<void>;
}

// Read at run time from the project folder; the ignore comment keeps Turbopack from tracing it.
export const MIGRATIONS_DIR = join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

/** Migration folders in order: prisma/migrations/<timestamp>_<name>/migration.sql. */
export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name, "migration.sql"), "utf8") }));
}

/**
 * Applies pending migrations, each in its own transaction together with its bookkeeping row, so
 * a failing migration leaves nothing half-applied. Returns the names applied.
 */
export async function applyMigrations(db: SqlExecutor, dir = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "_gov_report_migrations" (
    "name" TEXT PRIMARY KEY,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
  )`);
  const done = new Set((await db.query<{ name: string }>(`SELECT "name" FROM "_gov_report_migrations"`)).map((r) => r.name));
  const applied: string[] = [];
  for (const migration of listMigrations(dir)) {
    if (done.has(migration.name)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO "_gov_report_migrations" ("name") VALUES ($1)`, [migration.name]);
    });
    applied.push(migration.name);
  }
  return applied;
}
