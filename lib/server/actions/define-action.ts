import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Permission } from "../../auth/permissions";
import { actionFailure, type ActionFailure } from "../action-error";
import { assertPermission, type CurrentUser } from "../authz";
import { getPrisma } from "../db";
import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { assertCleanInput } from "./input-guard";
import { requireUser } from "../session";

/** What a domain function gets from the wrapper: who acts, the database and the parsed input. */
export interface ActionContext<I> {
  user: CurrentUser;
  prisma: PrismaClient;
  input: I;
}

/** What an action answers: its result with `ok: true`, or a failure with a Chinese message. */
export type ActionResult<R> = ({ ok: true } & R) | ActionFailure;

export interface ActionDefinition<S extends z.ZodType, R extends { message: string }> {
  /** The input as the client sends it (an object, or FormData read into one). */
  input: S;
  /** What the user's role must allow; the domain function adds the agency scope. */
  permission: Permission;
  run: (context: ActionContext<z.output<S>>) => Promise<R>;
  /**
   * A more specific answer for an expected failure (e.g. a CONFLICT that lost a race); return
   * nothing to keep the error's own message.
   */
  onError?: (error: AppError, input: z.output<S> | undefined) => ActionFailure | undefined;
}

/** FormData as a plain object: one string per field (files are never action input here). */
function formDataObject(data: FormData): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of data.entries()) if (typeof value === "string") result[key] = value;
  return result;
}

/**
 * The one shape of every server action: authenticate, check the role's permission (every action
 * must declare one: fail closed), parse the input with the declared schema, run the domain
 * function, and map errors — expected ones keep their Chinese message, anything else is logged
 * and answered with the generic message. Next's own control flow (redirect, notFound) passes
 * through.
 */
export function defineAction<S extends z.ZodType, R extends { message: string }>(definition: ActionDefinition<S, R>) {
  return async function action(raw: z.input<S> | FormData): Promise<ActionResult<R>> {
    let input: z.output<S> | undefined;
    try {
      const user = await requireUser();
      assertPermission(user, definition.permission);
      assertCleanInput(raw);
      input = parseInput(definition.input, raw instanceof FormData ? formDataObject(raw) : raw);
      const result = await definition.run({ user, prisma: await getPrisma(), input: input as z.output<S> });
      return { ok: true, ...result };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError && definition.onError) {
        const custom = definition.onError(error, input);
        if (custom) return custom;
      }
      return actionFailure(error);
    }
  };
}
