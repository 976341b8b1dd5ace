import "server-only";
import { join } from "node:path";
import { openDatabase, type Database } from "./open-database";

/** Where the embedded database lives; DATA_DIR overrides ./data. */
export function dataDir(): string {
  return process.env.DATA_DIR ?? join(process.cwd(), "data");
}

const globalForDb = globalThis as unknown as { govReportDb?: Promise<Database> };

/**
 * The process-wide database, opened (and migrated) on first use — never at import time, so
 * `next build` does not touch it. PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR.
 */
export function getDatabase(): Promise<Database> {
  globalForDb.govReportDb ??= openDatabase(
    process.env.DATABASE_URL ? { kind: "postgresql", url: process.env.DATABASE_URL } : { kind: "pglite", dataDir: dataDir() },
  ).catch((error) => {
    globalForDb.govReportDb = undefined;
    throw error;
  });
  return globalForDb.govReportDb;
}

export async function getPrisma() {
  return (await getDatabase()).prisma;
}
