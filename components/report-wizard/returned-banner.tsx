"use client";

import Link from "next/link";
import { stepPath, WIZARD_STEPS } from "@/lib/wizard/wizard-steps";
import { useWizardWorkflow } from "./wizard-workflow";

/**
 * 退回修改: the reviewer's reason at the top of every step, and where the open comments are, so
 * the editor knows what to fix before submitting again.
 */
export function ReturnedBanner() {
  const { reportId, returned, comments, isEditor } = useWizardWorkflow();
  const steps = WIZARD_STEPS.filter((s) => (comments.openByStep[s.id] ?? 0) > 0);

  return (
    <section aria-labelledby="returned-title" className="space-y-2 rounded-md border border-l-4 border-[#f3d19c] bg-warning-soft px-5 py-4">
      <h2 id="returned-title" className="text-lg font-semibold text-warning">
        审核人退回了本报告{isEditor ? "，请修改后重新提交审核" : ""}
      </h2>
      {returned ? (
        <>
          <p className="text-sm text-muted-foreground">
            {returned.by ?? "审核人"} · {returned.atText}
          </p>
          <blockquote className="border-l-4 border-[#d08a1d] bg-surface px-4 py-2 text-lg whitespace-pre-wrap">{returned.reason || "（未填写退回理由）"}</blockquote>
        </>
      ) : (
        <p>没有找到退回理由。</p>
      )}
      {steps.length > 0 && (
        <div className="space-y-1">
          <p>未处理的批注在：</p>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {steps.map((step) => (
              <li key={step.id}>
                <Link href={stepPath(reportId, step.id)} className="underline underline-offset-4">
                  {step.label}（{comments.openByStep[step.id]} 条）
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
