import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** A form label (a plain <label>: Radix's adds only a guard against selecting text on double-click). */
export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={cn("block text-base font-medium text-foreground", className)} {...props} />;
}
