import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The public shell: no sign-in, no staff navigation. A quiet page for citizens reading an
 * agency's published report; the root layout supplies lang="zh-CN" and the skip link to #main.
 */
export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-background">
      <header className="border-b border-border bg-surface">
        <div className="mx-auto max-w-5xl px-6 py-4">
          <Link href="/reports" className="text-lg font-semibold tracking-wide text-foreground hover:underline">
            政府信息公开 · 工作年度报告
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <footer className="border-t border-border bg-surface">
        <div className="mx-auto max-w-5xl px-6 py-4 text-base text-muted-foreground">
          本页公开的是各机关依据《中华人民共和国政府信息公开条例》向社会公布的政府信息公开工作年度报告。
        </div>
      </footer>
    </div>
  );
}
