"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ChangeEvent } from "react";
import { describeInputIssue, type DescribedIssue } from "@/lib/report/describe-input-issue";
import type { FormatVersion } from "@/lib/template/types";
import { validateImport, type ImportTarget } from "@/lib/report/validate-import";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { Label } from "@/components/ui/label";

export interface ImportReportJsonProps extends ImportTarget {
  reportId: string;
  /** The version this page shows; a save from elsewhere since then is a conflict. */
  version: number;
}

type State =
  | { kind: "idle" }
  | { kind: "invalid"; fileName: string; issues: DescribedIssue[] }
  | { kind: "ready"; fileName: string; content: unknown; notes: string[] }
  | { kind: "saving"; fileName: string }
  | { kind: "failed"; fileName: string; message: string; issues?: DescribedIssue[]; stale?: boolean }
  | { kind: "saved"; fileName: string };

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: { path: string; message: string }[] };
}

/** Shown issues are capped so a badly wrong file does not produce a page of messages. */
const MAX_SHOWN = 20;

function IssueList({ issues }: { issues: DescribedIssue[] }) {
  return (
    <ul className="mt-2 list-disc space-y-1 pl-5">
      {issues.slice(0, MAX_SHOWN).map((issue, i) => (
        <li key={`${issue.path}-${i}`}>
          {issue.location && <span className="font-medium">{issue.location}</span>}
          {issue.location && "："}
          {issue.message}
          <span className="block text-sm text-muted-foreground">
            位置 <code className="font-mono">{issue.path}</code>
          </span>
        </li>
      ))}
      {issues.length > MAX_SHOWN && <li>另有 {issues.length - MAX_SHOWN} 处问题未列出。</li>}
    </ul>
  );
}

/**
 * Replaces a report's content with an interchange JSON file: validated in the browser first
 * (nothing is sent until the file is valid and the user confirms), then saved with the version
 * this page was rendered with, so a concurrent edit is reported instead of overwritten.
 */
export function ImportReportJson({ reportId, version, agency, year, format }: ImportReportJsonProps) {
  const router = useRouter();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: "idle" });
  const fileName = "fileName" in state ? state.fileName : null;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setState({ kind: "invalid", fileName: file.name, issues: [{ path: "(root)", location: "整个文件", message: "无法读取该文件。" }] });
      return;
    }
    const result = validateImport(text, { agency, year, format });
    setState(result.ok ? { kind: "ready", fileName: file.name, content: result.content, notes: result.notes } : { kind: "invalid", fileName: file.name, issues: result.issues });
  }

  function reset() {
    setState({ kind: "idle" });
    if (fileInput.current) fileInput.current.value = "";
  }

  async function save(content: unknown, fileName: string) {
    setState({ kind: "saving", fileName });
    try {
      const response = await fetch(`/api/reports/${encodeURIComponent(reportId)}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ version, content }),
      });
      if (response.ok) {
        setState({ kind: "saved", fileName });
        if (fileInput.current) fileInput.current.value = "";
        router.refresh();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as ErrorBody;
      const message = body.error?.message ?? "导入失败，请稍后重试。";
      if (response.status === 409) {
        setState({ kind: "failed", fileName, stale: true, message: `${message}为避免覆盖他人的修改，本次没有导入。请先刷新，查看最新内容后再决定是否导入。` });
      } else if (response.status === 401) {
        setState({ kind: "failed", fileName, message: "登录已过期，请重新登录后再导入。" });
      } else if (response.status === 400 && body.error?.issues) {
        setState({ kind: "failed", fileName, message: "服务器检查发现文件内容不正确，没有导入。", issues: body.error.issues.map((i) => describeInputIssue(i, format as FormatVersion)) });
      } else {
        setState({ kind: "failed", fileName, message });
      }
    } catch {
      setState({ kind: "failed", fileName, message: "无法连接服务器，没有导入。请检查网络后重试。" });
    }
  }

  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        {/* The native file button is labelled in the browser's language; this one is always Chinese. */}
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          accept=".json,application/json"
          onChange={onFile}
          disabled={state.kind === "saving"}
          aria-describedby={`${inputId}-hint`}
          className="peer sr-only"
        />
        <div className="flex flex-wrap items-center gap-3 peer-focus-visible:[&>label]:outline-3 peer-focus-visible:[&>label]:outline-offset-2 peer-focus-visible:[&>label]:outline-ring">
          <Label htmlFor={inputId} className={buttonClassName({ variant: "outline", className: "cursor-pointer" })}>
            选择 JSON 文件
          </Label>
          <span className="text-muted-foreground">{fileName ?? "尚未选择文件"}</span>
        </div>
        <p id={`${inputId}-hint`} className="text-sm text-muted-foreground">
          文件须为本系统导出的 {year} 年度报告 JSON（或同样格式的文件）。导入会替换本报告的全部内容；确认前不会保存任何内容。
        </p>
      </div>

      <div aria-live="polite">
        {state.kind === "invalid" && (
          <Alert variant="danger" role="alert">
            <AlertTitle variant="danger">「{state.fileName}」不能导入，没有保存任何内容</AlertTitle>
            <IssueList issues={state.issues} />
          </Alert>
        )}
        {state.kind === "ready" && (
          <Alert variant="info">
            <AlertTitle>「{state.fileName}」检查通过</AlertTitle>
            <p className="mt-1">导入后，本报告（{agency} {year} 年度）的全部内容将被文件内容替换。</p>
            {state.notes.map((note) => (
              <p key={note} className="mt-1">
                {note}
              </p>
            ))}
            <div className="mt-3 flex flex-wrap gap-3">
              <Button onClick={() => save(state.content, state.fileName)}>确认导入</Button>
              <Button variant="outline" onClick={reset}>
                取消
              </Button>
            </div>
          </Alert>
        )}
        {state.kind === "saving" && <p className="text-muted-foreground">正在导入「{state.fileName}」…</p>}
        {state.kind === "failed" && (
          <Alert variant="danger" role="alert">
            {state.message}
            {state.issues && <IssueList issues={state.issues} />}
            {state.stale && (
              <div className="mt-3">
                <Button
                  variant="outline"
                  onClick={() => {
                    reset();
                    router.refresh();
                  }}
                >
                  刷新
                </Button>
              </div>
            )}
          </Alert>
        )}
        {state.kind === "saved" && <Alert variant="success">已导入「{state.fileName}」，预览和检查结果已更新。</Alert>}
      </div>
    </div>
  );
}
