import { JSDOM } from "jsdom";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pager } from "./pager";

function pager(page: number, pageCount: number) {
  const html = renderToStaticMarkup(<Pager page={page} pageCount={pageCount} href={(n) => `/list?page=${n}`} label="审核队列" />);
  return new JSDOM(html).window.document;
}

describe("Pager", () => {
  it("shows nothing when everything fits on one page", () => {
    expect(renderToStaticMarkup(<Pager page={1} pageCount={1} href={(n) => `/x?page=${n}`} label="审核队列" />)).toBe("");
  });

  it("links the neighbours, first and last, marks the current page and leaves gaps", () => {
    const doc = pager(10, 30);
    const nav = doc.querySelector("nav")!;
    expect(nav.getAttribute("aria-label")).toBe("审核队列分页");
    const links = [...nav.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toEqual([
      ["上一页", "/list?page=9"],
      ["第 1 页", "/list?page=1"],
      ["第 8 页", "/list?page=8"],
      ["第 9 页", "/list?page=9"],
      ["第 11 页", "/list?page=11"],
      ["第 12 页", "/list?page=12"],
      ["第 30 页", "/list?page=30"],
      ["下一页", "/list?page=11"],
    ]);
    expect(nav.querySelector("[aria-current=page]")!.textContent).toBe("第 10 页（当前）");
    expect([...nav.querySelectorAll("[aria-hidden=true]")].map((e) => e.textContent)).toEqual(["…", "…"]);
  });

  it("disables 上一页 on the first page and 下一页 on the last", () => {
    const first = pager(1, 3);
    expect([...first.querySelectorAll("[aria-disabled=true]")].map((e) => e.textContent)).toEqual(["上一页"]);
    const last = pager(3, 3);
    expect([...last.querySelectorAll("[aria-disabled=true]")].map((e) => e.textContent)).toEqual(["下一页"]);
  });
});
