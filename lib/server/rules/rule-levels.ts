import "server-only";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { parseRuleLevels, rulePolicy, type RuleLevel, type RuleLevels } from "../../rules/rule-levels";
import { recordAudit } from "../audit";
import { assertPermission, type CurrentUser } from "../authz";
import { AppError } from "../errors";
import { takeAdvisoryLock } from "../advisory-lock";

type Db = PrismaClient | Prisma.TransactionClient;

/*
 * The deployment's rule levels (issue 12.6): an admin sets any rule to error, warning or off
 * because provinces differ in what they enforce. Only overrides are stored (RuleLevelSetting);
 * every checkReport on the server gets them through crossYearContext or loadRuleLevels, the
 * wizard gets them from its page, and the CLI reads the same levels from the file the admin page
 * downloads (`--rules <file>`).
 */

const POLICY = new Map(rulePolicy().map((rule) => [rule.id, rule]));

/**
 * The stored overrides by rule id. A row the policy no longer knows (a rule removed from the
 * code) or with an unknown level is left out rather than failing every check.
 */
export async function loadRuleLevels(prisma: Db): Promise<RuleLevels> {
  const rows = await prisma.ruleLevelSetting.findMany({ select: { ruleId: true, level: true } });
  const levels: Record<string, RuleLevel> = {};
  for (const row of rows) {
    if (POLICY.has(row.ruleId) && (row.level === "error" || row.level === "warning" || row.level === "off")) levels[row.ruleId] = row.level;
  }
  return levels;
}

/** The overrides with who set each and when, for the admin page. */
export async function loadRuleLevelSettings(prisma: Db) {
  const rows = await prisma.ruleLevelSetting.findMany({ select: { ruleId: true, level: true, updatedAt: true, updatedBy: { select: { name: true } } } });
  const last = await prisma.auditEvent.findFirst({
    where: { action: "rule-levels.update" },
    orderBy: { at: "desc" },
    select: { at: true, actor: { select: { name: true } } },
  });
  return {
    levels: Object.fromEntries(rows.filter((r) => POLICY.has(r.ruleId)).map((r) => [r.ruleId, r.level])) as RuleLevels,
    /** The last change of any rule (also one that reset rules to their default, leaving no row). */
    lastChange: last ? { at: last.at, by: last.actor?.name ?? null } : null,
  };
}

/** One change of a save, as the audit trail records it (`null`: the policy's default). */
export interface RuleLevelChange {
  ruleId: string;
  from: RuleLevel | null;
  to: RuleLevel | null;
}

/**
 * Replaces the deployment's levels with `input` (`{ ruleId: level }` or `{ ruleLevels: {…} }`;
 * a rule left out, or set to its default, returns to the policy): admins only, validated as a
 * whole first, then in one transaction the rows are replaced and one audit row lists each change.
 * Bad input changes nothing.
 */
export async function saveRuleLevels(prisma: PrismaClient, user: CurrentUser, input: unknown): Promise<{ changes: RuleLevelChange[] }> {
  assertPermission(user, "admin.rules");
  const parsed = parseRuleLevels(input);
  if (!parsed.ok) throw new AppError("INVALID", parsed.message);
  // A level equal to the rule's default is no override: it is stored as no row.
  const wanted = Object.fromEntries(Object.entries(parsed.levels).filter(([id, level]) => POLICY.get(id)?.severity !== level)) as Record<string, RuleLevel>;

  return prisma.$transaction(async (tx) => {
    // Two admins saving at once: the second sees the first's rows, so its audit row is exact.
    await takeAdvisoryLock(tx, "rule-levels");
    const before = await loadRuleLevels(tx);
    const ids = [...new Set([...Object.keys(before), ...Object.keys(wanted)])].sort();
    const changes: RuleLevelChange[] = ids
      .map((ruleId) => ({ ruleId, from: before[ruleId] ?? null, to: wanted[ruleId] ?? null }))
      .filter((change) => change.from !== change.to);
    if (changes.length === 0) return { changes };
    await tx.ruleLevelSetting.deleteMany({ where: { ruleId: { in: changes.map((c) => c.ruleId) } } });
    const set = changes.filter((c) => c.to !== null);
    if (set.length > 0) {
      await tx.ruleLevelSetting.createMany({ data: set.map((c) => ({ ruleId: c.ruleId, level: c.to!, updatedById: user.id })) });
    }
    await recordAudit(tx, { actorId: user.id, action: "rule-levels.update", details: { changes } });
    return { changes };
  });
}

/** The levels file the CLI reads (`--rules <file>`): `{ "ruleLevels": { … } }`, sorted by rule id. */
export function ruleLevelsFile(levels: RuleLevels): string {
  const sorted = Object.fromEntries(Object.entries(levels).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ ruleLevels: sorted }, null, 2)}\n`;
}
