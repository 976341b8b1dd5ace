"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";
import { useAutosaveState, useWizard } from "./wizard-context";

/** HH:mm in China Standard Time, whatever the browser's zone. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false });
}

/** 已保存 HH:mm / 正在保存… / 保存失败，已本地暂存 — announced politely to screen readers. */
export function SaveStatusIndicator() {
  const { autosave, canEdit } = useWizard();
  const state = useAutosaveState();
  if (!canEdit || !autosave) return null;

  let text: string;
  let tone: "muted" | "danger" | "warning" = "muted";
  switch (state.status) {
    case "idle":
      text = state.savedAt ? `已保存 ${clockTime(state.savedAt)}` : "尚未修改";
      break;
    case "saved":
      text = `已保存 ${state.savedAt ? clockTime(state.savedAt) : ""}`;
      break;
    case "pending":
    case "saving":
      text = "正在保存…";
      break;
    case "failed":
      text = state.backedUp ? "保存失败，已本地暂存" : "保存失败";
      tone = "danger";
      break;
    case "invalid":
      text = `保存失败：${state.message ?? "内容不正确"}`;
      tone = "danger";
      break;
    case "conflict":
      text = state.conflict?.bySelf ? "本报告已在另一个窗口中修改，自动保存已暂停" : "他人已修改本报告，自动保存已暂停";
      tone = "warning";
      break;
    case "locked":
      text = state.message ?? "报告已不能修改";
      tone = "warning";
      break;
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <p
        role="status"
        aria-live="polite"
        data-save-status={state.status}
        className={cn("text-base", tone === "danger" && "font-medium text-danger", tone === "warning" && "font-medium text-warning", tone === "muted" && "text-muted-foreground")}
      >
        {text}
      </p>
      {(state.status === "failed" || state.status === "invalid") && (
        <Button variant="outline" size="sm" onClick={() => autosave.retry()}>
          重试
        </Button>
      )}
      {state.status === "failed" && state.message && <p className="w-full text-sm text-danger">{state.message}</p>}
    </div>
  );
}
