import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildDocument } from "@/lib/document/build-document";
import { REPORT_CSS, renderHtmlFragment } from "@/lib/render/html/render-html";
import { prepareReport } from "@/lib/report/prepare-report";
import { ReportView } from "./report-view";

const SEED_DIR = join(__dirname, "../../fixtures/seeds");

function seedDocument(file: string) {
  const r = prepareReport(JSON.parse(readFileSync(join(SEED_DIR, file), "utf8")));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return buildDocument(r.report);
}

describe("ReportView", () => {
  const files = readdirSync(SEED_DIR).filter((f) => f.endsWith(".json")).sort();

  it.each(files)("renders the shared HTML renderer's markup for %s", (file) => {
    const doc = seedDocument(file);
    const markup = renderToStaticMarkup(<ReportView document={doc} className="preview" />);
    // Byte-identical to the export renderer: one renderer, no second walker.
    expect(markup).toContain(renderHtmlFragment(doc));
    const dom = new JSDOM(markup).window.document;
    const wrapper = dom.querySelector("div.report-view.preview")!;
    expect(wrapper.firstElementChild!.matches("article.gov-report")).toBe(true);
    const requests = wrapper.querySelector('table[data-table="requests"]')!;
    const corner = requests.querySelector("thead th.cell-corner") as HTMLTableCellElement;
    expect([corner.colSpan, corner.rowSpan, corner.getAttribute("scope")]).toEqual([3, 3, "colgroup"]);
    expect(requests.querySelectorAll("td[data-ref][headers]").length).toBe(requests.querySelectorAll("td").length);
    // The stylesheet arrives unescaped (quoted font names intact).
    expect(dom.querySelector("style")!.textContent).toBe(REPORT_CSS);
  });

  it("emits the stylesheet once when several reports share a page, with distinct ids", () => {
    const doc = seedDocument(files[0]);
    const markup = renderToStaticMarkup(
      <main>
        <ReportView document={doc} idPrefix="a-" />
        <ReportView document={doc} idPrefix="b-" />
      </main>,
    );
    const dom = new JSDOM(markup).window.document;
    expect(dom.querySelectorAll("style")).toHaveLength(1);
    expect(dom.querySelectorAll("article.gov-report")).toHaveLength(2);
    const ids = [...dom.querySelectorAll("[id]")].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps untrusted report text inert", () => {
    const doc = seedDocument(files[0]);
    const hostile = { ...doc, blocks: [{ type: "title" as const, lines: ["<img src=x onerror=alert(1)>"] }] };
    const dom = new JSDOM(renderToStaticMarkup(<ReportView document={hostile} />)).window.document;
    expect(dom.querySelector("img")).toBeNull();
    expect(dom.querySelector("h1")!.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});
