import "server-only";
import type { PrismaClient } from "../../generated/prisma/client";
import { cellLayout, fromStoredUnits, type CellLayout } from "../../oversight/cell-vector";
import type { IncludedAgency } from "../../oversight/roll-up";
import type { FormatVersion, ValueKind } from "../../template/types";

/** One agency's row of the 各机关数据 export: every cell of the format, in the layout's order. */
export interface AgencyCellsRow {
  agency: { id: string; name: string };
  versionNumber: number;
  /** Report units (万元 for money); null for a blank cell. */
  values: (number | null)[];
}

export interface AgencyCells {
  layout: CellLayout;
  rows: AgencyCellsRow[];
}

/** How many versions' cells one statement reads. */
const BATCH = 2_000;

/**
 * The stored cells (ReportVersionCells) of a roll-up's included versions, one row per agency in
 * the roll-up's order, each in the format's current layout (a version stored under an older layout
 * of the format is mapped by cell id; a cell that layout lacks is blank). No content is read.
 * Versions without stored cells were given them when the roll-up was summed (loadRollUp).
 */
export async function loadAgencyCells(prisma: PrismaClient, format: FormatVersion, included: readonly IncludedAgency[]): Promise<AgencyCells> {
  const layout = cellLayout(format);
  const stored = new Map<string, { layoutId: string; values: string; filled: string }>();
  const ids = included.map((i) => i.version.id);
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await prisma.$queryRaw<{ versionId: string; layoutId: string; values: string; filled: string }[]>`
      SELECT c."versionId", c."layoutId", array_to_string(c."values", ',') AS "values", c."filled"::text AS "filled"
      FROM unnest(${ids.slice(i, i + BATCH)}::text[]) AS v("id")
      JOIN "ReportVersionCells" c ON c."versionId" = v."id"`;
    for (const row of rows) stored.set(row.versionId, row);
  }
  const otherLayouts = new Map<string, { cellIds: string[]; kinds: string[] }>();
  for (const id of new Set([...stored.values()].map((s) => s.layoutId).filter((id) => id !== layout.id))) {
    const found = await prisma.cellLayout.findUnique({ where: { id }, select: { cellIds: true, kinds: true } });
    if (found) otherLayouts.set(id, found);
  }
  const rows: AgencyCellsRow[] = [];
  for (const item of included) {
    const cells = stored.get(item.version.id);
    const values: (number | null)[] = layout.cellIds.map(() => null);
    if (cells) {
      const numbers = cells.values.split(",");
      const source = cells.layoutId === layout.id ? layout : otherLayouts.get(cells.layoutId);
      source?.cellIds.forEach((cellId, at) => {
        const to = layout.positions.get(cellId);
        if (to === undefined || cells.filled[at] !== "1") return;
        values[to] = fromStoredUnits(Number(numbers[at]), source.kinds[at] as ValueKind);
      });
    }
    rows.push({ agency: item.agency, versionNumber: item.version.number, values });
  }
  return { layout, rows };
}
