"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClassName } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { FILE_TOO_LARGE_MESSAGE, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILE_TEXT } from "@/lib/import/accept-import";
import { IMPORT_FILE_ACCEPT } from "@/lib/import/file-kinds";

export interface ImportUploadFormProps {
  /** The agencies the user may import for (server-checked again on upload). */
  agencies: { id: string; name: string }[];
  /** Years offered, newest first. */
  years: number[];
  defaultAgencyId: string;
  defaultYear: number;
}

type Mode = "file" | "text";

interface Failure {
  message: string;
  fieldErrors?: Record<string, string>;
}

interface UploadAnswer {
  url?: string;
  error?: { message?: string; fieldErrors?: Record<string, string> };
}

/**
 * 导入已发布的年报: agency, year and a file (or pasted text), posted as multipart to
 * /api/imports — server actions take at most 1 MB, a published PDF is often more. The file is
 * parsed on the server; on success the review screen opens. Nothing is stored for a file the
 * server cannot read; its reason is shown next to the file.
 */
export function ImportUploadForm({ agencies, years, defaultAgencyId, defaultYear }: ImportUploadFormProps) {
  const router = useRouter();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [mode, setMode] = useState<Mode>("file");
  const [agencyId, setAgencyId] = useState(defaultAgencyId);
  const [year, setYear] = useState(String(defaultYear));
  const [fileName, setFileName] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldError = (name: string) => failure?.fieldErrors?.[name];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (mode === "file" && !file) return setFailure({ message: "请选择要上传的文件。", fieldErrors: { file: "请选择要上传的文件。" } });
    if (mode === "file" && file && file.size > MAX_IMPORT_FILE_BYTES) return setFailure({ message: FILE_TOO_LARGE_MESSAGE, fieldErrors: { file: FILE_TOO_LARGE_MESSAGE } });
    if (mode === "text" && !text.trim()) return setFailure({ message: "请粘贴报告全文。", fieldErrors: { text: "请粘贴报告全文。" } });
    const data = new FormData();
    data.set("agencyId", agencyId);
    data.set("year", year);
    data.set("mode", mode);
    if (mode === "file" && file) data.set("file", file, file.name);
    else data.set("text", text);
    setFailure(null);
    startTransition(async () => {
      try {
        const response = await fetch("/api/imports", { method: "POST", body: data });
        const answer = (await response.json().catch(() => ({}))) as UploadAnswer;
        if (response.ok && answer.url) {
          router.push(answer.url);
          return;
        }
        if (response.status === 401) return setFailure({ message: "登录已过期，请重新登录后再上传。" });
        setFailure({ message: answer.error?.message ?? "上传失败，请稍后重试。", fieldErrors: answer.error?.fieldErrors });
      } catch {
        setFailure({ message: "无法连接服务器，没有上传。请检查网络后重试。" });
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" aria-label="上传已发布的年报" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="import-agency" label="机关" error={fieldError("agencyId")} required>
          <Select
            id="import-agency"
            name="agencyId"
            data-testid="import-agency"
            value={agencyId}
            onChange={(event) => setAgencyId(event.target.value)}
            aria-invalid={fieldError("agencyId") ? true : undefined}
            aria-describedby={describedBy("import-agency", { error: fieldError("agencyId") })}
          >
            {agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="import-year" label="报告年度" hint="年报所统计的年度（通常是发布的前一年）。" error={fieldError("year")} required>
          <Select
            id="import-year"
            name="year"
            data-testid="import-year"
            value={year}
            onChange={(event) => setYear(event.target.value)}
            aria-invalid={fieldError("year") ? true : undefined}
            aria-describedby={describedBy("import-year", { hint: true, error: fieldError("year") })}
          >
            {years.map((option) => (
              <option key={option} value={option}>
                {option} 年度
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-base font-medium">年报内容</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <label className="flex min-h-10 items-center gap-2">
            <input type="radio" name="mode" value="file" checked={mode === "file"} onChange={() => setMode("file")} className="size-5" data-testid="import-mode-file" />
            上传文件
          </label>
          <label className="flex min-h-10 items-center gap-2">
            <input type="radio" name="mode" value="text" checked={mode === "text"} onChange={() => setMode("text")} className="size-5" data-testid="import-mode-text" />
            粘贴文本
          </label>
        </div>

        {mode === "file" ? (
          <div className="space-y-1.5">
            {/* The native file button is labelled in the browser's language; this one is always Chinese. */}
            <input
              ref={fileInput}
              id={fileId}
              name="file"
              type="file"
              accept={IMPORT_FILE_ACCEPT}
              data-testid="import-file"
              aria-label="选择文件"
              aria-invalid={fieldError("file") ? true : undefined}
              aria-describedby={`${fileId}-hint${fieldError("file") ? ` ${fileId}-error` : ""}`}
              onChange={(event) => {
                setFileName(event.target.files?.[0]?.name ?? null);
                setFailure(null);
              }}
              className="peer sr-only"
            />
            <div className="flex flex-wrap items-center gap-3 peer-focus-visible:[&>label]:outline-3 peer-focus-visible:[&>label]:outline-offset-2 peer-focus-visible:[&>label]:outline-ring">
              <Label htmlFor={fileId} className={buttonClassName({ variant: "outline", className: "cursor-pointer" })}>
                选择文件
              </Label>
              <span className="min-w-0 break-all text-muted-foreground" data-testid="import-file-name">
                {fileName ?? "尚未选择文件"}
              </span>
            </div>
            <p id={`${fileId}-hint`} className="text-sm text-muted-foreground">
              支持 .txt、.html、.htm、.docx、.doc、.pdf，不超过 {MAX_IMPORT_FILE_TEXT}。PDF 须有文字层（扫描件无法读取）；.doc 由服务器上的 LibreOffice 转换。
            </p>
            {fieldError("file") && (
              <p id={`${fileId}-error`} className="text-sm font-medium text-danger">
                {fieldError("file")}
              </p>
            )}
          </div>
        ) : (
          <Field id="import-text" label="粘贴报告全文" hint="从网页或文件中复制年报的全部文字（含标题和表格）后粘贴到这里。" error={fieldError("text")}>
            <Textarea
              id="import-text"
              name="text"
              rows={12}
              data-testid="import-text"
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-invalid={fieldError("text") ? true : undefined}
              aria-describedby={describedBy("import-text", { hint: true, error: fieldError("text") })}
            />
          </Field>
        )}
      </fieldset>

      <div aria-live="polite">
        {failure && (
          <Alert variant="danger" role="alert" data-testid="import-upload-error">
            {failure.message}
          </Alert>
        )}
      </div>

      <Button type="submit" size="lg" disabled={pending} data-testid="import-submit">
        {pending ? "正在上传并解析…" : "上传并解析"}
      </Button>
    </form>
  );
}
