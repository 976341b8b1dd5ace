import { describe, expect, it } from "vitest";
import { valueAt, withValueAt } from "./value-path";

describe("value paths", () => {
  const values = { agency: "某局", tables: { requests: { received: { total: 3 } } }, sections: { overview: [{ title: "（一）主动公开", text: "甲" }] } };

  it("reads nested values, array items included, and undefined off the tree", () => {
    expect(valueAt(values, "tables.requests.received.total")).toBe(3);
    expect(valueAt(values, "sections.overview.0.title")).toBe("（一）主动公开");
    expect(valueAt(values, "tables.reviews.x.y")).toBeUndefined();
    expect(valueAt(values, "agency.length")).toBeUndefined();
  });

  it("writes by copying the path and sharing the rest, never mutating", () => {
    const before = structuredClone(values);
    const next = withValueAt(values, "tables.requests.received.total", 4);
    expect(values).toEqual(before);
    expect(next.tables.requests.received.total).toBe(4);
    expect(next.sections).toBe(values.sections);
    expect(next.tables).not.toBe(values.tables);
  });

  it("returns the same object when the value is already there", () => {
    expect(withValueAt(values, "tables.requests.received.total", 3)).toBe(values);
    expect(withValueAt(values, "preface", undefined)).toBe(values);
  });

  it("creates missing objects, an array where the key is an index, and removes a key for undefined", () => {
    const next: unknown = withValueAt(values, "tables.reviews.review.upheld", 2);
    expect(valueAt(next, "tables.reviews.review.upheld")).toBe(2);
    const items = withValueAt({}, "sections.overview.0.title", "x") as { sections: { overview: unknown[] } };
    expect(Array.isArray(items.sections.overview)).toBe(true);
    const cleared = withValueAt(values, "agency", undefined);
    expect("agency" in cleared).toBe(false);
    const item = withValueAt(values, "sections.overview.0.text", "乙");
    expect(item.sections.overview[0]).toEqual({ title: "（一）主动公开", text: "乙" });
    expect(Array.isArray(item.sections.overview)).toBe(true);
  });
});
