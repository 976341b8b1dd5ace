import { describe, expect, it } from "vitest";
import { buildDocument } from "../lib/document/build-document";
import type { DocTable } from "../lib/document/types";
import { SECTION_HEADINGS, TABLE_LABELS } from "../lib/render/golden/official-labels";
import { prepareReport } from "../lib/report/prepare-report";
import { buildSampleReport } from "../lib/report/sample-report";

/** Header and label cells of a laid-out table, row by row (values left out). */
function labelCells(table: DocTable): string[] {
  return [...table.header, ...table.bodyGroups.flat()].flatMap((row) => row.cells.filter((c) => c.role !== "value").map((c) => c.text));
}

describe.each([
  ["2019", 2020],
  ["2021", 2022],
] as const)("the %s template", (format, year) => {
  const prepared = prepareReport(buildSampleReport({ year }));
  if (!prepared.ok) throw new Error("sample report invalid");
  const document = buildDocument(prepared.report);
  const tables = Object.fromEntries(document.blocks.flatMap((b) => (b.type === "table" ? [[b.table.id, b.table]] : [])));

  it("prints the six official section headings, character-exact and in order", () => {
    const headings = document.blocks.filter((b) => b.type === "heading" && b.level === 1).map((b) => (b.type === "heading" ? b.text : ""));
    expect(headings).toEqual(SECTION_HEADINGS);
  });

  it.each(["proactive", "requests", "reviews"] as const)("lays out table %s with exactly the official labels", (id) => {
    expect(labelCells(tables[id])).toEqual(TABLE_LABELS[format][id]);
  });
});
