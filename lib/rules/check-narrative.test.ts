import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import type { TReportInput } from "../report/schema";
import { referenceValue } from "../report/values";
import { checkReport } from "./check-report";
import type { Finding } from "./types";

function prepared(input: unknown): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

/** A balanced 2022 report (or `year`) whose section 五 reads `text`. */
function withText(text: string, year = 2022, seed = 7): TReportInput {
  const report = structuredClone(buildSampleReport({ year, withTotals: true, seed }));
  report.sections!.problems = text;
  return report;
}

function narrative(input: TReportInput, previous?: TReportInput): Finding[] {
  const context = previous ? { previous: prepared(previous) } : {};
  return checkReport(prepared(input), context).filter((f) => f.ruleId.startsWith("narrative."));
}

/** A figure of the sample report. */
function value(input: TReportInput, reference: string): number {
  return referenceValue(prepared(input), reference) ?? 0;
}

const base = withText("");
const received = value(base, "requests.received.total");
const carried = value(base, "requests.carried_over.total");
/** The largest result group, so its share has decimals to round. */
const [largest, largestWord] = (
  [
    ["granted", "予以公开"],
    ["withheld", "不予公开"],
    ["unable", "无法提供"],
    ["not_processed", "不予处理"],
  ] as const
)
  .map(([row, word]) => [value(base, `requests.${row}.total`), word] as const)
  .sort((a, b) => b[0] - a[0])[0];
const processed = value(base, "requests.total_processed.total");

describe("narrative.contradicts-table", () => {
  it("catches a count that is not the table's, quoting the sentence, and leaves the right one alone", () => {
    const wrong = narrative(withText(`本年新收政府信息公开申请数量${received + 3}件。`));
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatchObject({ ruleId: "narrative.contradicts-table", severity: "warning", expected: received, actual: received + 3 });
    expect(wrong[0].message).toContain(`「本年新收政府信息公开申请数量${received + 3}件」`);
    expect(wrong[0].quote).toBe(`本年新收政府信息公开申请数量${received + 3}件。`);
    expect(narrative(withText(`本年新收政府信息公开申请数量${received}件。`))).toEqual([]);
  });

  it("reads 共收到N件（含上年结转M件） as received plus carried over", () => {
    expect(narrative(withText(`共收到政府信息公开申请${received + carried}件（含上年结转${carried}件）。`))).toEqual([]);
    const [finding] = narrative(withText(`共收到政府信息公开申请${received}件（含上年结转${carried}件）。`));
    expect(carried).toBeGreaterThan(0);
    expect(finding).toMatchObject({ expected: received + carried, actual: received });
    expect(finding.message).toContain("本年新收与上年结转申请数之和");
  });

  it("checks table 4: 行政复议 and 行政诉讼 totals, 被纠错 after 行政复议", () => {
    const input = withText("");
    const tables = input.tables as unknown as Record<string, Record<string, Record<string, number>>>;
    const reconsideration = value(input, "reviews.reconsideration.total");
    const litigation = value(input, "reviews.litigation_direct.total") + value(input, "reviews.litigation_after_reconsideration.total");
    const corrected = tables.reviews.reconsideration.corrected ?? 0;
    input.sections!.problems = `发生行政复议${reconsideration}件，被纠错${corrected}件；行政诉讼${litigation}件。`;
    expect(narrative(input)).toEqual([]);
    input.sections!.problems = `发生行政复议${reconsideration + 1}件，被纠错${corrected + 1}件；行政诉讼${litigation + 1}件。`;
    expect(narrative(input).map((f) => f.expected)).toEqual([reconsideration, corrected, litigation]);
  });
});

describe("narrative.parts-exceed-total", () => {
  it("catches parts after 其中 that add up to more than the total, and leaves a partial list alone", () => {
    const [finding] = narrative(withText(`共收到政府信息公开申请${received}件，其中当面申请${received}件、网上申请2件。`));
    expect(finding).toMatchObject({ ruleId: "narrative.parts-exceed-total", expected: received, actual: received + 2 });
    expect(narrative(withText(`共收到政府信息公开申请${received}件，其中当面申请1件。`))).toEqual([]);
  });
});

