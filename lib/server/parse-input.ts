import "server-only";
import type { z } from "zod";
import { fieldErrorsOf } from "../utils/field-errors";
import { AppError } from "./errors";

/** Parses input with a schema or fails with INVALID and per-field Chinese messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    throw new AppError("INVALID", "请按提示修改标出的内容。", { fieldErrors });
  }
  return parsed.data;
}

/** Prisma's unique-constraint violation (a concurrent insert of the same name). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
