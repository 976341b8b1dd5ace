import { describe, expect, it } from "vitest";
import { publicIndex, publishedYears, type IndexAgency } from "./public-index";

const AGENCIES: IndexAgency[] = [
  { id: "city", name: "示例市人民政府", slug: "shili-shi", parentId: null, years: [] },
  { id: "police", name: "示例市公安局", slug: "gaj", parentId: "city", years: [2024, 2023] },
  { id: "edu", name: "示例市教育局", slug: "jyj", parentId: "city", years: [2021] },
  { id: "eco", name: "示例市生态环境局", slug: "sthj", parentId: "city", years: [] },
  { id: "county", name: "示例县人民政府", slug: "xian", parentId: "city", years: [2024] },
  { id: "county-police", name: "示例县公安局", slug: "xian-gaj", parentId: "county", years: [2023] },
];

const names = (entries: ReturnType<typeof publicIndex>) => entries.map((e) => `${"-".repeat(e.depth)}${e.name}${e.context ? "（上级）" : ""}`);

describe("the public index", () => {
  it("lists the agencies with published reports in tree order, ancestors kept for context", () => {
    expect(names(publicIndex(AGENCIES))).toEqual(["示例市人民政府（上级）", "-示例市公安局", "-示例市教育局", "-示例县人民政府", "--示例县公安局"]);
  });

  it("searches names ignoring spaces and width, and keeps each match's ancestors", () => {
    expect(names(publicIndex(AGENCIES, { q: " 公安 局" }))).toEqual(["示例市人民政府（上级）", "-示例市公安局", "-示例县人民政府（上级）", "--示例县公安局"]);
    expect(names(publicIndex(AGENCIES, { q: "ｅｄｕ" }))).toEqual([]);
    expect(names(publicIndex(AGENCIES, { q: "生态" }))).toEqual([]);
  });

  it("filters by the year published, with the name or alone", () => {
    expect(names(publicIndex(AGENCIES, { year: 2023 }))).toEqual(["示例市人民政府（上级）", "-示例市公安局", "-示例县人民政府（上级）", "--示例县公安局"]);
    expect(names(publicIndex(AGENCIES, { q: "县", year: 2024 }))).toEqual(["示例市人民政府（上级）", "-示例县人民政府"]);
    expect(publishedYears(AGENCIES)).toEqual([2024, 2023, 2021]);
  });
});
