import { describe, expect, it } from "vitest";
import { loadSeedJson } from "../test-support/seeds";
import { diffParagraphs, diffReports } from "./diff-reports";
import { buildSampleReport } from "../report/sample-report";

describe("diffParagraphs", () => {
  it("keeps common paragraphs and marks additions, removals and replacements", () => {
    expect(diffParagraphs(["甲", "乙", "丙"], ["甲", "乙二", "丙", "丁"])).toEqual([
      { kind: "same", text: "甲" },
      { kind: "changed", before: "乙", after: "乙二" },
      { kind: "same", text: "丙" },
      { kind: "added", text: "丁" },
    ]);
    expect(diffParagraphs(["甲", "乙"], ["乙"])).toEqual([{ kind: "removed", text: "甲" }, { kind: "same", text: "乙" }]);
  });
});

describe("diffReports", () => {
  it("finds nothing between a report and itself", () => {
    const report = loadSeedJson("004_f8f28e4c849350e4");
    expect(diffReports(report, report)).toMatchObject({ cells: [], changedParagraphs: 0 });
  });

  it("lists changed cells with before/after and changed paragraphs by part", () => {
    const before = buildSampleReport({ year: 2022, seed: 5 });
    const after = structuredClone(before) as typeof before & { tables: { requests: Record<string, Record<string, number>> } };
    after.tables.requests.granted.natural_person += 2;
    after.sections!.problems = `${before.sections!.problems}\n\n新增一段改进措施。`;
    const diff = diffReports(before, after);
    // The edited cell, plus the totals that follow from it.
    expect(diff.cells.map((c) => c.key)).toEqual([
      "requests.granted.natural_person",
      "requests.granted.total",
      "requests.total_processed.natural_person",
      "requests.total_processed.total",
    ]);
    const granted = diff.cells.find((c) => c.key === "requests.granted.natural_person")!;
    expect(Number(granted.after) - Number(granted.before)).toBe(2);
    expect(diff.text.find((p) => p.part === "五、存在的主要问题及改进情况")?.changes.at(-1)).toEqual({ kind: "added", text: "新增一段改进措施。" });
  });

  it("compares across the 2020 → 2021 format change on the cells both formats share", () => {
    const diff = diffReports(buildSampleReport({ year: 2020, seed: 1 }), buildSampleReport({ year: 2021, seed: 1 }));
    expect(diff.unmatchedCells).toBeGreaterThan(0);
    expect(diff.cells.every((c) => !c.key.startsWith("proactive.other_services"))).toBe(true);
  });
});
