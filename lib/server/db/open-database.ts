import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client";
import { lockDataDir } from "./data-dir-lock";
import { applyMigrations, type SqlExecutor } from "./migrate";

export interface Database {
  prisma: PrismaClient;
  sql: SqlExecutor;
  kind: "pglite" | "postgresql";
  /** Where the data lives, for the startup message. */
  location: string;
  close(): Promise<void>;
}

export type DatabaseOptions = { kind: "pglite"; dataDir?: string } | { kind: "postgresql"; url: string };

function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    transaction: async (fn) =>
      void (await db.transaction(async (tx) =>
        fn({ exec: async (sql) => void (await tx.exec(sql)), query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows }),
      )),
  };
}

function pgExecutor(pool: pg.Pool): SqlExecutor {
  return {
    exec: async (sql) => void (await pool.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await fn({ exec: async (sql) => void (await client.query(sql)), query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[] });
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/**
 * Opens the database and brings its schema up to date: PGlite in a data directory (one process
 * per directory, guarded by a lock; in memory when dataDir is "memory://") or PostgreSQL.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === "postgresql") {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection the server closes (restart, DROP DATABASE … FORCE: code 57P01) must not
    // crash the process; the pool replaces it on the next query.
    pool.on("error", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") console.error(`[gov-report] PostgreSQL connection error: ${error.message}`);
    });
    const sql = pgExecutor(pool);
    await applyMigrations(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      sql,
      kind: "postgresql",
      location: options.url.replace(/\/\/[^@/]*@/, "//***@"),
      close: async () => {
        await prisma.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }
  const dataDir = options.dataDir ?? "./data";
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    const pglite = new PGlite(inMemory ? undefined : dataDir);
    await pglite.waitReady;
    const sql = pgliteExecutor(pglite);
    await applyMigrations(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      sql,
      kind: "pglite",
      location: inMemory ? "memory" : dataDir,
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
