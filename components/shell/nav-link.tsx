"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { isNavActive } from "@/lib/nav/nav-active";
import { cn } from "@/lib/utils/cn";

/** A header link that marks itself as the current page (aria-current) for its whole section (lib/nav/nav-active.ts). */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const active = isNavActive(href, usePathname());
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "inline-flex min-h-10 items-center rounded-md px-3 text-base text-header-foreground no-underline hover:bg-white/15",
        "focus-visible:outline-white",
        active && "bg-white/20 font-semibold",
      )}
    >
      {children}
    </Link>
  );
}
