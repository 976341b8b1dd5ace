"use client";

import { memo } from "react";
import { cellKey } from "@/lib/report/cell-ref";
import { formatValue } from "@/lib/report/normalize-value";
import type { CellDef } from "@/lib/template/cells";
import { cn } from "@/lib/utils/cn";
import { cellInputId } from "@/lib/wizard/wizard-steps";
import { useCellView, useWizard } from "../wizard-context";
import { CellDescriptions } from "./cell-descriptions";
import { cellDescribedBy, cellLabel, cellPath, type CellHandlers } from "./cell-helpers";

/**
 * A total: computed live and read-only. When the draft holds a different given value (typed
 * before, or pasted), offers to use the computed one.
 */
export const TotalCell = memo(function TotalCell({ def, disabled, handlers, comment }: { def: CellDef; disabled: boolean; handlers: CellHandlers; comment?: string }) {
  const { form } = useWizard();
  const key = cellKey(def);
  const view = useCellView(key);
  const id = cellInputId(def);
  const mismatch = view.given !== null && view.computed !== null && view.given !== view.computed;
  const messages = view.messages;
  return (
    <div
      className={cn(
        "flex min-h-10 flex-col items-end justify-center rounded-sm px-1.5 text-right tabular-nums",
        view.severity === "error" ? "border-2 border-danger bg-danger-soft" : view.severity === "warning" ? "border-2 border-[#d08a1d] bg-warning-soft" : "bg-muted",
      )}
      onFocus={() => handlers.setActive(key)}
      onBlur={() => handlers.setActive(null)}
      onMouseEnter={() => messages.length && handlers.setActive(key)}
      onMouseLeave={() => handlers.setActive(null)}
    >
      <output
        id={id}
        tabIndex={-1}
        data-cell={key}
        aria-label={`${cellLabel(def)}（自动计算）`}
        aria-describedby={cellDescribedBy(id, messages, comment)}
        className="font-semibold outline-none focus:outline-3 focus:outline-ring"
      >
        {view.value === null ? "" : formatValue(view.value, def.kind)}
      </output>
      {mismatch && !disabled && (
        <button type="button" className="text-sm text-primary underline underline-offset-2" onClick={() => form.setValue(cellPath(def), null)}>
          用计算值 {formatValue(view.computed, def.kind)}
        </button>
      )}
      <CellDescriptions id={id} messages={messages} comment={comment} />
    </div>
  );
});
