"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type JobView = { id: string; status: "QUEUED" | "RUNNING" | "DONE" | "FAILED"; done: number; total: number; error?: string | null };

const POLL_MS = 1000;
const OFFLINE = "无法连接服务器，请检查网络后重试。";

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `请求失败（${response.status}）。`;
  } catch {
    return `请求失败（${response.status}）。`;
  }
}

/**
 * 批量下载已发布的报告: starts a background job on the server (PostgreSQL-backed queue; the work
 * survives this page being closed), follows its progress and offers the ZIP when it is done.
 */
export function BulkExportButton({ year, under, published }: { year: number; under?: string; published: number }) {
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  function follow(id: string) {
    timer.current = setTimeout(async () => {
      try {
        const response = await fetch(`/api/oversight/jobs/${encodeURIComponent(id)}`, { cache: "no-store" });
        if (!response.ok) {
          setError(await readError(response));
          return;
        }
        const next = (await response.json()) as JobView;
        setJob(next);
        if (next.status === "QUEUED" || next.status === "RUNNING") follow(id);
      } catch {
        setError(OFFLINE);
      }
    }, POLL_MS);
  }

  async function start() {
    setError(null);
    setStarting(true);
    try {
      const response = await fetch("/api/oversight/jobs", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ kind: "bulk-published-pdf", year, ...(under ? { under } : {}) }),
      });
      if (!response.ok) {
        setError(await readError(response));
        return;
      }
      const created = (await response.json()) as JobView;
      setJob({ ...created, status: created.status ?? "QUEUED", done: created.done ?? 0, total: created.total ?? 0 });
      follow(created.id);
    } catch {
      setError(OFFLINE);
    } finally {
      setStarting(false);
    }
  }

  const running = job && (job.status === "QUEUED" || job.status === "RUNNING");
  const percent = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <div className="space-y-2" data-testid="bulk-export">
      <p>{published > 0 ? `${published} 个机关已发布 ${year} 年度报告。` : `尚无机关发布 ${year} 年度报告。`}</p>
      <Button type="button" variant="outline" onClick={start} disabled={starting || Boolean(running) || published === 0}>
        {starting ? "正在开始…" : "批量下载已发布的报告（ZIP，PDF 格式）"}
      </Button>
      {job && (
        <div className="space-y-1" aria-live="polite">
          <label htmlFor="bulk-progress" className="block text-sm">
            {job.status === "QUEUED" && "已排队，等待处理…"}
            {job.status === "RUNNING" && `正在生成：${job.done} / ${job.total} 份`}
            {job.status === "DONE" && `已完成：共 ${job.total} 份报告`}
            {job.status === "FAILED" && "生成失败"}
          </label>
          <progress id="bulk-progress" className="h-3 w-full" max={100} value={job.status === "DONE" ? 100 : percent}>
            {percent}%
          </progress>
          {job.status === "DONE" && (
            <a href={`/api/oversight/jobs/${encodeURIComponent(job.id)}/download`} download className="font-medium" data-testid="bulk-download">
              下载 ZIP 文件
            </a>
          )}
          {job.status === "FAILED" && job.error && (
            <p role="alert" className="font-medium text-danger">
              {job.error}
            </p>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
