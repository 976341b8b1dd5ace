import { z } from "zod";
import * as zm from "zod/mini";
import { TEMPLATES } from "../../templates";
import type { FormatVersion } from "../template/types";
import { reportSchema, type SchemaMode } from "./schema";

// Kept apart from schema.ts so the browser bundle, which needs the schemas, does not carry
// zod's JSON Schema generator.
/** JSON Schema of the interchange format: either format's shape (strict or draft cells). */
export function reportJsonSchema(mode: SchemaMode = "strict"): object {
  const union = z.union(
    (Object.keys(TEMPLATES) as FormatVersion[]).map((v) =>
      // The schemas are zod/mini (schema.ts); zod classic composes them.
      zm.extend(reportSchema(v, mode), { format: zm.optional(zm.literal(v)) }).register(z.globalRegistry, {
        title: `政府信息公开工作年度报告 (${v} format)`,
      }),
    ) as unknown as [z.ZodType, z.ZodType],
  );
  return z.toJSONSchema(union.meta({ title: "gov-report interchange JSON", description: "One annual report (政府信息公开工作年度报告) of one agency for one year." }), {
    target: "draft-2020-12",
  });
}
