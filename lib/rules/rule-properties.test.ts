import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import type { TReportInput } from "../report/schema";
import { effectiveValue } from "../report/values";
import { checkReport } from "./check-report";

const years = fc.integer({ min: 2019, max: 2030 });
const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

function prepared(input: TReportInput) {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

/** Numeric cells of the balanced tables (3 and 4) of a report. */
function balancedCells(input: TReportInput) {
  return [...prepared(input).cells.values()].map((c) => c.def).filter((d) => d.table !== "proactive");
}

function withCell(input: TReportInput, table: string, row: string, col: string, value: number): TReportInput {
  const copy = structuredClone(input) as unknown as { tables: Record<string, Record<string, Record<string, number>>> };
  copy.tables[table][row] ??= {};
  copy.tables[table][row][col] = value;
  return copy as unknown as TReportInput;
}

describe("rule engine properties", () => {
  it("finds nothing in any balanced, complete report", () => {
    fc.assert(
      fc.property(years, seeds, fc.boolean(), (year, seed, withTotals) => {
        expect(checkReport(prepared(buildSampleReport({ year, seed, withTotals })))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("finds any single-cell change in a balanced published report, on that cell", () => {
    fc.assert(
      fc.property(years, seeds, fc.nat(), fc.integer({ min: 1, max: 50 }), fc.boolean(), (year, seed, pick, delta, down) => {
        const input = buildSampleReport({ year, seed, withTotals: true });
        const cells = balancedCells(input);
        const cell = cells[pick % cells.length];
        const current = effectiveValue(prepared(input), cell) ?? 0;
        const changed = withCell(input, cell.table, cell.row, cell.col, down && current >= delta ? current - delta : current + delta);
        const errors = checkReport(prepared(changed)).filter((f) => f.severity === "error");
        const hit = errors.some((f) => f.cells.some((c) => c.table === cell.table && c.row === cell.row && c.col === cell.col));
        expect(hit, `${cell.table}.${cell.row}.${cell.col} ${JSON.stringify(errors.map((e) => e.ruleId))}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("finds any single change of an entered cell of table 3 when totals are left to the system", () => {
    fc.assert(
      fc.property(years, seeds, fc.nat(), fc.integer({ min: 1, max: 50 }), (year, seed, pick, delta) => {
        const input = buildSampleReport({ year, seed, withTotals: false });
        const cells = balancedCells(input).filter((c) => c.table === "requests" && c.col !== "total" && c.row !== "total_processed");
        const cell = cells[pick % cells.length];
        const current = effectiveValue(prepared(input), cell) ?? 0;
        const errors = checkReport(prepared(withCell(input, cell.table, cell.row, cell.col, current + delta))).filter(
          (f) => f.severity === "error",
        );
        expect(errors.some((f) => f.ruleId === "requests.balance" && f.cells.some((c) => c.col === cell.col))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
