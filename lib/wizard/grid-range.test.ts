import { describe, expect, it } from "vitest";
import { clearableKeys, collapsedRange, describeRange, extendRange, fillDown, isMultiCell, rangeBounds, rangeTsv, type GridRange } from "./grid-range";
import { editGrid, type GridSlot } from "./paste-grid";

const grid = editGrid("2021", "requests");
const at = (key: string) => grid.positions.get(key)!;
const range = (from: string, to: string): GridRange => ({ anchor: at(from), focus: at(to) });

describe("extendRange", () => {
  it("moves the focus end and keeps the anchor, in any direction", () => {
    let r = collapsedRange(at("requests.granted.commercial"));
    r = extendRange(grid, r, "down");
    r = extendRange(grid, r, "right");
    expect(r.anchor).toEqual(at("requests.granted.commercial"));
    expect(r.focus).toEqual(at("requests.partly_granted.research"));
    r = extendRange(grid, extendRange(grid, extendRange(grid, r, "up"), "up"), "left");
    expect(r.focus).toEqual(at("requests.carried_over.commercial"));
    expect(rangeBounds(r)).toEqual({ top: at("requests.carried_over.commercial").row, bottom: at("requests.granted.commercial").row, left: 1, right: 1 });
  });

  it("stops at the grid's edges", () => {
    const corner = collapsedRange(at("requests.received.natural_person"));
    expect(extendRange(grid, corner, "up")).toEqual(corner);
    expect(extendRange(grid, corner, "left")).toEqual(corner);
    const right = collapsedRange(at("requests.received.total"));
    expect(extendRange(grid, right, "right").focus).toEqual(at("requests.received.total"));
  });

  it("tells a range of several cells from the focused cell", () => {
    expect(isMultiCell(null)).toBe(false);
    expect(isMultiCell(collapsedRange(at("requests.received.other_org")))).toBe(false);
    expect(isMultiCell(range("requests.received.other_org", "requests.received.total"))).toBe(true);
  });
});

describe("copy, clear and fill down", () => {
  const values: Record<string, unknown> = {
    "requests.received.legal_services": 3,
    "requests.received.other_org": null,
    "requests.received.total": 12,
    "requests.carried_over.legal_services": 1.5,
    "requests.carried_over.other_org": 0,
    "requests.carried_over.total": 1.5,
  };
  const valueOf = (slot: GridSlot) => values[slot.key];

  it("copies a range as tab-separated rows with totals as shown and blanks empty", () => {
    expect(rangeTsv(grid, range("requests.carried_over.total", "requests.received.legal_services"), valueOf)).toBe("3\t\t12\n1.5\t0\t1.5");
  });

  it("clears only the cells a clerk types into", () => {
    expect(clearableKeys(grid, range("requests.received.legal_services", "requests.carried_over.total"))).toEqual([
      "requests.received.legal_services",
      "requests.received.other_org",
      "requests.carried_over.legal_services",
      "requests.carried_over.other_org",
    ]);
  });

  it("fills each column from its top cell and leaves a total's column alone", () => {
    const filled = fillDown(grid, range("requests.received.legal_services", "requests.partly_granted.total"), valueOf);
    expect(filled.skippedColumns).toBe(1);
    expect(filled.writes).toEqual([
      { key: "requests.carried_over.legal_services", value: 3 },
      { key: "requests.granted.legal_services", value: 3 },
      { key: "requests.partly_granted.legal_services", value: 3 },
      { key: "requests.carried_over.other_org", value: null },
      { key: "requests.granted.other_org", value: null },
      { key: "requests.partly_granted.other_org", value: null },
    ]);
  });

  it("fills a one-row range from the row above, and cannot above the first row", () => {
    expect(fillDown(grid, range("requests.carried_over.legal_services", "requests.carried_over.other_org"), valueOf).writes).toEqual([
      { key: "requests.carried_over.legal_services", value: 3 },
      { key: "requests.carried_over.other_org", value: null },
    ]);
    expect(fillDown(grid, range("requests.received.legal_services", "requests.received.other_org"), valueOf)).toEqual({ writes: [], skippedColumns: 2 });
  });

  it("describes the range for a screen reader", () => {
    expect(describeRange(grid, range("requests.received.other_org", "requests.carried_over.total"))).toBe("已选择 2 行 × 2 列，共 4 个单元格（含 2 个合计）");
  });
});

describe("a table with rows of different widths (table 2)", () => {
  const proactive = editGrid("2021", "proactive");
  const pos = (key: string) => proactive.positions.get(key)!;
  const values: Record<string, unknown> = { "proactive.normative_documents.issued": 4, "proactive.normative_documents.repealed": 1, "proactive.normative_documents.in_force": 30 };
  const r: GridRange = { anchor: pos("proactive.normative_documents.issued"), focus: { row: pos("proactive.licensing.decisions").row, col: 2 } };

  it("copies positions without a cell as empty", () => {
    expect(rangeTsv(proactive, r, (slot) => values[slot.key] ?? null)).toBe("4\t1\t30\n\t\t");
  });

  it("clears and fills only the cells that exist", () => {
    expect(clearableKeys(proactive, r)).toEqual([
      "proactive.normative_documents.issued",
      "proactive.normative_documents.repealed",
      "proactive.normative_documents.in_force",
      "proactive.licensing.decisions",
    ]);
    expect(fillDown(proactive, r, (slot) => values[slot.key])).toEqual({ writes: [{ key: "proactive.licensing.decisions", value: 4 }], skippedColumns: 0 });
  });
});
