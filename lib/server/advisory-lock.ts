import "server-only";
import type { Prisma } from "../generated/prisma/client";

/** Arbitrary constants naming the advisory locks; one per invariant that spans several rows. */
const LOCKS = {
  /** Re-parentings: two concurrent moves could each pass the cycle check and together form a cycle. */
  "agency-tree": 7_246_001,
  /** Role changes: two admins demoting each other at once could leave the system without one. */
  "admin-roles": 7_246_002,
  /** Rule levels: two admins saving at once must each audit the changes against the rows the other left. */
  "rule-levels": 7_246_003,
} as const;

/**
 * Takes a transaction-scoped PostgreSQL advisory lock (released at commit or rollback), so the
 * check and the write of such an invariant run one transaction at a time. PGlite supports it too.
 */
export async function takeAdvisoryLock(tx: Prisma.TransactionClient, lock: keyof typeof LOCKS): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCKS[lock]})::text AS locked`);
}
