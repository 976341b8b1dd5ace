"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useReferenceValue } from "./use-reference-value";
import { COMMON_REFERENCES, referenceTables } from "./reference-options";
import { useWizard } from "./wizard-context";

const SELECT_CLASS = "block min-h-10 w-full rounded-md border border-input bg-surface px-2 text-base";

function CommonReference({ reference, label, onPick }: { reference: string; label: string; onPick: (reference: string) => void }) {
  const value = useReferenceValue(reference);
  if (value === undefined) return null;
  return (
    <Button variant="secondary" size="sm" onClick={() => onPick(reference)}>
      {label} <span className="font-semibold">{value || "0"}</span>
    </Button>
  );
}

/**
 * 「插入表格数字」: pick a cell (or a row group's sum) by table, row and column — with its current
 * value — and insert `{{table.row.column}}` at the cursor. An inline panel under the field's
 * toolbar rather than a floating popover: no positioning library in the page's bundle, and the
 * panel never covers the text it is inserted into.
 */
export function ReferencePicker({ id, onInsert, onClose }: { id: string; onInsert: (text: string) => void; onClose: () => void }) {
  const { template } = useWizard();
  const tables = useMemo(() => referenceTables(template), [template]);
  const [tableId, setTableId] = useState(tables.find((t) => t.id === "requests")?.id ?? tables[0].id);
  const table = tables.find((t) => t.id === tableId) ?? tables[0];
  const [rowId, setRowId] = useState(table.rows[0].id);
  const row = table.rows.find((r) => r.id === rowId) ?? table.rows[0];
  const [colId, setColId] = useState(row.cols.at(-1)!.id);
  const col = row.cols.find((c) => c.id === colId) ?? row.cols.at(-1)!;
  const reference = `${table.id}.${row.id}.${col.id}`;
  const value = useReferenceValue(reference);
  const uid = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>("button, select")?.focus();
  }, []);

  const insert = (ref: string) => onInsert(`{{${ref}}}`);

  return (
    <div
      id={id}
      ref={panel}
      role="group"
      aria-label="插入表格数字"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose();
        }
      }}
      className="space-y-4 rounded-md border border-border bg-surface p-4 shadow-sm"
    >
      <div>
        <p className="mb-2 font-medium">常用（表三合计数，点击即插入）</p>
        <div className="flex flex-wrap gap-2">
          {COMMON_REFERENCES.map((c) => (
            <CommonReference key={c.reference} reference={c.reference} label={c.label} onPick={insert} />
          ))}
        </div>
      </div>
      <div className="space-y-3 border-t border-border pt-3">
        <p className="font-medium">任意单元格</p>
        <div className="grid gap-3 sm:grid-cols-[1fr_2fr_1fr]">
          <div className="space-y-1">
            <label htmlFor={`${uid}-table`} className="block font-medium">
              表格
            </label>
            <select
              id={`${uid}-table`}
              className={SELECT_CLASS}
              value={table.id}
              onChange={(e) => {
                const next = tables.find((t) => t.id === e.target.value)!;
                setTableId(next.id);
                setRowId(next.rows[0].id);
                setColId(next.rows[0].cols.at(-1)!.id);
              }}
            >
              {tables.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor={`${uid}-row`} className="block font-medium">
              行
            </label>
            <select
              id={`${uid}-row`}
              className={SELECT_CLASS}
              value={row.id}
              onChange={(e) => {
                const next = table.rows.find((r) => r.id === e.target.value)!;
                setRowId(next.id);
                if (!next.cols.some((c) => c.id === colId)) setColId(next.cols.at(-1)!.id);
              }}
            >
              {table.rows.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor={`${uid}-col`} className="block font-medium">
              列
            </label>
            <select id={`${uid}-col`} className={SELECT_CLASS} value={col.id} onChange={(e) => setColId(e.target.value)}>
              {row.cols.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-muted-foreground">
            当前值：<strong className="text-foreground">{value === "" ? "（空）" : value}</strong>
            <code className="ml-2 font-mono text-sm">{`{{${reference}}}`}</code>
          </p>
          <div className="flex gap-2">
            <Button variant="ghost" size="sm" onClick={onClose}>
              取消
            </Button>
            <Button size="sm" onClick={() => insert(reference)}>
              插入
            </Button>
          </div>
        </div>
      </div>
    </div>
  );
}
