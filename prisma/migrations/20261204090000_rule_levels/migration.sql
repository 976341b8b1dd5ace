-- Issue 12.6: the levels a deployment sets for rules (lib/server/rules/rule-levels.ts). One row
-- per overridden rule; a rule at the policy's default has none. Changes are audited
-- (AuditEvent "rule-levels.update") in the transaction that replaces the rows.
CREATE TABLE "RuleLevelSetting" (
    "ruleId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" TEXT NOT NULL,
    CONSTRAINT "RuleLevelSetting_pkey" PRIMARY KEY ("ruleId"),
    CONSTRAINT "RuleLevelSetting_level_check" CHECK ("level" IN ('error', 'warning', 'off'))
);
ALTER TABLE "RuleLevelSetting" ADD CONSTRAINT "RuleLevelSetting_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
