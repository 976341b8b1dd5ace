"use client";

import { memo, useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buildTable } from "@/lib/document/build-table";
import type { DocCell } from "@/lib/document/types";
import { formatValue } from "@/lib/report/normalize-value";
import {
  editGrid,
  emptyPreparedReport,
  isBlockPaste,
  moveInGrid,
  parseClipboardGrid,
  planPaste,
  readCellInput,
  type GridMove,
  type GridPosition,
} from "@/lib/report/paste-grid";
import { cellKey } from "@/lib/report/cell-ref";
import { cellInputId } from "@/lib/report/wizard-steps";
import { describeCell } from "@/lib/rules/describe";
import { templateCells, type CellDef } from "@/lib/template/cells";
import type { TableId, ValueKind } from "@/lib/template/types";
import { cn } from "@/lib/utils/cn";
import { threadElementId } from "./comment-threads";
import { useCellView, useWizard } from "./wizard-context";
import { useWizardWorkflow } from "./wizard-workflow";

const NO_LINES: string[] = [];

/** Space-separated ids for aria-describedby, or undefined when there are none. */
function idList(...ids: (string | false | undefined | null)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

/** How long an unreadable entry may sit before it is called out (so 1,2… of 1,234 does not flash red). */
const REJECT_DELAY_MS = 600;

function shownValue(raw: unknown, kind: ValueKind): string {
  if (raw === null || raw === undefined) return "";
  if (typeof raw === "number") return formatValue(raw, kind);
  return String(raw);
}

function tablePath(table: TableId): `tables.${TableId}` {
  return `tables.${table}`;
}

interface CellHandlers {
  move: (from: GridPosition, move: GridMove) => boolean;
  paste: (at: GridPosition, text: string) => void;
  setActive: (key: string | null) => void;
  /** An entry the cell refused (shown in the cell note), or null when it is cleared. */
  setRejected: (key: string, message: string | null) => void;
}

const EditableCell = memo(function EditableCell({
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
  const id = cellInputId(def);
  const messageId = `${id}-message`;

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const announce = (message: string | null) => {
    setShowRejected(message !== null);
    handlers.setRejected(key, message);
  };

  const messages = [...(showRejected && rejected ? [rejected] : []), ...view.messages];
  const invalid = Boolean(showRejected && rejected) || view.severity === "error";
  const warned = !invalid && view.severity === "warning" && !view.blankOnly;
  const blank = !invalid && view.blankOnly;

  const store = (value: number | null) => {
    // The path is built from template ids, which the draft schema accepts.
    form.setValue(`tables.${def.table}.${def.row}.${def.col}` as never, value as never);
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
        aria-label={`${def.rowLabels.join(" ")} ${def.colLabels.join(" ")}${def.unit ? `（${def.unit}）` : ""}`}
        aria-invalid={invalid || undefined}
        aria-describedby={idList(messages.length > 0 && messageId, comment && `${id}-comment`)}
        data-cell={key}
        value={text ?? shownValue(view.raw, def.kind)}
        onFocus={(event) => {
          handlers.setActive(key);
          event.currentTarget.select();
        }}
        onBlur={() => {
          handlers.setActive(null);
          // An unreadable entry is not kept: the cell shows what is stored, and says what was refused.
          setText(null);
          if (rejected) announce(rejected);
          if (timer.current) clearTimeout(timer.current);
        }}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const read = readCellInput(next, def.kind);
          if (timer.current) clearTimeout(timer.current);
          if (read.ok) {
            setRejected(null);
            if (showRejected) announce(null);
            store(read.value);
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
          let move: GridMove | null = null;
          if (event.key === "ArrowUp") move = "up";
          else if (event.key === "ArrowDown") move = "down";
          else if (event.key === "Enter") move = event.shiftKey ? "up" : "down";
          else if (event.key === "ArrowLeft" && (atStart || allSelected)) move = "left";
          else if (event.key === "ArrowRight" && (atEnd || allSelected)) move = "right";
          else if (event.key === "Escape" && text !== null) {
            setText(null);
            setRejected(null);
            announce(null);
            return;
          }
          if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
          event.preventDefault();
          handlers.move(position, move);
        }}
        onPaste={(event: ClipboardEvent<HTMLInputElement>) => {
          const data = event.clipboardData.getData("text/plain");
          if (disabled || !isBlockPaste(data)) return;
          event.preventDefault();
          setText(null);
          handlers.paste(position, data);
        }}
        className={cn(
          "block h-10 w-full min-w-14 rounded-sm border px-1.5 text-right text-base tabular-nums text-foreground",
          "focus:outline-3 focus:outline-ring focus:-outline-offset-1",
          // One border and one background class each: Tailwind does not resolve two of the same property.
          invalid ? "border-2 border-danger" : warned ? "border-2 border-[#d08a1d]" : "border-input",
          invalid ? "bg-danger-soft" : warned ? "bg-warning-soft" : disabled ? "bg-muted" : blank ? "bg-[#fffbf2]" : "bg-surface",
          def.unit && "pr-10",
        )}
      />
      {def.unit && (
        <span aria-hidden="true" className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 text-sm text-muted-foreground">
          {def.unit}
        </span>
      )}
      {messages.length > 0 && (
        <span id={messageId} className="sr-only">
          {messages.join(" ")}
        </span>
      )}
      {comment && (
        <span id={`${id}-comment`} className="sr-only">
          {comment}
        </span>
      )}
    </>
  );
});

const TotalCell = memo(function TotalCell({ def, disabled, handlers, comment }: { def: CellDef; disabled: boolean; handlers: CellHandlers; comment?: string }) {
  const { form } = useWizard();
  const key = cellKey(def);
  const view = useCellView(key);
  const id = cellInputId(def);
  const messageId = `${id}-message`;
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
        aria-label={`${def.rowLabels.join(" ")} ${def.colLabels.join(" ")}（自动计算）`}
        aria-describedby={idList(messages.length > 0 && messageId, comment && `${id}-comment`)}
        className="font-semibold outline-none focus:outline-3 focus:outline-ring"
      >
        {view.value === null ? "" : formatValue(view.value, def.kind)}
      </output>
      {mismatch && !disabled && (
        <button
          type="button"
          className="text-sm text-primary underline underline-offset-2"
          onClick={() => form.setValue(`tables.${def.table}.${def.row}.${def.col}` as never, null as never)}
        >
          用计算值 {formatValue(view.computed, def.kind)}
        </button>
      )}
      {messages.length > 0 && (
        <span id={messageId} className="sr-only">
          {messages.join(" ")}
        </span>
      )}
      {comment && (
        <span id={`${id}-comment`} className="sr-only">
          {comment}
        </span>
      )}
    </div>
  );
});

