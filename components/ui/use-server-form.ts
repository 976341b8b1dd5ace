"use client";

import { useState, useTransition, type FormEvent } from "react";

/** What a form's server action answers. */
export type ServerFormResult = { ok: true; message: string } | { ok: false; message: string; fieldErrors?: Record<string, string> };

const OFFLINE_MESSAGE = "无法连接服务器，没有保存。请检查网络后重试。";

/**
 * Submits a form to a server action without React's automatic form reset, so a failed
 * submission keeps what the user typed; the form is cleared only after a success when asked.
 */
export function useServerForm(action: (data: FormData) => Promise<ServerFormResult | null>, options: { resetOnSuccess?: boolean } = {}) {
  const [result, setResult] = useState<ServerFormResult | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      try {
        const answer = (await action(data)) ?? null;
        setResult(answer);
        if (answer?.ok && options.resetOnSuccess) form.reset();
      } catch {
        setResult({ ok: false, message: OFFLINE_MESSAGE });
      }
    });
  }

  const fieldError = (name: string): string | undefined => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  return { result, pending, onSubmit, fieldError, clear: () => setResult(null) };
}
