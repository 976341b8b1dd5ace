import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import axe from "axe-core";
import { JSDOM, VirtualConsole } from "jsdom";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../document/build-document";
import type { DocCell, DocTable, ReportDocument } from "../../document/types";
import { prepareReport } from "../../report/prepare-report";
import { documentTexts } from "../../test-support/document-texts";
import { escapeHtml, linkify, renderHtmlDocument, renderHtmlFragment } from "./render-html";

const SEED_DIR = join(__dirname, "../../../fixtures/seeds");
const SEEDS = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();

function readSeed(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SEED_DIR, file), "utf8"));
}

function documentOf(input: unknown): ReportDocument {
  const r = prepareReport(input);
  if (!r.ok) throw new Error(`seed does not prepare: ${JSON.stringify(r.issues)}`);
  return buildDocument(r.report);
}

function parse(html: string): Document {
  return new JSDOM(html).window.document;
}

function cellsOf(table: DocTable): DocCell[] {
  return [...table.header, ...table.bodyGroups.flat()].flatMap((r) => r.cells);
}

/** Every text of the model in reading order, captions included: what a reader of the page must see. */
function modelTexts(doc: ReportDocument): string[] {
  return documentTexts(doc, { captions: true }).filter((t) => t !== "");
}

function th(table: Element, text: string): HTMLTableCellElement {
  const found = [...table.querySelectorAll("th")].find((c) => c.textContent === text);
  if (!found) throw new Error(`no th "${text}"`);
  return found;
}

describe("linkify", () => {
  it("links URLs and e-mail addresses, leaving the sentence's punctuation outside", () => {
    expect(linkify("网址为http://gaj.shizuishan.gov.cn/，如需")).toBe('网址为<a href="http://gaj.shizuishan.gov.cn/">http://gaj.shizuishan.gov.cn/</a>，如需');
    expect(linkify("见 www.gzlps.gov.cn.")).toBe('见 <a href="http://www.gzlps.gov.cn">www.gzlps.gov.cn</a>.');
    expect(linkify("电子邮箱：sgaj110@126.com）。")).toBe('电子邮箱：<a href="mailto:sgaj110@126.com">sgaj110@126.com</a>）。');
    expect(linkify("https://a.gov.cn/x?id=1&p=2, 其后")).toBe('<a href="https://a.gov.cn/x?id=1&amp;p=2">https://a.gov.cn/x?id=1&amp;p=2</a>, 其后');
  });

  it("keeps phone numbers whole at line ends", () => {
    expect(linkify("联系电话：0952-2216049，传真：0952-2216046")).toBe(
      '联系电话：<span class="gr-nowrap">0952-2216049</span>，传真：<span class="gr-nowrap">0952-2216046</span>',
    );
  });

  it("escapes everything else and makes no link of other schemes", () => {
    expect(linkify('<b>"x"</b> javascript:alert(1) ftp://x.cn')).toBe("&lt;b&gt;&quot;x&quot;&lt;/b&gt; javascript:alert(1) ftp://x.cn");
  });

  it("links seed 000's website and e-mail in its HTML", () => {
    const html = renderHtmlFragment(documentOf(readSeed("000_dbcc449a2218d1f4.json")));
    expect(html).toContain('<a href="http://gaj.shizuishan.gov.cn/">http://gaj.shizuishan.gov.cn/</a>');
    expect(html).toContain('<a href="mailto:sgaj110@126.com">sgaj110@126.com</a>');
  });
});

describe("escapeHtml", () => {
  it("escapes markup, quotes and ampersands", () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
    );
    expect(escapeHtml("&amp;")).toBe("&amp;amp;");
  });
});

