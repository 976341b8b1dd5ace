import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

export type BadgeVariant = "neutral" | "info" | "warning" | "success" | "danger";

// Each pair keeps text at ≥ 4.5:1 on its tint; a border marks the shape without relying on colour.
const VARIANTS: Record<BadgeVariant, string> = {
  neutral: "bg-muted text-foreground border-border",
  info: "bg-info-soft text-info border-[#b9cdea]",
  warning: "bg-warning-soft text-warning border-[#f3d19c]",
  success: "bg-success-soft text-success border-[#a7dfb9]",
  danger: "bg-danger-soft text-danger border-[#f5b5ae]",
};

export function Badge({ variant = "neutral", className, ...props }: ComponentProps<"span"> & { variant?: BadgeVariant }) {
  return (
    <span
      className={cn("inline-flex items-center rounded-full border px-2.5 py-0.5 text-sm font-medium whitespace-nowrap", VARIANTS[variant], className)}
      {...props}
    />
  );
}
