"use client";

import { useId, useRef, useState, useTransition, type ChangeEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import type { TablePlacement, XlsxUploadResult } from "@/lib/wizard/xlsx-template";

/** What an upload hands to the wizard: per table the paste plan, and the sheets left out. */
export type XlsxPlans = XlsxUploadResult;
export type { TablePlacement };

/** Mirrors lib/wizard/xlsx-template.ts MAX_XLSX_BYTES (that module pulls exceljs in; only its types are imported here). */
const MAX_BYTES = 5 * 1024 * 1024;

export interface XlsxRoundTripProps {
  reportId: string;
  /** Called with the plans of an upload that could be read; apply them as a paste. */
  onPlans: (plans: XlsxPlans) => void;
}

interface UploadAnswer extends Partial<XlsxUploadResult> {
  error?: { message?: string };
}

/**
 * 下载 Excel 模板 / 上传填好的 Excel: the statutory tables as an XLSX in the printed layout
 * (`GET /api/reports/<id>/tables.xlsx`), and the upload of a filled one (`POST` to the same
 * path), which the server reads into paste plans without saving; `onPlans` gets them.
 */
export function XlsxRoundTrip({ reportId, onPlans }: XlsxRoundTripProps) {
  const inputId = useId();
  const statusId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const url = `/api/reports/${encodeURIComponent(reportId)}/tables.xlsx`;

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // The same file may be chosen again after fixing it.
    event.target.value = "";
    if (!file) return;
    setError(null);
    setDone(null);
    if (file.size > MAX_BYTES) return setError("Excel 文件超过 5 MB，无法上传。统计表模板通常只有几十 KB，请确认选择的是填好的统计表。");
    if (!/\.xlsx$/i.test(file.name)) return setError("请选择 Excel 工作簿（.xlsx）文件。旧版 .xls 或 WPS 的 .et 文件请先另存为 .xlsx。");
    const data = new FormData();
    data.set("file", file, file.name);
    startTransition(async () => {
      try {
        const response = await fetch(url, { method: "POST", body: data });
        const answer = (await response.json().catch(() => ({}))) as UploadAnswer;
        if (response.ok && answer.tables) {
          const plans: XlsxPlans = { tables: answer.tables, skipped: answer.skipped ?? [] };
          const names = plans.tables.map((t) => t.short).join("、");
          const skipped = plans.skipped.length ? `；跳过 ${plans.skipped.length} 个工作表：${plans.skipped.map((s) => `「${s.sheet}」${s.reason}`).join(" ")}` : "";
          setDone(`已读取 ${names}${skipped}`);
          onPlans(plans);
          return;
        }
        if (response.status === 401) return setError("登录已过期，请重新登录后再上传。");
        setError(answer.error?.message ?? "上传失败，请稍后重试。");
      } catch {
        setError("无法连接服务器，没有上传。请检查网络后重试。");
      }
    });
  }

  return (
    <div className="space-y-2" data-testid="xlsx-round-trip">
      <div className="flex flex-wrap items-center gap-3">
        <a href={url} download className={buttonClassName({ variant: "outline", size: "sm" })} data-testid="xlsx-download">
          下载 Excel 模板
        </a>
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="sr-only"
          onChange={onFile}
          aria-describedby={statusId}
          data-testid="xlsx-upload-input"
          tabIndex={-1}
        />
        <Button type="button" variant="outline" size="sm" disabled={pending} onClick={() => fileInput.current?.click()} data-testid="xlsx-upload">
          {pending ? "正在读取…" : "上传填好的 Excel"}
        </Button>
      </div>
      <p className="text-sm text-muted-foreground">模板按统计表的正式格式排版，合计栏由公式自动计算；填好后上传，数字会像粘贴一样填入下面的表格，可撤销。</p>
      <div id={statusId} aria-live="polite">
        {error ? (
          <Alert variant="danger" role="alert" data-testid="xlsx-upload-error">
            {error}
          </Alert>
        ) : done ? (
          <p className="text-sm" data-testid="xlsx-upload-done">
            {done}
          </p>
        ) : null}
      </div>
    </div>
  );
}
