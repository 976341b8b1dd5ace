import "server-only";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { cellLayout, type CellSums } from "../../oversight/cell-vector";
import { buildRollUp, chooseVersions, excludeUnreadable, rollUpFormat, type RollUp, type RollUpBasis } from "../../oversight/roll-up";
import { applyRuleLevels } from "../../rules/rule-levels";
import type { FormatVersion } from "../../template/types";
import type { CurrentUser } from "../authz";
import { oversightScope, type OversightSelection } from "./oversight-scope";
import { reportCandidates } from "./report-candidates";
import { loadRuleLevels } from "../rules/rule-levels";
import { backfillVersionCells, versionsWithoutCells } from "./version-cells";

/**
 * Sums the stored cells of versions in the database: for each stored layout of the format, one
 * `SUM("values"[i])` per cell and `bit_or("filled")` over the fixed-width arrays (see migration
 * 20261202041000_cell_values), merged by cell id into the format's current layout. No version
 * content is read. `counted` says how many of the versions had stored cells.
 */
export async function sumVersionCells(prisma: PrismaClient, format: FormatVersion, versionIds: readonly string[]): Promise<{ sums: CellSums; counted: number }> {
  const target = cellLayout(format);
  const sums: CellSums = { layout: target, values: target.cellIds.map(() => 0), filled: target.cellIds.map(() => false), count: 0 };
  if (versionIds.length === 0) return { sums, counted: 0 };
  const layouts = await prisma.cellLayout.findMany({ where: { format }, select: { id: true, cellIds: true } });
  for (const layout of layouts) {
    // Subscripts only (1-based positions of the layout): numbers, never input.
    const columns = Prisma.raw(layout.cellIds.map((_, i) => `SUM(c."values"[${i + 1}])`).join(", "));
    const [row] = await prisma.$queryRaw<{ count: number; sums: string | null; filled: string | null }[]>`
      SELECT count(*)::int AS "count", array_to_string(ARRAY[${columns}], ',') AS "sums", bit_or(c."filled")::text AS "filled"
      FROM unnest(${[...versionIds]}::text[]) AS v("id")
      JOIN "ReportVersionCells" c ON c."versionId" = v."id"
      WHERE c."layoutId" = ${layout.id}`;
    if (!row || row.count === 0) continue;
    const values = row.sums!.split(",").map(Number);
    layout.cellIds.forEach((cellId, i) => {
      const at = target.positions.get(cellId);
      if (at === undefined) return;
      sums.values[at] += values[i];
      sums.filled[at] ||= row.filled![i] === "1";
    });
    sums.count += row.count;
  }
  return { sums, counted: sums.count };
}

/**
 * Sums the versions, first giving cells to any that have none (frozen before cells were stored,
 * or by a path that does not store them); returns the versions whose content cannot be read.
 */
async function sumWithBackfill(prisma: PrismaClient, format: FormatVersion, versionIds: readonly string[]) {
  let result = await sumVersionCells(prisma, format, versionIds);
  let unreadable = new Set<string>();
  if (result.counted < versionIds.length) {
    await backfillVersionCells(prisma, versionIds);
    result = await sumVersionCells(prisma, format, versionIds);
    if (result.counted < versionIds.length) unreadable = await versionsWithoutCells(prisma, versionIds);
  }
  return { sums: result.sums, unreadable };
}

export interface RollUpOptions extends OversightSelection {
  year: number;
  /** Each agency's latest published version (default) or its latest submitted one. */
  basis?: RollUpBasis;
}

export interface LoadedRollUp extends RollUp {
  /** What the selection is called, e.g. 示例市人民政府及下属机关 (also the total's agency name). */
  title: string;
}

/**
 * The roll-up (汇总) of tables 2, 3 and 4 for a year over the user's scope or a selection in it:
 * reviewers their subtree, admins all, editors nothing; agencies outside the scope are refused
 * (oversightScope). Summed by the database; the total is re-checked with the balance rules (at
 * the deployment's levels) and comes with the agencies included, missing and excluded.
 */
export async function loadRollUp(prisma: PrismaClient, user: CurrentUser, options: RollUpOptions): Promise<LoadedRollUp> {
  const scope = await oversightScope(prisma, user, options, [options.year]);
  const basis = options.basis ?? "published";
  const format = rollUpFormat(options.year);
  const chosen = chooseVersions(reportCandidates(scope, options.year), { format, basis });
  const { sums, unreadable } = await sumWithBackfill(prisma, format, chosen.included.map((i) => i.version.id));
  const coverage = excludeUnreadable(chosen, unreadable);
  const rollUp = buildRollUp({ title: scope.title, year: options.year, basis, coverage, sums });
  return { ...rollUp, findings: applyRuleLevels(rollUp.findings, await loadRuleLevels(prisma)), title: scope.title };
}
