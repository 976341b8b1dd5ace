import { describe, expect, it } from "vitest";
import { pageOf, pagerNumbers } from "./paging";

const hundred = Array.from({ length: 57 }, (_, i) => i + 1);

describe("pageOf", () => {
  it("shows the requested slice and states its positions", () => {
    const page = pageOf(hundred, 2, 20);
    expect(page.items).toEqual(hundred.slice(20, 40));
    expect(page).toMatchObject({ page: 2, pageCount: 3, total: 57, from: 21, to: 40, pageSize: 20 });
  });

  it("has a short last page", () => {
    expect(pageOf(hundred, 3, 20)).toMatchObject({ items: hundred.slice(40), from: 41, to: 57 });
  });

  it("shows the last page for a page beyond it, and the first for nonsense", () => {
    expect(pageOf(hundred, 99, 20).page).toBe(3);
    expect(pageOf(hundred, 0, 20).page).toBe(1);
    expect(pageOf(hundred, 1.5, 20).page).toBe(1);
    expect(pageOf(hundred, Number.NaN, 20).page).toBe(1);
  });

  it("gives an empty list one empty page", () => {
    expect(pageOf([], 4, 20)).toEqual({ items: [], page: 1, pageCount: 1, pageSize: 20, total: 0, from: 0, to: 0 });
  });

  it("refuses a page size that is not a positive integer", () => {
    expect(() => pageOf(hundred, 1, 0)).toThrow(RangeError);
  });
});

describe("pagerNumbers", () => {
  it("lists every page when there are few", () => {
    expect(pagerNumbers(1, 1)).toEqual([1]);
    expect(pagerNumbers(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps first, last and two either side, leaving gaps as null", () => {
    expect(pagerNumbers(10, 30)).toEqual([1, null, 8, 9, 10, 11, 12, null, 30]);
    expect(pagerNumbers(1, 30)).toEqual([1, 2, 3, null, 30]);
    expect(pagerNumbers(30, 30)).toEqual([1, null, 28, 29, 30]);
  });

  it("fills a gap of one page with the page instead of an ellipsis", () => {
    expect(pagerNumbers(5, 30)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 30]);
  });
});
