import { describe, expect, it } from "vitest";
import { diffReports } from "@/lib/review/diff-reports";
import { buildSampleReport } from "@/lib/report/sample-report";
import { labelCellChanges, signedDelta } from "./cell-rows";

type Tables = Record<string, Record<string, Record<string, number | string | null>>>;

describe("labelCellChanges", () => {
  it("groups changed cells by table in printed order, with row and column headings and the change", () => {
    const before = buildSampleReport({ year: 2022, seed: 5 });
    const after = structuredClone(before);
    const edited = after.tables as unknown as Tables;
    edited.reviews.reconsideration.upheld = Number(edited.reviews.reconsideration.upheld) + 2;
    edited.proactive.licensing.decisions = null;
    const tables = labelCellChanges(diffReports(before, after).cells);

    expect(tables.map((t) => t.name)).toEqual(["表二（主动公开）", "表四（行政复议、行政诉讼）"]);
    const reviews = tables[1].rows.find((r) => r.key === "reviews.reconsideration.upheld")!;
    expect(reviews).toMatchObject({ row: "行政复议", col: "结果维持", kind: "changed", delta: "+2" });
    expect(Number(reviews.after) - Number(reviews.before)).toBe(2);
    const cleared = tables[0].rows.find((r) => r.key === "proactive.licensing.decisions")!;
    expect(cleared).toMatchObject({ after: "", kind: "cleared", delta: null });
    expect(cleared.row).not.toBe("—");
  });
});

describe("signedDelta", () => {
  it("signs the difference with a real minus sign and keeps money decimals", () => {
    expect(signedDelta("10", "7")).toBe("−3");
    expect(signedDelta("3414.41", "3414.91")).toBe("+0.5");
    expect(signedDelta("5", "5")).toBe("0");
    expect(signedDelta("", "5")).toBeNull();
    expect(signedDelta("5", "")).toBeNull();
  });
});
