"use client";

import dynamic from "next/dynamic";
import { paragraphLabel } from "@/lib/comments/comment-places";
import type { CommentThreadView } from "@/lib/comments/comment-views";
import { parseCellKey } from "@/lib/report/cell-ref";
import { cellInputId } from "@/lib/wizard/wizard-steps";
import { describeCell } from "@/lib/rules/describe";
import { templateCells } from "@/lib/template/cells";
import type { SectionId, TableId } from "@/lib/template/types";
import { useWizard } from "./wizard-context";
import { useWizardWorkflow } from "./wizard-workflow";

// The threads themselves load only when there are some to show (comment-thread-list.tsx).
const ThreadList = dynamic(() => import("./comment-thread-list").then((m) => m.ThreadList));
export const CommentThreadCard = dynamic(() => import("./comment-thread-list").then((m) => m.CommentThreadCard));

/** Comments on paragraphs of one narrative field, shown under it. */
export function FieldComments({ field }: { field: string }) {
  const { comments } = useWizardWorkflow();
  const threads = comments.byField.get(field);
  if (!threads?.length) return null;
  return <ThreadList threads={threads} title="审核批注（本段文字）" placeOf={(t) => paragraphLabel(t.anchorType, t.anchor)} />;
}

/** Comments on a whole section, at the top of its step. */
export function SectionComments({ section }: { section: SectionId }) {
  const { comments } = useWizardWorkflow();
  const threads = comments.bySection.get(section);
  if (!threads?.length) return null;
  return (
    <div className="rounded-md border border-border bg-surface px-4 py-3">
      <ThreadList threads={threads} title="审核批注（本部分）" />
    </div>
  );
}

/** Focuses the input of a commented cell (keyboard users reach the cell from the list). */
function locateCell(thread: CommentThreadView) {
  const ref = parseCellKey(thread.anchor);
  const element = ref && document.getElementById(cellInputId(ref));
  if (!element) return;
  element.scrollIntoView({ block: "center" });
  element.focus({ preventScroll: true });
}

/** Comments on cells of one table, listed under it with a way back to each cell. */
export function CellComments({ table }: { table: TableId }) {
  const { template } = useWizard();
  const { comments } = useWizardWorkflow();
  const cells = templateCells(template);
  const threads = [...comments.byCell.entries()].filter(([key]) => cells.get(key)?.table === table).flatMap(([, list]) => list);
  if (!threads.length) return null;
  const placeOf = (thread: CommentThreadView) => {
    const def = cells.get(thread.anchor);
    return def ? describeCell(def) : thread.anchor;
  };
  return (
    <div className="space-y-2 rounded-md border border-border bg-surface px-4 py-3">
      <ThreadList threads={threads} title="审核批注（表中单元格）" placeOf={placeOf} locate={locateCell} />
    </div>
  );
}

/** Comments on places the report's format does not have (listed on 检查与预览, never lost). */
export function UnplacedComments() {
  const { comments } = useWizardWorkflow();
  if (!comments.unplaced.length) return null;
  return (
    <div className="rounded-md border border-border bg-surface px-4 py-3">
      <ThreadList threads={comments.unplaced} title="其他审核批注" placeOf={(t) => paragraphLabel(t.anchorType, t.anchor) ?? t.anchor} />
    </div>
  );
}
