"use client";

import { useEffect } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Unexpected failures: a generic Chinese message, never the error's own text. */
export default function StaffError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div className="mx-auto max-w-xl space-y-4 py-12">
      <Alert variant="danger" role="alert">
        <AlertTitle variant="danger">页面出现意外错误</AlertTitle>
        <p className="mt-1">系统出现意外错误，请稍后重试；如果问题持续，请联系管理员{error.digest ? `（错误编号 ${error.digest}）` : ""}。</p>
      </Alert>
      <Button onClick={reset}>重试</Button>
    </div>
  );
}
