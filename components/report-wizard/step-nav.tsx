"use client";

import Link from "next/link";
import { stepPath, WIZARD_STEPS, type StepStatus, type WizardStepId } from "@/lib/wizard/wizard-steps";
import { cn } from "@/lib/utils/cn";
import { useWizard, useWizardSnapshot } from "./wizard-context";

function StatusMark({ status, current }: { status: StepStatus; current: boolean }) {
  if (status.errors) {
    return (
      <span className="rounded-full bg-danger px-2 text-sm font-semibold text-danger-foreground" aria-label={`${status.errors} 个错误`}>
        {status.errors}
      </span>
    );
  }
  if (status.warnings) {
    return (
      <span className="rounded-full border border-[#f3d19c] bg-warning-soft px-2 text-sm font-semibold text-warning" aria-label={`${status.warnings} 个警告`}>
        {status.warnings}
      </span>
    );
  }
  if (status.done) {
    return (
      <span className={current ? "font-semibold text-primary-foreground" : "font-semibold text-success"} aria-label="已完成">
        ✓
      </span>
    );
  }
  return null;
}

/** The steps with their live status: errors (red), warnings (amber), done (✓). */
export function StepNav({ currentStep }: { currentStep: WizardStepId }) {
  const { report } = useWizard();
  const statuses = useWizardSnapshot((s) => s.statuses);
  const totals = statuses.check;

  return (
    <nav aria-labelledby="wizard-steps-title" className="rounded-md border border-border bg-surface p-3">
      <h2 id="wizard-steps-title" className="px-2 pb-2 text-base font-semibold text-muted-foreground">
        填报步骤
      </h2>
      <ol className="space-y-1">
        {WIZARD_STEPS.map((step, index) => {
          const status = statuses[step.id];
          const current = step.id === currentStep;
          return (
            <li key={step.id}>
              <Link
                href={stepPath(report.id, step.id)}
                aria-current={current ? "step" : undefined}
                className={cn(
                  "flex min-h-10 items-center justify-between gap-2 rounded-md px-2 py-1.5 text-base no-underline",
                  current ? "bg-primary text-primary-foreground" : "text-foreground hover:bg-muted",
                )}
              >
                <span>
                  <span className={cn("mr-1 text-sm", current ? "text-primary-foreground" : "text-muted-foreground")}>{index + 1}.</span>
                  {step.label}
                </span>
                {step.id !== "check" && <StatusMark status={status} current={current} />}
              </Link>
            </li>
          );
        })}
      </ol>
      <p className="mt-3 border-t border-border px-2 pt-2 text-sm text-muted-foreground">
        {totals.errors || totals.warnings ? (
          <>
            共 <strong className={totals.errors ? "text-danger" : undefined}>{totals.errors} 个错误</strong>、
            <strong className={totals.warnings ? "text-warning" : undefined}>{totals.warnings} 个警告</strong>
          </>
        ) : (
          "未发现错误或警告"
        )}
      </p>
    </nav>
  );
}
