"use client";

import { useState } from "react";
import { saveRuleLevelsAction } from "@/lib/server/rules/actions";
import { RULE_LEVEL_LABELS } from "@/lib/admin/rule-level-groups";
import type { RuleLevel } from "@/lib/rules/rule-levels";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { useServerForm } from "@/components/ui/use-server-form";

/** One rule as the page passes it: its default in words and the stored level ("" = default). */
export interface RuleLevelRow {
  id: string;
  title: string;
  defaultLabel: string;
  /** The policy's default ("mixed": decided per finding); choosing it is the same as 默认. */
  defaultSeverity: RuleLevel | "mixed";
  level: RuleLevel | "";
}

export interface RuleLevelGroup {
  id: string;
  title: string;
  rules: RuleLevelRow[];
}

const LEVELS: RuleLevel[] = ["error", "warning", "off"];

/**
 * Every rule, grouped, with a level select each and one 保存 for all: the server replaces the
 * deployment's levels with the form's and audits each change. On a phone each rule is a block
 * (number and text above, default and select below) instead of a table row. The message of a
 * save appears next to the button, where the admin is when they click it.
 */
export function RuleLevelsForm({ groups }: { groups: RuleLevelGroup[] }) {
  const { result, pending, onSubmit } = useServerForm(saveRuleLevelsAction);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(groups.flatMap((g) => g.rules.map((r) => [r.id, r.level]))));
  // A rule set to its own default is saved as no override (默认), so it is no change either.
  const effective = (rule: RuleLevelRow) => (values[rule.id] === rule.defaultSeverity ? "" : (values[rule.id] ?? ""));
  const changed = groups.flatMap((g) => g.rules).filter((r) => effective(r) !== r.level).length;

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate>
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`rules-${group.id}`} className="space-y-2">
          <h2 id={`rules-${group.id}`} className="text-lg font-semibold">
            {group.title}
          </h2>
          <div className="rounded-md border border-border bg-surface">
            <table className="w-full border-collapse text-left text-base md:table-fixed">
              <thead className="bg-muted max-md:sr-only">
                <tr>
                  <th scope="col" className="w-[34%] px-4 py-2.5 text-sm font-semibold whitespace-nowrap">
                    规则编号
                  </th>
                  <th scope="col" className="px-4 py-2.5 text-sm font-semibold whitespace-nowrap">
                    检查内容
                  </th>
                  <th scope="col" className="w-[12em] px-4 py-2.5 text-sm font-semibold whitespace-nowrap">
                    默认级别
                  </th>
                  <th scope="col" className="w-[17em] px-4 py-2.5 text-sm font-semibold whitespace-nowrap">
                    本部署级别
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {group.rules.map((rule) => {
                  const selectId = `level-${rule.id}`;
                  const value = values[rule.id] ?? "";
                  return (
                    <tr key={rule.id} className="align-middle max-md:grid max-md:grid-cols-[1fr_auto] max-md:gap-x-3 max-md:gap-y-1 max-md:px-4 max-md:py-3">
                      <td className="px-4 py-3 font-mono text-sm break-all max-md:col-span-2 max-md:p-0 max-md:text-muted-foreground">{rule.id}</td>
                      <td className="px-4 py-3 max-md:col-span-2 max-md:p-0">
                        <label htmlFor={selectId}>{rule.title}</label>
                      </td>
                      <td className="px-4 py-3 whitespace-nowrap max-md:self-center max-md:p-0 max-md:text-sm">
                        <span className="md:hidden">默认：</span>
                        {rule.defaultLabel}
                      </td>
                      <td className="px-4 py-3 max-md:p-0">
                        <div className="flex items-center gap-2">
                          {/* The Select is full width (controlClassName): its box sets the width. */}
                          <div className="w-[8em] shrink-0">
                            <Select
                              id={selectId}
                              name={`level.${rule.id}`}
                              value={value}
                              onChange={(e) => setValues((current) => ({ ...current, [rule.id]: e.target.value }))}
                              aria-label={`${rule.title}（${rule.id}）本部署级别`}
                            >
                              <option value="">默认</option>
                              {LEVELS.map((level) => (
                                <option key={level} value={level}>
                                  {RULE_LEVEL_LABELS[level]}
                                </option>
                              ))}
                            </Select>
                          </div>
                          {rule.level !== "" && effective(rule) === rule.level && (
                            <Badge variant="info" className="max-md:hidden">
                              已调整
                            </Badge>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <div className="space-y-3">
        <div aria-live="polite">
          {result && (
            <Alert variant={result.ok ? "success" : "danger"} role={result.ok ? "status" : "alert"}>
              {result.message}
            </Alert>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "正在保存…" : "保存"}
          </Button>
          <span className="text-sm text-muted-foreground">{changed > 0 ? `有 ${changed} 项未保存的修改。` : "没有未保存的修改。"}</span>
        </div>
      </div>
    </form>
  );
}
