import { describe, expect, it } from "vitest";
import { TEMPLATES } from "@/templates";
import { emptyPreparedReport } from "@/lib/wizard/paste-grid";
import { referenceValue } from "@/lib/report/values";
import { COMMON_REFERENCES, referenceTables } from "./reference-options";

describe("referenceTables", () => {
  it.each(["2019", "2021"] as const)("offers only references that resolve in the %s format, including the group sums", (format) => {
    const report = emptyPreparedReport(TEMPLATES[format]);
    const tables = referenceTables(TEMPLATES[format]);
    expect(tables.map((t) => t.id)).toEqual(["proactive", "requests", "reviews"]);
    const all = tables.flatMap((t) => t.rows.flatMap((r) => r.cols.map((c) => `${t.id}.${r.id}.${c.id}`)));
    for (const reference of all) expect(referenceValue(report, reference), reference).not.toBeUndefined();
    for (const { reference } of COMMON_REFERENCES) expect(referenceValue(report, reference), reference).not.toBeUndefined();
    const requests = tables.find((t) => t.id === "requests")!;
    expect(requests.rows.filter((r) => r.group).map((r) => r.id)).toEqual(
      format === "2021" ? ["withheld", "unable", "not_processed", "other_all"] : ["withheld", "unable", "not_processed"],
    );
    expect(requests.rows.find((r) => r.id === "withheld_state_secret")!.label).toBe("（三）不予公开 1.属于国家秘密");
  });

  it("names table 4's groups by their headers", () => {
    const reviews = referenceTables(TEMPLATES["2021"]).find((t) => t.id === "reviews")!;
    expect(reviews.rows.map((r) => r.label)).toEqual(["行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉"]);
    expect(reviews.rows[0].cols.map((c) => c.id)).toEqual(["upheld", "corrected", "other", "pending", "total"]);
  });
});
