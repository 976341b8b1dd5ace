"use client";

import { useEffect } from "react";

/** Unexpected failures on public pages: a generic Chinese message, never the error's own text. */
export default function PublicError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="mx-auto max-w-xl space-y-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">页面暂时无法显示</h1>
      <p className="text-muted-foreground">系统出现意外错误，请稍后重试{error.digest ? `（错误编号 ${error.digest}）` : ""}。</p>
      <button type="button" onClick={reset} className="min-h-10 rounded-md bg-primary px-4 text-base font-medium text-primary-foreground hover:bg-primary-hover">
        重试
      </button>
    </div>
  );
}
