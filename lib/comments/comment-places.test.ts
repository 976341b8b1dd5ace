import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../templates";
import { indexThreads, paragraphLabel, placeOfAnchor } from "./comment-places";
import type { CommentThreadView } from "./comment-views";

const t2021 = TEMPLATES["2021"];
const t2019 = TEMPLATES["2019"];

function thread(over: Partial<CommentThreadView> & Pick<CommentThreadView, "anchorType" | "anchor">): CommentThreadView {
  return {
    id: over.anchor,
    body: "请核实",
    author: "沈审",
    authorRole: "审核人",
    createdAt: "2026-01-05T06:00:00.000Z",
    createdText: "2026/1/5 14:00",
    quote: null,
    versionNumber: 1,
    resolvedAt: null,
    resolvedText: null,
    resolvedBy: null,
    replies: [],
    ...over,
  };
}

describe("placeOfAnchor", () => {
  it("puts a cell comment on its table's step", () => {
    expect(placeOfAnchor(t2021, "CELL", "requests.received.natural_person")).toEqual({ kind: "cell", step: "requests", cell: "requests.received.natural_person" });
    expect(placeOfAnchor(t2021, "CELL", "proactive.fees.amount")).toEqual({ kind: "cell", step: "proactive", cell: "proactive.fees.amount" });
  });

  it("puts a section comment at the top of that section's step", () => {
    expect(placeOfAnchor(t2021, "SECTION", "reviews")).toEqual({ kind: "section", step: "reviews", section: "reviews" });
    expect(placeOfAnchor(t2019, "SECTION", "other")).toEqual({ kind: "section", step: "other", section: "other" });
  });

  it("puts a paragraph comment under the narrative field that holds the paragraph", () => {
    expect(placeOfAnchor(t2021, "PARAGRAPH", "preface-p1")).toEqual({ kind: "field", step: "basic", field: "preface", paragraph: 1 });
    // overview-2 is the second topic, form item 1.
    expect(placeOfAnchor(t2021, "PARAGRAPH", "overview-2-p3")).toEqual({ kind: "field", step: "overview", field: "sections.overview.1.text", paragraph: 3 });
    expect(placeOfAnchor(t2021, "PARAGRAPH", "section-problems-p1")).toEqual({ kind: "field", step: "problems", field: "sections.problems", paragraph: 1 });
    expect(placeOfAnchor(t2021, "PARAGRAPH", "section-other-p2")).toEqual({ kind: "field", step: "other", field: "sections.other", paragraph: 2 });
    // Paragraphs before a table are its note.
    expect(placeOfAnchor(t2021, "PARAGRAPH", "section-requests-p1")).toEqual({ kind: "field", step: "requests", field: "sections.requestsNote", paragraph: 1 });
    expect(placeOfAnchor(t2019, "PARAGRAPH", "section-proactive-p2")).toEqual({ kind: "field", step: "proactive", field: "sections.proactiveNote", paragraph: 2 });
  });

  it("leaves anchors the format does not know for the overview on 检查与预览", () => {
    expect(placeOfAnchor(t2021, "CELL", "requests.nowhere.total")).toEqual({ kind: "unplaced", step: "check" });
    expect(placeOfAnchor(t2021, "SECTION", "appendix")).toEqual({ kind: "unplaced", step: "check" });
    expect(placeOfAnchor(t2021, "PARAGRAPH", "signature")).toEqual({ kind: "unplaced", step: "check" });
    expect(placeOfAnchor(t2021, "PARAGRAPH", "section-appendix-p1")).toEqual({ kind: "unplaced", step: "check" });
    expect(placeOfAnchor(t2021, "PARAGRAPH", "overview-0-p1")).toEqual({ kind: "unplaced", step: "check" });
  });
});

describe("indexThreads", () => {
  it("sorts threads into cells, sections and fields, and counts the open ones per step", () => {
    const threads = [
      thread({ anchorType: "CELL", anchor: "requests.received.natural_person", createdAt: "2026-01-05T08:00:00.000Z" }),
      thread({ id: "older", anchorType: "CELL", anchor: "requests.received.natural_person", createdAt: "2026-01-05T07:00:00.000Z", resolvedAt: "2026-01-06T00:00:00.000Z" }),
      thread({ anchorType: "CELL", anchor: "proactive.fees.amount", resolvedAt: "2026-01-06T00:00:00.000Z" }),
      thread({ anchorType: "SECTION", anchor: "problems" }),
      thread({ anchorType: "PARAGRAPH", anchor: "overview-1-p2" }),
      thread({ anchorType: "PARAGRAPH", anchor: "date" }),
    ];
    const index = indexThreads(t2021, threads);
    expect(index.byCell.get("requests.received.natural_person")?.map((t) => t.id)).toEqual(["older", "requests.received.natural_person"]);
    expect([...index.commentedCells].sort()).toEqual(["proactive.fees.amount", "requests.received.natural_person"]);
    // A cell whose only thread is resolved stays marked, but not as open.
    expect([...index.openCells]).toEqual(["requests.received.natural_person"]);
    expect(index.bySection.get("problems")).toHaveLength(1);
    expect(index.byField.get("sections.overview.0.text")).toHaveLength(1);
    expect(index.unplaced.map((t) => t.anchor)).toEqual(["date"]);
    expect(index.openByStep).toEqual({ requests: 1, problems: 1, overview: 1, check: 1 });
    expect(index.open).toBe(4);
  });
});

describe("paragraphLabel", () => {
  it("names the paragraph of a paragraph anchor", () => {
    expect(paragraphLabel("PARAGRAPH", "overview-3-p12")).toBe("第 12 段");
    expect(paragraphLabel("CELL", "requests.received.total")).toBeNull();
  });
});
