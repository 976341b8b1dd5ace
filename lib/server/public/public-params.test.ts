import { describe, expect, it } from "vitest";
import { isPublicFormat, parsePublicRevision, parsePublicYear, publicDownloadPath, publicReportPath } from "./public-params";

describe("parsePublicYear", () => {
  it("accepts a plain four-digit year only", () => {
    expect(parsePublicYear("2020")).toBe(2020);
    for (const bad of ["20", "02020", "2020.0", "2020abc", " 2020", "0x7e4", "9999", ""]) expect(parsePublicYear(bad), bad).toBeNull();
  });
});

describe("parsePublicRevision", () => {
  it("is undefined when absent (latest), a number when plain, null otherwise", () => {
    expect(parsePublicRevision(undefined)).toBeUndefined();
    expect(parsePublicRevision(null)).toBeUndefined();
    expect(parsePublicRevision("2")).toBe(2);
    for (const bad of ["0", "-1", "1.5", "abc", "", "01"]) expect(parsePublicRevision(bad), bad).toBeNull();
    expect(parsePublicRevision(["1", "2"])).toBeNull();
  });
});

describe("public paths", () => {
  it("builds the page and download addresses", () => {
    expect(publicReportPath("shili-shi-gonganju", 2020)).toBe("/reports/shili-shi-gonganju/2020");
    expect(publicReportPath("shili-shi-gonganju", 2020, 1)).toBe("/reports/shili-shi-gonganju/2020?revision=1");
    expect(publicDownloadPath("shili-shi-gonganju", 2020, "pdf", 2)).toBe("/api/public/reports/shili-shi-gonganju/2020/pdf?revision=2");
    expect(isPublicFormat("docx")).toBe(true);
    expect(isPublicFormat("json")).toBe(false);
  });
});
