import { describe, expect, it } from "vitest";
import { descendantIds, orderAgencyTree } from "./agency-tree";

const agencies = [
  { id: "edu", name: "示例市教育局", parentId: "city" },
  { id: "city", name: "示例市人民政府", parentId: null },
  { id: "traffic", name: "交警支队", parentId: "police" },
  { id: "police", name: "示例市公安局", parentId: "city" },
  { id: "orphan", name: "孤立机关", parentId: "deleted" },
];

describe("orderAgencyTree", () => {
  it("puts each parent before its children, with depth, and orphans at the root", () => {
    expect(orderAgencyTree(agencies).map((a) => `${"  ".repeat(a.depth)}${a.id}`)).toEqual(["orphan", "city", "  police", "    traffic", "  edu"]);
  });

  it("still lists agencies caught in a cycle", () => {
    const cyclic = [
      { id: "a", name: "甲", parentId: "b" },
      { id: "b", name: "乙", parentId: "a" },
    ];
    expect(orderAgencyTree(cyclic).map((a) => a.id).sort()).toEqual(["a", "b"]);
  });
});

describe("descendantIds", () => {
  it("collects an agency and everything below it, at any depth", () => {
    expect([...descendantIds(agencies, "city")].sort()).toEqual(["city", "edu", "police", "traffic"]);
    expect([...descendantIds(agencies, "traffic")]).toEqual(["traffic"]);
  });
});
