import "server-only";
import { z } from "zod";
import type { Permission } from "../../auth/permissions";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { getPrisma } from "../db";
import { AppError, errorResponse } from "../errors";
import { parseInput } from "../parse-input";
import { PhaseTimer } from "../../utils/server-timing";
import { assertCleanInput } from "./input-guard";
import { readBody } from "./read-body";
import { requireUser } from "../session";

export interface RouteContext<P, B> {
  user: CurrentUser;
  prisma: PrismaClient;
  params: P;
  body: B;
  request: Request;
  /** The request's phases so far (auth, body); run may lap its own, all sent as Server-Timing. */
  timing: PhaseTimer;
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

/** A record id in a URL (ids are UUIDs; seeded ones are slugs): anything else names nothing. */
export const ZRouteId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** Largest JSON body a route accepts (a report is a few dozen KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads at most MAX_BODY_BYTES of the body (whatever Content-Length claims) as UTF-8 JSON. */
async function readJson(request: Request): Promise<unknown> {
  const tooLarge = () => new AppError("TOO_LARGE", `提交的内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，无法保存。`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const body = await readBody(request, MAX_BODY_BYTES, tooLarge);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("INVALID", "请求内容不是有效的 UTF-8 文本。");
  }
  try {
    return JSON.parse(text);
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
    const timing = new PhaseTimer();
    try {
      const user = await requireUser();
      assertPermission(user, definition.permission);
      timing.lap("auth");
      // A malformed id names nothing: not found, like an id that does not exist.
      const parsedParams = definition.params.safeParse((await segment?.params) ?? {});
      if (!parsedParams.success) throw new AppError("NOT_FOUND");
      const params = parsedParams.data as z.output<PS>;
      let body: unknown;
      if (definition.body) {
        const json = await readJson(request);
        assertCleanInput(json);
        body = parseInput(definition.body, json, { summary: "first" });
        timing.lap("body");
      }
      const response = await definition.run({ user, prisma: await getPrisma(), params, body: body as z.output<BS>, request, timing });
      // A stream or a redirect may come with immutable headers: then it goes without the timing.
      try {
        response.headers.set("Server-Timing", timing.header());
      } catch {
        // immutable headers
      }
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}
