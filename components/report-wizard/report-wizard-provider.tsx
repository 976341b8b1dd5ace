"use client";

import { useRouter, useSelectedLayoutSegment } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { TEMPLATES } from "@/templates";
import { prepareReport } from "@/lib/report/prepare-report";
import type { TReportInput } from "@/lib/report/schema";
import { isWizardStepId, stepPath, type WizardStepId } from "@/lib/wizard/wizard-steps";
import type { RuleLevels } from "@/lib/rules/rule-levels";
import type { Finding } from "@/lib/rules/types";
import type { FormatVersion } from "@/lib/template/types";
import type { ReportStatus } from "@/lib/workflow/report-status";
import { AutosaveController, toContent } from "./autosave";
import { selectInEditor } from "./chip-text-editor";
import { findingTarget } from "./finding-target";
import { FormStore } from "./form-store";
import { WizardContext, type FocusTarget, type WizardContextValue } from "./wizard-context";
import { WizardShell } from "./wizard-shell";
import { WizardStore } from "./wizard-store";
import type { AgencyKind } from "@/lib/workflow/deadline";
import { WizardWorkflowProvider, type WizardWorkflowData } from "./wizard-workflow";

export interface ReportWizardData {
  report: {
    id: string;
    agency: string;
    agencyKind: AgencyKind;
    year: number;
    format: string;
    status: string;
    version: number;
    content: unknown;
    updatedAt: string;
    updatedBy: string | null;
  };
  previousContent: unknown;
  /** What previousContent is (「2020年度已发布版本」): the source the findings name. */
  previousLabel?: string | null;
  /** The deployment's rule levels (issue 12.6): the live check shows the server's severities. */
  ruleLevels?: RuleLevels;
  canEdit: boolean;
  readOnlyReason: "status" | "role" | null;
}

/** The stored draft as form values; sections the form edits always exist. */
function initialValues(content: unknown): TReportInput {
  const values = toContent((content ?? {}) as TReportInput);
  values.sections = { overview: [], problems: "", other: "", ...values.sections };
  values.tables = { ...values.tables };
  return values;
}

/**
 * Focuses an element by id, selecting a quoted sentence inside a textarea. Steps load their code
 * on demand, so after a navigation the element may appear a moment later: wait for it (briefly).
 */
export function focusWhenReady(target: FocusTarget, timeoutMs = 4000): void {
  if (focusElement(target)) return;
  const observer = new MutationObserver(() => {
    if (focusElement(target)) stop();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
}

/** Focuses an element by id now, selecting a quoted sentence inside a textarea. */
export function focusElement(target: FocusTarget): boolean {
  const element = document.getElementById(target.id);
  if (!element) return false;
  element.scrollIntoView({ block: "center" });
  element.focus({ preventScroll: true });
  if (target.select && element instanceof HTMLTextAreaElement) {
    const at = element.value.indexOf(target.select);
    if (at >= 0) element.setSelectionRange(at, at + target.select.length);
  } else if (target.select && element.isContentEditable) {
    // A narrative editor: the quote reads as the text does, with the chips' values.
    selectInEditor(element, target.select);
  }
  return true;
}

/**
 * One form for the whole report (FormStore; the live check validates it with the core's draft schema), the live check,
 * and autosave — rendered by edit/layout.tsx so moving between steps keeps everything.
 */
export function ReportWizardProvider({ data, workflow, children }: { data: ReportWizardData; workflow: WizardWorkflowData; children: ReactNode }) {
  const format = data.report.format as FormatVersion;
  const template = TEMPLATES[format];
  const router = useRouter();
  const segment = useSelectedLayoutSegment();
  const currentStep: WizardStepId = segment && isWizardStepId(segment) ? segment : "basic";

  const [initial] = useState(() => initialValues(data.report.content));
  const [server] = useState(() => ({
    version: data.report.version,
    content: initial,
    updatedAt: data.report.updatedAt,
    updatedBy: data.report.updatedBy,
  }));
  const [form] = useState(() => new FormStore(initial));

  const [previous] = useState(() => {
    const result = data.previousContent ? prepareReport(data.previousContent) : null;
    return result?.ok ? result.report : undefined;
  });
  const [store] = useState(() => new WizardStore(initial, previous, data.report.agencyKind, data.ruleLevels));

  // While values are put in programmatically (batch, reload, merge) the per-change work waits.
  const applyValues = useCallback(
    (content: TReportInput) => {
      store.runMuted(() => form.reset(initialValues(content)));
      store.update(form.getValues());
    },
    [form, store],
  );

  const [autosave] = useState(() =>
    data.canEdit
      ? new AutosaveController({
          reportId: data.report.id,
          version: data.report.version,
          content: initial,
          savedAt: data.report.updatedAt,
          getValues: () => form.getValues(),
          applyValues: (content) => applyValues(content),
          storage: typeof window === "undefined" ? undefined : window.localStorage,
        })
      : null,
  );

  useEffect(() => {
    return form.onChange((values) => {
      if (store.isMuted) return;
      store.update(values);
      autosave?.notifyChange();
    });
  }, [form, store, autosave]);

  // Save when the user moves to another step, and when the page is hidden or closed.
  const firstSegment = useRef(segment);
  useEffect(() => {
    if (segment === firstSegment.current) return;
    firstSegment.current = segment;
    void autosave?.flush();
  }, [segment, autosave]);
  useEffect(() => {
    if (!autosave) return;
    const onHide = () => {
      if (document.visibilityState === "hidden") void autosave.flush({ keepalive: true });
    };
    const onPageHide = () => void autosave.flush({ keepalive: true });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!autosave.hasUnsavedChanges()) return;
      void autosave.flush({ keepalive: true });
      event.preventDefault();
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
      autosave.dispose();
    };
  }, [autosave]);

  const pendingFocus = useRef<{ step: WizardStepId; target: FocusTarget } | null>(null);
  const stepRef = useRef(currentStep);
  useEffect(() => {
    stepRef.current = currentStep;
  }, [currentStep]);

  const value = useMemo<WizardContextValue>(() => {
    const batch = (apply: () => void) => {
      store.runMuted(apply);
      store.update(form.getValues());
      autosave?.notifyChange();
    };
    const requestFocus = (step: WizardStepId, target: FocusTarget) => {
      if (step === stepRef.current && focusElement(target)) return;
      pendingFocus.current = { step, target };
      if (step !== stepRef.current) router.push(stepPath(data.report.id, step));
    };
    const goToFinding = (finding: Finding) => {
      const target = findingTarget(finding, form.getValues(), format);
      requestFocus(target.step, { id: target.id, select: target.select });
    };
    const takePendingFocus = (step: WizardStepId) => {
      const pending = pendingFocus.current;
      if (!pending || pending.step !== step) return null;
      pendingFocus.current = null;
      return pending.target;
    };
    return {
      report: { id: data.report.id, agency: data.report.agency, agencyKind: data.report.agencyKind, year: data.report.year, format, status: data.report.status },
      template,
      canEdit: data.canEdit,
      form,
      store,
      autosave,
      comparedWith: previous ? (data.previousLabel ?? null) : null,
      batch,
      goToFinding,
      requestFocus,
      takePendingFocus,
    };
  }, [data.report, data.canEdit, data.previousLabel, format, template, form, store, autosave, previous, router]);

  return (
    <WizardContext.Provider value={value}>
      <WizardWorkflowProvider reportId={data.report.id} status={data.report.status as ReportStatus} template={template} data={workflow}>
        <WizardShell currentStep={currentStep} server={server}>
          {children}
        </WizardShell>
      </WizardWorkflowProvider>
    </WizardContext.Provider>
  );
}