describe("narrative.share-mismatch", () => {
  it("catches a share of 办理结果总计 that is not the table's, and leaves a rounded right one alone", () => {
    const share = (largest / processed) * 100;
    expect(share).toBeGreaterThan(0);
    expect(narrative(withText(`${largestWord}${largest}件，占比${share.toFixed(1)}%。`))).toEqual([]);
    expect(narrative(withText(`${largestWord}${largest}件，占比${Math.floor(share)}%。`))).toEqual([]);
    const [finding] = narrative(withText(`${largestWord}${largest}件，占比${(share + 5).toFixed(1)}%。`));
    expect(finding).toMatchObject({ ruleId: "narrative.share-mismatch", actual: Number((share + 5).toFixed(1)) });
    expect(finding.message).toContain(`占办理结果总计 ${processed} 的 ${share.toFixed(1)}%`);
  });
});

describe("narrative.change-mismatch", () => {
  const previous = structuredClone(buildSampleReport({ year: 2021, withTotals: true, seed: 11 }));
  const last = value(previous, "requests.received.total");

  it("catches a year-over-year change that last year's report does not give", () => {
    const right = (((received - last) / last) * 100).toFixed(1);
    const verb = received >= last ? "增长" : "下降";
    const signed = (n: string) => String(Math.abs(Number(n)));
    expect(narrative(withText(`收到政府信息公开申请${received}件，同比${verb}${signed(right)}%。`), previous)).toEqual([]);
    expect(narrative(withText(`收到政府信息公开申请${received}件，比上年${received >= last ? "增加" : "减少"}${Math.abs(received - last)}件。`), previous)).toEqual([]);
    const [finding] = narrative(withText(`收到政府信息公开申请${received}件，同比${verb}${Number(signed(right)) + 10}%。`), previous);
    expect(finding).toMatchObject({ ruleId: "narrative.change-mismatch" });
    expect(finding.message).toContain(`上年报告中的本年新收申请数为 ${last}`);
  });

  it("says nothing about a change when last year is not known", () => {
    expect(narrative(withText(`收到政府信息公开申请${received}件，同比增长999%。`))).toEqual([]);
  });
});

/** Phrasings of each figure, every number taken from the report's own cells. */
function sentences(input: TReportInput, pick: number[]): string[] {
  const v = (reference: string) => value(input, reference);
  const r = v("requests.received.total");
  const c = v("requests.carried_over.total");
  const total = v("requests.total_processed.total");
  const results = ["granted", "partly_granted", "withheld", "unable", "not_processed"].map((row) => v(`requests.${row}.total`));
  const names = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理"];
  const pct = (n: number, d: number) => (total ? `${((n / total) * 100).toFixed(d)}%` : "0%");
  const all = [
    `本年新收政府信息公开申请数量${r}件，上年结转政府信息公开申请数量${c}件。`,
    `本年度共收到政府信息公开申请${r}件。`,
    `共受理政府信息公开申请${r + c}件（含上年结转${c}件）。`,
    `共收到${r}件政府信息公开申请，其中上年结转${c}件另计。`.replace(`其中上年结转${c}件另计`, `上年结转${c}件`),
    `办结政府信息公开申请${total}件，其中${names.map((n, i) => `${n}${results[i]}件`).join("、")}。`,
    `${names[0]}${results[0]}件，占比${pct(results[0], 1)}；${names[2]}${results[2]}件，占比${pct(results[2], 2)}。`,
    `${names[1]}、${names[4]}分别为${results[1]}件、${results[4]}件。`,
    `结转下年度继续办理${v("requests.carried_forward.total")}件，按时办结率100%。`,
    `全年发生行政复议${v("reviews.reconsideration.total")}件，被纠错${v("reviews.reconsideration.corrected")}件，行政诉讼${v("reviews.litigation_direct.total") + v("reviews.litigation_after_reconsideration.total")}件。`,
    `未经复议直接起诉${v("reviews.litigation_direct.total")}件，复议后起诉${v("reviews.litigation_after_reconsideration.total")}件。`,
  ];
  return pick.map((i) => all[i % all.length]);
}

describe("narrative properties", () => {
  it("finds nothing in a balanced report whose narrative is generated from its own cells", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2019, max: 2030 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        (year, seed, pick) => {
          const input = structuredClone(buildSampleReport({ year, withTotals: true, seed }));
          const text = sentences(input, pick).join("");
          input.sections!.problems = text;
          input.sections!.overview![0].text += text;
          expect(narrative(input), text).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
