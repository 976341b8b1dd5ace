import type { z } from "zod";

/** The first message per top-level field of a failed parse, for showing next to form fields. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    result[key] ??= issue.message;
  }
  return result;
}
