import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { createAuth, type Auth } from "../auth/auth";
import { openDatabase, type Database } from "../db/open-database";

/** Server for PostgreSQL integration tests; CI starts the local one (.ci/run). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

export type DatabaseKind = Database["kind"];

export interface TestDatabase {
  db: Database;
  auth: Auth;
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function openTestDatabase(kind: DatabaseKind): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    return { db, dispose: () => db.close() };
  }
  const name = `gov_report_it_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (start it, or set TEST_POSTGRES_URL): ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgresql", url: url.toString() });
  return {
    db,
    dispose: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * Runs a suite once on PGlite and once on PostgreSQL, each with its own fresh database and auth
 * instance. `get()` returns them inside tests.
 */
export function describeEachDatabase(title: string, suite: (get: () => TestDatabase, kind: DatabaseKind) => void) {
  for (const kind of ["pglite", "postgresql"] as const) {
    describe(`${title} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      let dispose: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const opened = await openTestDatabase(kind);
        dispose = opened.dispose;
        current = { db: opened.db, auth: createAuth(opened.db.prisma) };
      });
      afterAll(async () => {
        await dispose?.();
      });
      suite(() => {
        if (!current) throw new Error("test database not open");
        return current;
      }, kind);
    });
  }
}
