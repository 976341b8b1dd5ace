import { describe, expect, it } from "vitest";
import { acceptedContent, acceptOptions, cellInputText, importFoundReport } from "./accept-import";
import { seedText } from "./fixtures/sample-files";
import { importFile } from "./import-file";

const imported = async (seed: string) => (await importFile({ text: seedText(seed) })).outcome;

describe("acceptOptions", () => {
  it("offers a draft for any year a report may have, a historical publication only before this year", () => {
    expect(acceptOptions(2025, 2026)).toEqual({ DRAFT: { allowed: true }, HISTORICAL: { allowed: true } });
    expect(acceptOptions(2019, 2026).HISTORICAL.allowed).toBe(true);
    const current = acceptOptions(2026, 2026);
    expect(current.DRAFT.allowed).toBe(true);
    expect(current.HISTORICAL).toEqual({ allowed: false, reason: "2026 年度是本年度，只能作为草稿导入；往年已发布的报告须是 2025 年度或更早。" });
    for (const year of [2018, 2027, 2020.5]) {
      expect(acceptOptions(year, 2026).DRAFT).toEqual({ allowed: false, reason: "报告年度须在 2019 年至 2026 年之间。" });
      expect(acceptOptions(year, 2026).HISTORICAL.allowed).toBe(false);
    }
  });
});

describe("acceptedContent", () => {
  it("puts the record's agency and year in, keeps stated claims only for a historical report, and fills contact data", async () => {
    const outcome = await imported("004_f8f28e4c849350e4");
    const target = { agency: "示例市公安局", year: 2020, contact: { phone: "010-12345678" } };
    const historical = acceptedContent(outcome.report, { ...target, as: "HISTORICAL" });
    const draft = acceptedContent(outcome.report, { ...target, as: "DRAFT" });
    if (!historical.ok || !draft.ok) throw new Error("expected valid content");
    expect(historical.content).toMatchObject({ agency: "示例市公安局", year: 2020, format: "2019" });
    expect((historical.content.stated as { title: string }).title).toContain("宿迁市公安局");
    expect(draft.content.stated).toBeUndefined();
    expect(draft.content.sections).toEqual(historical.content.sections);
    // The file's own contact data wins over the agency's.
    expect(historical.content.contact).toEqual(outcome.report.contact ?? target.contact);
    const noContact = acceptedContent({ ...outcome.report, contact: undefined }, { ...target, as: "DRAFT" });
    expect(noContact.ok && noContact.content.contact).toEqual({ phone: "010-12345678" });
    // The imported outcome itself is left as it was.
    expect(outcome.report.agency).toBe("宿迁市公安局");
  });

  it("applies corrections as typed, canonical where they read cleanly, and refuses cells the format does not have", async () => {
    const outcome = await imported("003_5f1914cbe288c934");
    const target = { agency: "示例市公安局", year: 2021, as: "DRAFT" as const };
    const corrected = acceptedContent(outcome.report, target, {
      "requests.received.natural_person": "１,301",
      "requests.received.commercial": "  ",
      "proactive.fees.amount": "3414.41万元",
      "requests.granted.research": "约 3 件",
    });
    if (!corrected.ok) throw new Error(corrected.message);
    const tables = corrected.content.tables as Record<string, Record<string, Record<string, unknown>>>;
    expect(tables.requests.received).toMatchObject({ natural_person: 1301, commercial: null });
    expect(tables.proactive.fees.amount).toBe(3414.41);
    expect(tables.requests.granted.research).toBe("约 3 件");
    expect(corrected.corrected).toBe(4);
    expect(corrected.report.cells.get("requests.granted.research")?.problem).toBe("not-a-number");

    const unknown = acceptedContent(outcome.report, target, { "requests.received.nobody": "1", "proactive.licensing.prev_items": "2" });
    expect(unknown).toMatchObject({ ok: false, message: expect.stringContaining("更正的单元格不存在") });
    // 2019-only cells are not cells of a 2021 report.
    expect(unknown.ok === false && unknown.issues.map((i) => i.path)).toEqual(["tables.requests.received.nobody", "tables.proactive.licensing.prev_items"]);
    expect(acceptedContent(outcome.report, target, { "requests.received.natural_person": "x".repeat(61) })).toMatchObject({ ok: false, message: expect.stringContaining("natural_person") });
    // Beyond 10^9 (issue 12.7): refused with the cell's path, not kept as typed.
    const huge = acceptedContent(outcome.report, target, { "requests.received.natural_person": "9".repeat(20) });
    expect(huge).toMatchObject({ ok: false, message: expect.stringContaining("tables.requests.received.natural_person（数值过大：不能大于 1000000000（10 亿）。）") });
  });

  it("says whether anything of a report was read, and shows cells as written", async () => {
    expect(importFoundReport(await imported("003_5f1914cbe288c934"))).toBe(true);
    expect(importFoundReport((await importFile({ text: "通知\n\n请按时报送。" })).outcome)).toBe(false);
    expect([cellInputText(12), cellInputText("+5"), cellInputText(null), cellInputText(undefined)]).toEqual(["12", "+5", "", ""]);
  });
});
