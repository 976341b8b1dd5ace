import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-header px-6 py-3.5 text-header-foreground">
        <p className="mx-auto max-w-7xl text-lg font-semibold tracking-wide">政府信息公开工作年度报告编制系统</p>
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-12">
        {children}
      </main>
    </div>
  );
}
