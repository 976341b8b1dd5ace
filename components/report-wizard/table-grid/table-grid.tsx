"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { buildTable } from "@/lib/document/build-table";
import type { DocCell } from "@/lib/document/types";
import { cellKey } from "@/lib/report/cell-ref";
import { describeCell } from "@/lib/rules/describe";
import { templateCells, type CellDef } from "@/lib/template/cells";
import type { TableId } from "@/lib/template/types";
import { cn } from "@/lib/utils/cn";
import { clearableKeys, collapsedRange, describeRange, extendRange, fillDown, isMultiCell, rangeSlots, rangeTsv, type GridRange } from "@/lib/wizard/grid-range";
import { editGrid, emptyPreparedReport, moveInGrid, readCellInput, type GridPosition } from "@/lib/wizard/paste-grid";
import type { PastePlan } from "@/lib/wizard/paste-plan";
import { ValueHistory, type HistoryEntry } from "@/lib/wizard/value-history";
import { cellInputId } from "@/lib/wizard/wizard-steps";
import { useWizard } from "../wizard-context";
import { useWizardWorkflow } from "../wizard-workflow";
import { CellCommentMarker } from "./cell-comment-marker";
import type { CellHandlers } from "./cell-helpers";
import { CellNote } from "./cell-note";
import { XlsxRoundTrip, type XlsxPlans } from "./xlsx-round-trip";
import { conversionNote, EditableCell, inputUnit } from "./editable-cell";
import { TotalCell } from "./total-cell";

const NO_LINES: string[] = [];
const NO_KEYS = new Set<string>();

/** Whether an entry is stored as another number than it reads (a unit, 减, full-width digits). */
function readCellInputRewritten(raw: string, kind: CellDef["kind"]): boolean {
  const read = readCellInput(raw, kind);
  return read.ok && read.rewritten;
}

/** A table's values in the draft, row id → column id → value. */
type TableValues = Record<string, Record<string, unknown>>;

function tablePath(table: TableId): `tables.${TableId}` {
  return `tables.${table}`;
}

/** Sets one cell in a copy of the table's values (see readTable in TableGrid). */
function putValue(values: TableValues, row: string, col: string, value: unknown): void {
  values[row] = { ...values[row], [col]: value };
}

/** 表三（收到和处理申请）「…」行「…」列 for a cell key (the key itself if the template has no such cell). */
function describeKey(cells: Map<string, CellDef>, key: string): string {
  const def = cells.get(key);
  return def ? describeCell(def) : key;
}

interface PasteReport {
  filled: number;
  /** Entries read differently (减2 → −2, 1753802元 → 175.3802 万元): where, and what was stored. */
  converted: { where: string; note: string }[];
  rejected: { where: string; raw: string; message: string }[];
  /** Numbers the block had on computed cells: not stored, compared with the computation. */
  computed: number;
  totalMismatches: { where: string; pasted: number; computed: number | null }[];
  clipped: number;
  /** Labels of pasted rows that name no row of this table. */
  unmatched: string[];
  /** How the block was laid over the table, when not simply position by position. */
  mapping: string | null;
  dropped: string | null;
}

/** Cells the last paste placed and computed cells whose pasted number differs, highlighted until the report is closed. */
interface PasteMarks {
  placed: Set<string>;
  mismatched: Set<string>;
}

const NO_MARKS: PasteMarks = { placed: new Set(), mismatched: new Set() };

