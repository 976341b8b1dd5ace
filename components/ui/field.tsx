import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";
import { Label } from "./label";

export interface FieldProps {
  /** The id of the control inside; hint and error get `${id}-hint` / `${id}-error`. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** A field error in Chinese; the control should set aria-invalid and aria-describedby. */
  error?: string;
  required?: boolean;
  className?: string;
  children: ReactNode;
}

/** The ids a control should name in aria-describedby for its hint and error. */
export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: unknown }): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** Label, control, hint and error stacked, the error announced next to its field. */
export function Field({ id, label, hint, error, required, className, children }: FieldProps) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={id}>
        {label}
        {required && (
          <span className="ml-1 text-danger" aria-hidden="true">
            *
          </span>
        )}
      </Label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
