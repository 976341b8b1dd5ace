import { TEMPLATES } from "../../templates";
import type { Finding, RuleLevels, Severity } from "./types";

/*
 * The default severity of every rule and the deployment's levels applied to findings: the part
 * of the severity policy (rule-levels.ts) the live check needs, so the browser loads no rule
 * titles or explanations. rule-levels.ts gives each text rule here its title and why; the
 * compiler holds the two to the same ids.
 */

/** The text rules' defaults (the templates declare the arithmetic ones): "mixed" where the rule decides per finding. */
export const TEXT_RULE_SEVERITY = {
  "format.unsupported-year": "error",
  "format.version-mismatch": "error",
  "value.unreadable": "error",
  "value.text-in-cell": "warning",
  "value.blank": "warning",
  "proactive.regulations-authority": "warning",
  "section.missing": "error",
  "overview.topics-missing": "warning",
  "stated.heading-missing": "error",
  "stated.heading-extra": "warning",
  "stated.heading-number": "warning",
  "stated.heading-order": "error",
  "stated.heading-wording": "warning",
  "stated.label-wording": "warning",
  "stated.title-wording": "warning",
  "stated.title-year": "error",
  "stated.period": "error",
  "stated.preface-title": "mixed",
  "stated.preface-parts": "warning",
  "stated.section-count": "warning",
  "stated.date-early": "error",
  "stated.date-late": "warning",
  "stated.date-impossible": "error",
  "stated.date-missing": "error",
  "text.period": "error",
  "text.wrong-year": "warning",
  "text.impossible-date": "warning",
  "text.outdated-format": "warning",
  "reference.unknown": "error",
  "narrative.contradicts-table": "warning",
  "narrative.parts-exceed-total": "warning",
  "narrative.share-mismatch": "warning",
  "narrative.change-mismatch": "warning",
  "text.half-width-punctuation": "warning",
  "content.perfunctory": "warning",
  "text.placeholder": "error",
  "content.copied-from-last-year": "warning",
} as const satisfies Record<string, Severity | "mixed">;

export type TextRuleId = keyof typeof TEXT_RULE_SEVERITY;

/** Every rule id with its default: the templates' declared rules first, then the text rules. */
export function defaultSeverities(): Map<string, Severity | "mixed"> {
  const defaults = new Map<string, Severity | "mixed">();
  for (const template of Object.values(TEMPLATES)) {
    for (const rule of template.rules) if (!defaults.has(rule.id)) defaults.set(rule.id, rule.severity);
  }
  for (const [id, severity] of Object.entries(TEXT_RULE_SEVERITY)) defaults.set(id, severity);
  return defaults;
}

const DEFAULTS = defaultSeverities();

/** Whether a rule id is one of the policy's. */
export function isKnownRule(id: string): boolean {
  return DEFAULTS.has(id);
}

/**
 * Findings at their levels: the deployment's (`levels`), else the policy's default — the rules'
 * own severities only stand for a "mixed" rule or one the policy does not know. A rule at off is
 * left out.
 */
export function applyRuleLevels(findings: Finding[], levels: RuleLevels = {}): Finding[] {
  return findings.flatMap((finding) => {
    const policy = DEFAULTS.get(finding.ruleId);
    const level = Object.hasOwn(levels, finding.ruleId) ? levels[finding.ruleId] : policy === "mixed" ? undefined : policy;
    if (level === undefined || level === finding.severity) return [finding];
    if (level === "off") return [];
    return [{ ...finding, severity: level }];
  });
}
