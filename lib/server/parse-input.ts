import "server-only";
import type { z } from "zod";
import { fieldErrorsOf } from "../utils/field-errors";
import { AppError } from "./errors";

/**
 * Parses input with a schema or fails with INVALID and per-field Chinese messages. Forms show
 * the field messages next to their fields under a general line; an API client without fields
 * (`summary: "first"`) gets the first field's message as the error's message.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, options: { summary?: "form" | "first" } = {}): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const message = options.summary === "first" ? (Object.values(fieldErrors)[0] ?? "提交的内容不正确。") : "请按提示修改标出的内容。";
    throw new AppError("INVALID", message, { fieldErrors });
  }
  return parsed.data;
}

/** Prisma's unique-constraint violation (a concurrent insert of the same name). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
