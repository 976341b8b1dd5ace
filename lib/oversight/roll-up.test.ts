import { describe, expect, it } from "vitest";
import { parseCellKey } from "../report/cell-ref";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import { effectiveValue } from "../report/values";
import { renderHtmlFragment } from "../render/html/render-html";
import { templateCells } from "../template/cells";
import { loadSeed } from "../test-support/seeds";
import { TEMPLATES } from "../../templates";
import { cellLayout, cellVector, sumsByCell } from "./cell-vector";
import { buildRollUp, buildRollUpDocument, checkRollUp, chooseVersions, coverageSummary, prepareRollUp, rollUpContent, sumReports, type RollUpCandidate } from "./roll-up";

function prepared(input: unknown): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

function totalOf(reports: PreparedReport[]): PreparedReport {
  return prepareRollUp(rollUpContent(sumReports(reports[0].format, reports), { title: "示例市人民政府及下属机关", year: reports[0].input.year }));
}

describe("roll-up of tables 2, 3 and 4", () => {
  it("adds up two seed reports cell by cell, each cell as the report shows it (units and computed totals included)", () => {
    // 六盘水 and 宿迁 2020, both in the 2019 format; 宿迁 writes money as 「3414.41 万元」, 六盘水 as 「1753802元」.
    const a = loadSeed("002_d477ee84c8f7efa5");
    const b = loadSeed("004_f8f28e4c849350e4");
    const total = totalOf([a, b]);
    const ids = [...templateCells(TEMPLATES["2019"]).keys()];
    expect(ids).toEqual(cellLayout("2019").cellIds);
    for (const id of ids) {
      const ref = parseCellKey(id)!;
      const [x, y] = [effectiveValue(a, ref), effectiveValue(b, ref)];
      const expected = x === null && y === null ? null : Math.round(((x ?? 0) + (y ?? 0)) * 10_000) / 10_000;
      expect(effectiveValue(total, ref), id).toBe(expected);
    }
    expect(effectiveValue(total, { table: "proactive", row: "procurement", col: "amount" })).toBe(
      (effectiveValue(a, { table: "proactive", row: "procurement", col: "amount" })! * 10_000 + effectiveValue(b, { table: "proactive", row: "procurement", col: "amount" })! * 10_000) / 10_000,
    );
    // Both seeds balance, so does their total.
    expect(checkRollUp(total)).toEqual([]);
  });

  it("re-runs the balance rules on the total: balanced reports pass, an injected imbalance is caught", () => {
    const reports = [1, 2, 3].map((seed) => prepared(buildSampleReport({ agency: `示例市第${seed}局`, year: 2023, seed })));
    expect(checkRollUp(totalOf(reports))).toEqual([]);

    const broken = structuredClone(buildSampleReport({ agency: "示例市第4局", year: 2023, seed: 4 }));
    (broken.tables!.requests as Record<string, Record<string, number>>).received.natural_person += 5;
    const findings = checkRollUp(totalOf([...reports, prepared(broken)]));
    expect(findings.map((f) => f.ruleId)).toEqual(["requests.balance", "requests.balance"]);
    expect(findings[0].message).toMatch(/「自然人」列不平衡/);
    expect((findings[0].expected as number) - (findings[0].actual as number)).toBe(5);
  });

  it("keeps a cell blank only when every report left it blank, and refuses mixing formats", () => {
    const empty = prepared({ agency: "甲", year: 2022 });
    const one = prepared({ agency: "乙", year: 2022, tables: { proactive: { fees: { amount: "0.0001" } }, requests: { received: { natural_person: 2 } } } });
    const sums = sumsByCell(sumReports("2021", [empty, one]));
    expect(sums.get("proactive.fees.amount")).toBe(0.0001);
    expect(sums.get("requests.received.natural_person")).toBe(2);
    // The blank total of a filled row is computed; a row nobody filled stays blank.
    expect(sums.get("requests.received.total")).toBe(2);
    expect(sums.get("requests.granted.natural_person")).toBeNull();
    expect(cellVector(empty).filled.every((f) => !f)).toBe(true);
    expect(() => sumReports("2021", [loadSeed("004_f8f28e4c849350e4")])).toThrow(/2019 report/);
  });

  it("lists which agencies are included, missing or excluded, by the chosen basis", () => {
    const v = (id: string, format = "2021") => ({ id, number: 1, format });
    const candidates: RollUpCandidate[] = [
      { agency: { id: "a", name: "甲局" }, report: { id: "ra", status: "PUBLISHED", latest: v("a2"), published: { ...v("a1"), revision: 1 } } },
      { agency: { id: "b", name: "乙局" }, report: { id: "rb", status: "SUBMITTED", latest: v("b1"), published: null } },
      { agency: { id: "c", name: "丙局" }, report: { id: "rc", status: "DRAFT", latest: null, published: null } },
      { agency: { id: "d", name: "丁局" }, report: null },
      { agency: { id: "e", name: "戊局" }, report: { id: "re", status: "PUBLISHED", latest: v("e1", "2019"), published: { ...v("e1", "2019"), revision: 2 } } },
    ];
    const published = chooseVersions(candidates, { format: "2021", basis: "published" });
    expect(published.included.map((i) => [i.agency.id, i.version.id])).toEqual([["a", "a1"]]);
    expect(published.missing.map((m) => m.id)).toEqual(["d"]);
    expect(published.excluded.map((e) => [e.agency.id, e.reason])).toEqual([
      ["b", "not-published"],
      ["c", "not-published"],
      ["e", "other-format"],
    ]);
    expect(chooseVersions([{ ...candidates[1], report: { ...candidates[1].report!, latest: { id: "b0", number: 1, format: null } } }], { format: "2021", basis: "submitted" }).excluded).toEqual([
      { agency: { id: "b", name: "乙局" }, reportId: "rb", status: "SUBMITTED", reason: "unreadable", versionId: "b0" },
    ]);
    const submitted = chooseVersions(candidates, { format: "2021", basis: "submitted" });
    expect(submitted.included.map((i) => [i.agency.id, i.version.id])).toEqual([
      ["a", "a2"],
      ["b", "b1"],
    ]);
    expect(submitted.excluded.map((e) => [e.agency.id, e.reason])).toEqual([
      ["c", "not-submitted"],
      ["e", "other-format"],
    ]);
    expect(coverageSummary(submitted, "submitted")).toBe("本表汇总 2 个机关最近提交的年度报告数据；1 个机关尚无本年度报告；2 个机关的报告未纳入（尚未提交审核 1 个，使用其他格式 1 个）。");
  });

  it("lays the total out in the official tables for the existing renderers", () => {
    const reports = [1, 2].map((seed) => prepared(buildSampleReport({ year: 2022, seed })));
    const rollUp = buildRollUp({
      title: "示例市人民政府及下属机关",
      year: 2022,
      basis: "published",
      coverage: { included: [], missing: [], excluded: [] },
      sums: sumReports("2021", reports),
    });
    expect(rollUp.findings).toEqual([]);
    const total = prepareRollUp(rollUp.content);
    const document = buildRollUpDocument(total, ["本表汇总 2 个机关已发布的年度报告数据。"]);
    expect(document.blocks.filter((b) => b.type === "heading").map((b) => b.type === "heading" && b.text)).toEqual([
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
    ]);
    const html = renderHtmlFragment(document);
    const received = reports.reduce((s, r) => s + effectiveValue(r, { table: "requests", row: "received", col: "total" })!, 0);
    expect(document.title).toBe("示例市人民政府及下属机关2022年政府信息公开工作年度报告数据汇总");
    expect(html.includes("一、本年新收政府信息公开申请数量")).toBe(true);
    expect(html.includes(`data-ref="requests.received.total">${received}<`)).toBe(true);
  });
});
