import { TEMPLATES } from "../../templates";
import type { RuleLevel, RulePolicy } from "../rules/rule-levels";

/*
 * How the admin page of rule levels (issue 12.6) groups and names the rules: the balance rules
 * the templates declare, the table values, the report's structure, and its text, dates and
 * numbers. Pure, so the page and its tests read the same groups.
 */

export type RuleGroupId = "balance" | "values" | "structure" | "text";

export const RULE_GROUP_TITLES: Record<RuleGroupId, string> = {
  balance: "表格勾稽关系",
  values: "表格数值",
  structure: "格式与结构",
  text: "文字、日期与数字",
};

const DECLARED = new Set(Object.values(TEMPLATES).flatMap((template) => template.rules.map((rule) => rule.id)));

/** The report's parts and headings as the format prescribes them. */
const STRUCTURE = /^(format\.|section\.|overview\.|stated\.(heading-|label-wording|section-count|preface-parts|title-wording))/;

export function ruleGroup(ruleId: string): RuleGroupId {
  if (DECLARED.has(ruleId)) return "balance";
  if (/^(value|proactive)\./.test(ruleId)) return "values";
  if (STRUCTURE.test(ruleId)) return "structure";
  return "text";
}

/** The rules by group, in the groups' order and each group in the policy's order. */
export function groupRules<R extends Pick<RulePolicy, "id">>(rules: readonly R[]): { id: RuleGroupId; title: string; rules: R[] }[] {
  return (Object.keys(RULE_GROUP_TITLES) as RuleGroupId[])
    .map((id) => ({ id, title: RULE_GROUP_TITLES[id], rules: rules.filter((rule) => ruleGroup(rule.id) === id) }))
    .filter((group) => group.rules.length > 0);
}

/** A level in words, as the page shows it. */
export const RULE_LEVEL_LABELS: Record<RuleLevel, string> = { error: "错误", warning: "警告", off: "关闭" };

/** A rule's default in words; a "mixed" rule decides per finding. */
export function defaultLevelLabel(severity: RulePolicy["severity"]): string {
  return severity === "mixed" ? "视情况（错误或警告）" : RULE_LEVEL_LABELS[severity];
}