describe.each(SEEDS)("seed %s", (file) => {
  const input = readSeed(file);
  const doc = documentOf(input);
  const html = renderHtmlFragment(doc);
  const dom = parse(html);
  const article = dom.querySelector("article.gov-report")!;

  it("shows every text of the document model, in order", () => {
    expect(article).not.toBeNull();
    const text = article.textContent!;
    let from = 0;
    for (const expected of modelTexts(doc)) {
      const at = text.indexOf(expected, from);
      expect(at, `"${expected}" missing or out of order after offset ${from}`).toBeGreaterThanOrEqual(0);
      from = at + expected.length;
    }
    expect(dom.querySelector("h1")!.innerHTML.split("<br>")).toEqual(
      (doc.blocks.find((b) => b.type === "title") as { lines: string[] }).lines,
    );
  });

  it("renders each table cell for cell, with the model's spans and refs", () => {
    for (const b of doc.blocks) {
      if (b.type !== "table") continue;
      const table = dom.querySelector(`table[data-table="${b.table.id}"]`)!;
      expect(table.querySelector("caption")!.textContent).toBe(b.table.caption);
      // A wide table scrolls in its own keyboard-reachable, labelled region (WCAG 1.4.10, 2.1.1).
      const region = table.parentElement!;
      expect([region.className, region.getAttribute("role"), region.getAttribute("tabindex")]).toEqual(["table-scroll", "region", "0"]);
      expect(region.getAttribute("aria-labelledby")).toBe(table.querySelector("caption")!.id);
      const rendered = [...table.querySelectorAll("th, td")] as HTMLTableCellElement[];
      const model = cellsOf(b.table);
      expect(rendered.map((c) => c.textContent)).toEqual(model.map((c) => c.text));
      rendered.forEach((el, i) => {
        const cell = model[i];
        expect(el.tagName).toBe(cell.role === "value" ? "TD" : "TH");
        expect([el.colSpan, el.rowSpan]).toEqual([cell.colSpan, cell.rowSpan]);
        if (cell.role === "value") {
          expect(el.dataset.ref).toBe(`${cell.ref!.table}.${cell.ref!.row}.${cell.ref!.col}`);
          expect(el.classList.contains("cell-computed")).toBe(Boolean(cell.computed));
        } else {
          expect(el.id).toBe(cell.id);
          expect(el.getAttribute("scope")).toMatch(/^(col|colgroup|row|rowgroup)$/);
        }
      });
      // Every row of the rendered grid covers the same number of columns once spans are laid out.
      const widths = gridRowWidths(table as HTMLTableElement);
      expect(new Set(widths).size, `ragged rows in ${b.table.id}: ${widths}`).toBe(1);
      expect(widths[0]).toBe(b.table.columnWidths.length);
      expect(table.querySelectorAll("col").length).toBe(b.table.columnWidths.length);
    }
  });

  it("gives table 3 the official merged structure with working header references", () => {
    const table = dom.querySelector('table[data-table="requests"]')!;
    const corner = table.querySelector("thead th.cell-corner") as HTMLTableCellElement;
    expect([corner.colSpan, corner.rowSpan, corner.getAttribute("scope")]).toEqual([3, 3, "colgroup"]);
    expect(corner.textContent).toContain("勾稽关系");
    const applicants = th(table, "申请人情况");
    expect([applicants.colSpan, applicants.getAttribute("scope")]).toEqual([7, "colgroup"]);
    expect(th(table, "法人或其他组织").colSpan).toBe(5);
    const withheld = th(table, "（三）不予公开");
    expect([withheld.rowSpan, withheld.getAttribute("scope")]).toEqual([8, "rowgroup"]);
    expect(th(table, "1.属于国家秘密").getAttribute("scope")).toBe("row");
    expect(table.querySelectorAll("thead tr")).toHaveLength(3);

    const ids = new Set([...table.querySelectorAll("th[id]")].map((c) => c.id));
    const tds = [...table.querySelectorAll("td")];
    expect(tds.length).toBeGreaterThan(0);
    for (const td of tds) {
      const headers = td.getAttribute("headers")!.split(" ");
      expect(headers.every((h) => ids.has(h)), `${td.dataset.ref} headers ${headers}`).toBe(true);
    }
    // A withheld/state-secret cell is described by the whole header path.
    const secret = table.querySelector('td[data-ref="requests.withheld_state_secret.commercial"]')!;
    const names = secret.getAttribute("headers")!.split(" ").map((id) => table.querySelector(`[id="${id}"]`)!.textContent);
    expect(names).toEqual(["申请人情况", "法人或其他组织", "商业企业", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]);
  });

  it("gives table 4 three header rows and table 2 one tbody per 第二十条 block", () => {
    const reviews = dom.querySelector('table[data-table="reviews"]')!;
    expect(reviews.querySelectorAll("thead tr")).toHaveLength(3);
    expect(th(reviews, "行政复议").colSpan).toBe(5);
    expect(th(reviews, "行政诉讼").colSpan).toBe(10);
    expect(reviews.querySelectorAll("tbody td")).toHaveLength(15);

    const proactive = dom.querySelector('table[data-table="proactive"]')!;
    const bodies = [...proactive.querySelectorAll("tbody")];
    expect(bodies).toHaveLength(doc.meta.format === "2019" ? 5 : 4);
    expect(proactive.querySelector("thead")).toBeNull();
    for (const body of bodies) {
      const heading = body.querySelector<HTMLTableCellElement>("tr:first-child th")!;
      expect(heading.textContent).toMatch(/^第二十条第（.）项$/);
      expect([heading.getAttribute("scope"), heading.colSpan]).toEqual(["rowgroup", 4]);
      for (const td of body.querySelectorAll("td")) expect(td.getAttribute("headers")!.split(" ")[0]).toBe(heading.id);
    }
  });

  it("is a standalone document with title, language and no axe violations", async () => {
    const page = renderHtmlDocument(doc);
    expect(page.startsWith("<!doctype html>")).toBe(true);
    // axe probes canvas support, which jsdom lacks; keep every other jsdom error visible.
    const virtualConsole = new VirtualConsole().forwardTo(console, {
      jsdomErrors: ["css-parsing", "resource-loading", "unhandled-exception"],
    });
    const { window } = new JSDOM(page, { runScripts: "outside-only", virtualConsole });
    expect(window.document.title).toBe(doc.title);
    expect(window.document.documentElement.lang).toBe("zh-CN");
    expect(window.document.querySelector('meta[name="viewport"]')).not.toBeNull();
    expect(window.document.querySelector("style")!.textContent).toContain("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }");
    // jsdom has no hit testing; landmark-one-main and page-has-heading-one call it only to skip
    // hidden elements, and would otherwise end as "incomplete" (i.e. never checked).
    Object.assign(window.document, { elementFromPoint: () => null, elementsFromPoint: () => [] });
    window.eval(axe.source);
    const results = await (window as unknown as { axe: typeof axe }).axe.run(window.document, {
      resultTypes: ["violations"],
    });
    // jsdom has no layout, so axe cannot compute colour contrast (nor whether a table region
    // actually scrolls): those are checked later in a real browser. The CSS uses #1a1a1a on #fff.
    expect(results.incomplete.map((r) => r.id)).toEqual(["color-contrast"]);
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.html.slice(0, 160)}`).join("\n")}`,
    );
    expect(summary.join("\n"), "axe violations").toBe("");
    // Guard against a vacuous run (e.g. axe not finding the document).
    expect(results.passes.length + results.incomplete.length).toBeGreaterThan(0);
    window.close();
  });
});

