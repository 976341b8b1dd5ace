"use client";

import { memo, useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { cellKey } from "@/lib/report/cell-ref";
import { formatValue } from "@/lib/report/normalize-value";
import type { CellDef } from "@/lib/template/cells";
import type { ValueKind } from "@/lib/template/types";
import { cn } from "@/lib/utils/cn";
import { isBlockPaste, readCellInput, type GridMove, type GridPosition } from "@/lib/wizard/paste-grid";
import { sameValue } from "@/lib/wizard/value-history";
import { cellInputId } from "@/lib/wizard/wizard-steps";
import { useCellView, useWizard } from "../wizard-context";
import { CellDescriptions } from "./cell-descriptions";
import { cellDescribedBy, cellLabel, cellPath, type CellHandlers } from "./cell-helpers";

/** How long an unreadable entry may sit before it is called out (so 1,2… of 1,234 does not flash red). */
const REJECT_DELAY_MS = 600;

/**
 * The unit a cell's input shows: its own, else 万元 for an amount — amounts are in 万元 in both
 * formats, and the 2021 fee column says so only in its label (「本年收费金额（单位：万元）」).
 */
export function inputUnit(def: CellDef): string | undefined {
  return def.unit ?? (def.kind === "money" ? "万元" : undefined);
}

/** 「减2」已按 -2 计入: what the cell stored for an entry it read differently. */
export function conversionNote(raw: string, value: number, kind: ValueKind, unit: string | undefined): string {
  return `「${raw.trim()}」已按 ${formatValue(value, kind)}${unit ? ` ${unit}` : ""} 计入。`;
}

function shownValue(raw: unknown, kind: ValueKind): string {
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "number") return formatValue(raw, kind);
  return String(raw);
}

