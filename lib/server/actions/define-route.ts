import "server-only";
import type { z } from "zod";
import type { Permission } from "../../auth/permissions";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { getPrisma } from "../db";
import { AppError, errorResponse } from "../errors";
import { parseInput } from "../parse-input";
import { requireUser } from "../session";

export interface RouteContext<P, B> {
  user: CurrentUser;
  prisma: PrismaClient;
  params: P;
  body: B;
  request: Request;
}

export interface RouteDefinition<PS extends z.ZodType, BS extends z.ZodType> {
  /** The route's dynamic segments. */
  params: PS;
  /** The JSON body; leave out for routes without one (GET). */
  body?: BS;
  /** What the user's role must allow; the domain function adds the agency scope. */
  permission: Permission;
  run: (context: RouteContext<z.output<PS>, z.output<BS>>) => Promise<Response>;
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("INVALID", "请求内容不是有效的 JSON。");
  }
}

/**
 * The one shape of every route handler of the signed-in app, as defineAction is for server
 * actions: authenticate, check the permission, parse params and body with the declared schemas,
 * run, and answer errors as JSON with their status (unexpected ones logged, generic message).
 */
export function defineRoute<PS extends z.ZodType, BS extends z.ZodType = z.ZodUndefined>(definition: RouteDefinition<PS, BS>) {
  return async function handler(request: Request, segment: { params: Promise<unknown> }): Promise<Response> {
    try {
      const user = await requireUser();
      assertPermission(user, definition.permission);
      // A malformed id names nothing: not found, like an id that does not exist.
      const parsedParams = definition.params.safeParse(await segment.params);
      if (!parsedParams.success) throw new AppError("NOT_FOUND");
      const params = parsedParams.data as z.output<PS>;
      const body = definition.body ? parseInput(definition.body, await readJson(request), { summary: "first" }) : undefined;
      return await definition.run({ user, prisma: await getPrisma(), params, body: body as z.output<BS>, request });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
