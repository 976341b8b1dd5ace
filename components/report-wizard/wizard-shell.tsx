"use client";

import Link from "next/link";
import { useLayoutEffect, type ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClassName } from "@/components/ui/button";
import { adjacentSteps, stepPath, type WizardStepId } from "@/lib/wizard/wizard-steps";
import { formatLabel } from "@/lib/labels";
import { statusLabel, statusTone } from "@/lib/workflow/report-status";
import { readOnlyMessage } from "@/lib/workflow/workflow-messages";
import { ReturnedBanner } from "./returned-banner";
import { SaveStatusIndicator } from "./save-status";
import type { ServerDraft } from "./server-draft";
import { StepNav } from "./step-nav";
import { useWizard, useWizardSnapshot } from "./wizard-context";
import { WizardDialogs } from "./wizard-dialogs";
import { useWizardWorkflow } from "./wizard-workflow";

/**
 * Sets performance.mark("gov-report:checked") once the result of a recompute is on screen (the
 * e2e test measures keystroke → mark). A layout effect runs right after React commits the cells
 * that changed, so the mark covers the check and the re-render.
 */
function CheckedMark() {
  const revision = useWizardSnapshot((s) => s.revision);
  useLayoutEffect(() => {
    if (revision > 0) performance.mark("gov-report:checked", { detail: { revision } });
  }, [revision]);
  return null;
}

export function WizardShell({ currentStep, server, children }: { currentStep: WizardStepId; server: ServerDraft; children: ReactNode }) {
  const { report, canEdit } = useWizard();
  const { status, isEditor, reportsLabel } = useWizardWorkflow();
  const { previous, next } = adjacentSteps(currentStep);

  return (
    <div className="space-y-6">
      <CheckedMark />
      <nav aria-label="页面路径" className="text-base">
        <Link href="/workspace/reports" className="underline underline-offset-4">
          {reportsLabel}
        </Link>
        <span className="mx-2 text-muted-foreground" aria-hidden="true">
          /
        </span>
        <span aria-current="page">{canEdit ? "填报" : "查看"}</span>
      </nav>

      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">
            {report.agency} {report.year} 年度报告
          </h1>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground">
            <span>{formatLabel(report.format)}格式</span>
            <span className="inline-flex items-center gap-1.5">
              状态
              <Badge variant={statusTone(status)} data-testid="report-status">
                {statusLabel(status)}
              </Badge>
            </span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SaveStatusIndicator />
          <Link href={`/workspace/reports/${encodeURIComponent(report.id)}/preview`} className={buttonClassName({ variant: "outline", size: "sm" })}>
            预览与下载
          </Link>
        </div>
      </div>

      {status === "RETURNED" && <ReturnedBanner />}

      {!canEdit && (
        <Alert variant="info">
          <AlertTitle variant="info">只读</AlertTitle>
          <AlertDescription>{readOnlyMessage(status, isEditor)}</AlertDescription>
        </Alert>
      )}

      <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
        <aside className="lg:sticky lg:top-4 lg:w-60 lg:shrink-0">
          <StepNav currentStep={currentStep} />
        </aside>
        <div className="min-w-0 flex-1 space-y-6">
          {children}
          <nav aria-label="上一步和下一步" className="flex flex-wrap justify-between gap-3 border-t border-border pt-4">
            {previous ? (
              <Link href={stepPath(report.id, previous.id)} className={buttonClassName({ variant: "outline" })}>
                <span aria-hidden="true">←</span> 上一步：{previous.label}
              </Link>
            ) : (
              <span />
            )}
            {next && (
              <Link href={stepPath(report.id, next.id)} className={buttonClassName()}>
                下一步：{next.label} <span aria-hidden="true">→</span>
              </Link>
            )}
          </nav>
        </div>
      </div>

      {canEdit && <WizardDialogs server={server} />}
    </div>
  );
}
