import "server-only";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { fromStoredUnits } from "../../oversight/cell-vector";
import { indicatorCellIds, indicatorMatrix, indicatorValues, type IndicatorRow, type IndicatorValues } from "../../oversight/indicators";
import { chooseVersions, excludeUnreadable, rollUpFormat, type RollUpBasis, type RollUpCoverage } from "../../oversight/roll-up";
import type { FormatVersion, ValueKind } from "../../template/types";
import type { CurrentUser } from "../authz";
import type { RollUpOptions } from "./load-roll-up";
import { oversightScope, type OversightScope } from "./oversight-scope";
import { reportCandidates } from "./report-candidates";
import { backfillVersionCells } from "./version-cells";

/**
 * The key indicators of versions, read from the stored cells: only the few positions the
 * indicators need (subscripts of the fixed-width arrays), never the content. Versions without
 * stored cells are missing from the result.
 */
async function storedIndicators(prisma: PrismaClient, format: FormatVersion, versionIds: readonly string[]): Promise<Map<string, IndicatorValues>> {
  const result = new Map<string, IndicatorValues>();
  if (versionIds.length === 0) return result;
  const wanted = indicatorCellIds(format);
  for (const layout of await prisma.cellLayout.findMany({ where: { format }, select: { id: true, cellIds: true, kinds: true } })) {
    const cells = wanted.map((cellId) => ({ cellId, at: layout.cellIds.indexOf(cellId) })).filter((c) => c.at >= 0);
    if (!cells.length) continue;
    // Subscripts only: positions from the layout, never input.
    const values = Prisma.raw(cells.map((c) => `c."values"[${c.at + 1}]`).join(", "));
    const bits = Prisma.raw(cells.map((c) => `get_bit(c."filled", ${c.at})`).join(", "));
    const rows = await prisma.$queryRaw<{ versionId: string; values: string; filled: string }[]>`
      SELECT c."versionId", array_to_string(ARRAY[${values}], ',') AS "values", array_to_string(ARRAY[${bits}], ',') AS "filled"
      FROM unnest(${[...versionIds]}::text[]) AS v("id")
      JOIN "ReportVersionCells" c ON c."versionId" = v."id"
      WHERE c."layoutId" = ${layout.id}`;
    for (const row of rows) {
      const numbers = row.values.split(",").map(Number);
      const filled = row.filled.split(",");
      const byCell = new Map(cells.map((c, i) => [c.cellId, filled[i] === "1" ? fromStoredUnits(numbers[i], layout.kinds[c.at] as ValueKind) : null]));
      result.set(row.versionId, indicatorValues(format, (cellId) => byCell.get(cellId) ?? null));
    }
  }
  return result;
}

/** One year's chosen versions and their indicators (cells given first to versions without). */
async function yearIndicators(prisma: PrismaClient, scope: OversightScope, year: number, basis: RollUpBasis) {
  const format = rollUpFormat(year);
  const chosen = chooseVersions(reportCandidates(scope, year), { format, basis });
  const ids = chosen.included.map((i) => i.version.id);
  let values = await storedIndicators(prisma, format, ids);
  if (values.size < ids.length) {
    await backfillVersionCells(prisma, ids);
    values = await storedIndicators(prisma, format, ids);
  }
  const coverage = excludeUnreadable(chosen, new Set(ids.filter((id) => !values.has(id))));
  return { coverage, byAgency: new Map(coverage.included.map((i) => [i.agency.id, values.get(i.version.id)!])) };
}

export interface IndicatorMatrix {
  year: number;
  /** What the selection is called, e.g. 示例市人民政府及下属机关. */
  title: string;
  coverage: RollUpCoverage;
  /** One row per included agency, in tree order. */
  rows: IndicatorRow[];
}

/**
 * The agencies × key indicators matrix for a year over the user's scope or a selection in it
 * (same authorization and choice of versions as the roll-up), with each agency's change against
 * its own previous year (chosen the same way) and the outlier flags.
 */
export async function loadIndicatorMatrix(prisma: PrismaClient, user: CurrentUser, options: RollUpOptions): Promise<IndicatorMatrix> {
  const scope = await oversightScope(prisma, user, options, [options.year, options.year - 1]);
  const basis = options.basis ?? "published";
  const current = await yearIndicators(prisma, scope, options.year, basis);
  const previous = await yearIndicators(prisma, scope, options.year - 1, basis);
  const inputs = current.coverage.included.map((included) => ({
    agency: included.agency,
    current: current.byAgency.get(included.agency.id)!,
    previous: previous.byAgency.get(included.agency.id) ?? null,
  }));
  return { year: options.year, title: scope.title, coverage: current.coverage, rows: indicatorMatrix(inputs) };
}
