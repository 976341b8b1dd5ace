"use client";

import { cn } from "@/lib/utils/cn";
import { threadElementId } from "../thread-element-id";
import type { CellHandlers } from "./cell-helpers";

/**
 * The mark on a commented cell: hovering or focusing it shows the comment in the cell note,
 * pressing it opens the thread in the list under the table.
 */
export function CellCommentMarker({ cellKey: key, open, firstThreadId, handlers }: { cellKey: string; open: boolean; firstThreadId: string; handlers: CellHandlers }) {
  return (
    <button
      type="button"
      aria-label={open ? "查看本单元格的审核批注（未处理）" : "查看本单元格的审核批注（已处理）"}
      data-comment-marker={key}
      onMouseEnter={() => handlers.setActive(key)}
      onMouseLeave={() => handlers.setActive(null)}
      onFocus={() => handlers.setActive(key)}
      onBlur={() => handlers.setActive(null)}
      onClick={() => {
        const element = document.getElementById(threadElementId(firstThreadId));
        element?.scrollIntoView({ block: "center" });
        element?.focus({ preventScroll: true });
      }}
      className={cn(
        "absolute top-0.5 left-0.5 z-10 inline-flex size-6 items-center justify-center rounded-full border",
        open ? "border-[#6d28d9] bg-[#6d28d9] text-white" : "border-input bg-surface text-muted-foreground",
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-3.5" fill="currentColor">
        <path d="M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-4.4 3.5A.4.4 0 0 1 4 20.2V17a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z" />
      </svg>
    </button>
  );
}