/**
 * The mark on a commented cell: hovering or focusing it shows the comment in the cell note,
 * pressing it opens the thread in the list under the table.
 */
function CellCommentMarker({ cellKey: key, open, firstThreadId, handlers }: { cellKey: string; open: boolean; firstThreadId: string; handlers: CellHandlers }) {
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

/** One floating note for the focused (or hovered) cell's findings: never clipped by the table. */
function CellNote({ activeKey, rejected, comments }: { activeKey: string | null; rejected: string | null; comments: string[] }) {
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

interface PasteReport {
  filled: number;
  rejected: { where: string; raw: string; message: string }[];
  totalMismatches: { where: string; pasted: number; computed: number | null }[];
  clipped: number;
  dropped: string | null;
}

function describePasteDrop(columns: number, rows: number): string | null {
  const parts = [rows ? `前 ${rows} 行表头` : "", columns ? `前 ${columns} 列行名` : ""].filter(Boolean);
  return parts.length ? `已忽略复制内容中的${parts.join("和")}。` : null;
}

/**
 * Any statutory table of any format, laid out from the template (the same layout as the printed
 * report: merged column headers, merged row labels, table 2's blocks) with an input per cell.
 * Totals are computed live and read-only. Works like a spreadsheet: arrows, Enter, Tab, and
 * pasting a block copied from Excel/WPS.
 */
export function TableGrid({ table }: { table: TableId }) {
  const { report, template, canEdit, form, batch, store } = useWizard();
  const { comments } = useWizardWorkflow();
  // Per commented cell: what a screen reader hears with the cell, and the lines of the cell note.
  // Rebuilt only when the threads change (never per keystroke).
  const cellComments = useMemo(() => {
    const result = new Map<string, { summary: string; lines: string[]; open: boolean; firstThreadId: string }>();
    for (const key of comments.commentedCells) {
      const threads = comments.byCell.get(key) ?? [];
      const shown = threads.filter((t) => !t.resolvedAt);
      const list = shown.length ? shown : threads;
      const lines = list.map((t) => `${shown.length ? "审核批注" : "已处理的批注"}（${t.author}）：${t.body}`);
      result.set(key, { summary: lines.join(" "), lines, open: shown.length > 0, firstThreadId: list[0].id });
    }
    return result;
  }, [comments]);
  const layout = useMemo(() => buildTable(emptyPreparedReport(template), template.tables[table]), [template, table]);
  const grid = useMemo(() => editGrid(report.format, table), [report.format, table]);
  const cells = templateCells(template);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [rejections, setRejections] = useState<Record<string, string>>({});
  const [pasteReport, setPasteReport] = useState<PasteReport | null>(null);
  const undo = useRef<{ label: string; values: unknown } | null>(null);
  const [undoLabel, setUndoLabel] = useState<string | null>(null);

  const focusAt = useCallback(
    (position: GridPosition) => {
      const slot = grid.lines[position.row]?.slots[position.col];
      const element = slot && (document.getElementById(cellInputId(slot.ref)) as HTMLInputElement | null);
      element?.focus();
      element?.select();
    },
    [grid],
  );

  const rememberForUndo = useCallback(
    (label: string) => {
      undo.current = { label, values: structuredClone(form.getValues(tablePath(table)) ?? {}) };
      setUndoLabel(label);
    },
    [form, table],
  );

  const handlers = useMemo<CellHandlers>(
    () => ({
      move: (from, move) => {
        const to = moveInGrid(grid, from, move);
        if (to) focusAt(to);
        return Boolean(to);
      },
      paste: (at, text) => {
        const plan = planPaste(grid, at, parseClipboardGrid(text));
        rememberForUndo("粘贴");
        const current = structuredClone((form.getValues(tablePath(table)) ?? {}) as Record<string, Record<string, unknown>>);
        for (const write of plan.writes) {
          const [, row, col] = write.key.split(".");
          current[row] = { ...current[row], [col]: write.value };
        }
        batch(() => form.setValue(tablePath(table), current as never));
        const where = (key: string) => {
          const def = cells.get(key);
          return def ? describeCell(def) : key;
        };
        setPasteReport({
          filled: plan.writes.length,
          rejected: plan.rejected.map((r) => ({ where: where(r.key), raw: r.raw, message: r.message })),
          totalMismatches: plan.checks
            .map((check) => ({ where: where(check.key), pasted: check.value, computed: store.cell(check.key).computed }))
            .filter((c) => c.computed !== c.pasted),
          clipped: plan.clipped,
          dropped: describePasteDrop(plan.droppedLabelColumns, plan.droppedHeaderRows),
        });
        const last = plan.writes.at(-1);
        if (last) focusAt(grid.positions.get(last.key)!);
      },
      setActive: setActiveKey,
      setRejected: (key, message) =>
        setRejections((current) => {
          if ((current[key] ?? null) === message) return current;
          const next = { ...current };
          if (message === null) delete next[key];
          else next[key] = message;
          return next;
        }),
    }),
    [grid, focusAt, rememberForUndo, form, table, batch, cells, store],
  );

  const fillZeros = () => {
    rememberForUndo("空白填 0");
    const current = structuredClone((form.getValues(tablePath(table)) ?? {}) as Record<string, Record<string, unknown>>);
    let filled = 0;
    for (const line of grid.lines) {
      for (const slot of line.slots) {
        if (!slot || slot.readOnly) continue;
        const value = current[slot.ref.row]?.[slot.ref.col];
        if (value === null || value === undefined || value === "") {
          current[slot.ref.row] = { ...current[slot.ref.row], [slot.ref.col]: 0 };
          filled++;
        }
      }
    }
    batch(() => form.setValue(tablePath(table), current as never));
    setPasteReport({ filled, rejected: [], totalMismatches: [], clipped: 0, dropped: null });
  };

  const undoLast = () => {
    if (!undo.current) return;
    const { values } = undo.current;
    batch(() => form.setValue(tablePath(table), values as never));
    undo.current = null;
    setUndoLabel(null);
    setPasteReport(null);
  };

  const renderCell = (cell: DocCell, key: number) => {
    if (cell.role !== "value") {
      const scope =
        cell.role === "row-header" ? (cell.group ? "rowgroup" : "row") : cell.role === "column-header" ? (cell.group ? "colgroup" : "col") : undefined;
      return (
        <th
          key={key}
          id={`${cell.id}`}
          scope={scope}
          colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
          rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
          className={cn(
            "border border-border px-2 py-1.5 text-base font-normal leading-snug",
            cell.role === "row-header" ? "bg-surface text-left" : "bg-muted text-center",
            cell.role === "corner" && "text-sm text-muted-foreground",
            cell.role === "group-header" && "bg-primary-soft text-left font-semibold",
          )}
        >
          {cell.text}
        </th>
      );
    }
    const ref = cell.ref!;
    const refKey = cellKey(ref);
    const def = cells.get(refKey)!;
    const position = grid.positions.get(refKey)!;
    const slot = grid.lines[position.row].slots[position.col]!;
    const comment = cellComments.get(refKey);
    return (
      <td
        key={key}
        headers={cell.headers?.join(" ")}
        colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
        data-commented={comment ? (comment.open ? "open" : "resolved") : undefined}
        className={cn("relative border border-border p-0.5 align-middle", comment?.open && "shadow-[inset_0_0_0_2px_#6d28d9]")}
      >
        {slot.readOnly ? (
          <TotalCell def={def} disabled={!canEdit} handlers={handlers} comment={comment?.summary} />
        ) : (
          <EditableCell def={def} position={position} handlers={handlers} disabled={!canEdit} comment={comment?.summary} />
        )}
        {comment && <CellCommentMarker cellKey={refKey} open={comment.open} firstThreadId={comment.firstThreadId} handlers={handlers} />}
      </td>
    );
  };

  // Row labels wrap on screen; the numbers need the room more than in print.
  const labelColumns = layout.columnWidths.length - grid.width;
  const widths = layout.columnWidths.map((w, i) => (table === "requests" && i < labelColumns ? w * 0.7 : w));
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  return (
    <div className="space-y-3">
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <p className="flex-1 text-base text-muted-foreground">
            方向键、回车、Tab 键在单元格间移动；可从 Excel、WPS 复制一块数字，在起始单元格中粘贴（Ctrl+V）。灰色的合计由系统计算。
          </p>
          <Button variant="outline" size="sm" onClick={fillZeros}>
            空白单元格填 0
          </Button>
        </div>
      )}
      {Object.keys(rejections).length > 0 && (
        <Alert variant="danger" role="status">
          <p className="font-medium">以下输入无法识别，未填入（单元格保留原来的值）：</p>
          <ul className="list-disc pl-6">
            {Object.entries(rejections).map(([key, message]) => {
              const def = cells.get(key);
              return (
                <li key={key}>
                  {def ? describeCell(def) : key}：{message}
                </li>
              );
            })}
          </ul>
        </Alert>
      )}
      {pasteReport && (
        <Alert variant={pasteReport.rejected.length || pasteReport.totalMismatches.length ? "warning" : "success"} role="status">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="space-y-1">
              <p className="font-medium">
                已填入 {pasteReport.filled} 个单元格
                {pasteReport.rejected.length > 0 && `，${pasteReport.rejected.length} 个数值无法识别、未填入`}
                {pasteReport.clipped > 0 && `，${pasteReport.clipped} 个数值超出表格范围、已忽略`}。
              </p>
              {pasteReport.dropped && <p>{pasteReport.dropped}</p>}
              {pasteReport.rejected.length > 0 && (
                <ul className="list-disc pl-6">
                  {pasteReport.rejected.slice(0, 6).map((r) => (
                    <li key={r.where}>
                      {r.where}：{r.message}
                    </li>
                  ))}
                </ul>
              )}
              {pasteReport.totalMismatches.length > 0 && (
                <ul className="list-disc pl-6">
                  {pasteReport.totalMismatches.map((m) => (
                    <li key={m.where}>
                      {m.where}：台账中的合计为 {m.pasted}，按各项计算为 {m.computed ?? 0}，请核对台账。
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="flex gap-2">
              {undoLabel && (
                <Button variant="outline" size="sm" onClick={undoLast}>
                  撤销{undoLabel}
                </Button>
              )}
              <Button variant="ghost" size="sm" onClick={() => setPasteReport(null)} aria-label="关闭提示">
                关闭
              </Button>
            </div>
          </div>
        </Alert>
      )}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] border-collapse bg-surface" aria-label={layout.caption}>
          <caption className="sr-only">{layout.caption}</caption>
          <colgroup>
            {widths.map((w, i) => (
              <col key={i} style={{ width: `${(100 * w) / totalWidth}%` }} />
            ))}
          </colgroup>
          {layout.header.length > 0 && (
            <thead>
              {layout.header.map((row, r) => (
                <tr key={r}>{row.cells.map(renderCell)}</tr>
              ))}
            </thead>
          )}
          {layout.bodyGroups.map((rows, g) => (
            <tbody key={g}>
              {rows.map((row, r) => (
                <tr key={r}>{row.cells.map(renderCell)}</tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <CellNote
        activeKey={activeKey}
        rejected={activeKey ? (rejections[activeKey] ?? null) : null}
        comments={(activeKey && cellComments.get(activeKey)?.lines) || NO_LINES}
      />
    </div>
  );
}
