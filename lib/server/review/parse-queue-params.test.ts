import { describe, expect, it } from "vitest";
import { parseQueueParams } from "./parse-queue-params";

describe("parseQueueParams", () => {
  it("defaults to reports awaiting review, most urgent first", () => {
    expect(parseQueueParams({})).toMatchObject({ status: "SUBMITTED", sort: "daysLeft", filter: { status: "SUBMITTED", sort: "daysLeft", agencyId: undefined, year: undefined } });
  });

  it("reads the filter form", () => {
    expect(parseQueueParams({ status: "ALL", agency: "agency-police", year: "2023", sort: "agency" }).filter).toEqual({
      status: "ALL",
      agencyId: "agency-police",
      year: 2023,
      sort: "agency",
    });
  });

  it("falls back to defaults for anything unexpected instead of failing", () => {
    const parsed = parseQueueParams({ status: "DELETED", year: "abc", sort: ["submittedAt", "agency"], agency: "" });
    expect(parsed.filter).toEqual({ status: "SUBMITTED", agencyId: undefined, year: undefined, sort: "submittedAt" });
    expect(parseQueueParams({ sort: "errors; drop" }).sort).toBe("daysLeft");
  });

  it("reads the page number, and page 1 for anything that is not one", () => {
    expect(parseQueueParams({}).page).toBe(1);
    expect(parseQueueParams({ page: "3" }).page).toBe(3);
    expect(parseQueueParams({ page: ["4", "5"] }).page).toBe(4);
    for (const page of ["0", "-2", "1.5", "x", "1e9", ""]) expect(parseQueueParams({ page }).page).toBe(1);
  });
});
