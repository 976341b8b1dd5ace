"use client";

import { useEffect, useState } from "react";
import { useCellView } from "../wizard-context";

/**
 * One floating note for the focused (or hovered) cell's findings: never clipped by the table.
 * With `quietBlank`, a cell whose only finding is the blank-cell hint gets no note (the table
 * shows that hint once: after that a blank cell is the normal state of a table being filled, and
 * the note would cover the row below on a phone; the cell's tint and description stay).
 */
export function CellNote({
  activeKey,
  rejected,
  note = null,
  comments,
  quietBlank = false,
}: {
  activeKey: string | null;
  rejected: string | null;
  /** What the cell made of an entry it read differently (减2 → −2). */
  note?: string | null;
  comments: string[];
  quietBlank?: boolean;
}) {
  const view = useCellView(activeKey ?? "");
  const [box, setBox] = useState<{ key: string; left: number; top: number; width: number } | null>(null);
  const hidden = quietBlank && view.blankOnly && !rejected;
  const messages = activeKey && !hidden ? [...(rejected ? [rejected] : []), ...view.messages] : [];
  const notes = activeKey && note && !rejected ? [note] : [];

  useEffect(() => {
    if (!activeKey) return;
    const place = () => {
      const rect = document.querySelector(`[data-cell="${activeKey}"]`)?.getBoundingClientRect();
      if (rect) setBox({ key: activeKey, left: Math.max(8, Math.min(rect.left, window.innerWidth - 388)), top: rect.bottom + 6, width: 380 });
    };
    const frame = requestAnimationFrame(place);
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  }, [activeKey]);

  if (!activeKey || (!messages.length && !notes.length && !comments.length) || box?.key !== activeKey) return null;
  return (
    <div
      aria-hidden="true"
      data-testid="cell-note"
      className="pointer-events-none fixed z-30 space-y-1 rounded-md border border-border bg-surface px-3 py-2 text-base leading-snug shadow-lg"
      style={{ left: box.left, top: box.top, width: box.width }}
    >
      {messages.map((m) => (
        <p key={m} className={m === rejected || view.severity === "error" ? "text-danger" : "text-warning"}>
          {m}
        </p>
      ))}
      {notes.map((n) => (
        <p key={n} className="text-foreground">
          {n}
        </p>
      ))}
      {comments.map((c, i) => (
        <p key={i} className="border-l-4 border-[#6d28d9] pl-2 text-foreground">
          {c}
        </p>
      ))}
    </div>
  );
}