function describeMapping(rowMode: string, colMode: string): string | null {
  const parts = [rowMode === "labels" ? "按行名对应各行" : "", colMode === "labels" ? "按表头对应各列" : ""].filter(Boolean);
  return parts.length ? `${parts.join("、")}放置。` : null;
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
  const [marks, setMarks] = useState<PasteMarks>(NO_MARKS);
  const [workbookNote, setWorkbookNote] = useState<string | null>(null);
  const [blankHintKey, setBlankHintKey] = useState<string | null>(null);
  /** Per cell, what it made of an entry it read differently (the last one typed). */
  const [notes, setNotes] = useState<Record<string, string>>({});
  const history = useRef(new ValueHistory());
  const [undoLabel, setUndoLabel] = useState<string | null>(null);
  /** What the last undo or redo did, for screen readers (a polite live region). */
  const [announcement, setAnnouncement] = useState("");
  /** The selected range (Shift+arrows, the mouse); the handlers read it through the ref so they stay stable. */
  const [range, setRangeState] = useState<GridRange | null>(null);
  const rangeRef = useRef<GridRange | null>(null);
  const setRange = useCallback((next: GridRange | null) => {
    rangeRef.current = next;
    setRangeState(next);
  }, []);
  /** A mouse drag selecting a range is in progress (from mousedown to mouseup). */
  const dragging = useRef(false);
  const tableRef = useRef<HTMLTableElement>(null);
  useEffect(() => {
    const stop = () => void (dragging.current = false);
    // The pressed input captures the mouse while it selects its text, so the cells under the
    // pointer get no mouseenter: the cell is found from the pointer's position instead.
    const move = (event: globalThis.MouseEvent) => {
      const selected = rangeRef.current;
      if (!dragging.current || !(event.buttons & 1) || !selected) return;
      const under = document.elementFromPoint(event.clientX, event.clientY)?.closest<HTMLElement>("[data-grid-pos]");
      if (!under || !tableRef.current?.contains(under)) return;
      const [row, col] = under.dataset.gridPos!.split(",").map(Number);
      if (selected.focus.row === row && selected.focus.col === col) return;
      setRange({ anchor: selected.anchor, focus: { row, col } });
    };
    document.addEventListener("mouseup", stop);
    document.addEventListener("mousemove", move);
    return () => {
      document.removeEventListener("mouseup", stop);
      document.removeEventListener("mousemove", move);
    };
  }, [setRange]);

  const focusAt = useCallback(
    (position: GridPosition) => {
      const slot = grid.lines[position.row]?.slots[position.col];
      const element = slot && (document.getElementById(cellInputId(slot.ref)) as HTMLInputElement | null);
      element?.focus();
      element?.select();
    },
    [grid],
  );

  /** A copy of the table's values, to change and then store whole with writeTable. */
  const readTable = useCallback(() => structuredClone((form.getValues(tablePath(table)) ?? {}) as TableValues), [form, table]);
  /** Stores the whole table as one change: the live check and autosave run once. */
  const writeTable = useCallback((values: unknown) => batch(() => form.setValue(tablePath(table), values)), [batch, form, table]);

  /** Records an edit of several cells (a paste, 空白填 0) from the values before it. */
  const recordEdit = useCallback(
    (label: string, before: TableValues, keys: string[]) => {
      const after = readTable();
      const value = (values: TableValues, key: string) => {
        const [, row, col] = key.split(".");
        return values[row]?.[col] ?? null;
      };
      history.current.record(label, keys.map((key) => ({ key, before: value(before, key), after: value(after, key) })));
      setUndoLabel(history.current.undoLabel ?? null);
    },
    [readTable],
  );

  /** Puts the cells of an undone (or redone) edit back, as one change, and says so. */
  const applyHistory = useCallback(
    (entry: HistoryEntry | undefined, direction: "undo" | "redo") => {
      setUndoLabel(history.current.undoLabel ?? null);
      if (!entry) {
        setAnnouncement(direction === "undo" ? "没有可撤销的修改" : "没有可恢复的修改");
        return;
      }
      const current = readTable();
      for (const change of entry.changes) {
        const [, row, col] = change.key.split(".");
        putValue(current, row, col, direction === "undo" ? change.before : change.after);
      }
      writeTable(current);
      setPasteReport(null);
      setMarks(NO_MARKS);
      const [first] = entry.changes;
      const what = entry.changes.length === 1 ? describeKey(cells, first.key) : `${entry.changes.length} 个单元格`;
      setAnnouncement(`${direction === "undo" ? "已撤销" : "已恢复"}${entry.label}：${what}`);
      const position = grid.positions.get(first.key);
      if (position) focusAt(position);
    },
    [readTable, writeTable, cells, grid, focusAt],
  );

  /** Writes values into this table's cells as one undoable edit (a paste, a fill, a clear). */
  const storeWrites = useCallback(
    (label: string, writes: readonly { key: string; value: unknown }[]) => {
      const before = readTable();
      const current = readTable();
      for (const write of writes) {
        const [, row, col] = write.key.split(".");
        putValue(current, row, col, write.value);
      }
      writeTable(current);
      recordEdit(label, before, writes.map((w) => w.key));
    },
    [readTable, writeTable, recordEdit],
  );

  /** Stores a placement plan (a paste, an uploaded Excel sheet) as one edit, reports it and marks the cells. */
  const applyPlan = useCallback(
    (plan: PastePlan, label: string) => {
      storeWrites(label, plan.writes);
      const mismatched = plan.checks.filter((check) => store.cell(check.key).computed !== check.value);
      setPasteReport({
        filled: plan.writes.length,
        converted: plan.writes.flatMap((w) => {
          const def = cells.get(w.key);
          if (!def || w.value === null || !readCellInputRewritten(w.raw, def.kind)) return [];
          return [{ where: describeKey(cells, w.key), note: conversionNote(w.raw, w.value, def.kind, inputUnit(def)) }];
        }),
        rejected: plan.rejected.map((r) => ({ where: describeKey(cells, r.key), raw: r.raw, message: r.message })),
        computed: plan.checks.length,
        totalMismatches: mismatched.map((check) => ({ where: describeKey(cells, check.key), pasted: check.value, computed: store.cell(check.key).computed })),
        clipped: plan.clipped,
        unmatched: plan.unmatched,
        mapping: describeMapping(plan.rowMode, plan.colMode),
        dropped: describePasteDrop(plan.droppedLabelColumns, plan.droppedHeaderRows),
      });
      setMarks({ placed: new Set(plan.writes.map((w) => w.key)), mismatched: new Set(mismatched.map((m) => m.key)) });
      const last = plan.writes.at(-1);
      if (last) focusAt(grid.positions.get(last.key)!);
    },
    [grid, focusAt, storeWrites, cells, store],
  );

  /** A cell's value as the range operations see it: a total as computed, any other as stored. */
  const valueOf = useCallback(
    (slot: { key: string; readOnly: boolean; ref: { row: string; col: string } }) =>
      slot.readOnly ? store.cell(slot.key).value : (readTable()[slot.ref.row]?.[slot.ref.col] ?? null),
    [store, readTable],
  );

  /** A range operation's writes as one undoable edit; clears the markers and says what it did. */
  const writeCells = useCallback(
    (label: string, writes: { key: string; value: unknown }[], said: string) => {
      storeWrites(label, writes);
      const keys = new Set(writes.map((w) => w.key));
      setRejections((shown) => Object.fromEntries(Object.entries(shown).filter(([key]) => !keys.has(key))));
      setPasteReport(null);
      setMarks(NO_MARKS);
      setAnnouncement(said);
    },
    [storeWrites],
  );

  const clearSelected = useCallback(() => {
    const selected = rangeRef.current;
    if (!isMultiCell(selected)) return false;
    const keys = clearableKeys(grid, selected);
    writeCells("清除", keys.map((key) => ({ key, value: null })), `已清除 ${keys.length} 个单元格`);
    return true;
  }, [grid, writeCells]);

  const fillSelected = useCallback(() => {
    const selected = rangeRef.current;
    if (!selected) return;
    const filled = fillDown(grid, selected, valueOf);
    const skipped = filled.skippedColumns ? `，${filled.skippedColumns} 列的首行为合计或无单元格、未填充` : "";
    if (filled.writes.length === 0) {
      setAnnouncement(`没有可向下填充的单元格${skipped}`);
      return;
    }
    writeCells("向下填充", filled.writes, `已向下填充 ${filled.writes.length} 个单元格${skipped}`);
  }, [grid, valueOf, writeCells]);

  const copySelected = useCallback(() => {
    const selected = rangeRef.current;
    return isMultiCell(selected) ? rangeTsv(grid, selected, valueOf) : null;
  }, [grid, valueOf]);

  const handlers = useMemo<CellHandlers>(
    () => ({
      move: (from, move) => {
        const to = moveInGrid(grid, from, move);
        if (to) focusAt(to);
        return Boolean(to);
      },
      paste: (at, text) => {
        // With a range selected the block goes to its top left cell, as in Excel.
        const selected = rangeRef.current;
        const corner = isMultiCell(selected) ? rangeSlots(grid, selected)[0] : undefined;
        const start = corner && !corner.readOnly ? grid.positions.get(corner.key)! : at;
        // The planner loads on the first paste (lib/wizard/paste-plan.ts), not with the page.
        void import("@/lib/wizard/paste-plan").then(({ planPaste, parseClipboardGrid }) => applyPlan(planPaste(grid, start, parseClipboardGrid(text)), "粘贴"));
      },
      setActive: (key) => {
        setActiveKey(key);
        // Focusing another cell ends the range; the range's own anchor keeps it (focus back after a range action).
        const position = key ? grid.positions.get(key) : undefined;
        const selected = rangeRef.current;
        if (position && !(selected && selected.anchor.row === position.row && selected.anchor.col === position.col)) setRange(collapsedRange(position));
        // The blank-cell hint pops up for the first blank cell focused, not for every one.
        if (key && store.cell(key).blankOnly) setBlankHintKey((shown) => shown ?? key);
      },
      commit: (key, before, after) => {
        history.current.record("输入", [{ key, before, after }]);
        setUndoLabel(history.current.undoLabel ?? null);
      },
      undo: () => applyHistory(history.current.undo(), "undo"),
      redo: () => applyHistory(history.current.redo(), "redo"),
      extendRange: (from, move) => {
        const selected = rangeRef.current;
        const start = selected && selected.anchor.row === from.row && selected.anchor.col === from.col ? selected : collapsedRange(from);
        const next = extendRange(grid, start, move);
        setRange(next);
        setAnnouncement(isMultiCell(next) ? describeRange(grid, next) : "已取消选择");
      },
      copyRange: copySelected,
      clearRange: clearSelected,
      fillDown: fillSelected,
      collapseRange: () => {
        const selected = rangeRef.current;
        if (!isMultiCell(selected)) return false;
        setRange(collapsedRange(selected.anchor));
        setAnnouncement("已取消选择");
        return true;
      },
      setNote: (key, message) =>
        setNotes((current) => {
          if ((current[key] ?? null) === message) return current;
          const next = { ...current };
          if (message === null) delete next[key];
          else next[key] = message;
          return next;
        }),
      setRejected: (key, message) =>
        setRejections((current) => {
          if ((current[key] ?? null) === message) return current;
          const next = { ...current };
          if (message === null) delete next[key];
          else next[key] = message;
          return next;
        }),
    }),
    [grid, focusAt, applyPlan, applyHistory, store, setRange, copySelected, clearSelected, fillSelected],
  );

  /** The cells shown as selected (only when the range holds more than the focused cell). */
  const selectedKeys = useMemo(() => (isMultiCell(range) ? new Set(rangeSlots(grid, range).map((slot) => slot.key)) : NO_KEYS), [grid, range]);

  /** Mouse: a press starts a range at the cell, Shift+click extends the current one, a drag grows it. */
  const cellMouseDown = (event: MouseEvent, position: GridPosition) => {
    if (event.button !== 0) return;
    const selected = rangeRef.current;
    if (event.shiftKey && selected) {
      // The focus stays in the anchor cell, as in Excel.
      event.preventDefault();
      const next = { anchor: selected.anchor, focus: position };
      setRange(next);
      setAnnouncement(isMultiCell(next) ? describeRange(grid, next) : "已取消选择");
      return;
    }
    dragging.current = true;
    setRange(collapsedRange(position));
  };

  const copyButton = () => {
    const tsv = copySelected();
    if (tsv === null) return;
    const count = rangeSlots(grid, rangeRef.current!).length;
    navigator.clipboard
      .writeText(tsv)
      .then(() => setAnnouncement(`已复制 ${count} 个单元格，可粘贴到 Excel、WPS`))
      .catch(() => setAnnouncement("浏览器不允许网页写入剪贴板，请按 Ctrl+C 复制"));
  };

  const fillZeros = () => {
    const before = readTable();
    const current = readTable();
    const keys: string[] = [];
    let filled = 0;
    for (const line of grid.lines) {
      for (const slot of line.slots) {
        if (!slot || slot.readOnly) continue;
        const value = current[slot.ref.row]?.[slot.ref.col];
        if (value === null || value === undefined || value === "") {
          putValue(current, slot.ref.row, slot.ref.col, 0);
          keys.push(slot.key);
          filled++;
        }
      }
    }
    writeTable(current);
    recordEdit("空白填 0", before, keys);
    setPasteReport({ filled, converted: [], rejected: [], computed: 0, totalMismatches: [], clipped: 0, unmatched: [], mapping: null, dropped: null });
    setMarks(NO_MARKS);
    // A rejected entry the fill replaced is no longer there to be refused.
    setRejections((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !keys.includes(key))));
  };

  const undoLast = () => applyHistory(history.current.undo(), "undo");

  /** An uploaded Excel workbook: this table's sheet placed as a paste; the other tables' values stored as well. */
  const applyWorkbook = (plans: XlsxPlans) => {
    const others: string[] = [];
    for (const placement of plans.tables) {
      if (placement.table === table) {
        applyPlan(placement.plan, "上传 Excel");
        continue;
      }
      const path = tablePath(placement.table);
      const values = structuredClone((form.getValues(path) ?? {}) as TableValues);
      for (const write of placement.plan.writes) {
        const [, row, col] = write.key.split(".");
        putValue(values, row, col, write.value);
      }
      batch(() => form.setValue(path, values));
      others.push(`${placement.short}已填入 ${placement.plan.writes.length} 个单元格`);
    }
    setWorkbookNote(others.length ? `同一工作簿中的${others.join("，")}（请到相应步骤核对）。` : null);
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
        data-pasted={marks.placed.has(refKey) ? "placed" : marks.mismatched.has(refKey) ? "mismatch" : undefined}
        data-selected={selectedKeys.has(refKey) || undefined}
        onMouseDown={(event) => cellMouseDown(event, position)}
        data-grid-pos={`${position.row},${position.col}`}
        className={cn(
          "relative border border-border p-0.5 align-middle",
          comment?.open
            ? "shadow-[inset_0_0_0_2px_#6d28d9]"
            : marks.placed.has(refKey)
              ? "shadow-[inset_0_0_0_2px_#15803d]"
              : marks.mismatched.has(refKey) && "shadow-[inset_0_0_0_2px_#b45309]",
        )}
      >
        {slot.readOnly ? (
          <TotalCell def={def} disabled={!canEdit} handlers={handlers} comment={comment?.summary} />
        ) : (
          <EditableCell def={def} position={position} handlers={handlers} disabled={!canEdit} comment={comment?.summary} />
        )}
        {comment && <CellCommentMarker cellKey={refKey} open={comment.open} firstThreadId={comment.firstThreadId} handlers={handlers} />}
        {selectedKeys.has(refKey) && <span aria-hidden="true" className="pointer-events-none absolute inset-0 bg-[#2563eb]/15 ring-1 ring-[#2563eb]/60 ring-inset" />}
      </td>
    );
  };

  // Row labels wrap on screen; the numbers need the room more than in print.
  const labelColumns = layout.columnWidths.length - grid.width;
  const widths = layout.columnWidths.map((w, i) => (table === "requests" && i < labelColumns ? w * 0.7 : w));
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  return (
    <div className="space-y-3">
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <p className="flex-1 text-base text-muted-foreground">
            方向键、回车、Tab 键在单元格间移动；Ctrl+Z 撤销、Ctrl+Y 恢复一次修改；Esc 取消正在输入的内容；可从 Excel、WPS 复制一块数字，在起始单元格中粘贴（Ctrl+V）。灰色的合计由系统计算。
          </p>
          <Button variant="outline" size="sm" onClick={undoLast} disabled={!undoLabel} aria-keyshortcuts="Control+Z">
            撤销{undoLabel ? `${undoLabel}` : ""}
          </Button>
          <Button variant="outline" size="sm" onClick={() => applyHistory(history.current.redo(), "redo")} aria-keyshortcuts="Control+Y">
            恢复
          </Button>
          <Button variant="outline" size="sm" onClick={fillZeros}>
            空白单元格填 0
          </Button>
          <XlsxRoundTrip reportId={report.id} onPlans={applyWorkbook} />
        </div>
      )}
      {Object.keys(rejections).length > 0 && (
        <Alert variant="danger" role="status">
          <p className="font-medium">以下输入无法识别，未填入（单元格保留原来的值）：</p>
          <ul className="list-disc pl-6">
            {Object.entries(rejections).map(([key, message]) => (
              <li key={key}>
                {describeKey(cells, key)}：{message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {pasteReport && (
        <Alert variant={pasteReport.rejected.length || pasteReport.totalMismatches.length ? "warning" : "success"} role="status">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="space-y-1">
              <p className="font-medium">
                已填入 {pasteReport.filled} 个单元格（已用绿框标出）
                {pasteReport.computed > 0 &&
                  `，${pasteReport.computed} 个合计单元格由系统计算、未填入（${
                    pasteReport.totalMismatches.length ? `其中 ${pasteReport.totalMismatches.length} 个与台账不一致，见下` : "均与台账一致"
                  }）`}
                {pasteReport.rejected.length > 0 && `，${pasteReport.rejected.length} 个数值无法识别、未填入`}
                {pasteReport.clipped > 0 && `，${pasteReport.clipped} 个数值超出表格范围、已忽略`}。
              </p>
              {(pasteReport.mapping || pasteReport.dropped) && <p>{[pasteReport.mapping, pasteReport.dropped].filter(Boolean).join("")}</p>}
              {workbookNote && <p>{workbookNote}</p>}
              {pasteReport.converted.length > 0 && (
                <ul className="list-disc pl-6">
                  {pasteReport.converted.slice(0, 6).map((c) => (
                    <li key={c.where}>
                      {c.where}：{c.note}
                    </li>
                  ))}
                  {pasteReport.converted.length > 6 && <li>另有 {pasteReport.converted.length - 6} 处按数字换算。</li>}
                </ul>
              )}
              {pasteReport.unmatched.length > 0 && (
                <p>
                  以下各行在本表中没有对应的行，未填入：{pasteReport.unmatched.map((label) => `「${label}」`).join("、")}。
                </p>
              )}
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
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  setPasteReport(null);
                  setMarks(NO_MARKS);
                }}
                aria-label="关闭提示"
              >
                关闭
              </Button>
            </div>
          </div>
        </Alert>
      )}
      {/* Always there, so the table does not move while a range is dragged. */}
      <div role={isMultiCell(range) ? "toolbar" : undefined} aria-label={isMultiCell(range) ? "所选单元格" : undefined} className="flex min-h-11 flex-wrap items-center gap-2 rounded-md border border-border bg-surface px-3 py-1.5 text-base">
        {isMultiCell(range) ? (
          <>
            <span className="mr-auto">{describeRange(grid, range)}</span>
            {/* mousedown would move the focus out of the table: the keys keep working after a click. */}
            <Button variant="outline" size="sm" onMouseDown={(e) => e.preventDefault()} onClick={copyButton} aria-keyshortcuts="Control+C">
              复制
            </Button>
            {canEdit && (
              <>
                <Button variant="outline" size="sm" onMouseDown={(e) => e.preventDefault()} onClick={() => clearSelected()} aria-keyshortcuts="Delete">
                  清除
                </Button>
                <Button variant="outline" size="sm" onMouseDown={(e) => e.preventDefault()} onClick={fillSelected} aria-keyshortcuts="Control+D">
                  向下填充
                </Button>
              </>
            )}
          </>
        ) : (
          <span className="text-muted-foreground">
            Shift+方向键或拖动鼠标可选择多个单元格：Ctrl+C 复制（可粘贴到 Excel）{canEdit ? "，Delete 清除，Ctrl+D 向下填充" : ""}。
          </span>
        )}
      </div>
      <div className="overflow-x-auto">
        <table
          ref={tableRef}
          className="w-full min-w-[44rem] border-collapse bg-surface"
          aria-label={layout.caption}
          // A press in a cell selects its text; dragging from there would drag that text into
          // another cell (the browser's drag and drop) instead of selecting the cells in between.
          onDragStart={(event) => event.preventDefault()}
        >
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
        quietBlank={blankHintKey !== null && blankHintKey !== activeKey}
        rejected={activeKey ? (rejections[activeKey] ?? null) : null}
        note={activeKey ? (notes[activeKey] ?? null) : null}
        comments={(activeKey && cellComments.get(activeKey)?.lines) || NO_LINES}
      />
    </div>
  );
}
