"use client";

import type { TableId } from "@/lib/template/types";
import { CellComments } from "../comment-threads";
import { NarrativeField } from "../narrative-field";
import { TableGrid } from "../table-grid/table-grid";
import { useWizard } from "../wizard-context";

const NOTE_HINTS: Record<TableId, string> = {
  proactive: "可选。印在表二之前的说明文字，例如本年主动公开信息的总体数量和渠道。",
  requests: "可选。印在表三之前的说明文字。需要引用表中数字时，请用「插入表格数字」，数字会随表格自动更新。",
  reviews: "可选。印在表四之前的说明文字。",
};

/** Steps 二、三、四: an optional note printed before the table, and the table itself. */
export function TableStep({ table }: { table: TableId }) {
  const { template } = useWizard();
  const section = template.sections.find((s) => s.content.kind === "table" && s.content.table === table)!;
  const noteKey = section.content.kind === "table" ? section.content.noteKey : "requestsNote";
  return (
    <div className="space-y-6">
      <TableGrid table={table} />
      <CellComments table={table} />
      <div className="rounded-md border border-border bg-surface px-4 py-3">
        <NarrativeField name={`sections.${noteKey}`} label="表前说明文字（可选）" hint={NOTE_HINTS[table]} rows={3} />
      </div>
    </div>
  );
}
