import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../templates";
import { resultRowIds } from "../../templates/shared/requests-table";
import { prepareReport, type PreparedReport } from "../report/prepare-report";
import { buildSampleReport } from "../report/sample-report";
import { effectiveValue, referenceValue } from "../report/values";
import { loadSeed } from "../test-support/seeds";
import { PROGRESS_STATUSES, type ProgressStatus } from "../workflow/report-status";
import {
  CHART_COLOR_HEX,
  fitText,
  formatShare,
  niceScale,
  receivedChart,
  resultCategories,
  resultsChart,
  shares,
  shortRowLabel,
  statusChart,
  STATUS_COLOR,
  textWidth,
  type AgencyValue,
  type BarChartModel,
} from "./charts";
import { prepareRollUp, rollUpContent, sumReports } from "./roll-up";

function prepared(input: unknown): PreparedReport {
  const result = prepareReport(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

function totalOf(reports: PreparedReport[]): PreparedReport {
  return prepareRollUp(rollUpContent(sumReports(reports[0].format, reports), { title: "示例市人民政府及下属机关", year: reports[0].input.year }));
}

const shareSum = (model: BarChartModel) => Math.round(model.bars.reduce((a, b) => a + b.share, 0) * 10) / 10;

/** Relative luminance contrast of two #rrggbb colours (WCAG 2). */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** A deterministic pseudo-random sequence (the tests must not flake). */
function numbers(seed: number) {
  let state = seed;
  return (max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % (max + 1);
  };
}

describe("scales and shares", () => {
  it("rounds the axis up to 1, 2, 2.5 or 5 × 10ⁿ steps with integer ticks", () => {
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceScale(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(87)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(niceScale(1234)).toEqual({ max: 1500, ticks: [0, 500, 1000, 1500] });
    expect(niceScale(10_000)).toEqual({ max: 10_000, ticks: [0, 2500, 5000, 7500, 10_000] });
    const next = numbers(7);
    for (let i = 0; i < 200; i++) {
      const max = next(1_000_000) + 1;
      const scale = niceScale(max);
      expect(scale.max).toBeGreaterThanOrEqual(max);
      expect(scale.ticks[0]).toBe(0);
      expect(scale.ticks.at(-1)).toBe(scale.max);
      expect(scale.ticks.every(Number.isInteger)).toBe(true);
      expect(scale.ticks.length).toBeLessThanOrEqual(6);
    }
  });

  it("gives shares with one decimal that add up to 100, equal values equal shares, larger values never smaller ones", () => {
    expect(shares([2, 1, 1])).toEqual([50, 25, 25]);
    expect(shares([5, 3, 1])).toEqual([55.6, 33.3, 11.1]);
    expect(shares([0, 0])).toEqual([0, 0]);
    expect(shares([5])).toEqual([100]);
    // A tie the remaining tenths cannot be shared within is rounded to the nearest tenth.
    expect(shares([1, 1, 1])).toEqual([33.3, 33.3, 33.3]);
    expect(shares([1, 1, 1, 3])).toEqual([16.7, 16.7, 16.7, 50]);
    const next = numbers(11);
    const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;
    for (let i = 0; i < 500; i++) {
      const values = Array.from({ length: 1 + next(20) }, () => next(i % 2 ? 5000 : 20));
      const result = shares(values);
      const total = values.reduce((a, b) => a + b, 0);
      if (!total) {
        expect(result.every((r) => r === 0)).toBe(true);
        continue;
      }
      // Exact when no two values are equal; otherwise off by less than a tenth per tied value.
      if (new Set(values).size === values.length) expect(sum(result)).toBe(100);
      else expect(Math.abs(sum(result) - 100)).toBeLessThan(0.1 * values.length);
      values.forEach((v, k) => {
        expect(Math.abs(result[k] - (v / total) * 100)).toBeLessThan(0.1 + 1e-9);
        values.forEach((w, l) => {
          if (v === w) expect(result[k]).toBe(result[l]);
          if (v > w) expect(result[k]).toBeGreaterThanOrEqual(result[l]);
        });
      });
    }
  });

  it("uses colours of at least 3:1 against the white surface and the bar track", () => {
    for (const [token, hex] of Object.entries(CHART_COLOR_HEX)) {
      expect(contrast(hex, "#ffffff"), token).toBeGreaterThanOrEqual(3);
      expect(contrast(hex, "#eef1f5"), token).toBeGreaterThanOrEqual(3);
    }
    // Statuses are told apart by colour too (besides their labels).
    expect(new Set(PROGRESS_STATUSES.map((s) => CHART_COLOR_HEX[STATUS_COLOR[s]])).size).toBe(PROGRESS_STATUSES.length);
  });

  it("shortens labels to a width, counting CJK characters as 1 em", () => {
    expect(textWidth("公安局", 14)).toBe(42);
    expect(textWidth("ab12", 10)).toBeCloseTo(24);
    expect(fitText("示例市公安局", 100, 14)).toBe("示例市公安局");
    const long = "示例市人民政府办公室政务公开办公室信息公开科";
    const fitted = fitText(long, 150, 14);
    expect(fitted.endsWith("…")).toBe(true);
    expect(textWidth(fitted, 14)).toBeLessThanOrEqual(150);
    expect(long.startsWith(fitted.slice(0, -1))).toBe(true);
  });
});

describe("statusChart", () => {
  it("has every status in workflow order with its label, count and share", () => {
    const counts: Record<ProgressStatus, number> = { NOT_STARTED: 3, DRAFT: 0, SUBMITTED: 1, RETURNED: 0, APPROVED: 0, PUBLISHED: 2 };
    const chart = statusChart(counts, { year: 2024 });
    expect(chart.bars.map((b) => [b.key, b.label, b.value, b.share])).toEqual([
      ["NOT_STARTED", "未开始", 3, 50],
      ["DRAFT", "草稿", 0, 0],
      ["SUBMITTED", "待审核", 1, 16.7],
      ["RETURNED", "退回修改", 0, 0],
      ["APPROVED", "审核通过", 0, 0],
      ["PUBLISHED", "已发布", 2, 33.3],
    ]);
    expect(chart.total).toBe(6);
    expect(shareSum(chart)).toBe(100);
    expect(chart.scale).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(chart.bars.map((b) => b.fraction)).toEqual([1, 0, 1 / 3, 0, 0, 2 / 3]);
    expect(chart.title).toBe("2024 年度各机关年度报告状态分布");
    expect(chart.summary).toBe("共 6 个机关：未开始 3 个（50.0%），草稿 0 个（0.0%），待审核 1 个（16.7%），退回修改 0 个（0.0%），审核通过 0 个（0.0%），已发布 2 个（33.3%）。");
    expect(chart.empty).toBe(false);
    expect(statusChart({}).empty).toBe(true);
  });
});

describe("receivedChart", () => {
  const agencies = (values: (number | null)[]): AgencyValue[] => values.map((value, i) => ({ agency: { id: `a${i}`, name: `第${String(i).padStart(5, "0")}局` }, value }));

  it("folds 10,000 agencies into the top 15 and 「其他 9985 个机关」 with their sum", () => {
    const next = numbers(3);
    const rows = agencies(Array.from({ length: 10_000 }, () => next(300)));
    const chart = receivedChart(rows);
    expect(chart.bars).toHaveLength(16);
    const sorted = [...rows].sort((a, b) => b.value! - a.value! || a.agency.name.localeCompare(b.agency.name));
    expect(chart.bars.slice(0, 15).map((b) => [b.key, b.value])).toEqual(sorted.slice(0, 15).map((r) => [r.agency.id, r.value]));
    const others = chart.bars[15];
    const restSum = sorted.slice(15).reduce((a, r) => a + r.value!, 0);
    expect(others).toMatchObject({ key: "others", label: "其他 9,985 个机关", value: restSum, others: { count: 9985, max: sorted[15].value } });
    expect(chart.total).toBe(rows.reduce((a, r) => a + r.value!, 0));
    // The top 15 tie (300 each, 0.02%): equal shares, printed 「<0.1%」; the tenths they cannot share stay out.
    expect(new Set(chart.bars.slice(0, 15).map((b) => b.share))).toEqual(new Set([0]));
    expect(formatShare(chart.bars[0].share, chart.bars[0].value)).toBe("<0.1%");
    expect(others.share).toBe(Math.round((others.value / chart.total) * 1000) / 10);
    expect(Math.abs(shareSum(chart) - 100)).toBeLessThanOrEqual(0.3);
    // The scale is set by the named agencies; the remainder is far longer, drawn cut.
    expect(chart.scale.max).toBeGreaterThanOrEqual(chart.bars[0].value);
    expect(chart.scale.max).toBeLessThan(2 * chart.bars[0].value);
    expect(others).toMatchObject({ truncated: true, fraction: 1 });
    expect(chart.bars.slice(0, 15).every((b) => !b.truncated && b.fraction <= 1)).toBe(true);
    expect(chart.title).toMatch(/（前 15 位）$/);
    expect(chart.notes[0]).toMatch(/^「其他 9,985 个机关」为排名第 16 位及以后各机关的合计/);
  });

  it("orders ties by name, leaves out agencies without figures and notes them", () => {
    const rows: AgencyValue[] = [
      { agency: { id: "z", name: "乙局" }, value: 5 },
      { agency: { id: "y", name: "甲局" }, value: 5 },
      { agency: { id: "x", name: "丙局" }, value: null },
      { agency: { id: "w", name: "丁局" }, value: 9 },
      { agency: { id: "v", name: "戊局" }, value: 0 },
    ];
    const chart = receivedChart(rows);
    expect(chart.bars.map((b) => b.label)).toEqual(["丁局", "甲局", "乙局", "戊局"]);
    expect(chart.notes).toEqual(["另有 1 个机关没有本年新收数据（尚无报告或未填写），未列入。"]);
    expect(chart.summary).toBe("4 个机关共收到 19 件；最多的是丁局（9 件）。");
    expect(receivedChart([{ agency: { id: "x", name: "丙局" }, value: null }]).empty).toBe(true);
  });

  it("folds only when at least two agencies would fold, and honours top", () => {
    const sixteen = agencies(Array.from({ length: 16 }, (_, i) => 100 - i));
    expect(receivedChart(sixteen).bars.map((b) => b.key)).toEqual(sixteen.map((r) => r.agency.id));
    const seventeen = agencies(Array.from({ length: 17 }, (_, i) => 100 - i));
    expect(receivedChart(seventeen).bars.at(-1)).toMatchObject({ key: "others", value: 85 + 84, others: { count: 2, mean: 84.5, max: 85 } });
    const five = receivedChart(seventeen, 5);
    expect(five.bars.map((b) => b.key)).toEqual(["a0", "a1", "a2", "a3", "a4", "others"]);
    expect(shareSum(five)).toBe(100);
  });
});

describe("resultsChart", () => {
  it("reads the result categories from each format's template, covering every result row once", () => {
    const expected = ["granted", "partly_granted", "withheld", "unable", "not_processed", "other_all", "carried_forward"];
    const labels = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "结转下年度继续办理"];
    const other = { "2019": ["other"], "2021": ["other_no_correction", "other_no_fee", "other_misc"] };
    for (const format of ["2019", "2021"] as const) {
      const { table, column, categories } = resultCategories(TEMPLATES[format]);
      expect(table).toBe("requests");
      expect(column).toBe("total");
      expect(categories.map((c) => c.key)).toEqual(expected);
      expect(categories.map((c) => c.label)).toEqual(labels);
      expect(categories[1].fullLabel).toBe("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
      expect(categories.flatMap((c) => c.rows)).toEqual([...resultRowIds(other[format]), "carried_forward"]);
    }
    expect(shortRowLabel("四、结转下年度继续办理")).toBe("结转下年度继续办理");
    expect(shortRowLabel("1.属于国家秘密")).toBe("属于国家秘密");
  });

  it("breaks a roll-up total of two published seed reports (2019 format) into its results", () => {
    const reports = [loadSeed("002_d477ee84c8f7efa5"), loadSeed("004_f8f28e4c849350e4")];
    const total = totalOf(reports);
    const chart = resultsChart(total);
    const group = (row: string) => reports.reduce((sum, r) => sum + (referenceValue(r, `requests.${row}.total`) ?? 0), 0);
    expect(chart.bars.map((b) => [b.key, b.value])).toEqual(
      ["granted", "partly_granted", "withheld", "unable", "not_processed", "other_all", "carried_forward"].map((key) => [key, group(key)]),
    );
    // （一）…（六） add up to （七）总计; with 结转下年度 they equal 本年新收 + 上年结转 (balance rule).
    const cell = (row: string) => effectiveValue(total, { table: "requests", row, col: "total" })!;
    expect(chart.bars.slice(0, 6).reduce((a, b) => a + b.value, 0)).toBe(cell("total_processed"));
    expect(chart.total).toBe(cell("received") + cell("carried_over"));
    expect(chart.total).toBeGreaterThan(0);
    expect(shareSum(chart)).toBe(100);
    expect(chart.title).toBe("示例市人民政府及下属机关 2020 年度政府信息公开申请办理结果");
    expect(chart.empty).toBe(false);
  });

  it("breaks a 2021-format roll-up total down, the three 其他处理 rows as one category", () => {
    const reports = [1, 2, 3].map((seed) => prepared(buildSampleReport({ agency: `示例市第${seed}局`, year: 2023, seed })));
    const chart = resultsChart(totalOf(reports));
    const other = reports.reduce((sum, r) => sum + ["other_no_correction", "other_no_fee", "other_misc"].reduce((s, row) => s + effectiveValue(r, { table: "requests", row, col: "total" })!, 0), 0);
    expect(chart.bars.find((b) => b.key === "other_all")!.value).toBe(other);
    const received = reports.reduce((sum, r) => sum + effectiveValue(r, { table: "requests", row: "received", col: "total" })! + effectiveValue(r, { table: "requests", row: "carried_over", col: "total" })!, 0);
    expect(chart.total).toBe(received);
    expect(shareSum(chart)).toBe(100);
    expect(chart.summary).toMatch(/^共 [\d,]+ 件申请（本年度办理结果与结转下年度之和），最多的是/);
  });

  it("is empty for a total without table 3 figures", () => {
    const chart = resultsChart(prepared({ agency: "甲", year: 2022 }));
    expect(chart.empty).toBe(true);
    expect(chart.summary).toBe("汇总中没有办理结果数据。");
  });
});
