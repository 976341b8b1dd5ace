"use client";

import { useEffect, useState } from "react";
import { useCellView } from "../wizard-context";

/** One floating note for the focused (or hovered) cell's findings: never clipped by the table. */
export function CellNote({ activeKey, rejected, comments }: { activeKey: string | null; rejected: string | null; comments: string[] }) {
  const view = useCellView(activeKey ?? "");
  const [box, setBox] = useState<{ key: string; left: number; top: number; width: number } | null>(null);
  const messages = activeKey ? [...(rejected ? [rejected] : []), ...view.messages] : [];

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

  if (!activeKey || (!messages.length && !comments.length) || box?.key !== activeKey) return null;
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
      {comments.map((c, i) => (
        <p key={i} className="border-l-4 border-[#6d28d9] pl-2 text-foreground">
          {c}
        </p>
      ))}
    </div>
  );
}
