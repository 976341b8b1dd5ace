import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

/** Controls fill their container: size the wrapper, not the control (cn does not resolve w-* conflicts). */
export const controlClassName =
  "block w-full rounded-md border border-input bg-surface px-3 py-2 text-base text-foreground placeholder:text-muted-foreground " +
  "disabled:cursor-not-allowed disabled:bg-muted aria-invalid:border-danger aria-invalid:border-2";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClassName, "min-h-10", className)} {...props} />;
}
