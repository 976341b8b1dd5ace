/**
 * A report's numeric table cells as one fixed-order vector of integers: how a frozen version is
 * stored for the database to sum (ReportVersionCells, lib/server/oversight/version-cells.ts) and
 * how the roll-up adds reports up in memory. The order is the format's cells as its template
 * defines them (templateCells), named by a layout id, so the same cell is at the same position in
 * every report of a format, and a template that changes gets a new layout instead of shifting
 * stored values.
 *
 * Values are what each cell shows — the given value, or the computed one for a blank total — in
 * integer units: counts as counted, money (万元, at most 4 decimals) in 元, so sums are exact.
 */
import { TEMPLATES } from "../../templates";
import { parseCellKey } from "../report/cell-ref";
import type { PreparedReport } from "../report/prepare-report";
import { effectiveValue } from "../report/values";
import { templateCells } from "../template/cells";
import type { FormatVersion, ValueKind } from "../template/types";

/** The cells of one format in stored order. */
export interface CellLayout {
  /** `<format>:<16 hex digits of a hash of the cell ids and kinds>`. */
  id: string;
  format: FormatVersion;
  /** `table.row.col`, in template order. */
  cellIds: string[];
  kinds: ValueKind[];
  /** Position of each cell id. */
  positions: ReadonlyMap<string, number>;
}

/** One report's cells in a layout's order. */
export interface CellVector {
  layout: CellLayout;
  /** Integer units (money in 元); 0 for a blank cell. */
  values: number[];
  /** Whether the cell has a value (blank cells are 0 in `values`). */
  filled: boolean[];
}

/** 万元 with at most 4 decimals are whole 元. */
const MONEY_UNITS_PER_WAN = 10_000;

/** A cell's value in stored integer units. */
export function toStoredUnits(value: number, kind: ValueKind): number {
  return kind === "money" ? Math.round(value * MONEY_UNITS_PER_WAN) : value;
}

/** Back from stored units to the report's unit (万元 for money). */
export function fromStoredUnits(units: number, kind: ValueKind): number {
  return kind === "money" ? units / MONEY_UNITS_PER_WAN : units;
}

/** FNV-1a, 64 bits: a stable short name for a cell list (no crypto needed: layouts are few and checked). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}

const layouts = new Map<FormatVersion, CellLayout>();

/** The layout of a format's cells (computed once per format). */
export function cellLayout(format: FormatVersion): CellLayout {
  let layout = layouts.get(format);
  if (!layout) {
    const cells = [...templateCells(TEMPLATES[format]).entries()];
    const cellIds = cells.map(([id]) => id);
    const kinds = cells.map(([, def]) => def.kind);
    const id = `${format}:${fnv1a64(cells.map(([cellId, def]) => `${cellId}=${def.kind}`).join("\n"))}`;
    layout = { id, format, cellIds, kinds, positions: new Map(cellIds.map((cellId, i) => [cellId, i])) };
    layouts.set(format, layout);
  }
  return layout;
}

/** A prepared report's cells as a vector of its own format's layout. */
export function cellVector(report: PreparedReport): CellVector {
  const layout = cellLayout(report.format);
  const values: number[] = [];
  const filled: boolean[] = [];
  layout.cellIds.forEach((cellId, i) => {
    const value = effectiveValue(report, parseCellKey(cellId)!);
    values.push(value === null ? 0 : toStoredUnits(value, layout.kinds[i]));
    filled.push(value !== null);
  });
  return { layout, values, filled };
}

/** `filled` as a bit string, leftmost bit first (PostgreSQL BIT VARYING). */
export function filledBits(filled: readonly boolean[]): string {
  return filled.map((f) => (f ? "1" : "0")).join("");
}

/** Cell-wise totals in a layout's order: the sum of each cell and whether any report filled it. */
export interface CellSums {
  layout: CellLayout;
  /** Integer units, as stored. */
  values: number[];
  filled: boolean[];
  /** How many reports were added up. */
  count: number;
}

/** Adds up vectors of one layout (what the database does with SUM and bit_or). */
export function sumVectors(layout: CellLayout, vectors: readonly CellVector[]): CellSums {
  const values = layout.cellIds.map(() => 0);
  const filled = layout.cellIds.map(() => false);
  for (const vector of vectors) {
    if (vector.layout.id !== layout.id) throw new Error(`cannot add a ${vector.layout.id} vector to ${layout.id} sums`);
    vector.values.forEach((v, i) => (values[i] += v));
    vector.filled.forEach((f, i) => (filled[i] ||= f));
  }
  return { layout, values, filled, count: vectors.length };
}

/** Each cell's total in the report's unit (万元 for money), null where no report filled it. */
export function sumsByCell(sums: CellSums): Map<string, number | null> {
  return new Map(sums.layout.cellIds.map((cellId, i) => [cellId, sums.filled[i] ? fromStoredUnits(sums.values[i], sums.layout.kinds[i]) : null]));
}