/** Width in grid columns of each row, accounting for rowspans from rows above. */
function gridRowWidths(table: HTMLTableElement): number[] {
  const rows = [...table.rows];
  const carried = new Array<number>(rows.length).fill(0);
  return rows.map((row, y) => {
    let width = carried[y];
    for (const cell of row.cells) {
      width += cell.colSpan;
      for (let k = 1; k < cell.rowSpan; k++) carried[y + k] = (carried[y + k] ?? 0) + cell.colSpan;
    }
    return width;
  });
}

describe("bound numbers and untrusted text", () => {
  const base = readSeed(SEEDS[0]);

  it("marks numbers bound from tables with their cell reference", () => {
    const input = structuredClone(base) as { sections: Record<string, unknown> };
    input.sections.problems = "本年度共受理申请{{requests.received.total}}件。";
    const doc = documentOf(input);
    const dom = parse(renderHtmlFragment(doc));
    const span = dom.querySelector<HTMLElement>("span.bound-value")!;
    expect(span).not.toBeNull();
    expect(span.dataset.ref).toBe("requests.received.total");
    expect(span.textContent).toBe(dom.querySelector('td[data-ref="requests.received.total"]')!.textContent);
    expect(span.parentElement!.textContent).toBe(`本年度共受理申请${span.textContent}件。`);
  });

  it("renders markup in agency and narrative as text", () => {
    const attack = `<img src=x onerror=alert(1)>`;
    const input = structuredClone(base) as { agency: string; sections: Record<string, unknown> };
    input.agency = `${attack}"公安局'&`;
    input.sections.problems = `问题${attack}</p><script>alert(2)</script>`;
    const doc = documentOf(input);
    const page = renderHtmlDocument(doc);
    const dom = parse(page);
    expect(dom.querySelector("img")).toBeNull();
    expect(dom.querySelector("script")).toBeNull();
    expect(dom.querySelectorAll("[onerror]")).toHaveLength(0);
    expect(dom.title).toBe(doc.title);
    expect(dom.title).toContain(attack);
    expect(dom.querySelector("h1")!.textContent).toContain(`${attack}"公安局'&`);
    expect(dom.querySelector(".report-signature")!.textContent).toBe(`${attack}"公安局'&`);
    expect(dom.querySelector('meta[name="author"]')!.getAttribute("content")).toBe(`${attack}"公安局'&`);
    expect(dom.querySelector("#section-problems ~ p")!.textContent).toBe(`问题${attack}</p><script>alert(2)</script>`);
    expect(dom.querySelectorAll("article p").length).toBe(doc.blocks.filter((b) => b.type === "paragraph").length);
  });
});

