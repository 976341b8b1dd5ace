import { describe, expect, it } from "vitest";
import { prepareReport } from "./prepare-report";
import { buildSampleReport } from "./sample-report";

describe("prepareReport", () => {
  it("picks the format from the year when none is given", () => {
    const for2020 = prepareReport({ agency: "示例市公安局", year: 2020 });
    const for2023 = prepareReport({ agency: "示例市公安局", year: 2023 });
    expect(for2020.ok && for2020.report.format).toBe("2019");
    expect(for2023.ok && for2023.report.format).toBe("2021");
  });

  it("keeps a given format that disagrees with the year, for the rule engine to report", () => {
    const result = prepareReport({ agency: "示例市公安局", year: 2022, format: "2019" });
    expect(result.ok && [result.report.format, result.report.formatForYear]).toEqual(["2019", "2021"]);
  });

  it("names the JSON path of an unknown row id for the format", () => {
    const result = prepareReport({ agency: "示例市公安局", year: 2022, tables: { proactive: { other_services: { decisions: 1 } } } });
    expect(result).toEqual({
      ok: false,
      issues: [{ path: "tables.proactive.other_services", message: 'unknown key "other_services" (not an id of the 2021 format)' }],
    });
  });

  it("names the JSON path of an unknown column and of a wrongly typed cell", () => {
    const result = prepareReport({
      agency: "示例市公安局",
      year: 2022,
      tables: { requests: { received: { natural_persons: 1, total: true } } },
    });
    expect(result.ok).toBe(false);
    const paths = !result.ok ? result.issues.map((i) => i.path) : [];
    expect(paths.sort()).toEqual(["tables.requests.received.natural_persons", "tables.requests.received.total"]);
  });

  it.each([
    [null, "(root)"],
    [[], "(root)"],
    ["report", "(root)"],
    [{ year: 2022 }, "agency"],
    [{ agency: "示例市公安局", year: "2022" }, "year"],
    [{ agency: "示例市公安局", year: 2022, date: "2023/01/20" }, "date"],
    [{ agency: "示例市公安局", year: 2022, extra: 1 }, "extra"],
  ])("rejects %j at %s", (input, path) => {
    const result = prepareReport(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path)).toContain(path);
  });

  it("accepts cells as people write them in draft mode and demands canonical values in strict mode", () => {
    const input = { agency: "示例市公安局", year: 2020, tables: { proactive: { fees: { change: "减3" } } } };
    const draft = prepareReport(input, "draft");
    expect(draft.ok && draft.report.cells.get("proactive.fees.change")?.value).toBe(-3);
    const strict = prepareReport(input, "strict");
    expect(!strict.ok && strict.issues[0].path).toBe("tables.proactive.fees.change");
  });

  it("accepts a complete sample report in strict mode", () => {
    expect(prepareReport(buildSampleReport({ year: 2020 }), "strict").ok).toBe(true);
    expect(prepareReport(buildSampleReport({ year: 2024, withTotals: true }), "strict").ok).toBe(true);
  });
});
