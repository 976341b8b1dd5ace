import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSeed } from "../test-support/seeds";
import { checkReport, countFindings } from "./check-report";
import { applyRuleLevels, parseRuleLevels, policyMarkdown, rulePolicy } from "./rule-levels";
import type { Finding } from "./types";

const finding = (ruleId: string, severity: "error" | "warning"): Finding => ({ ruleId, severity, message: ruleId, cells: [] });

describe("the rule policy", () => {
  it("names every rule id the rules can report, once", () => {
    const dir = join(__dirname);
    const sources = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => readFileSync(join(dir, f), "utf8"));
    const emitted = new Set(sources.flatMap((source) => [...source.matchAll(/ruleId: "([a-z0-9.-]+)"/g)].map((m) => m[1])));
    const ids = rulePolicy().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of emitted) expect(ids, id).toContain(id);
  });

  it("is the README's policy table", () => {
    const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
    expect(readme, "regenerate it: npx tsx -e 'import(\"./lib/rules/rule-levels.ts\").then((m) => console.log(m.policyMarkdown()))'").toContain(policyMarkdown());
  });
});

describe("applyRuleLevels", () => {
  it("sets each finding to the policy's severity when the deployment sets none", () => {
    expect(applyRuleLevels([finding("stated.heading-extra", "error"), finding("section.missing", "error")]).map((f) => f.severity)).toEqual(["warning", "error"]);
  });

  it("applies the deployment's levels: another severity, or off", () => {
    const findings = [finding("value.blank", "warning"), finding("section.missing", "error"), finding("text.half-width-punctuation", "warning")];
    const leveled = applyRuleLevels(findings, { "value.blank": "error", "text.half-width-punctuation": "off" });
    expect(leveled.map((f) => [f.ruleId, f.severity])).toEqual([
      ["value.blank", "error"],
      ["section.missing", "error"],
    ]);
  });

  it("keeps a mixed rule's own severity unless the deployment sets one", () => {
    expect(applyRuleLevels([finding("stated.preface-title", "warning")])[0].severity).toBe("warning");
    expect(applyRuleLevels([finding("stated.preface-title", "warning")], { "stated.preface-title": "error" })[0].severity).toBe("error");
  });

  it("changes what checkReport counts: seed 004's blanks as errors, its half-width punctuation off", () => {
    const report = loadSeed("004_f8f28e4c849350e4");
    const before = checkReport(report);
    const after = checkReport(report, { ruleLevels: { "value.blank": "error", "text.half-width-punctuation": "off" } });
    expect(countFindings(after).errors).toBe(countFindings(before).errors + before.filter((f) => f.ruleId === "value.blank").length);
    expect(after.some((f) => f.ruleId === "text.half-width-punctuation")).toBe(false);
    expect(before.some((f) => f.ruleId === "text.half-width-punctuation")).toBe(true);
  });
});

describe("parseRuleLevels", () => {
  it("reads levels, bare or under ruleLevels (the admin page's file)", () => {
    expect(parseRuleLevels({ "value.blank": "error" })).toEqual({ ok: true, levels: { "value.blank": "error" } });
    expect(parseRuleLevels({ ruleLevels: { "value.blank": "off" } })).toEqual({ ok: true, levels: { "value.blank": "off" } });
  });

  it("refuses an unknown rule or level, naming it", () => {
    expect(parseRuleLevels({ "value.blanks": "error" })).toEqual({ ok: false, message: "没有编号为「value.blanks」的规则" });
    expect(parseRuleLevels({ "value.blank": "fatal" })).toMatchObject({ ok: false, message: expect.stringContaining("「fatal」无效") });
    expect(parseRuleLevels(["value.blank"])).toMatchObject({ ok: false });
  });
});
