import { z } from "zod";
import { defineRoute } from "@/lib/server/actions/define-route";
import { loadRuleLevels, ruleLevelsFile } from "@/lib/server/rules/rule-levels";

export const runtime = "nodejs";

/**
 * The deployment's rule levels as the file the CLI reads (`gov-report check … --rules <file>`):
 * `{ "ruleLevels": { "<rule id>": "error" | "warning" | "off" } }`, admins only.
 */
export const GET = defineRoute({
  params: z.object({}),
  permission: "admin.rules",
  run: async ({ prisma }) => {
    const body = ruleLevelsFile(await loadRuleLevels(prisma));
    return new Response(body, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="rule-levels.json"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
