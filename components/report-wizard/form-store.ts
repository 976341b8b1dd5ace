"use client";

import { useCallback, useSyncExternalStore } from "react";
import { valueAt, withValueAt } from "@/lib/wizard/value-path";
import type { TReportInput } from "@/lib/report/schema";

/**
 * The wizard's form values: one immutable value tree (lib/wizard/value-path.ts writes copy the
 * path and share the rest), a change callback for the live check and autosave, and hooks that
 * re-render a field only when its own value changes. Validation is the live check's: the draft
 * schema runs on every change (WizardStore) and a field shows the input issue at its path.
 */
export class FormStore<T extends object = TReportInput> {
  private values: T;
  private listeners = new Set<() => void>();
  private changeListeners = new Set<(values: T) => void>();

  constructor(initial: T) {
    this.values = initial;
  }

  getValues(): T;
  getValues(path: string): unknown;
  getValues(path?: string): unknown {
    return path === undefined ? this.values : valueAt(this.values, path);
  }

  /** Puts one value in (undefined removes the key); nothing happens when it is already there. */
  setValue(path: string, value: unknown): void {
    const next = withValueAt(this.values, path, value);
    if (next === this.values) return;
    this.values = next;
    this.emit();
  }

  /** Replaces all values (a reload, a merge after a conflict). */
  reset(values: T): void {
    this.values = values;
    this.emit();
  }

  /** For useSyncExternalStore: called after every change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called with the new values after every change (the live check, autosave). */
  onChange(listener: (values: T) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.changeListeners) listener(this.values);
    for (const listener of this.listeners) listener();
  }
}

/** The current value at `path`; re-renders only when that value changes. */
export function useFormValue(form: FormStore, path: string): unknown {
  const read = useCallback(() => form.getValues(path), [form, path]);
  return useSyncExternalStore(form.subscribe, read, read);
}
