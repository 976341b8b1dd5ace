"use client";

import { forwardRef, useEffect, useImperativeHandle, useRef, type ClipboardEvent, type KeyboardEvent } from "react";
import { splitReferences } from "@/lib/report/cell-ref";
import { formatValue } from "@/lib/report/normalize-value";
import type { PreparedReport } from "@/lib/report/prepare-report";
import { referenceCell, referenceValue } from "@/lib/report/values";
import { describeCell } from "@/lib/rules/describe";
import { cn } from "@/lib/utils/cn";
import { useWizardSnapshot } from "./wizard-context";

/*
 * A narrative text box in which each number bound to a cell (`{{table.row.column}}` in the
 * stored text, the interchange contract) shows as a chip with the cell's current value, which
 * the clerk cannot type into and deletes as one character (issue 13.4). A contenteditable
 * element the browser edits itself — typing, IME composition, selection — and that is read back
 * to text on every input; React never re-renders its content, so the caret stays put. Line
 * breaks, pasting and inserting are done here as plain text.
 */

export interface ChipTextEditorHandle {
  /** Inserts text (references become chips) at the caret, or at the end when the editor was not focused. */
  insert(text: string): void;
  focus(): void;
}

export interface ChipTextEditorProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  readOnly: boolean;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  rows: number;
}

const CHIP_CLASS =
  "mx-0.5 inline-block rounded border border-[#b9cdea] bg-primary-soft px-1 font-semibold leading-snug text-primary select-all";
const BAD_CHIP_CLASS = "mx-0.5 inline-block rounded border border-danger bg-danger-soft px-1 leading-snug text-danger";

/** What a chip shows and says: the value and the cell, or that the cell does not exist. */
function chipContent(prepared: PreparedReport | null, reference: string): { text: string; label: string; known: boolean } {
  // Before the first check there are no values yet.
  if (!prepared) return { text: "…", label: `表格数字 ${reference}`, known: true };
  const value = referenceValue(prepared, reference);
  const def = referenceCell(prepared, reference);
  if (value === undefined || !def) return { text: `{{${reference}}}（不存在）`, label: `不存在的表格数字 ${reference}`, known: false };
  const text = formatValue(value ?? 0, def.kind);
  // A single cell names itself; a group (不予公开 = Σ（三）) is the sum of its rows.
  const where = prepared.cells.has(reference) ? describeCell(def) : `${reference}（分组合计）`;
  return { text, label: `表格数字 ${text}：${where}`, known: true };
}

function chipElement(reference: string, prepared: PreparedReport | null): HTMLElement {
  const span = document.createElement("span");
  span.contentEditable = "false";
  span.dataset.ref = reference;
  paintChip(span, prepared);
  return span;
}

function paintChip(span: HTMLElement, prepared: PreparedReport | null): void {
  const content = chipContent(prepared, span.dataset.ref!);
  if (span.textContent !== content.text) span.textContent = content.text;
  span.className = content.known ? CHIP_CLASS : BAD_CHIP_CLASS;
  span.title = content.label;
  span.setAttribute("aria-label", content.label);
  span.setAttribute("role", "img");
}

/** The nodes of a stored text: text, and a chip per reference. */
function nodesOf(text: string, prepared: PreparedReport | null): Node[] {
  return splitReferences(text).map((piece) => ("reference" in piece ? chipElement(piece.reference, prepared) : document.createTextNode(piece.text)));
}

const BLOCKS = new Set(["DIV", "P", "LI"]);

/** The stored text of the editor's content: text as typed, each chip as its reference, <br> and blocks as line breaks. */
export function serializeEditor(root: Node): string {
  let out = "";
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out += (child.textContent ?? "").replace(/\u00a0/g, " ");
      else if (child instanceof HTMLElement) {
        if (child.dataset.ref) out += `{{${child.dataset.ref}}}`;
        else if (child.tagName === "BR") {
          if (!child.dataset.end) out += "\n";
        } else {
          if (BLOCKS.has(child.tagName) && out && !out.endsWith("\n")) out += "\n";
          walk(child);
        }
      }
    }
  };
  walk(root);
  return out;
}

/** A text ending in a line break needs a last <br> for the empty line to show (it is not part of the text). */
function endMarker(): HTMLElement {
  const br = document.createElement("br");
  br.dataset.end = "1";
  return br;
}

function fill(root: HTMLElement, text: string, prepared: PreparedReport | null) {
  root.replaceChildren(...nodesOf(text, prepared), ...(text.endsWith("\n") ? [endMarker()] : []));
}

