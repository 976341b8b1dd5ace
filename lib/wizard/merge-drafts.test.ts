import { describe, expect, it } from "vitest";
import { mergeDrafts, sameDraftValue } from "./merge-drafts";

const base = {
  agency: "示例市公安局",
  year: 2023,
  contact: { phone: "010-1" },
  sections: {
    overview: [
      { title: "（一）主动公开", text: "A" },
      { title: "（二）依申请公开", text: "B" },
    ],
    problems: "",
    other: "",
  },
  tables: { requests: { received: { natural_person: 3, commercial: null } } },
};
type Draft = typeof base;
const edit = (change: (d: Draft) => void): Draft => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe("mergeDrafts", () => {
  it("keeps the server's version where the user changed nothing", () => {
    const server = edit((d) => (d.sections.problems = "服务器写的问题"));
    const { merged, conflicts, localChanges } = mergeDrafts(base, structuredClone(base), server);
    expect(merged).toEqual(server);
    expect(conflicts).toEqual([]);
    expect(localChanges).toEqual([]);
  });

  it("combines the user's cells with the other person's cells and text", () => {
    const local = edit((d) => (d.tables.requests.received.commercial = 2 as unknown as null));
    const server = edit((d) => {
      d.tables.requests.received.natural_person = 5;
      d.sections.other = "无";
    });
    const { merged, conflicts, localChanges } = mergeDrafts(base, local, server);
    expect(merged.tables.requests.received).toEqual({ natural_person: 5, commercial: 2 });
    expect(merged.sections.other).toBe("无");
    expect(conflicts).toEqual([]);
    expect(localChanges).toEqual(["tables.requests.received.commercial"]);
  });

  it("keeps the user's value where both changed the same field, and names it", () => {
    const local = edit((d) => (d.tables.requests.received.natural_person = 4));
    const server = edit((d) => (d.tables.requests.received.natural_person = 5));
    const { merged, conflicts } = mergeDrafts(base, local, server);
    expect(merged.tables.requests.received.natural_person).toBe(4);
    expect(conflicts).toEqual(["tables.requests.received.natural_person"]);
  });

  it("does not count the same change on both sides as a conflict", () => {
    const both = edit((d) => (d.contact.phone = "010-2"));
    const { merged, conflicts } = mergeDrafts(base, both, structuredClone(both));
    expect(merged.contact.phone).toBe("010-2");
    expect(conflicts).toEqual([]);
  });

  it("treats a cell typed into and cleared again as unchanged", () => {
    const local = edit((d) => ((d.tables.requests.received as Record<string, unknown>).research = null));
    const server = edit((d) => ((d.tables.requests.received as Record<string, unknown>).research = 7));
    const { merged, localChanges } = mergeDrafts(base, local, server);
    expect((merged.tables.requests.received as Record<string, unknown>).research).toBe(7);
    expect(localChanges).toEqual([]);
  });

  it("merges 总体情况 item by item while the list keeps its length", () => {
    const local = edit((d) => (d.sections.overview[0].text = "A（我改的）"));
    const server = edit((d) => (d.sections.overview[1].text = "B（同事改的）"));
    const { merged, conflicts } = mergeDrafts(base, local, server);
    expect(merged.sections.overview.map((i) => i.text)).toEqual(["A（我改的）", "B（同事改的）"]);
    expect(conflicts).toEqual([]);
  });

  it("takes a list whose length one side changed from that side, and reports a clash", () => {
    const added = edit((d) => d.sections.overview.push({ title: "（三）政府信息管理", text: "C" }));
    expect(mergeDrafts(base, structuredClone(base), added).merged.sections.overview).toHaveLength(3);
    expect(mergeDrafts(base, added, structuredClone(base)).merged.sections.overview).toHaveLength(3);
    const server = edit((d) => (d.sections.overview[0].text = "A2"));
    const clash = mergeDrafts(base, added, server);
    expect(clash.merged.sections.overview).toEqual(added.sections.overview);
    expect(clash.conflicts).toEqual(["sections.overview"]);
  });

  it("does not share objects with its inputs", () => {
    const server = edit((d) => (d.sections.other = "无"));
    const { merged } = mergeDrafts(base, structuredClone(base), server);
    merged.sections.other = "改";
    expect(server.sections.other).toBe("无");
  });
});

describe("sameDraftValue", () => {
  it("equates blanks and compares deeply", () => {
    expect(sameDraftValue({ a: null, b: 1 }, { b: 1 })).toBe(true);
    expect(sameDraftValue({ a: "" }, {})).toBe(true);
    expect(sameDraftValue([1, { x: 2 }], [1, { x: 2 }])).toBe(true);
    expect(sameDraftValue([1], [1, 2])).toBe(false);
    expect(sameDraftValue(0, null)).toBe(false);
  });
});
