"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { cn } from "@/lib/utils/cn";

export function LogoutButton({ className }: { className?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function logout() {
    setPending(true);
    try {
      // A plain request keeps the auth client library out of every staff page's bundle.
      await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    } finally {
      // Even when the request fails, leave the page: the login page re-checks the session.
      router.replace("/login");
      router.refresh();
    }
  }

  return (
    <button
      type="button"
      onClick={logout}
      disabled={pending}
      className={cn(
        "inline-flex min-h-10 items-center rounded-md border border-white/60 px-3 text-base text-header-foreground hover:bg-white/15 focus-visible:outline-white disabled:opacity-70",
        className,
      )}
    >
      {pending ? "正在退出…" : "退出登录"}
    </button>
  );
}
