"use client";

import { formatValue } from "@/lib/report/normalize-value";
import { referenceCell, referenceValue } from "@/lib/report/values";
import { useWizardSnapshot } from "./wizard-context";

/** The live value of a reference, or undefined when the format has no such cell. */
export function useReferenceValue(reference: string): string | undefined {
  const prepared = useWizardSnapshot((s) => s.prepared);
  if (!prepared) return "";
  const value = referenceValue(prepared, reference);
  if (value === undefined) return undefined;
  return formatValue(value ?? 0, referenceCell(prepared, reference)?.kind ?? "count");
}
