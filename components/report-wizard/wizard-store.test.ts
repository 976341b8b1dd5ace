import { describe, expect, it } from "vitest";
import { buildSampleReport } from "@/lib/report/sample-report";
import type { TReportInput } from "@/lib/report/schema";
import { WizardStore } from "./wizard-store";

function sample(): TReportInput {
  return buildSampleReport({ year: 2023, seed: 3 });
}

describe("WizardStore", () => {
  it("computes totals live and keeps unchanged cells' views identical (so they do not re-render)", () => {
    const values = sample();
    const store = new WizardStore(values, undefined);
    const before = {
      changed: store.cell("requests.received.research"),
      total: store.cell("requests.received.total"),
      other: store.cell("requests.granted.commercial"),
      findings: store.getSnapshot().findings,
    };
    expect(before.total.readOnly).toBe(true);
    const rows = values.tables!.requests as Record<string, Record<string, unknown>>;
    const next = structuredClone(values);
    (next.tables!.requests as Record<string, Record<string, unknown>>).received.research = Number(rows.received.research) + 5;
    store.update(next);
    expect(store.cell("requests.received.total").value).toBe((before.total.value ?? 0) + 5);
    expect(store.cell("requests.received.research")).not.toBe(before.changed);
    expect(store.cell("requests.granted.commercial")).toBe(before.other);
    // The balance rule now fails in that column; the cell carries the message.
    expect(store.cell("requests.received.research").severity).toBe("error");
    expect(store.getSnapshot().findings).not.toBe(before.findings);
    expect(store.getSnapshot().statuses.requests.errors).toBeGreaterThan(0);
  });

  it("keeps the findings array when a change does not alter them", () => {
    const values = sample();
    const store = new WizardStore(values, undefined);
    const findings = store.getSnapshot().findings;
    store.update(structuredClone(values));
    expect(store.getSnapshot().findings).toBe(findings);
    expect(store.getSnapshot().revision).toBe(1);
  });

  it("keeps the object of each finding that did not change when others do (its row does not re-render)", () => {
    const values = sample();
    values.date = "2025-06-01"; // late: one warning that stays through the edits below
    const store = new WizardStore(values, undefined);
    const late = store.getSnapshot().findings.find((f) => f.ruleId === "stated.date-late")!;
    expect(late).toBeDefined();
    const next = structuredClone(values);
    const rows = next.tables!.requests as Record<string, Record<string, unknown>>;
    rows.received.research = Number(rows.received.research) + 5;
    store.update(next);
    const after = store.getSnapshot().findings;
    expect(after.some((f) => f.ruleId.startsWith("sum.") || f.severity === "error")).toBe(true);
    expect(after.find((f) => f.ruleId === "stated.date-late")).toBe(late);
  });

  it("reports shape problems instead of crashing, keeping the last findings", () => {
    const store = new WizardStore(sample(), undefined);
    store.update({ ...sample(), date: "31.1.2024" });
    expect(store.getSnapshot().prepared).toBeNull();
    expect(store.getSnapshot().issues[0].path).toBe("date");
  });

  it("runs muted changes without notifying, then once", () => {
    const store = new WizardStore(sample(), undefined);
    let calls = 0;
    store.subscribe(() => calls++);
    store.runMuted(() => expect(store.isMuted).toBe(true));
    expect(store.isMuted).toBe(false);
    store.update(sample());
    expect(calls).toBe(1);
  });
});
