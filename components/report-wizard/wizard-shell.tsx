"use client";

import Link from "next/link";
import { useLayoutEffect, type ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { buttonClassName } from "@/components/ui/button";
import type { TReportInput } from "@/lib/report/schema";
import { adjacentSteps, stepPath, type WizardStepId } from "@/lib/report/wizard-steps";
import { formatLabel, REPORT_STATUS_LABELS, type ReportStatusName } from "@/lib/labels";
import { SaveStatusIndicator } from "./save-status";
import { StepNav } from "./step-nav";
import { useWizard, useWizardSnapshot } from "./wizard-context";
import { WizardDialogs } from "./wizard-dialogs";

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

export interface ServerDraft {
  version: number;
  content: TReportInput;
  updatedAt: string;
  updatedBy: string | null;
}

export function WizardShell({
  currentStep,
  readOnlyReason,
  server,
  children,
}: {
  currentStep: WizardStepId;
  readOnlyReason: "status" | "role" | null;
  server: ServerDraft;
  children: ReactNode;
}) {
  const { report, canEdit } = useWizard();
  const { previous, next } = adjacentSteps(currentStep);
  const status = REPORT_STATUS_LABELS[report.status as ReportStatusName] ?? report.status;

  return (
    <div className="space-y-6">
      <CheckedMark />
      <nav aria-label="页面路径" className="text-base">
        <Link href="/workspace/reports" className="underline underline-offset-4">
          我的报告
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
          <p className="text-muted-foreground">
            {formatLabel(report.format)}格式 · {status}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SaveStatusIndicator />
          <Link href={`/workspace/reports/${encodeURIComponent(report.id)}/preview`} className={buttonClassName({ variant: "outline", size: "sm" })}>
            预览与下载
          </Link>
        </div>
      </div>

      {!canEdit && (
        <Alert variant="info">
          <AlertTitle variant="info">只读</AlertTitle>
          <AlertDescription>
            {readOnlyReason === "status"
              ? `本报告当前状态为「${status}」，不能修改。`
              : "您可以查看本报告和检查结果；只有本机关的填报人可以修改。"}
          </AlertDescription>
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
