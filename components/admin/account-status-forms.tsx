"use client";

import { setAccountDisabledAction, unlockAccountAction } from "@/lib/server/users/actions";
import { Button } from "@/components/ui/button";
import { useServerForm } from "@/components/ui/use-server-form";

interface AccountStatusProps {
  user: { id: string; username: string };
  disabled: boolean;
  lockedMinutes: number;
  /** The admin's own account cannot be disabled (the server refuses it too). */
  self: boolean;
}

function ResultLine({ result }: { result: { ok: boolean; message: string } | null }) {
  if (!result) return null;
  return (
    <p role={result.ok ? "status" : "alert"} className={result.ok ? "text-sm text-success" : "text-sm font-medium text-danger"}>
      {result.message}
    </p>
  );
}

/** 停用/启用 and 解除锁定 for one account, each a small form with its own answer. */
export function AccountStatusForms({ user, disabled, lockedMinutes, self }: AccountStatusProps) {
  const toggle = useServerForm(setAccountDisabledAction);
  const unlock = useServerForm(unlockAccountAction);
  return (
    <>
      {lockedMinutes > 0 && (
        <form onSubmit={unlock.onSubmit} className="inline-flex flex-col items-end gap-1">
          <input type="hidden" name="id" value={user.id} />
          <Button type="submit" variant="outline" size="sm" disabled={unlock.pending}>
            {unlock.pending ? "正在处理…" : "解除锁定"}
            <span className="sr-only">：{user.username}</span>
          </Button>
          <ResultLine result={unlock.result} />
        </form>
      )}
      {!self && (
        <form onSubmit={toggle.onSubmit} className="inline-flex flex-col items-end gap-1">
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
          <Button type="submit" variant={disabled ? "outline" : "danger"} size="sm" disabled={toggle.pending}>
            {toggle.pending ? "正在处理…" : disabled ? "启用" : "停用"}
            <span className="sr-only">账号 {user.username}</span>
          </Button>
          <ResultLine result={toggle.result} />
        </form>
      )}
    </>
  );
}