describe("options", () => {
  it("prefixes every id and every reference to one", () => {
    const doc = documentOf(readSeed(SEEDS[0]));
    const dom = parse(renderHtmlFragment(doc, { idPrefix: "a-" }));
    const ids = [...dom.querySelectorAll("[id]")].map((e) => e.id);
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.every((id) => id.startsWith("a-"))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = [...dom.querySelectorAll("[headers], [aria-labelledby]")].flatMap((e) =>
      (e.getAttribute("headers") ?? e.getAttribute("aria-labelledby")!).split(" "),
    );
    expect(refs.every((id) => dom.getElementById(id) !== null)).toBe(true);
  });

  it("reports a block type it has no handler for instead of dropping it silently, and renders the rest", () => {
    const heading = { type: "heading", level: 1, text: "一、总体情况", anchor: "section-overview", section: "overview" };
    const doc = { title: "t", meta: { agency: "a", year: 2020, format: "2019" }, blocks: [{ type: "list" }, heading] };
    const skipped: unknown[] = [];
    const html = renderHtmlFragment(doc as unknown as ReportDocument, { onUnknownBlock: ({ renderer, index, type }) => skipped.push({ renderer, index, type }) });
    expect(skipped).toEqual([{ renderer: "html", index: 0, type: "list" }]);
    expect(html).toContain("一、总体情况");
    expect(html).not.toContain("list");
  });
});

describe("publishing layout", () => {
  const doc = documentOf(readSeed(SEEDS[0]));
  const dom = parse(renderHtmlDocument(doc));
  const css = dom.querySelector("style")!.textContent!;

  it("hides a caption the section heading before the table already says, for screen readers only", () => {
    const captions = [...dom.querySelectorAll("caption")];
    expect(captions.length).toBeGreaterThan(0);
    for (const caption of captions) {
      const heading = caption.closest(".table-scroll")!.previousElementSibling?.matches(".gr-scroll-hint")
        ? caption.closest(".table-scroll")!.previousElementSibling!.previousElementSibling
        : caption.closest(".table-scroll")!.previousElementSibling;
      const said = !!heading?.matches("h2, h3") && heading.textContent!.endsWith(caption.textContent!);
      expect(caption.classList.contains("gr-visually-hidden"), caption.textContent!).toBe(said);
    }
    expect(captions.some((c) => c.classList.contains("gr-visually-hidden"))).toBe(true);
    // Without the heading the caption shows.
    const alone = parse(renderHtmlFragment({ ...doc, blocks: doc.blocks.filter((b) => b.type === "table") }));
    expect([...alone.querySelectorAll("caption")].every((c) => !c.classList.contains("gr-visually-hidden"))).toBe(true);
  });

  it("keeps table 3's label columns in view beside its numbers on a phone", () => {
    const table = dom.querySelector("table[data-table=requests]")!;
    expect(table.classList.contains("has-sticky")).toBe(true);
    const widths = [...table.querySelectorAll("col")].map((col) => Number(/--gr-phone-width: ([\d.]+)em/.exec(col.getAttribute("style")!)![1]));
    // Three label columns in about 11 em (of a phone's ≈21; each keeps 2 em), each value column at least 3 em.
    expect(widths.slice(0, 3).reduce((s, w) => s + w, 0)).toBeLessThanOrEqual(12);
    for (const w of widths.slice(3)) expect(w).toBeGreaterThanOrEqual(3);
    const sticky = [...table.querySelectorAll("th.cell-sticky")];
    expect(sticky.map((th) => th.textContent)).toEqual(expect.arrayContaining(["（一）予以公开", "1.属于国家秘密", "四、结转下年度继续办理"]));
    // Each stays at its column's offset: the sum of the phone widths left of it.
    const item = sticky.find((th) => th.textContent === "1.属于国家秘密")!;
    expect(parseFloat((item as HTMLElement).style.left)).toBeCloseTo(widths[0] + widths[1], 1);
    expect(css).toMatch(/\.cell-sticky \{ position: sticky;/);
    expect(dom.querySelector(".gr-scroll-hint")!.textContent).toContain("左右滑动");
    // No value cell is kept in place.
    expect(table.querySelector("td.cell-sticky")).toBeNull();
  });

  it("centres the signature over the date at the right, and sets level-1 headings in regular 黑体", () => {
    const dated = parse(renderHtmlDocument(documentOf({ ...readSeed(SEEDS[0]), date: "2021-01-18" })));
    const closing = dated.querySelector(".report-closing")!;
    expect(closing.textContent).toContain("2021年1月18日");
    expect([...closing.children].map((p) => p.className)).toEqual(["report-signature", "report-date"]);
    expect(css).toMatch(/\.report-closing \{ width: fit-content; margin: 2em 4em 0 auto; \}/);
    expect(css).toMatch(/\.gov-report h2 \{ font-family: [^}]*font-weight: 400; \}/);
  });
});
