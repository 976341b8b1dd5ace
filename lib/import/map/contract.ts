import { reportSchema } from "../../report/schema";
import type { FormatVersion } from "../../template/types";
import type { ImportedReport } from "../types";
import { problem, type MapContext } from "./context";

/**
 * Keeps the imported JSON within the contract's limits (the draft schema of lib/report/schema.ts):
 * an over-long list is cut to its maximum, any other field the schema refuses (a 400-character
 * "agency", a year 1899) is left out, each with a problem naming it. Garbage in a text never
 * makes the importer emit JSON that `check` would refuse to read.
 */
function comparePaths(a: PropertyKey[], b: PropertyKey[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === "number" && typeof b[i] === "number") return (a[i] as number) - (b[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return a.length - b.length;
}

export function fitContract(report: ImportedReport, format: FormatVersion, ctx: MapContext): ImportedReport {
  const schema = reportSchema(format, "draft");
  let current = report;
  for (let round = 0; round < 10; round++) {
    // agency and year may be missing (a problem says so already): stand-ins let the rest be checked.
    const result = schema.safeParse({ agency: "—", year: 2000, ...current });
    if (result.success) return current;
    const next = structuredClone(current) as Record<string, unknown>;
    // Deepest and last first, so removing one array element does not shift another's path.
    const issues = [...result.error.issues].sort((a, b) => comparePaths(b.path, a.path));
    for (const issue of issues) {
      const path = issue.path.map(String);
      if (!path.length) continue;
      const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], next);
      if (!parent || typeof parent !== "object") continue;
      const key = path[path.length - 1];
      const value = (parent as Record<string, unknown>)[key];
      const where = path.join(".");
      if (issue.code === "too_big" && Array.isArray(value)) {
        (parent as Record<string, unknown>)[key] = value.slice(0, Number(issue.maximum));
        problem(ctx, "contract.cut", `「${where}」超过 ${issue.maximum} 项，只保留了前 ${issue.maximum} 项。`);
      } else if (Array.isArray(parent)) {
        parent.splice(Number(key), 1);
        problem(ctx, "contract.dropped", `「${where}」不符合报告格式（${issue.message}），未导入。`);
      } else {
        delete (parent as Record<string, unknown>)[key];
        problem(ctx, "contract.dropped", `「${where}」不符合报告格式（${issue.message}），未导入。`);
      }
    }
    current = next as ImportedReport;
  }
  return current;
}
