import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/server/seed/seed-demo";
import { getCurrentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "登录 · 政府信息公开工作年度报告编制系统" };

/** The demo accounts are listed unless the install hides them (the same flag as the start-up log). */
function showDemoAccounts(): boolean {
  return process.env.GOV_REPORT_HIDE_DEMO_ACCOUNTS !== "1";
}

export default async function LoginPage() {
  if (await getCurrentUser()) redirect("/workspace/reports");
  return (
    <div className="w-full max-w-md space-y-6">
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            登录
          </CardTitle>
        </CardHeader>
        <CardContent className="py-6">
          <LoginForm />
        </CardContent>
      </Card>
      {showDemoAccounts() && (
        <Card aria-labelledby="demo-accounts-title">
          <CardContent className="space-y-2 text-base">
            <h2 id="demo-accounts-title" className="font-semibold">
              演示账号
            </h2>
            <p className="text-muted-foreground">
              以下账号的密码均为 <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">{DEMO_PASSWORD}</code>
            </p>
            <ul className="space-y-1">
              {DEMO_ACCOUNTS.map((account) => (
                <li key={account.username}>
                  <code className="font-mono font-semibold">{account.username}</code>
                  <span className="text-muted-foreground"> — {account.description}</span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
