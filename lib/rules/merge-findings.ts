import type { Finding } from "./types";

/*
 * One defect, one finding (issue 12.5). Some defects trip two rules: a section that is not there
 * at all has no content (section.missing) and no heading (stated.heading-missing); an extra
 * section shifts the numbers of the sections after it (stated.heading-number) and makes the
 * preface's 「六个部分」 look wrong (stated.section-count). The finding that names the cause stays;
 * the consequences are folded into it.
 */
export function mergeFindings(findings: Finding[]): Finding[] {
  const missing = new Set(findings.filter((f) => f.ruleId === "section.missing").map((f) => f.section));
  const headless = new Set(findings.filter((f) => f.ruleId === "stated.heading-missing" && missing.has(f.section)).map((f) => f.section));
  const extras = findings.filter((f) => f.ruleId === "stated.heading-extra");
  const renumbered = extras.length > 0 ? findings.find((f) => f.ruleId === "stated.heading-number") : undefined;
  const merged: Finding[] = [];
  for (const finding of findings) {
    if (finding.ruleId === "stated.heading-missing" && missing.has(finding.section)) continue;
    if (finding.ruleId === "section.missing" && headless.has(finding.section)) {
      merged.push({ ...finding, message: finding.message.replace(/^「(.+?)」没有内容，/, "报告缺少「$1」部分（既无标题，也无内容），") });
      continue;
    }
    if (finding === renumbered) continue;
    // The preface counts the official six; the extra sections are the difference.
    if (finding.ruleId === "stated.section-count" && Number(finding.expected) - Number(finding.actual) === extras.length) continue;
    if (finding === extras[0] && renumbered) {
      merged.push({ ...finding, message: `${finding.message}其后各部分的编号因此顺延（${renumbered.message.replace(/^标题编号与官方格式不符：|。$/g, "")}）。` });
      continue;
    }
    merged.push(finding);
  }
  return merged;
}