/** Selects `text` in a contenteditable element (the sentence a finding quotes, as it reads with the chips' values). */
export function selectInEditor(root: HTMLElement, text: string): boolean {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: { node: Text; start: number }[] = [];
  let all = "";
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    nodes.push({ node, start: all.length });
    all += node.data;
  }
  const at = all.indexOf(text);
  if (at < 0 || !text) return false;
  const locate = (offset: number) => {
    const entry = [...nodes].reverse().find((n) => n.start <= offset)!;
    return { node: entry.node, offset: Math.min(offset - entry.start, entry.node.data.length) };
  };
  const start = locate(at);
  const end = locate(at + text.length);
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return true;
}

export const ChipTextEditor = forwardRef<ChipTextEditorHandle, ChipTextEditorProps>(function ChipTextEditor(
  { id, value, onChange, readOnly, labelledBy, describedBy, invalid, rows },
  handle,
) {
  const root = useRef<HTMLDivElement>(null);
  const prepared = useWizardSnapshot((s) => s.prepared);
  /** The text last read from or written into the element: a `value` equal to it needs no rebuild. */
  const shown = useRef<string | null>(null);
  /** The caret when the editor was last left, for inserting from a toolbar button. */
  const savedRange = useRef<Range | null>(null);

  useEffect(() => {
    const element = root.current;
    if (!element || value === shown.current) return;
    fill(element, value, prepared);
    shown.current = value;
    // Only a value from outside (load, undo, a fix, 插入汇总句) rebuilds the content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  useEffect(() => {
    const element = root.current;
    if (!element) return;
    for (const chip of element.querySelectorAll<HTMLElement>("[data-ref]")) paintChip(chip, prepared);
  }, [prepared]);

  const emit = () => {
    const element = root.current;
    if (!element) return;
    const text = serializeEditor(element);
    shown.current = text;
    onChange(text);
  };

  /** Puts plain text (references as chips) in place of the selection, and the caret after it. */
  const insertText = (text: string, range: Range | null) => {
    const element = root.current;
    if (!element) return;
    let target = range;
    if (!target || !element.contains(target.commonAncestorContainer)) {
      target = document.createRange();
      target.selectNodeContents(element);
      target.collapse(false);
      const last = element.lastChild;
      if (last instanceof HTMLElement && last.dataset.end) target.setStartBefore(last);
    }
    target.deleteContents();
    const nodes = nodesOf(text, prepared);
    const fragment = document.createDocumentFragment();
    for (const node of nodes) fragment.append(node);
    const after = nodes.at(-1);
    target.insertNode(fragment);
    // A line break at the very end shows only with a last <br>.
    const last = element.lastChild;
    if (text.endsWith("\n") && !(last instanceof HTMLElement && last.dataset.end) && after === last) element.append(endMarker());
    if (after) {
      const caret = document.createRange();
      caret.setStartAfter(after);
      caret.collapse(true);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(caret);
    }
    emit();
  };

  // The handle is made once (a new one each render would set the parent's callback ref each
  // render); it calls the latest insertText through a ref.
  const insertLatest = useRef(insertText);
  useEffect(() => {
    insertLatest.current = insertText;
  });
  useImperativeHandle(
    handle,
    () => ({
      insert: (text) => {
        root.current?.focus();
        insertLatest.current(text, savedRange.current);
      },
      focus: () => root.current?.focus(),
    }),
    [],
  );

  const currentRange = () => {
    const selection = window.getSelection();
    return selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  };

  return (
    <div
      id={id}
      ref={root}
      role="textbox"
      aria-multiline="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      aria-readonly={readOnly || undefined}
      contentEditable={!readOnly}
      suppressContentEditableWarning
      spellCheck={false}
      data-narrative-editor=""
      style={{ minHeight: `${rows * 1.625 + 1}em` }}
      className={cn(
        "w-full rounded-md border border-input bg-surface px-3 py-2 text-base leading-relaxed whitespace-pre-wrap break-words text-foreground",
        "focus:outline-3 focus:outline-ring focus:-outline-offset-1",
        readOnly && "bg-muted",
        invalid && "border-2 border-danger",
      )}
      onInput={emit}
      onBlur={() => {
        savedRange.current = currentRange()?.cloneRange() ?? null;
      }}
      onKeyDown={(event: KeyboardEvent<HTMLDivElement>) => {
        if (readOnly) return;
        // A line break, not a new <div>: the stored text has plain \n.
        if (event.key === "Enter" && !event.nativeEvent.isComposing) {
          event.preventDefault();
          insertText("\n", currentRange());
        }
      }}
      onPaste={(event: ClipboardEvent<HTMLDivElement>) => {
        if (readOnly) return;
        event.preventDefault();
        insertText(event.clipboardData.getData("text/plain").replace(/\r\n?/g, "\n"), currentRange());
      }}
      onDrop={(event) => event.preventDefault()}
    />
  );
});
