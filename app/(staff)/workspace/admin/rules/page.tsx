import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RuleLevelsForm, type RuleLevelRow } from "@/components/admin/rule-levels-form";
import { hasPermission } from "@/lib/auth/permissions";
import { defaultLevelLabel, groupRules } from "@/lib/admin/rule-level-groups";
import { rulePolicy } from "@/lib/rules/rule-levels";
import { getPrisma } from "@/lib/server/db";
import { loadRuleLevelSettings } from "@/lib/server/rules/rule-levels";
import { requireUserPage } from "@/lib/server/session";
import { formatDateTime } from "@/lib/utils/format-date-time";

export const metadata: Metadata = { title: "规则级别 · 政府信息公开工作年度报告编制系统" };

/**
 * Rule levels per deployment (issue 12.6): every rule with its default and the level this
 * deployment sets — error, warning or off — applied alike in the wizard, on the server and, with
 * the downloaded file, in the CLI.
 */
export default async function RuleLevelsPage() {
  const user = await requireUserPage();
  // Admin pages do not reveal themselves to other roles.
  if (!hasPermission(user, "admin.rules")) notFound();
  const { levels, lastChange } = await loadRuleLevelSettings(await getPrisma());
  const rows: RuleLevelRow[] = rulePolicy().map((rule) => ({
    id: rule.id,
    title: rule.title,
    defaultLabel: defaultLevelLabel(rule.severity),
    defaultSeverity: rule.severity,
    level: levels[rule.id] ?? "",
  }));
  const overridden = rows.filter((row) => row.level !== "").length;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">规则级别</h1>
        <p className="max-w-3xl text-muted-foreground">
          各地对年度报告的要求不尽相同。可以把任一检查规则设为「错误」（有错误的报告不能提交审核，下载的文件标注「草稿（未通过检查）」）、「警告」（提交时需填写说明）或「关闭」（不再检查）。选「默认」则按系统的默认级别检查。
        </p>
        <p className="text-base">
          {overridden === 0 ? "目前全部规则按默认级别检查。" : `目前有 ${overridden} 条规则按本部署的级别检查。`}
          {lastChange && (
            <span className="text-muted-foreground">
              {" "}
              最近一次修改：{lastChange.by ?? "（已删除的账号）"}，{formatDateTime(lastChange.at)}。
            </span>
          )}
        </p>
        <p className="text-base">
          <a href="/api/admin/rule-levels" download className="font-medium text-primary underline underline-offset-4">
            下载规则配置文件
          </a>
          <span className="text-muted-foreground">（已保存的级别，供命令行使用：gov-report check 报告.json --rules rule-levels.json）</span>
        </p>
      </div>
      <RuleLevelsForm groups={groupRules(rows).map(({ id, title, rules }) => ({ id, title, rules }))} />
    </div>
  );
}
