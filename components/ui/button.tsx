import type { ComponentProps } from "react";
import { cn } from "@/lib/utils/cn";

export type ButtonVariant = "primary" | "secondary" | "outline" | "ghost" | "danger" | "link";
export type ButtonSize = "sm" | "md" | "lg";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-primary text-primary-foreground hover:bg-primary-hover",
  secondary: "bg-primary-soft text-primary hover:bg-[#d6e3f5]",
  outline: "border border-input bg-surface text-foreground hover:bg-muted",
  ghost: "text-foreground hover:bg-muted",
  danger: "bg-danger text-danger-foreground hover:bg-danger-hover",
  link: "text-primary underline underline-offset-4 hover:text-primary-hover",
};

// Targets stay at least 36px high (44px for lg) so older users and touch screens hit them easily.
const SIZES: Record<ButtonSize, string> = {
  sm: "min-h-9 px-3 text-sm",
  md: "min-h-10 px-4 text-base",
  lg: "min-h-11 px-6 text-base",
};

export function buttonClassName({ variant = "primary", size = "md", className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) {
  return cn(
    "inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap transition-colors",
    "disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60",
    VARIANTS[variant],
    variant === "link" ? "px-0" : SIZES[size],
    className,
  );
}

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A button; a link that looks like one uses buttonClassName (no Slot: it would load on every page). */
export function Button({ variant, size, className, type, ...props }: ButtonProps) {
  // type="button" by default: a button inside a form should submit only when it says so.
  return <button type={type ?? "button"} className={buttonClassName({ variant, size, className })} {...props} />;
}
