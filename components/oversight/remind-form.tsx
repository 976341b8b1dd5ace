"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useServerForm } from "@/components/ui/use-server-form";
import { remindUnsubmittedAction } from "@/lib/server/oversight/actions";

/**
 * 提醒未提交的机关: one in-app notification to every editor of each agency of the selection that
 * has not submitted its report of the year, after a confirmation naming how many agencies.
 */
export function RemindForm({ year, under, unsubmitted }: { year: number; under?: string; unsubmitted: number }) {
  const { result, pending, onSubmit } = useServerForm(remindUnsubmittedAction);
  const [confirming, setConfirming] = useState(false);
  if (unsubmitted === 0) return <p className="text-muted-foreground">所有机关都已提交 {year} 年度报告，无需提醒。</p>;
  return (
    <form
      onSubmit={(event) => {
        setConfirming(false);
        onSubmit(event);
      }}
      className="space-y-2"
      aria-label="提醒未提交的机关"
    >
      <input type="hidden" name="year" value={year} />
      {under && <input type="hidden" name="under" value={under} />}
      <p>
        {unsubmitted} 个机关尚未提交 {year} 年度报告（未开始、草稿或退回修改）。
      </p>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3" role="group" aria-label="确认提醒">
          <span className="font-medium">向这 {unsubmitted} 个机关的填报人发送站内提醒？</span>
          <Button type="submit" disabled={pending}>
            {pending ? "正在发送…" : "确认发送"}
          </Button>
          <Button type="button" variant="outline" onClick={() => setConfirming(false)}>
            取消
          </Button>
        </div>
      ) : (
        <Button type="button" variant="outline" onClick={() => setConfirming(true)} disabled={pending}>
          提醒未提交的机关
        </Button>
      )}
      {result && (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "font-medium text-success" : "font-medium text-danger"}>
          {result.message}
        </p>
      )}
    </form>
  );
}
