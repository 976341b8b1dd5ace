import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";
import { controlClassName } from "./input";

/** A styled native select: keyboard and screen-reader behaviour come from the browser. */
export function Select({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <select className={cn(controlClassName, "min-h-10 pr-8", className)} {...props}>
      {children}
    </select>
  );
}
