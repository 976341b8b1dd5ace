"use client";

import dynamic from "next/dynamic";
import { memo, useMemo } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { stepOfFinding, stepPath, WIZARD_STEPS, wizardStep, type WizardStepId } from "@/lib/wizard/wizard-steps";
import type { Finding, FindingFix } from "@/lib/rules/types";
import { crossYearNote } from "@/lib/workflow/cross-year-note";
import { useWizard, useWizardSnapshot } from "./wizard-context";

const InputIssueItems = dynamic(() => import("./input-issue-text").then((m) => m.InputIssueItems));

/**
 * A finding's one-click correction (改为全角标点): puts the corrected text into its field, which
 * the live check and autosave then take up like any edit. Only while the field still holds the
 * text the check saw, so a fix never overwrites what the editor typed since.
 */
function FixButton({ fix }: { fix: FindingFix }) {
  const { form, canEdit } = useWizard();
  if (!canEdit) return null;
  return (
    <Button
      variant="outline"
      size="sm"
      className="mt-2"
      onClick={() => {
        // Typed on since the check: the next check offers the fix of what is there now.
        if (form.getValues(fix.field) !== fix.from) return;
        form.setValue(fix.field, fix.text);
      }}
    >
      {fix.label}
    </Button>
  );
}

const FindingItem = memo(function FindingItem({ finding, reportId }: { finding: Finding; reportId: string }) {
  const { goToFinding } = useWizard();
  const step = stepOfFinding(finding);
  return (
    <li className="rounded-md border border-border bg-surface px-4 py-3">
      <div className="flex items-start gap-3">
        <Badge variant={finding.severity === "error" ? "danger" : "warning"}>{finding.severity === "error" ? "错误" : "警告"}</Badge>
        <a
          href={stepPath(reportId, step)}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey) return;
            event.preventDefault();
            goToFinding(finding);
          }}
          className="min-w-0 flex-1 text-foreground underline decoration-border underline-offset-4 hover:decoration-primary"
        >
          {finding.message}
        </a>
      </div>
      {finding.quote && <blockquote className="mt-2 ml-1 border-l-4 border-border pl-3 text-muted-foreground">{finding.quote}</blockquote>}
      {finding.fix && <FixButton fix={finding.fix} />}
    </li>
  );
},
// Every check makes new finding objects; an item re-renders only when what it shows changed.
(a, b) =>
  a.reportId === b.reportId &&
  a.finding.ruleId === b.finding.ruleId &&
  a.finding.severity === b.finding.severity &&
  a.finding.message === b.finding.message &&
  a.finding.quote === b.finding.quote &&
  a.finding.fix?.text === b.finding.fix?.text);

function FindingList({ findings, reportId }: { findings: Finding[]; reportId: string }) {
  return (
    <ol className="space-y-2">
      {findings.map((finding, i) => (
        <FindingItem key={`${finding.ruleId}-${i}`} finding={finding} reportId={reportId} />
      ))}
    </ol>
  );
}

/**
 * The live check's findings — of one step, or of all steps grouped by step (检查与预览). Each
 * message links to its step and focuses the cell or the sentence it is about.
 */
export function FindingsPanel({ scope }: { scope: WizardStepId | "all" }) {
  const { report, comparedWith } = useWizard();
  const findings = useWizardSnapshot((s) => s.findings);
  const issues = useWizardSnapshot((s) => s.issues);
  const shown = useMemo(() => (scope === "all" ? findings : findings.filter((f) => stepOfFinding(f) === scope)), [findings, scope]);
  const errors = shown.filter((f) => f.severity === "error").length;
  const warnings = shown.length - errors;
  const headingId = `findings-${scope}`;

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h3 id={headingId} className="text-lg font-semibold">
        {scope === "all" ? "检查结果" : "本步骤的检查结果"}
        <span className="ml-3 text-base font-normal text-muted-foreground">
          {errors} 个错误、{warnings} 个警告
        </span>
      </h3>
      {issues.length > 0 && (
        <Alert variant="danger" role="alert">
          内容格式有误，暂时无法检查和保存：
          <ul className="list-disc pl-6">
            <InputIssueItems issues={issues.slice(0, 5)} format={report.format} />
          </ul>
        </Alert>
      )}
      {scope === "all" && (
        <p className="text-muted-foreground">
          {crossYearNote(comparedWith)}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="rounded-md border border-[#a7dfb9] bg-success-soft px-4 py-3 text-success">
          {scope === "all" ? "未发现错误或警告。" : "本步骤未发现错误或警告。"}
        </p>
      ) : scope === "all" ? (
        WIZARD_STEPS.filter((s) => s.id !== "check").map((step) => {
          const ofStep = shown.filter((f) => stepOfFinding(f) === step.id);
          if (!ofStep.length) return null;
          return (
            <div key={step.id} className="space-y-2">
              <h4 className="font-semibold">{wizardStep(step.id).label}</h4>
              <FindingList findings={ofStep} reportId={report.id} />
            </div>
          );
        })
      ) : (
        <FindingList findings={shown} reportId={report.id} />
      )}
    </section>
  );
}
