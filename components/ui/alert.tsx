import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

export type AlertVariant = "info" | "success" | "warning" | "danger";

const VARIANTS: Record<AlertVariant, string> = {
  info: "border-[#b9cdea] bg-info-soft",
  success: "border-[#a7dfb9] bg-success-soft",
  warning: "border-[#f3d19c] bg-warning-soft",
  danger: "border-[#f5b5ae] bg-danger-soft",
};

const TITLE_COLOURS: Record<AlertVariant, string> = {
  info: "text-info",
  success: "text-success",
  warning: "text-warning",
  danger: "text-danger",
};

/**
 * A message box. Pass role="alert" for errors that appear after an action so screen readers
 * announce them; static notices need no role.
 */
export function Alert({ variant = "info", className, ...props }: ComponentProps<"div"> & { variant?: AlertVariant }) {
  return <div data-variant={variant} className={cn("rounded-md border-l-4 border px-4 py-3 text-foreground", VARIANTS[variant], className)} {...props} />;
}

export function AlertTitle({ className, variant = "info", ...props }: ComponentProps<"p"> & { variant?: AlertVariant }) {
  return <p className={cn("font-semibold", TITLE_COLOURS[variant], className)} {...props} />;
}

export function AlertDescription({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("text-base", className)} {...props} />;
}
