import { describe, expect, it } from "vitest";
import { parseCellKey } from "../report/cell-ref";
import { effectiveValue } from "../report/values";
import { loadSeed } from "../test-support/seeds";
import { indicatorCells, indicatorMatrix, indicatorValues, KEY_INDICATORS, type IndicatorValues } from "./indicators";

const byId = (id: string) => KEY_INDICATORS.find((i) => i.id === id)!;

function values(partial: Partial<IndicatorValues>): IndicatorValues {
  return { received: 10, granted: 5, withheld: 2, carriedForward: 1, reconsideration: 1, litigation: 0, fees: 0, ...partial };
}

describe("key indicators", () => {
  it("resolves each indicator to the format's cells, group totals expanded, missing figures null", () => {
    expect(indicatorCells("2021", byId("withheld"))).toEqual([
      "requests.withheld_state_secret.total",
      "requests.withheld_prohibited_by_law.total",
      "requests.withheld_three_safeties.total",
      "requests.withheld_third_party.total",
      "requests.withheld_internal_affairs.total",
      "requests.withheld_process_info.total",
      "requests.withheld_enforcement_file.total",
      "requests.withheld_inquiry.total",
    ]);
    expect(indicatorCells("2021", byId("litigation"))).toEqual(["reviews.litigation_direct.total", "reviews.litigation_after_reconsideration.total"]);
    expect(indicatorCells("2021", byId("fees"))).toEqual(["proactive.fees.amount"]);
    // The 2019 format counts fee items, it has no fee amount.
    expect(indicatorCells("2019", byId("fees"))).toBeNull();
    for (const format of ["2019", "2021"] as const) {
      for (const indicator of KEY_INDICATORS.filter((i) => i.id !== "fees")) expect(indicatorCells(format, indicator), `${format} ${indicator.id}`).not.toBeNull();
    }
  });

  it("reads a seed's indicators from its cells", () => {
    const seed = loadSeed("003_5f1914cbe288c934");
    const got = indicatorValues("2021", (id) => effectiveValue(seed, parseCellKey(id)!));
    expect(got.received).toBe(effectiveValue(seed, { table: "requests", row: "received", col: "total" }));
    expect(got.fees).toBe(effectiveValue(seed, { table: "proactive", row: "fees", col: "amount" }));
  });

  it("flags a change beyond a factor of 3 and a zero where every peer has some", () => {
    const rows = indicatorMatrix([
      { agency: { id: "a", name: "甲" }, current: values({ received: 40, reconsideration: 0 }), previous: values({ received: 14 }) },
      { agency: { id: "b", name: "乙" }, current: values({ received: 40, reconsideration: 0 }), previous: values({ received: 10, reconsideration: 3 }) },
      { agency: { id: "c", name: "丙" }, current: values({ received: 4, granted: 0 }), previous: values({ received: 1 }) },
      { agency: { id: "d", name: "丁" }, current: values({ granted: null }), previous: null },
    ]);
    const [a, b, c, d] = rows;
    expect(a.cells.received).toMatchObject({ value: 40, previous: 14, change: 26, flags: [] });
    expect(b.cells.received.flags).toEqual(["jump"]);
    expect(b.cells.received.ratio).toBe(4);
    // 1 → 4 is a factor of 4 but too small to matter; 3 → 0 复议 likewise (and 甲 has none either).
    expect(c.cells.received.flags).toEqual([]);
    expect(b.cells.reconsideration.flags).toEqual([]);
    // 予以公开: 丙 has 0 and 丁 nothing while the others have some — but then not every peer of 丙 has some.
    expect(c.cells.granted.flags).toEqual([]);
    expect(d.cells.granted).toMatchObject({ value: null, previous: null, change: null, flags: [] });
    // 复议: when only 乙 shows 0 and every one of its three peers has some, it is flagged.
    expect(indicatorMatrix(rows.map((r, i) => ({ agency: r.agency, current: values({ reconsideration: i === 1 ? 0 : 2 }), previous: null })))[1].cells.reconsideration.flags).toEqual(["zero-among-peers"]);
    expect([a.flagged, b.flagged, c.flagged, d.flagged]).toEqual([false, true, false, false]);
  });
});
