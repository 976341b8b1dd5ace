import { describe, expect, it } from "vitest";
import { defaultOversightYear, oversightYears, parseOversightParams } from "./parse-oversight-params";

// 2026-12-02 10:00 in China.
const NOW = new Date("2026-12-02T02:00:00Z");

describe("parseOversightParams", () => {
  it("defaults to last year's reports over the whole scope in tree order, published versions", () => {
    const p = parseOversightParams({}, NOW);
    expect(p).toMatchObject({ year: 2025, under: undefined, page: 1, basis: "published" });
    expect(p.filter).toEqual({ status: undefined, kind: undefined, depth: undefined, overdue: undefined, search: undefined, sort: "tree", descending: false });
    expect(p.query.toString()).toBe("year=2025");
  });

  it("takes the year in China time: 1 January 00:30 in Beijing is already the new year", () => {
    expect(defaultOversightYear(new Date("2026-12-31T16:30:00Z"))).toBe(2026);
    expect(defaultOversightYear(new Date("2026-12-31T15:30:00Z"))).toBe(2025);
    expect(oversightYears(NOW)[0]).toBe(2026);
    expect(oversightYears(NOW).at(-1)).toBe(2019);
  });

  it("reads the filter form, several statuses included, and keeps it in the query without the page", () => {
    const p = parseOversightParams(
      { year: "2024", under: "agency-city", status: ["NOT_STARTED", "RETURNED"], kind: "DEPARTMENT", level: "1", overdue: "1", q: " 教育 ", sort: "daysLeft", desc: "1", page: "3", basis: "submitted" },
      NOW,
    );
    expect(p).toMatchObject({ year: 2024, under: "agency-city", page: 3, basis: "submitted" });
    expect(p.filter).toEqual({ status: ["NOT_STARTED", "RETURNED"], kind: "DEPARTMENT", depth: 1, overdue: true, search: "教育", sort: "daysLeft", descending: true });
    expect(p.query.getAll("status")).toEqual(["NOT_STARTED", "RETURNED"]);
    expect(p.query.has("page")).toBe(false);
    expect(parseOversightParams(p.query, NOW).filter).toEqual(p.filter);
  });

  it("falls back to defaults for anything unexpected instead of failing", () => {
    const p = parseOversightParams({ year: "3000", under: "../x", status: ["DELETED"], kind: "KING", level: "-1", overdue: "yes", sort: "random", page: "0", basis: "draft" }, NOW);
    expect(p).toMatchObject({ year: 2025, under: undefined, page: 1, basis: "published" });
    expect(p.filter).toMatchObject({ status: undefined, kind: undefined, depth: undefined, overdue: undefined, sort: "tree" });
    expect(parseOversightParams({ year: "2018" }, NOW).year).toBe(2025);
    expect(parseOversightParams({ overdue: "0" }, NOW).filter.overdue).toBe(false);
  });
});
