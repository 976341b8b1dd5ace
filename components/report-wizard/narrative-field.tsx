"use client";

import dynamic from "next/dynamic";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils/cn";
import { ChipTextEditor, type ChipTextEditorHandle } from "./chip-text-editor";
import { FieldComments } from "./comment-threads";
import { fieldId, useFieldIssue, useFieldValue, useWizard } from "./wizard-context";

// Loads when the clerk opens 插入表格数字, not with the page.
const ReferencePicker = dynamic(() => import("./reference-picker").then((m) => m.ReferencePicker), { ssr: false });
// The message of a text the schema refuses (too long), translated when there is one.
const IssueMessage = dynamic(() => import("./input-issue-text").then((m) => m.IssueMessage));

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
 * A narrative text box (ChipTextEditor: each bound number a chip with its live value) with
 * 「插入表格数字」 — a `{{table.row.column}}` reference at the caret — and the toolbar's actions.
 */
export function NarrativeField({ name, label, hint, rows = 6, required, actions, labelClassName }: NarrativeFieldProps) {
  const { form, canEdit, report } = useWizard();
  const id = fieldId(name);
  const labelId = `${id}-label`;
  const [picking, setPicking] = useState(false);
  // The editor's handle as state (a callback ref), so the toolbar's insert reads no ref during render.
  const [editor, setEditor] = useState<ChipTextEditorHandle | null>(null);
  const value = (useFieldValue(name) as string | null | undefined) ?? "";
  const message = useFieldIssue(name);
  const error = message ? { message } : undefined;

  const insert = (text: string) => editor?.insert(text);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <Label id={labelId} htmlFor={id} className={labelClassName} onClick={() => editor?.focus()}>
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
            editor?.focus();
          }}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
      <ChipTextEditor
        ref={setEditor}
        id={id}
        value={value}
        onChange={(text) => form.setValue(name, text)}
        readOnly={!canEdit}
        labelledBy={labelId}
        describedBy={cn(hint ? `${id}-hint` : null, error?.message ? `${id}-error` : null) || undefined}
        invalid={Boolean(error?.message)}
        rows={rows}
      />
      {error?.message && (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          <IssueMessage message={error.message} format={report.format} />
        </p>
      )}
      <FieldComments field={name} />
    </div>
  );
}
