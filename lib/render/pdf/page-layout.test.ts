import { describe, expect, it } from "vitest";
import { moveItems, paginate, type Band, type FlowItem, type PdfText } from "./page-layout";

const line = (name: string, height = 10): Band => ({ height, items: [{ kind: "text", x: 0, y: 0, text: name, role: "fangsong", size: 10, spacing: 0 }] });
const spacer = (height: number): Band => ({ height, items: [], spacer: true });
/** Each page's band texts with their offsets. */
function pages(flow: FlowItem[], height = 100): string[][] {
  return paginate(flow, height).map((page) => page.map(({ band, y }) => `${band.items.length ? (band.items[0] as PdfText).text : "·"}@${y}`));
}

describe("paginate", () => {
  it("places bands one below the other and moves a band that does not fit to the next page", () => {
    const flow = [{ bands: Array.from({ length: 12 }, (_, i) => line(`l${i}`)) }];
    expect(pages(flow)).toEqual([Array.from({ length: 10 }, (_, i) => `l${i}@${i * 10}`), ["l10@0", "l11@10"]]);
  });

  it("moves a kept item whole when it fits on a page but not in what is left", () => {
    const flow = [{ bands: [line("a", 70)] }, { bands: [line("b"), line("c"), line("d", 20)], keep: true }];
    expect(pages(flow)).toEqual([["a@0"], ["b@0", "c@10", "d@20"]]);
  });

  it("splits a kept item taller than a page", () => {
    const flow = [{ bands: [line("a", 60)] }, { bands: [line("b", 60), line("c", 60)], keep: true }];
    expect(pages(flow)).toEqual([["a@0"], ["b@0"], ["c@0"]]);
  });

  it("keeps a heading with what it needs below it", () => {
    const heading = (need: number): FlowItem => ({ bands: [line("h")], need });
    expect(pages([{ bands: [line("a", 75)] }, heading(20), { bands: [line("p")] }])).toEqual([["a@0", "h@75", "p@85"]]);
    expect(pages([{ bands: [line("a", 75)] }, heading(30), { bands: [line("p")] }])).toEqual([["a@0"], ["h@0", "p@10"]]);
  });

  it("keeps a heading with all of a kept item after it, not only with what it asks for", () => {
    const flow: FlowItem[] = [{ bands: [line("a", 60)] }, { bands: [line("h")], need: 20 }, { bands: [line("p"), line("s", 25)], keep: true }];
    expect(pages(flow)).toEqual([["a@0"], ["h@0", "p@10", "s@20"]]);
    // A next item too tall for a page with the heading: the heading's own need stands.
    const tall: FlowItem[] = [{ bands: [line("a", 60)] }, { bands: [line("h")], need: 20 }, { bands: [line("p"), line("q", 95)], keep: true }];
    expect(pages(tall)[0]).toEqual(["a@0", "h@60", "p@70"]);
  });

  it("starts a page for newPage, but never leaves a page empty", () => {
    expect(pages([{ bands: [line("a")] }, { bands: [line("b")], newPage: true }])).toEqual([["a@0"], ["b@0"]]);
    expect(pages([{ bands: [line("a")], newPage: true }])).toEqual([["a@0"]]);
  });

  it("draws an overlapping band over the band right above it, but not at a page's top", () => {
    const group = (name: string): Band => ({ ...line(name, 30), overlap: 0.5 });
    expect(pages([{ bands: [line("a", 30)] }, { bands: [group("b")] }, { bands: [group("c")] }, { bands: [group("d")] }])).toEqual([
      ["a@0", "b@29.5", "c@59"],
      ["d@0"],
    ]);
  });

  it("drops white space at the top of a page and where it does not fit at the foot", () => {
    expect(pages([{ bands: [spacer(5), line("a", 90), spacer(20), line("b")] }])).toEqual([["a@0"], ["b@0"]]);
    expect(pages([{ bands: [line("a", 50), spacer(20), line("b")] }])).toEqual([["a@0", "b@70"]]);
  });
});

describe("moveItems", () => {
  it("moves texts and rules, and texts of one cell keep one box", () => {
    const cell = { top: 5, height: 20 };
    const texts: PdfText[] = ["x", "y"].map((text, i) => ({ kind: "text", x: 1, y: 6 + i * 10, text, role: "fangsong", size: 10, spacing: 0, cell }));
    const moved = moveItems([...texts, { kind: "rules", width: 0.5, segments: [[0, 0, 10, 0]] }], 100, 200);
    const [a, b, rules] = moved as [PdfText, PdfText, { segments: number[][] }];
    expect([a.x, a.y, b.y]).toEqual([101, 206, 216]);
    expect(a.cell).toBe(b.cell);
    expect(a.cell).toEqual({ top: 205, height: 20 });
    expect(rules.segments).toEqual([[100, 200, 110, 200]]);
  });
});
