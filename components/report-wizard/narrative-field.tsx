"use client";

import { useMemo, useState, type ReactNode } from "react";
import { useFormState, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { splitReferences } from "@/lib/report/cell-ref";
import { translateIssueMessage } from "@/lib/report/describe-input-issue";
import { cn } from "@/lib/utils/cn";
import { FieldComments } from "./comment-threads";
import { ReferencePicker } from "./reference-picker";
import { useReferenceValue } from "./use-reference-value";
import { fieldId, useWizard } from "./wizard-context";

function ReferenceChip({ reference }: { reference: string }) {
  const value = useReferenceValue(reference);
  if (value === undefined) {
    return (
      <span className="rounded border border-danger bg-danger-soft px-1 text-danger" title={`未知的表格数字：{{${reference}}}`}>
        {`{{${reference}}}`}（不存在）
      </span>
    );
  }
  return (
    <span className="rounded border border-[#b9cdea] bg-primary-soft px-1 font-semibold text-primary" title={`{{${reference}}}`}>
      {value}
    </span>
  );
}

/** The text as it will print: each `{{…}}` shown as a chip with its live value. */
function NarrativePreview({ name }: { name: string }) {
  const text = (useWatch({ name }) as string | null | undefined) ?? "";
  const pieces = useMemo(() => splitReferences(text), [text]);
  if (!pieces.some((p) => "reference" in p)) return null;
  return (
    <div className="rounded-md border border-dashed border-border bg-muted/60 px-3 py-2">
      <p className="mb-1 text-sm text-muted-foreground">打印效果（蓝色数字随表格实时变化）：</p>
      <p className="whitespace-pre-wrap leading-relaxed">
        {pieces.map((piece, i) => ("reference" in piece ? <ReferenceChip key={i} reference={piece.reference} /> : <span key={i}>{piece.text}</span>))}
      </p>
    </div>
  );
}

export interface NarrativeFieldProps {
  /** Form path, e.g. sections.problems. */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
  required?: boolean;
  /** More buttons for the toolbar (插入汇总句). Each gets `insert` to put text at the caret. */
  actions?: (insert: (text: string) => void) => ReactNode;
  labelClassName?: string;
}

/**
 * A narrative textarea (the editing surface stays plain text) with 「插入表格数字」 — a
 * `{{table.row.column}}` reference at the cursor — and a live rendering of the references below.
 */
export function NarrativeField({ name, label, hint, rows = 6, required, actions, labelClassName }: NarrativeFieldProps) {
  const { form, canEdit, report } = useWizard();
  const id = fieldId(name);
  const [picking, setPicking] = useState(false);
  const { ref, ...registered } = form.register(name as never);
  const { errors } = useFormState({ name: name as never });
  const error = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors) as
    | { message?: string }
    | undefined;

  const insert = (text: string) => {
    // Looked up at click time: the caret position is read from the element itself.
    const element = document.getElementById(id) as HTMLTextAreaElement | null;
    // What the user sees is the truth (the field may have been typed into before hydration).
    const current = element?.value ?? (form.getValues(name as never) as unknown as string | null | undefined) ?? "";
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? start;
    form.setValue(name as never, (current.slice(0, start) + text + current.slice(end)) as never);
    requestAnimationFrame(() => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(start + text.length, start + text.length);
    });
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <Label htmlFor={id} className={labelClassName}>
          {label}
          {required && (
            <span className="ml-1 text-danger" aria-hidden="true">
              *
            </span>
          )}
        </Label>
        {canEdit && (
          <div className="flex flex-wrap gap-2">
            {actions?.(insert)}
            <Button
              variant="outline"
              size="sm"
              aria-expanded={picking}
              aria-controls={`${id}-picker`}
              onClick={() => setPicking((open) => !open)}
            >
              插入表格数字 <span aria-hidden="true">{picking ? "▴" : "▾"}</span>
            </Button>
          </div>
        )}
      </div>
      {picking && (
        <ReferencePicker
          id={`${id}-picker`}
          onInsert={(text) => {
            setPicking(false);
            insert(text);
          }}
          onClose={() => {
            setPicking(false);
            document.getElementById(id)?.focus();
          }}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
      <Textarea
        id={id}
        rows={rows}
        readOnly={!canEdit}
        aria-describedby={cn(hint ? `${id}-hint` : null, error?.message ? `${id}-error` : null) || undefined}
        aria-invalid={error?.message ? true : undefined}
        {...registered}
        ref={ref}
      />
      {error?.message && (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {translateIssueMessage(error.message, report.format)}
        </p>
      )}
      <NarrativePreview name={name} />
      <FieldComments field={name} />
    </div>
  );
}
