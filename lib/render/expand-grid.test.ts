import { describe, expect, it } from "vitest";
import type { DocCell, DocRow } from "../document/types";
import { expandGrid } from "./expand-grid";

const cell = (text: string, colSpan = 1, rowSpan = 1): DocCell => ({ role: "value", text, colSpan, rowSpan });
const row = (...cells: DocCell[]): DocRow => ({ cells });
/** Renders a grid as text: the cell's text where it starts, "·" where covered. */
const show = (grid: ReturnType<typeof expandGrid>) => grid.map((r) => r.map((s) => (s === null ? "·" : s.text)).join(" "));

describe("expandGrid", () => {
  it("leaves a plain grid as it is", () => {
    expect(show(expandGrid([row(cell("a"), cell("b")), row(cell("c"), cell("d"))], 2))).toEqual(["a b", "c d"]);
  });

  it("puts placeholders right of a column span", () => {
    expect(show(expandGrid([row(cell("a", 2), cell("b")), row(cell("c"), cell("d"), cell("e"))], 3))).toEqual([
      "a · b",
      "c d e",
    ]);
  });

  it("puts placeholders below a row span and shifts later cells of those rows right", () => {
    // Table 3's shape: a corner spanning 3×2, then headers; a row label spanning 2 rows.
    const rows = [
      row(cell("corner", 2, 2), cell("h1", 2)),
      row(cell("h2"), cell("h3")),
      row(cell("group", 1, 2), cell("leaf1"), cell("1"), cell("2")),
      row(cell("leaf2"), cell("3"), cell("4")),
    ];
    expect(show(expandGrid(rows, 4))).toEqual(["corner · h1 ·", "· · h2 h3", "group leaf1 1 2", "· leaf2 3 4"]);
  });

  it("returns the model's own cell objects where cells start", () => {
    const a = cell("a", 1, 2);
    const grid = expandGrid([row(a, cell("b")), row(cell("c"))], 2);
    expect(grid[0][0]).toBe(a);
    expect(grid[1][0]).toBeNull();
    expect(grid[1][1]?.text).toBe("c");
  });

  it("rejects rows that do not tile the grid", () => {
    expect(() => expandGrid([row(cell("a"))], 2)).toThrow(/column 1 is neither filled nor covered/);
    expect(() => expandGrid([row(cell("a"), cell("b", 2))], 2)).toThrow(/runs past column 2/);
    expect(() => expandGrid([row(cell("a", 1, 3))], 1)).toThrow(/spans past the last row/);
    expect(() => expandGrid([row(cell("a", 1, 2), cell("b")), row(cell("c"), cell("d"))], 2)).toThrow(/runs past/);
  });
});
