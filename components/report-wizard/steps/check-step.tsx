"use client";

import { useMemo, useState, type MouseEvent } from "react";
import { ReportView } from "@/components/report-view/report-view";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { buttonClassName } from "@/components/ui/button";
import { buildDocument } from "@/lib/document/build-document";
import { UnplacedComments } from "../comment-threads";
import { FindingsPanel } from "../findings-panel";
import { useWizard, useWizardSnapshot } from "../wizard-context";
import { WorkflowPanel } from "../workflow-panel";

const DOWNLOADS = [
  { format: "docx", label: "Word（DOCX）" },
  { format: "pdf", label: "PDF" },
  { format: "html", label: "网页（HTML）" },
  { format: "json", label: "JSON 数据" },
] as const;

/**
 * 检查与预览: where the report stands (提交审核 / 发起更正), downloads, all findings, comments
 * whose place the wizard cannot show, and the report as it will print (built in the browser).
 */
export function CheckStep() {
  const { report, autosave, canEdit } = useWizard();
  const prepared = useWizardSnapshot((s) => s.prepared);
  const document = useMemo(() => (prepared ? buildDocument(prepared) : null), [prepared]);
  const [notice, setNotice] = useState<{ href: string; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const exportBase = `/api/reports/${encodeURIComponent(report.id)}/export`;

  // Downloads are made from the saved report on the server, so unsaved changes are saved first.
  const download = async (event: MouseEvent<HTMLAnchorElement>, href: string) => {
    if (!autosave || !autosave.hasUnsavedChanges()) return;
    event.preventDefault();
    setSaving(true);
    setNotice(null);
    const state = await autosave.flush();
    setSaving(false);
    if (state.status === "saved" || state.status === "idle") {
      window.location.assign(href);
      return;
    }
    setNotice({
      href,
      message:
        state.status === "conflict"
          ? "本报告已有更新的版本（他人或您在另一个窗口保存），您的修改尚未保存。请先处理冲突。"
          : `您的修改尚未保存${state.message ? `（${state.message}）` : ""}。现在下载的将是服务器上最后保存的版本。`,
    });
  };

  return (
    <div className="space-y-8">
      <WorkflowPanel />

      <section aria-labelledby="downloads-title" className="space-y-3 rounded-md border border-border bg-surface px-5 py-4">
        <h3 id="downloads-title" className="text-lg font-semibold">
          下载
        </h3>
        <p className="text-muted-foreground">
          {canEdit ? "下载前会先保存您的修改；下载的文件与下方预览内容一致。" : "下载的文件与下方预览内容一致（本报告当前为只读）。"}
        </p>
        <div className="flex flex-wrap gap-3" aria-busy={saving}>
          {DOWNLOADS.map(({ format, label }) => {
            const href = `${exportBase}/${format}`;
            return (
              <a key={format} href={href} download onClick={(event) => void download(event, href)} className={buttonClassName({ variant: "outline" })}>
                下载 {label}
              </a>
            );
          })}
        </div>
        {saving && (
          <p role="status" className="text-muted-foreground">
            正在保存，保存后开始下载…
          </p>
        )}
        {notice && (
          <Alert variant="warning" role="alert">
            <AlertTitle variant="warning">尚未保存</AlertTitle>
            <AlertDescription className="space-y-2">
              <p>{notice.message}</p>
              <a href={notice.href} download className={buttonClassName({ variant: "outline", size: "sm" })}>
                仍然下载已保存的版本
              </a>
            </AlertDescription>
          </Alert>
        )}
      </section>

      <FindingsPanel scope="all" />

      <UnplacedComments />

      <section aria-labelledby="preview-title" className="space-y-3">
        <h3 id="preview-title" className="text-lg font-semibold">
          预览
        </h3>
        {document ? (
          <div className="rounded-md border border-border bg-surface px-4 py-6 sm:px-10">
            <ReportView document={document} idPrefix="wizard-" />
          </div>
        ) : (
          <Alert variant="danger">内容格式有误，暂时无法生成预览。请按上方检查结果修改。</Alert>
        )}
      </section>
    </div>
  );
}
