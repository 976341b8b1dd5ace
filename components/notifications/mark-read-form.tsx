"use client";

import { markNotificationsReadAction } from "@/lib/server/notifications/actions";
import { Button } from "@/components/ui/button";
import { useServerForm } from "@/components/ui/use-server-form";

/** 标为已读 for one notification (with its id) or 全部标为已读 (without). */
export function MarkReadForm({ id, label, srLabel }: { id?: string; label: string; srLabel?: string }) {
  const { result, pending, onSubmit } = useServerForm(markNotificationsReadAction);
  return (
    <form onSubmit={onSubmit} className="inline-flex flex-wrap items-center gap-2">
      {id && <input type="hidden" name="id" value={id} />}
      <Button type="submit" variant={id ? "ghost" : "outline"} size="sm" disabled={pending}>
        {pending ? "正在处理…" : label}
        {srLabel && <span className="sr-only">：{srLabel}</span>}
      </Button>
      {result && !result.ok && (
        <p role="alert" className="text-sm font-medium text-danger">
          {result.message}
        </p>
      )}
    </form>
  );
}
