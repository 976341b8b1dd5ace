import { JSDOM } from "jsdom";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { acceptOptions } from "@/lib/import/accept-import";
import { seedText } from "@/lib/import/fixtures/sample-files";
import { importFile } from "@/lib/import/import-file";
import { describeLocation } from "@/lib/import/intermediate";
import { buildSourceView } from "@/lib/import/source-view";
import { ImportReviewScreen, type ImportReviewData } from "./import-review-screen";
import { SourcePane } from "./source-pane";

vi.mock("@/lib/server/import/actions", () => ({ acceptImportAction: vi.fn(), discardImportAction: vi.fn() }));

/** A review as loadImportReview makes it, from a seed's published text (no database needed). */
async function reviewOf(seed: string, year: number, currentYear = 2026, existingReportId: string | null = null) {
  const { outcome, document } = await importFile({ text: seedText(seed) });
  const index = buildSourceView(document);
  const review: ImportReviewData = {
    id: "imp-1",
    status: "PENDING",
    acceptedAs: null,
    reportId: null,
    decidedBy: null,
    decidedAt: null,
    filename: `${seed}.txt`,
    sourceKind: "text",
    kindName: "文本",
    encoding: "utf-8",
    createdAt: "2026-03-01T08:00:00.000Z",
    createdBy: "田宝",
    agency: { id: "agency-police", name: "示例市公安局" },
    year,
    agencyContact: { phone: "010-12345678" },
    imported: outcome.report,
    provenance: Object.fromEntries(Object.entries(outcome.provenance).map(([k, at]) => [k, { location: describeLocation(at), anchor: index.anchorOf(at) }])),
    deviations: outcome.deviations.map((d) => ({ ...d, location: describeLocation(d.at), anchor: index.mark(d.at, "deviation"), whereLabel: d.where, kindLabel: d.kind })),
    unplaced: outcome.unplaced.map((u) => ({ ...u, location: describeLocation(u.at), anchor: index.mark(u.at, "unplaced"), reasonLabel: u.reason, whereLabel: "" })),
    problems: outcome.problems.map((p) => ({ code: p.code, message: p.message })),
    previousContent: null,
    previousLabel: null,
    options: acceptOptions(year, currentYear),
    existingReportId,
  };
  return { review, source: index.view };
}

function render(review: ImportReviewData, source: ReturnType<typeof buildSourceView>["view"]) {
  const markup = renderToStaticMarkup(<ImportReviewScreen review={review} source={<SourcePane source={source} kindName="文本" />} />);
  return new JSDOM(markup).window.document;
}

describe("ImportReviewScreen", () => {
  it("shows the source with locations beside the three tables as inputs holding what the file says", async () => {
    const { review, source } = await reviewOf("000_dbcc449a2218d1f4", 2019);
    const dom = render(review, source);
    expect(dom.querySelector('[data-testid="import-source"]')!.textContent).toContain("第 9 行一、总体情况");
    for (const table of ["proactive", "requests", "reviews"]) expect(dom.querySelector(`[data-testid="import-table-${table}"]`), table).not.toBeNull();
    const received = dom.querySelector<HTMLInputElement>('[data-testid="import-cell-requests.received.natural_person"]')!;
    expect(received.getAttribute("aria-label")).toMatch(/^表三（收到和处理申请）「.*」行「自然人」列$/);
    expect(received.getAttribute("value")).toBe(String((review.imported.tables!.requests as Record<string, Record<string, unknown>>).received.natural_person));
    // Unplaced content is listed and highlighted in the source, linked by id.
    expect(review.unplaced.length).toBeGreaterThan(0);
    const link = dom.querySelector<HTMLAnchorElement>('[data-testid="import-unplaced"] a[href^="#src-"]')!;
    expect(dom.getElementById(link.getAttribute("href")!.slice(1))).not.toBeNull();
    expect(dom.querySelectorAll('[data-testid="import-source"] [data-mark="unplaced"]').length).toBeGreaterThan(0);
    expect(dom.querySelector('[data-testid="import-findings"]')!.textContent).toContain("检查结果");
    expect(dom.querySelector('[data-testid="import-metadata"]')!.textContent).toContain("石嘴山市公安局");
  });

  it("offers the historical import only for an earlier year, and no import when the report exists", async () => {
    const past = await reviewOf("003_5f1914cbe288c934", 2021);
    const pastDom = render(past.review, past.source);
    expect(pastDom.querySelector('[data-testid="import-accept-draft"]')!.textContent).toBe("作为本年度草稿导入");
    expect(pastDom.querySelector('[data-testid="import-accept-historical"]')!.textContent).toBe("作为往年已发布报告导入");
    expect(pastDom.querySelector('[data-testid="import-discard"]')!.textContent).toBe("放弃");
    expect(pastDom.querySelector('[data-testid="import-year-mismatch"]')).toBeNull();

    const current = await reviewOf("003_5f1914cbe288c934", 2026);
    const currentDom = render(current.review, current.source);
    expect(currentDom.querySelector('[data-testid="import-accept-historical"]')).toBeNull();
    expect(currentDom.querySelector('[data-testid="import-accept-draft"]')!.hasAttribute("disabled")).toBe(false);
    expect(currentDom.querySelector('[data-testid="import-year-mismatch"]')!.textContent).toContain("2026 年度");

    const existing = await reviewOf("003_5f1914cbe288c934", 2021, 2026, "r-1");
    existing.review.options = { DRAFT: { allowed: false, reason: "已经存在" }, HISTORICAL: { allowed: false, reason: "已经存在" } };
    const existingDom = render(existing.review, existing.source);
    expect(existingDom.querySelector('[data-testid="import-existing-report"] a')!.getAttribute("href")).toBe("/workspace/reports/r-1/preview");
    expect(existingDom.querySelector('[data-testid="import-accept-draft"]')!.hasAttribute("disabled")).toBe(true);
  });
});