/** The input of a cell the user fills in. */
export const EditableCell = memo(function EditableCell({
  def,
  position,
  handlers,
  disabled,
  comment,
}: {
  def: CellDef;
  position: GridPosition;
  handlers: CellHandlers;
  disabled: boolean;
  /** The reviewer's comments on this cell, read out with the cell (a stable string). */
  comment?: string;
}) {
  const { form } = useWizard();
  const key = cellKey(def);
  const view = useCellView(key);
  const [text, setText] = useState<string | null>(null);
  const [rejected, setRejected] = useState<string | null>(null);
  const [showRejected, setShowRejected] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /**
   * The cell's value before the first keystroke of this edit (set on the first change, so a value
   * stored by an undo or a paste just before is what it reads): Escape goes back to it, and
   * leaving the cell records the edit for undo.
   */
  const editStart = useRef<{ value: unknown } | null>(null);
  const id = cellInputId(def);
  const unit = inputUnit(def);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  // A value stored from elsewhere (空白单元格填 0, undo, a paste) replaces a refused entry.
  useEffect(() => {
    if (text !== null) return;
    setRejected(null);
    setShowRejected(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the stored value changes
  }, [view.raw]);

  const announce = (message: string | null) => {
    setShowRejected(message !== null);
    handlers.setRejected(key, message);
  };

  const messages = [...(showRejected && rejected ? [rejected] : []), ...view.messages];
  const invalid = Boolean(showRejected && rejected) || view.severity === "error";
  const warned = !invalid && view.severity === "warning" && !view.blankOnly;
  const blank = !invalid && view.blankOnly;

  const store = (value: unknown) => {
    form.setValue(cellPath(def), value);
  };
  const current = () => form.getValues(cellPath(def)) as unknown;

  /** Back to the value the cell had when focused (Escape, or Ctrl+Z during an edit). */
  const cancelEdit = () => {
    setText(null);
    setRejected(null);
    announce(null);
    if (timer.current) clearTimeout(timer.current);
    const start = editStart.current;
    if (start && !sameValue(current(), start.value)) store(start.value);
    editStart.current = null;
  };

  /** The edit so far is one undo step; the next starts with the next keystroke. */
  const finishEdit = () => {
    const start = editStart.current;
    if (start) handlers.commit(key, start.value, current());
    editStart.current = null;
  };

  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        readOnly={disabled}
        aria-label={`${cellLabel(def)}${unit ? `（${unit}）` : ""}`}
        aria-invalid={invalid || undefined}
        aria-describedby={cellDescribedBy(id, messages, comment)}
        data-cell={key}
        value={text ?? shownValue(view.raw, def.kind)}
        onFocus={(event) => {
          handlers.setActive(key);
          editStart.current = null;
          event.currentTarget.select();
        }}
        onBlur={() => {
          handlers.setActive(null);
          finishEdit();
          // An unreadable entry is not kept: the cell shows what is stored, and says what was refused.
          setText(null);
          if (rejected) announce(rejected);
          if (timer.current) clearTimeout(timer.current);
        }}
        onChange={(event) => {
          const next = event.target.value;
          editStart.current ??= { value: current() };
          setText(next);
          const read = readCellInput(next, def.kind);
          if (timer.current) clearTimeout(timer.current);
          if (read.ok) {
            setRejected(null);
            if (showRejected) announce(null);
            store(read.value);
            handlers.setNote(key, read.rewritten && read.value !== null ? conversionNote(next, read.value, def.kind, unit) : null);
          } else {
            setRejected(read.message);
            timer.current = setTimeout(() => announce(read.message), REJECT_DELAY_MS);
          }
        }}
        onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
          const input = event.currentTarget;
          const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
          const atEnd = input.selectionStart === input.value.length;
          const allSelected = input.selectionStart === 0 && input.selectionEnd === input.value.length;
          // Undo and redo are the table's, value by value, not the input's keystroke by keystroke.
          const mod = event.ctrlKey || event.metaKey;
          const undoKey = mod && !event.altKey && event.key.toLowerCase() === "z" && !event.shiftKey;
          const redoKey = mod && !event.altKey && (event.key.toLowerCase() === "y" || (event.key.toLowerCase() === "z" && event.shiftKey));
          if (undoKey || redoKey) {
            event.preventDefault();
            if (disabled) return;
            const editing = editStart.current && !sameValue(current(), editStart.current.value);
            if (undoKey && (editing || text !== null)) cancelEdit();
            else {
              finishEdit();
              setText(null);
              if (undoKey) handlers.undo();
              else handlers.redo();
            }
            return;
          }
          // Range keys when no entry is being typed (as Excel's ready mode): Shift+arrows select,
          // Delete clears the range, Ctrl+D fills down; while typing they edit the text.
          const typing = text !== null;
          const arrow = { ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right" } as const;
          if (event.shiftKey && !mod && !event.altKey && event.key in arrow && !typing) {
            event.preventDefault();
            handlers.extendRange(position, arrow[event.key as keyof typeof arrow]);
            return;
          }
          if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "d") {
            event.preventDefault();
            if (disabled) return;
            finishEdit();
            setText(null);
            handlers.fillDown();
            return;
          }
          if ((event.key === "Delete" || event.key === "Backspace") && !typing && !disabled && handlers.clearRange()) {
            event.preventDefault();
            return;
          }
          let move: GridMove | null = null;
          if (event.key === "ArrowUp") move = "up";
          else if (event.key === "ArrowDown") move = "down";
          else if (event.key === "Enter") move = event.shiftKey ? "up" : "down";
          else if (event.key === "ArrowLeft" && (atStart || allSelected)) move = "left";
          else if (event.key === "ArrowRight" && (atEnd || allSelected)) move = "right";
          else if (event.key === "Escape" && (text !== null || (editStart.current && !sameValue(current(), editStart.current.value)))) {
            // Escape cancels the edit in progress: the value it had when focused, not the last keystroke's.
            event.preventDefault();
            cancelEdit();
            return;
          } else if (event.key === "Escape" && handlers.collapseRange()) {
            event.preventDefault();
            return;
          }
          if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
          event.preventDefault();
          handlers.move(position, move);
        }}
        onCopy={(event: ClipboardEvent<HTMLInputElement>) => {
          const tsv = handlers.copyRange();
          if (tsv === null) return;
          event.preventDefault();
          event.clipboardData.setData("text/plain", tsv);
        }}
        onCut={(event: ClipboardEvent<HTMLInputElement>) => {
          const tsv = handlers.copyRange();
          if (tsv === null) return;
          event.preventDefault();
          event.clipboardData.setData("text/plain", tsv);
          if (!disabled) handlers.clearRange();
        }}
        onPaste={(event: ClipboardEvent<HTMLInputElement>) => {
          const data = event.clipboardData.getData("text/plain");
          if (disabled || !isBlockPaste(data)) return;
          event.preventDefault();
          finishEdit();
          setText(null);
          handlers.paste(position, data);
        }}
        className={cn(
          "block h-10 w-full min-w-14 rounded-sm border px-1.5 text-right text-base tabular-nums text-foreground",
          "focus:outline-3 focus:outline-ring focus:-outline-offset-1",
          // One border and one background class each: Tailwind does not resolve two of the same property.
          invalid ? "border-2 border-danger" : warned ? "border-2 border-[#d08a1d]" : "border-input",
          invalid ? "bg-danger-soft" : warned ? "bg-warning-soft" : disabled ? "bg-muted" : blank ? "bg-[#fffbf2]" : "bg-surface",
          unit && "pr-10",
        )}
      />
      {unit && (
        <span aria-hidden="true" className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 text-sm text-muted-foreground">
          {unit}
        </span>
      )}
      <CellDescriptions id={id} messages={messages} comment={comment} />
    </>
  );
});
