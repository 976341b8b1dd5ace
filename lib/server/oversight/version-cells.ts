import "server-only";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { cellVector, filledBits, type CellLayout } from "../../oversight/cell-vector";
import { prepareReport } from "../../report/prepare-report";

type Db = PrismaClient | Prisma.TransactionClient;

async function ensureLayout(db: Db, layout: CellLayout): Promise<void> {
  // Layouts are few and never change: the first version of a format writes its row.
  await db.cellLayout.createMany({ data: [{ id: layout.id, format: layout.format, cellIds: layout.cellIds, kinds: layout.kinds }], skipDuplicates: true });
}

/**
 * Stores a frozen version's table cells for the database to sum (ReportVersionCells): call it in
 * the transaction that creates the ReportVersion, with the content frozen. Content that does not
 * validate stores nothing (the roll-up then lists the version as unreadable); a version already
 * stored is left as it is.
 */
export async function recordVersionCells(db: Db, versionId: string, content: unknown): Promise<boolean> {
  const prepared = prepareReport(content);
  if (!prepared.ok) return false;
  const vector = cellVector(prepared.report);
  await ensureLayout(db, vector.layout);
  await db.reportVersionCells.createMany({
    data: [{ versionId, layoutId: vector.layout.id, values: vector.values.map(BigInt), filled: filledBits(vector.filled) }],
    skipDuplicates: true,
  });
  return true;
}

/** Which of these versions have no stored cells. */
export async function versionsWithoutCells(prisma: PrismaClient, versionIds: readonly string[]): Promise<Set<string>> {
  if (versionIds.length === 0) return new Set();
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT t."id" FROM unnest(${[...versionIds]}::text[]) AS t("id")
    WHERE NOT EXISTS (SELECT 1 FROM "ReportVersionCells" c WHERE c."versionId" = t."id")`;
  return new Set(rows.map((r) => r.id));
}

/** How many versions' content a backfill reads at a time. */
const BACKFILL_BATCH = 200;

/**
 * Writes the cells of frozen versions that have none — versions frozen before cells were stored,
 * or by a path that does not store them — among `versionIds` (or all). Versions are immutable, so
 * doing this late gives the same rows as doing it at freezing; two processes doing it at once
 * both succeed (the second insert is skipped). Returns how many versions got cells.
 */
export async function backfillVersionCells(prisma: PrismaClient, versionIds?: readonly string[]): Promise<number> {
  const missing = versionIds
    ? [...(await versionsWithoutCells(prisma, versionIds))].map((id) => ({ id }))
    : await prisma.$queryRaw<{ id: string }[]>`
        SELECT v."id" FROM "ReportVersion" v
        WHERE NOT EXISTS (SELECT 1 FROM "ReportVersionCells" c WHERE c."versionId" = v."id")`;
  let written = 0;
  for (let i = 0; i < missing.length; i += BACKFILL_BATCH) {
    const batch = await prisma.reportVersion.findMany({ where: { id: { in: missing.slice(i, i + BACKFILL_BATCH).map((m) => m.id) } }, select: { id: true, content: true } });
    for (const version of batch) if (await recordVersionCells(prisma, version.id, version.content)) written++;
  }
  return written;
}
