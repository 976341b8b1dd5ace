import "server-only";
import type { z } from "zod";
import type { Permission } from "../../auth/permissions";
import type { PrismaClient } from "../../generated/prisma/client";
import { assertPermission, type CurrentUser } from "../authz";
import { getPrisma } from "../db";
import { readBody } from "./read-body";
import { AppError, errorResponse } from "../errors";
import { parseInput } from "../parse-input";
import { requireUser } from "../session";
import { assertCleanInput } from "./input-guard";

/**
 * The route handler skeleton for multipart uploads (files beyond what server actions and
 * defineRoute take, 1 MB): authenticate, check the permission, refuse a body over the limit with
 * 413 and the route's Chinese message — from Content-Length before reading anything, and while
 * reading when the length is not declared or understated — decode the form, pass its text fields
 * through the input guard and the declared schema, run, and answer errors as JSON (unexpected
 * ones logged, generic message). Files and the fields named `rawFields` (a pasted text, which
 * the domain cleans itself) skip the guard: they are content, not field input.
 */

/** A file of the form, read. */
export interface UploadedFile {
  /** The name as the browser sent it (clean it before showing or storing it). */
  filename: string;
  type: string;
  bytes: Uint8Array;
}

export interface UploadRouteContext<F> {
  user: CurrentUser;
  prisma: PrismaClient;
  fields: F;
  /** The raw text fields, as sent. */
  raw: Record<string, string | undefined>;
  files: Record<string, UploadedFile | undefined>;
  request: Request;
}

export interface UploadRouteDefinition<FS extends z.ZodType> {
  /** The form's text fields (all but rawFields and files). */
  fields: FS;
  /** Text fields handed over as sent, without the input guard. */
  rawFields?: readonly string[];
  /** The largest body accepted, in bytes (the files plus the other fields and the multipart framing). */
  maxBodyBytes: number;
  /** The 413 message. */
  tooLargeMessage: string;
  permission: Permission;
  run: (context: UploadRouteContext<z.output<FS>>) => Promise<Response>;
}

export function defineUploadRoute<FS extends z.ZodType>(definition: UploadRouteDefinition<FS>) {
  return async function handler(request: Request): Promise<Response> {
    try {
      const user = await requireUser();
      assertPermission(user, definition.permission);
      const contentType = request.headers.get("content-type") ?? "";
      if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) throw new AppError("INVALID", "请求格式不正确：请通过页面上的表单上传文件。");
      const tooLarge = () => new AppError("TOO_LARGE", definition.tooLargeMessage);
      const declared = Number(request.headers.get("content-length") ?? 0);
      if (Number.isFinite(declared) && declared > definition.maxBodyBytes) throw tooLarge();
      const body = await readBody(request, definition.maxBodyBytes, tooLarge);

      let form: FormData;
      try {
        form = await new Response(body as BodyInit, { headers: { "content-type": contentType } }).formData();
      } catch {
        throw new AppError("INVALID", "上传的内容不完整或格式不正确，请重新选择文件后再上传。");
      }
      const raw: Record<string, string | undefined> = {};
      const strings: Record<string, string> = {};
      const files: Record<string, UploadedFile | undefined> = {};
      for (const [name, value] of form.entries()) {
        if (typeof value === "string") {
          if (definition.rawFields?.includes(name)) raw[name] = value;
          else strings[name] = value;
        } else if (!files[name]) {
          files[name] = { filename: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
        }
      }
      assertCleanInput(strings);
      const fields = parseInput(definition.fields, strings, { summary: "first" }) as z.output<FS>;
      return await definition.run({ user, prisma: await getPrisma(), fields, raw, files, request });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
