import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "政府信息公开工作年度报告编制系统",
  description: "编制、审核和发布政府信息公开工作年度报告",
};

/**
 * Rendered per request, every page and the 404 included: the Content-Security-Policy (proxy.ts)
 * admits only scripts carrying that response's nonce, which Next.js adds while rendering. A page
 * prerendered at build time would carry no nonce and its scripts would be blocked.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen antialiased">
        <a href="#main" className="skip-link">
          跳到主要内容
        </a>
        {children}
      </body>
    </html>
  );
}
