"use client";

import { createContext, useContext, useSyncExternalStore } from "react";
import type { TReportInput } from "@/lib/report/schema";
import type { WizardStepId } from "@/lib/wizard/wizard-steps";
import type { Finding } from "@/lib/rules/types";
import type { FormatVersion, ReportTemplate } from "@/lib/template/types";
import type { AgencyKind } from "@/lib/workflow/deadline";
import type { AutosaveController, AutosaveState } from "./autosave";
import { useFormValue, type FormStore } from "./form-store";
import type { CellView, WizardSnapshot, WizardStore } from "./wizard-store";

export interface WizardReportInfo {
  id: string;
  agency: string;
  /** Decides the statutory deadline (lib/workflow/deadline.ts). */
  agencyKind: AgencyKind;
  year: number;
  format: FormatVersion;
  status: string;
}

/** Everything the steps share; the object is created once per wizard, so it never re-renders consumers. */
export interface WizardContextValue {
  report: WizardReportInfo;
  template: ReportTemplate;
  canEdit: boolean;
  form: FormStore<TReportInput>;
  store: WizardStore;
  /** Null for read-only users: they never save. */
  autosave: AutosaveController | null;
  /** What the cross-year rules compared with (「2020年度已发布版本」), or null when they had nothing. */
  comparedWith: string | null;
  /**
   * Applies several value changes as one (a paste, 空白填 0): the live check and autosave run
   * once afterwards instead of once per cell.
   */
  batch: (apply: () => void) => void;
  /** Opens the step of a finding and focuses the cell or text it is about. */
  goToFinding: (finding: Finding) => void;
  /** Focuses an element of the current step once it is rendered (after navigation). */
  requestFocus: (step: WizardStepId, target: FocusTarget) => void;
  takePendingFocus: (step: WizardStepId) => FocusTarget | null;
}

export interface FocusTarget {
  id: string;
  /** Text to select inside a textarea (the sentence a finding quotes). */
  select?: string;
}

export const WizardContext = createContext<WizardContextValue | null>(null);

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error("useWizard must be used inside ReportWizardProvider");
  return value;
}

/** Subscribes to one part of the live check; `select` must return a stable value (no new objects). */
export function useWizardSnapshot<T>(select: (snapshot: WizardSnapshot) => T): T {
  const { store } = useWizard();
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getSnapshot()),
    () => select(store.getSnapshot()),
  );
}

/** The live view of one table cell: re-renders only when this cell's value or findings change. */
export function useCellView(key: string): CellView {
  const { store } = useWizard();
  return useSyncExternalStore(
    store.subscribe,
    () => store.cell(key),
    () => store.cell(key),
  );
}

const NO_AUTOSAVE: AutosaveState = { status: "idle", savedAt: null, message: null, conflict: null, backedUp: false, mergedConflicts: [] };
const noop = () => () => {};

export function useAutosaveState(): AutosaveState {
  const { autosave } = useWizard();
  return useSyncExternalStore(
    autosave?.subscribe ?? noop,
    () => autosave?.getSnapshot() ?? NO_AUTOSAVE,
    () => autosave?.getSnapshot() ?? NO_AUTOSAVE,
  );
}

export { fieldIdOf as fieldId } from "./finding-target";

/** The current form value at a path (a text, the date, a contact field); re-renders when it changes. */
export function useFieldValue(path: string): unknown {
  return useFormValue(useWizard().form, path);
}

/**
 * The draft schema's message for a field (English, for translateIssueMessage), from the live
 * check that runs on every change; undefined while the field is valid.
 */
export function useFieldIssue(path: string): string | undefined {
  return useWizardSnapshot((s) => s.issues.find((issue) => issue.path === path)?.message);
}
