export type ClassValue = string | false | null | undefined | 0;

/**
 * Joins class names, skipping falsy ones. It does not resolve Tailwind conflicts (which of two
 * utilities for one property wins depends on stylesheet order, not class order), so primitives
 * expose variant/size props for what callers change, and a caller's className should only add
 * properties the primitive does not set.
 */
export function cn(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
